// search.cpp — running a query with BM25 and reading the match set.
#include "internal.hpp"

#include <memory>

using cxapian::guarded;
using cxapian::need;

namespace {

bool uses_default_bm25(const cxapian_search_options &o) {
    return o.bm25_k1 == 0 && o.bm25_k2 == 0 && o.bm25_k3 == 0 && o.bm25_b == 0 &&
           o.bm25_min_normlen == 0;
}

void set_weighting(Xapian::Enquire &enquire, const cxapian_search_options &o) {
    switch (o.scheme) {
        case CXAPIAN_SCHEME_BM25_PLUS: enquire.set_weighting_scheme(Xapian::BM25PlusWeight()); return;
        case CXAPIAN_SCHEME_TFIDF: enquire.set_weighting_scheme(Xapian::TfIdfWeight()); return;
        case CXAPIAN_SCHEME_PL2: enquire.set_weighting_scheme(Xapian::PL2Weight()); return;
        case CXAPIAN_SCHEME_PL2_PLUS: enquire.set_weighting_scheme(Xapian::PL2PlusWeight()); return;
        case CXAPIAN_SCHEME_DPH: enquire.set_weighting_scheme(Xapian::DPHWeight()); return;
        case CXAPIAN_SCHEME_DLH: enquire.set_weighting_scheme(Xapian::DLHWeight()); return;
        case CXAPIAN_SCHEME_LM: enquire.set_weighting_scheme(Xapian::LMWeight()); return;
        case CXAPIAN_SCHEME_INL2: enquire.set_weighting_scheme(Xapian::InL2Weight()); return;
        case CXAPIAN_SCHEME_IFB2: enquire.set_weighting_scheme(Xapian::IfB2Weight()); return;
        case CXAPIAN_SCHEME_INEB2: enquire.set_weighting_scheme(Xapian::IneB2Weight()); return;
        case CXAPIAN_SCHEME_BB2: enquire.set_weighting_scheme(Xapian::BB2Weight()); return;
        default: break;
    }
    if (uses_default_bm25(o)) {
        enquire.set_weighting_scheme(Xapian::BM25Weight());
    } else {
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(o.bm25_k1, o.bm25_k2, o.bm25_k3, o.bm25_b, o.bm25_min_normlen));
    }
}

// One round trip for every hit's document from a remote shard, not one per hit. Xapian
// 1.4's MSet::fetch() reads past its items when the match set starts at an offset (a crash
// seen with offset 3), so later pages fetch each document as it is read.
void prefetch(const Xapian::MSet &mset, const cxapian_search_options &o) {
    if (o.offset == 0) mset.fetch();
}

}  // namespace

extern "C" {

cxapian_mset *cxapian_search(cxapian_database *db, const cxapian_query *query,
                             const cxapian_search_options *options, cxapian_error *err) {
    return cxapian::guarded_new<cxapian_mset>(err, [&] {
        const cxapian_search_options &o = need(options, "search options");
        Xapian::Enquire enquire(need(db, "database").db);
        enquire.set_query(need(query, "query").query);
        set_weighting(enquire, o);
        if (o.collapse_slot >= 0) {
            // collapse_max 0 would disable collapsing; treat it as "one per key".
            const Xapian::doccount keep = o.collapse_max == 0 ? 1 : o.collapse_max;
            enquire.set_collapse_key(static_cast<Xapian::valueno>(o.collapse_slot), keep);
        }
        if (o.tie_slot >= 0) {
            // Docids depend on how the index is split into shards; a value does not.
            enquire.set_sort_by_relevance_then_value(static_cast<Xapian::valueno>(o.tie_slot), false);
        }
        if (o.weight_cutoff > 0) enquire.set_cutoff(0, o.weight_cutoff);
        if (o.count_values == 0) {
            auto result = std::make_unique<cxapian_mset>(cxapian_mset{enquire.get_mset(o.offset, o.limit, o.check_at_least), {}});
            prefetch(result->mset, o);
            return result.release();
        }
        Xapian::ValueCountMatchSpy spy(static_cast<Xapian::valueno>(o.count_slot));
        enquire.add_matchspy(&spy);
        auto result = std::make_unique<cxapian_mset>();
        result->mset = enquire.get_mset(o.offset, o.limit, o.check_at_least);
        prefetch(result->mset, o);
        for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
            result->value_counts.emplace_back(*it, it.get_termfreq());
        }
        return result.release();
    });
}

void cxapian_mset_free(cxapian_mset *mset) { delete mset; }

uint32_t cxapian_mset_size(const cxapian_mset *mset) {
    return mset == nullptr ? 0 : mset->mset.size();
}

uint32_t cxapian_mset_estimated(const cxapian_mset *mset) {
    return mset == nullptr ? 0 : mset->mset.get_matches_estimated();
}

uint32_t cxapian_mset_lower_bound(const cxapian_mset *mset) {
    return mset == nullptr ? 0 : mset->mset.get_matches_lower_bound();
}

uint32_t cxapian_mset_upper_bound(const cxapian_mset *mset) {
    return mset == nullptr ? 0 : mset->mset.get_matches_upper_bound();
}

uint32_t cxapian_mset_docid(const cxapian_mset *mset, uint32_t index) {
    if (mset == nullptr || index >= mset->mset.size()) {
        return 0;
    }
    return *mset->mset[index];
}

double cxapian_mset_weight(const cxapian_mset *mset, uint32_t index) {
    if (mset == nullptr || index >= mset->mset.size()) {
        return 0;
    }
    return mset->mset[index].get_weight();
}

uint32_t cxapian_mset_collapse_count(const cxapian_mset *mset, uint32_t index) {
    if (mset == nullptr || index >= mset->mset.size()) {
        return 0;
    }
    return mset->mset[index].get_collapse_count();
}

cxapian_strings *cxapian_mset_value_counts(const cxapian_mset *mset, cxapian_error *err) {
    return cxapian::guarded_new<cxapian_strings>(err, [&] {
        auto list = std::make_unique<cxapian_strings>();
        list->items = need(mset, "match set").value_counts;
        return list.release();
    });
}

int cxapian_mset_data(const cxapian_mset *mset, uint32_t index, cxapian_string *out,
                      cxapian_error *err) {
    return guarded(err, [&] {
        const Xapian::MSet &matches = need(mset, "match set").mset;
        if (index >= matches.size()) {
            throw Xapian::RangeError("match index " + std::to_string(index) +
                                     " is past the end of the match set (size " +
                                     std::to_string(matches.size()) + ")");
        }
        cxapian::copy_out(matches[index].get_document().get_data(), out);
    });
}

}  // extern "C"

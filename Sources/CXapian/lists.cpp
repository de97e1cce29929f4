// lists.cpp — calls that iterate the database and return docid arrays or string lists.
#include "internal.hpp"

#include <cstdlib>
#include <memory>
#include <new>

using cxapian::bytes;
using cxapian::guarded;
using cxapian::guarded_new;
using cxapian::need;

namespace {

bool has_prefix(const std::string &term, const std::string &prefix) {
    return term.compare(0, prefix.size(), prefix) == 0;
}

/// Collects terms from [it, end) while they start with `prefix`, at most `max` (0 = all).
template <typename Count>
cxapian_strings *collect(Xapian::TermIterator it, const Xapian::TermIterator &end,
                         const std::string &prefix, uint32_t max, Count count) {
    auto list = std::make_unique<cxapian_strings>();
    for (; it != end; ++it) {
        std::string term = *it;
        if (!has_prefix(term, prefix)) {
            break;
        }
        list->items.emplace_back(std::move(term), count(it));
        if (max != 0 && list->items.size() >= max) {
            break;
        }
    }
    return list.release();
}

uint32_t no_count(const Xapian::TermIterator &) { return 0; }

}  // namespace

extern "C" {

int cxapian_database_postings(cxapian_database *db, const char *term, size_t length,
                              uint32_t max, uint32_t **docids, size_t *count,
                              cxapian_error *err) {
    return guarded(err, [&] {
        uint32_t *&result = need(docids, "docids");
        size_t &result_count = need(count, "count");
        result = nullptr;
        result_count = 0;
        const Xapian::Database &handle = need(db, "database").db;
        const std::string name = bytes(term, length);
        std::vector<uint32_t> ids;
        for (auto it = handle.postlist_begin(name); it != handle.postlist_end(name); ++it) {
            ids.push_back(*it);
            if (max != 0 && ids.size() >= max) {
                break;
            }
        }
        if (ids.empty()) {
            return;
        }
        // malloc: released by cxapian_docids_free (free) from C or Swift.
        auto *buffer = static_cast<uint32_t *>(std::malloc(ids.size() * sizeof(uint32_t)));
        if (buffer == nullptr) {
            throw std::bad_alloc();
        }
        std::copy(ids.begin(), ids.end(), buffer);
        result = buffer;
        result_count = ids.size();
    });
}

cxapian_strings *cxapian_database_metadata_keys(cxapian_database *db, const char *prefix,
                                                size_t length, cxapian_error *err) {
    return guarded_new<cxapian_strings>(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        const std::string start = bytes(prefix, length);
        return collect(handle.metadata_keys_begin(start), handle.metadata_keys_end(start), start,
                       0, no_count);
    });
}

cxapian_strings *cxapian_database_doc_terms(cxapian_database *db, uint32_t docid,
                                            const char *prefix, size_t length,
                                            cxapian_error *err) {
    return guarded_new<cxapian_strings>(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        const std::string start = bytes(prefix, length);
        Xapian::TermIterator it = handle.termlist_begin(docid);
        if (!start.empty()) {
            it.skip_to(start);
        }
        return collect(it, handle.termlist_end(docid), start, 0,
                       [](const Xapian::TermIterator &t) { return t.get_wdf(); });
    });
}

cxapian_strings *cxapian_database_all_terms(cxapian_database *db, const char *prefix,
                                            size_t length, uint32_t max, cxapian_error *err) {
    return guarded_new<cxapian_strings>(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        const std::string start = bytes(prefix, length);
        return collect(handle.allterms_begin(start), handle.allterms_end(start), start, max,
                       [](const Xapian::TermIterator &t) { return t.get_termfreq(); });
    });
}

cxapian_strings *cxapian_database_spelling_words(cxapian_database *db, const char *prefix,
                                                 size_t length, uint32_t max, cxapian_error *err) {
    return guarded_new<cxapian_strings>(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        const std::string start = bytes(prefix, length);
        Xapian::TermIterator it = handle.spellings_begin();
        if (!start.empty()) {
            it.skip_to(start);
        }
        return collect(it, handle.spellings_end(), start, max,
                       [](const Xapian::TermIterator &t) { return t.get_termfreq(); });
    });
}

cxapian_strings *cxapian_database_synonyms(cxapian_database *db, const char *key, size_t length,
                                           cxapian_error *err) {
    return guarded_new<cxapian_strings>(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        const std::string name = bytes(key, length);
        return collect(handle.synonyms_begin(name), handle.synonyms_end(name), std::string(), 0,
                       no_count);
    });
}

cxapian_strings *cxapian_database_synonym_keys(cxapian_database *db, const char *prefix,
                                               size_t length, cxapian_error *err) {
    return guarded_new<cxapian_strings>(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        const std::string start = bytes(prefix, length);
        return collect(handle.synonym_keys_begin(start), handle.synonym_keys_end(start), start,
                       0, no_count);
    });
}

}  // extern "C"

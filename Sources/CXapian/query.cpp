// query.cpp — building query trees. A tree and the trees built from it belong to one thread
// (Xapian 1.4 counts references to query nodes with a plain, non-atomic integer).
#include "internal.hpp"

using cxapian::guarded;
using cxapian::guarded_new;
using cxapian::need;

namespace {

Xapian::Query::op xapian_op(cxapian_op op) {
    switch (op) {
        case CXAPIAN_OP_AND: return Xapian::Query::OP_AND;
        case CXAPIAN_OP_OR: return Xapian::Query::OP_OR;
        case CXAPIAN_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
        case CXAPIAN_OP_XOR: return Xapian::Query::OP_XOR;
        case CXAPIAN_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
        case CXAPIAN_OP_FILTER: return Xapian::Query::OP_FILTER;
        case CXAPIAN_OP_NEAR: return Xapian::Query::OP_NEAR;
        case CXAPIAN_OP_PHRASE: return Xapian::Query::OP_PHRASE;
        case CXAPIAN_OP_ELITE_SET: return Xapian::Query::OP_ELITE_SET;
        case CXAPIAN_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
        case CXAPIAN_OP_MAX: return Xapian::Query::OP_MAX;
    }
    throw Xapian::InvalidArgumentError("unknown cxapian_op " + std::to_string(static_cast<int>(op)));
}

/// Whether `query` has an operator whose postlist decays while Xapian prunes (see the header).
/// A SYNONYM's subtree is matched with no minimum weight, so nothing under it decays.
bool may_prune_inexactly(const Xapian::Query &query) {
    switch (query.get_type()) {
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_ELITE_SET:
        case Xapian::Query::OP_MAX:
            return true;
        case Xapian::Query::OP_SYNONYM:
            return false;
        default:
            break;
    }
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (may_prune_inexactly(query.get_subquery(i))) {
            return true;
        }
    }
    return false;
}

}  // namespace

extern "C" {

cxapian_query *cxapian_query_term(const char *term, size_t length, uint32_t wqf,
                                  uint32_t position, cxapian_error *err) {
    return guarded_new<cxapian_query>(err, [&] {
        return new cxapian_query{Xapian::Query(cxapian::bytes(term, length), wqf, position)};
    });
}

cxapian_query *cxapian_query_match_all(cxapian_error *err) {
    // Not Xapian::Query::MatchAll: copying that shared static would touch its unlocked refcount.
    return guarded_new<cxapian_query>(err, [] { return new cxapian_query{Xapian::Query(std::string())}; });
}

cxapian_query *cxapian_query_match_nothing(cxapian_error *err) {
    return guarded_new<cxapian_query>(err, [] { return new cxapian_query{Xapian::Query()}; });
}

cxapian_query *cxapian_query_combine(cxapian_op op, const cxapian_query *const *subqueries,
                                     size_t count, uint32_t parameter, cxapian_error *err) {
    return guarded_new<cxapian_query>(err, [&] {
        const Xapian::Query::op xop = xapian_op(op);
        if (count != 0 && subqueries == nullptr) {
            throw Xapian::InvalidArgumentError("subqueries is NULL");
        }
        std::vector<Xapian::Query> parts;
        parts.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            parts.push_back(need(subqueries[i], "subquery").query);
        }
        return new cxapian_query{Xapian::Query(xop, parts.begin(), parts.end(), parameter)};
    });
}

cxapian_query *cxapian_query_wildcard(const char *prefix, size_t length, uint32_t max_expansion,
                                      cxapian_error *err) {
    return guarded_new<cxapian_query>(err, [&] {
        // A capped expansion keeps the most frequent terms, the ones that matter most. Xapian
        // reads a limit of 0 with WILDCARD_LIMIT_MOST_FREQUENT as "keep none" (measured), so
        // "no limit" must use the default limit type, where 0 means unlimited.
        const int limit_type = max_expansion == 0 ? Xapian::Query::WILDCARD_LIMIT_ERROR
                                                  : Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT;
        return new cxapian_query{Xapian::Query(Xapian::Query::OP_WILDCARD,
                                               cxapian::bytes(prefix, length), max_expansion,
                                               limit_type)};
    });
}

cxapian_query *cxapian_query_scale(const cxapian_query *query, double factor,
                                   cxapian_error *err) {
    return guarded_new<cxapian_query>(err, [&] {
        return new cxapian_query{
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, need(query, "query").query, factor)};
    });
}

int cxapian_query_describe(const cxapian_query *query, cxapian_string *out, cxapian_error *err) {
    return guarded(err, [&] {
        cxapian::copy_out(need(query, "query").query.get_description(), out);
    });
}

int cxapian_query_may_prune_inexactly(const cxapian_query *query) {
    return query != nullptr && may_prune_inexactly(query->query) ? 1 : 0;
}

int cxapian_query_is_empty(const cxapian_query *query) {
    return query == nullptr || query->query.empty() ? 1 : 0;
}

void cxapian_query_free(cxapian_query *query) {
    if (query == nullptr) {
        return;
    }
    delete query;
}

}  // extern "C"

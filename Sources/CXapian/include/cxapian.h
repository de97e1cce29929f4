/*
 * cxapian.h — a small C interface over the parts of Xapian 1.4 that Passim uses.
 *
 * Why a shim: Swift cannot call C++ without interop mode, and no C++ exception may
 * cross into Swift. Every entry point here catches everything and reports it through
 * a `cxapian_error` out-parameter, one code per Xapian exception class, so Swift can
 * throw a typed error. Handles are opaque; each `*_new` / `*_open` has a `*_free`.
 *
 * Thread safety (measured, see shared/notes/platform.md): a database handle must be
 * used by one thread at a time. Use one handle per thread. Query handles may be shared:
 * Xapian 1.4 counts query references non-atomically, so the shim copies and frees query
 * nodes under one lock and each search runs on a private copy of its query.
 *
 * Conventions: strings are (pointer, length) pairs of UTF-8 bytes and need not be NUL
 * terminated; returned strings are `cxapian_string` values owned by the caller and freed
 * with `cxapian_string_free`. Functions that can fail return 0 on success and the error
 * code otherwise (or NULL for constructors), and fill `*err` when `err` is not NULL.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ---------------------------------------------------------------------- */

/** One code per Xapian exception class (plus allocation and unknown failures). */
typedef enum cxapian_code {
    CXAPIAN_OK = 0,
    CXAPIAN_ERR_ASSERTION = 1,             /* Xapian::AssertionError */
    CXAPIAN_ERR_INVALID_ARGUMENT = 2,      /* Xapian::InvalidArgumentError */
    CXAPIAN_ERR_INVALID_OPERATION = 3,     /* Xapian::InvalidOperationError */
    CXAPIAN_ERR_UNIMPLEMENTED = 4,         /* Xapian::UnimplementedError */
    CXAPIAN_ERR_DATABASE = 5,              /* Xapian::DatabaseError (no subclass) */
    CXAPIAN_ERR_DATABASE_CORRUPT = 6,      /* Xapian::DatabaseCorruptError */
    CXAPIAN_ERR_DATABASE_CREATE = 7,       /* Xapian::DatabaseCreateError */
    CXAPIAN_ERR_DATABASE_LOCK = 8,         /* Xapian::DatabaseLockError */
    CXAPIAN_ERR_DATABASE_MODIFIED = 9,     /* Xapian::DatabaseModifiedError */
    CXAPIAN_ERR_DATABASE_OPENING = 10,     /* Xapian::DatabaseOpeningError */
    CXAPIAN_ERR_DATABASE_NOT_FOUND = 11,   /* Xapian::DatabaseNotFoundError */
    CXAPIAN_ERR_DATABASE_VERSION = 12,     /* Xapian::DatabaseVersionError */
    CXAPIAN_ERR_DATABASE_CLOSED = 13,      /* Xapian::DatabaseClosedError */
    CXAPIAN_ERR_DOC_NOT_FOUND = 14,        /* Xapian::DocNotFoundError */
    CXAPIAN_ERR_FEATURE_UNAVAILABLE = 15,  /* Xapian::FeatureUnavailableError */
    CXAPIAN_ERR_INTERNAL = 16,             /* Xapian::InternalError */
    CXAPIAN_ERR_NETWORK = 17,              /* Xapian::NetworkError */
    CXAPIAN_ERR_NETWORK_TIMEOUT = 18,      /* Xapian::NetworkTimeoutError */
    CXAPIAN_ERR_QUERY_PARSER = 19,         /* Xapian::QueryParserError */
    CXAPIAN_ERR_SERIALISATION = 20,        /* Xapian::SerialisationError */
    CXAPIAN_ERR_RANGE = 21,                /* Xapian::RangeError */
    CXAPIAN_ERR_WILDCARD = 22,             /* Xapian::WildcardError */
    CXAPIAN_ERR_OTHER_XAPIAN = 23,         /* a Xapian::Error subclass not listed above */
    CXAPIAN_ERR_OUT_OF_MEMORY = 24,        /* std::bad_alloc */
    CXAPIAN_ERR_STD_EXCEPTION = 25,        /* another std::exception */
    CXAPIAN_ERR_UNKNOWN = 26               /* anything else that was thrown */
} cxapian_code;

/** Filled by a failing call: the code, Xapian's class name and its message. */
typedef struct cxapian_error {
    int32_t code;           /* a cxapian_code */
    char type[48];          /* e.g. "DatabaseLockError", NUL terminated */
    char message[976];      /* Xapian's message (truncated if longer), NUL terminated */
} cxapian_error;

/* ---- strings and string lists ------------------------------------------------------ */

/** A byte string allocated by the shim; free with cxapian_string_free. */
typedef struct cxapian_string {
    char *data;             /* may contain NUL bytes; NULL when length is 0 */
    size_t length;
} cxapian_string;

void cxapian_string_free(cxapian_string s);

/** An immutable list of (term, count) pairs returned by iterating calls. */
typedef struct cxapian_strings cxapian_strings;

size_t cxapian_strings_count(const cxapian_strings *list);
/** The i-th string (borrowed; valid until the list is freed). */
const char *cxapian_strings_at(const cxapian_strings *list, size_t i, size_t *length);
/** The i-th count (term frequency, wdf, ... depending on the call; 0 if not meaningful). */
uint32_t cxapian_strings_count_at(const cxapian_strings *list, size_t i);
void cxapian_strings_free(cxapian_strings *list);

/** Xapian's version string, e.g. "1.4.22" (static storage). */
const char *cxapian_version(void);

/* ---- stemming ---------------------------------------------------------------------- */

typedef struct cxapian_stemmer cxapian_stemmer;

/** A Snowball stemmer for `language` (e.g. "english"); NULL and *err on an unknown language. */
cxapian_stemmer *cxapian_stemmer_new(const char *language, cxapian_error *err);
void cxapian_stemmer_free(cxapian_stemmer *stemmer);
/** Stems one (already case-folded) word. Returns 0 and fills *out on success. */
int cxapian_stemmer_stem(cxapian_stemmer *stemmer, const char *word, size_t length,
                         cxapian_string *out, cxapian_error *err);

/* ---- documents --------------------------------------------------------------------- */

typedef struct cxapian_document cxapian_document;

cxapian_document *cxapian_document_new(void);
void cxapian_document_free(cxapian_document *doc);
/** Adds `term` at `position` (>= 1) with wdf increment `wdf_inc`. */
int cxapian_document_add_posting(cxapian_document *doc, const char *term, size_t length,
                                 uint32_t position, uint32_t wdf_inc, cxapian_error *err);
/** Adds `term` without position information, increasing its wdf by `wdf_inc`. */
int cxapian_document_add_term(cxapian_document *doc, const char *term, size_t length,
                              uint32_t wdf_inc, cxapian_error *err);
/** Adds a boolean (filter) term: wdf 0, no positions. */
int cxapian_document_add_boolean_term(cxapian_document *doc, const char *term, size_t length,
                                      cxapian_error *err);
int cxapian_document_set_data(cxapian_document *doc, const char *data, size_t length,
                              cxapian_error *err);
int cxapian_document_add_value(cxapian_document *doc, uint32_t slot, const char *value,
                               size_t length, cxapian_error *err);

/* ---- read-only database ---------------------------------------------------------------- */

typedef struct cxapian_database cxapian_database;

/** Opens the database at `path` read-only. NULL and *err on failure. */
cxapian_database *cxapian_database_open(const char *path, cxapian_error *err);
/** A database served by xapian-tcpsrv at host:port; timeout_ms bounds connecting and each
    operation (0: Xapian's defaults). */
cxapian_database *cxapian_database_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                               cxapian_error *err);
void cxapian_database_free(cxapian_database *db);
/** Moves the handle to the newest committed revision. *changed is set to 1 if the revision
    changed (unlike Xapian's reopen(), which also answers true when nothing was committed). */
int cxapian_database_reopen(cxapian_database *db, int *changed, cxapian_error *err);
int cxapian_database_close(cxapian_database *db, cxapian_error *err);
int cxapian_database_revision(cxapian_database *db, uint64_t *out, cxapian_error *err);
/** The database's UUID, made when it was created: a database deleted and made again at the same
    path has a new one (empty when the backend has none). */
int cxapian_database_uuid(cxapian_database *db, cxapian_string *out, cxapian_error *err);
int cxapian_database_doccount(cxapian_database *db, uint32_t *out, cxapian_error *err);
int cxapian_database_average_length(cxapian_database *db, double *out, cxapian_error *err);
/** Number of documents indexed by `term` (0 when the term is absent). */
int cxapian_database_termfreq(cxapian_database *db, const char *term, size_t length,
                              uint32_t *out, cxapian_error *err);
int cxapian_database_get_metadata(cxapian_database *db, const char *key, size_t length,
                                  cxapian_string *out, cxapian_error *err);
/** Metadata keys starting with `prefix`, in sorted order (counts are 0). */
cxapian_strings *cxapian_database_metadata_keys(cxapian_database *db, const char *prefix,
                                                size_t length, cxapian_error *err);
/** Document data of `docid`. CXAPIAN_ERR_DOC_NOT_FOUND if there is none. */
int cxapian_database_get_data(cxapian_database *db, uint32_t docid, cxapian_string *out,
                              cxapian_error *err);
int cxapian_database_get_value(cxapian_database *db, uint32_t docid, uint32_t slot,
                               cxapian_string *out, cxapian_error *err);
/** The docids indexed by `term`, ascending, at most `max` of them (0 = no limit). */
int cxapian_database_postings(cxapian_database *db, const char *term, size_t length,
                              uint32_t max, uint32_t **docids, size_t *count, cxapian_error *err);
void cxapian_docids_free(uint32_t *docids);
/** Terms of document `docid` that start with `prefix`, with their wdf as counts. */
cxapian_strings *cxapian_database_doc_terms(cxapian_database *db, uint32_t docid,
                                            const char *prefix, size_t length,
                                            cxapian_error *err);
/** All terms starting with `prefix` (sorted), with term frequencies; at most `max` (0 = all). */
cxapian_strings *cxapian_database_all_terms(cxapian_database *db, const char *prefix,
                                            size_t length, uint32_t max, cxapian_error *err);
/** The spelling table's words that start with `prefix`, in byte order, with their spelling
 *  frequencies as counts; at most `max` (0 = all). */
cxapian_strings *cxapian_database_spelling_words(cxapian_database *db, const char *prefix,
                                                 size_t length, uint32_t max, cxapian_error *err);
/** Xapian's spelling suggestion for `word` within `max_edit_distance`; empty if none. */
int cxapian_database_spelling_suggestion(cxapian_database *db, const char *word, size_t length,
                                         uint32_t max_edit_distance, cxapian_string *out,
                                         cxapian_error *err);
/** The synonyms stored for `key`. */
cxapian_strings *cxapian_database_synonyms(cxapian_database *db, const char *key, size_t length,
                                           cxapian_error *err);
/** Synonym keys starting with `prefix`. */
cxapian_strings *cxapian_database_synonym_keys(cxapian_database *db, const char *prefix,
                                               size_t length, cxapian_error *err);

/* ---- writable database ------------------------------------------------------------------ */

typedef struct cxapian_writable cxapian_writable;

enum {
    CXAPIAN_OPEN_CREATE_OR_OPEN = 1,  /* create the database if it does not exist */
    CXAPIAN_OPEN_RETRY_LOCK = 2,      /* wait for the write lock instead of failing */
    CXAPIAN_OPEN_NO_SYNC = 4,         /* Xapian::DB_NO_SYNC: skip fsync (fresh bulk builds) */
    CXAPIAN_OPEN_FULL_SYNC = 8        /* Xapian::DB_FULL_SYNC */
};

/** Opens (or creates) a database for writing; `flags` is a mask of CXAPIAN_OPEN_*. */
cxapian_writable *cxapian_writable_open(const char *path, int flags, cxapian_error *err);
/** Frees the handle; pending changes are committed by Xapian's destructor unless a
    transaction is open, in which case they are discarded. Prefer cxapian_writable_close. */
void cxapian_writable_free(cxapian_writable *db);
/** Commits and releases the lock. The handle must still be freed. */
int cxapian_writable_close(cxapian_writable *db, cxapian_error *err);
/** A read view of the same database that also sees uncommitted changes. It is owned by `db`:
    valid while `db` lives; cxapian_database_free on it does nothing, and cxapian_database_close
    on it fails with CXAPIAN_ERR_INVALID_OPERATION (close `db` instead). Same thread as `db`. */
cxapian_database *cxapian_writable_as_database(cxapian_writable *db);
int cxapian_writable_begin_transaction(cxapian_writable *db, int flushed, cxapian_error *err);
int cxapian_writable_commit_transaction(cxapian_writable *db, cxapian_error *err);
int cxapian_writable_cancel_transaction(cxapian_writable *db, cxapian_error *err);
int cxapian_writable_commit(cxapian_writable *db, cxapian_error *err);
/** Adds a document; *docid receives its id. */
int cxapian_writable_add_document(cxapian_writable *db, const cxapian_document *doc,
                                  uint32_t *docid, cxapian_error *err);
/** Replaces the documents indexed by `unique_term` with `doc` (adds it if there are none). */
int cxapian_writable_replace_document(cxapian_writable *db, const char *unique_term,
                                      size_t length, const cxapian_document *doc,
                                      uint32_t *docid, cxapian_error *err);
/** Deletes every document indexed by `term`. */
int cxapian_writable_delete_documents(cxapian_writable *db, const char *term, size_t length,
                                      cxapian_error *err);
int cxapian_writable_set_metadata(cxapian_writable *db, const char *key, size_t key_length,
                                  const char *value, size_t value_length, cxapian_error *err);
int cxapian_writable_add_spelling(cxapian_writable *db, const char *word, size_t length,
                                  uint32_t freq_inc, cxapian_error *err);
int cxapian_writable_remove_spelling(cxapian_writable *db, const char *word, size_t length,
                                     uint32_t freq_dec, cxapian_error *err);
int cxapian_writable_add_synonym(cxapian_writable *db, const char *key, size_t key_length,
                                 const char *synonym, size_t synonym_length, cxapian_error *err);
int cxapian_writable_clear_synonyms(cxapian_writable *db, const char *key, size_t key_length,
                                    cxapian_error *err);

/* ---- queries ------------------------------------------------------------------------- */

typedef struct cxapian_query cxapian_query;

/** Query operators (values independent of Xapian's own enum). */
typedef enum cxapian_op {
    CXAPIAN_OP_AND = 0,
    CXAPIAN_OP_OR = 1,
    CXAPIAN_OP_AND_NOT = 2,
    CXAPIAN_OP_XOR = 3,
    CXAPIAN_OP_AND_MAYBE = 4,
    CXAPIAN_OP_FILTER = 5,
    CXAPIAN_OP_NEAR = 6,        /* parameter: window */
    CXAPIAN_OP_PHRASE = 7,      /* parameter: window (0 = number of subqueries) */
    CXAPIAN_OP_ELITE_SET = 8,   /* parameter: set size */
    CXAPIAN_OP_SYNONYM = 9,
    CXAPIAN_OP_MAX = 10
} cxapian_op;

/** A term query; `wqf` within-query frequency, `position` query position (0 = none). */
cxapian_query *cxapian_query_term(const char *term, size_t length, uint32_t wqf,
                                  uint32_t position, cxapian_error *err);
/** Matches every document. */
cxapian_query *cxapian_query_match_all(cxapian_error *err);
/** Matches nothing. */
cxapian_query *cxapian_query_match_nothing(cxapian_error *err);
/** Combines `count` subqueries with `op` (the subqueries are not consumed). */
cxapian_query *cxapian_query_combine(cxapian_op op, const cxapian_query *const *subqueries,
                                     size_t count, uint32_t parameter, cxapian_error *err);
/** Terms starting with `prefix`, OR-ed as one synonym; at most `max_expansion` terms, the
    most frequent ones (Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT); 0 = no limit. */
cxapian_query *cxapian_query_wildcard(const char *prefix, size_t length, uint32_t max_expansion,
                                      cxapian_error *err);
/** `query` with its weight multiplied by `factor` (OP_SCALE_WEIGHT). */
cxapian_query *cxapian_query_scale(const cxapian_query *query, double factor,
                                   cxapian_error *err);
/** Xapian's description of the query, e.g. "Query((Zstock@1 AND_NOT Zcook@2))". */
int cxapian_query_describe(const cxapian_query *query, cxapian_string *out, cxapian_error *err);
int cxapian_query_is_empty(const cxapian_query *query);
/** 1 when pruning may rank `query` wrongly in Xapian 1.4: it has an OR, AND_MAYBE, XOR,
 *  ELITE_SET or MAX outside a SYNONYM (those decay while the matcher prunes, and
 *  AndMaybePostList's decay to AND can skip a match); 0 when pruning is exact. */
int cxapian_query_may_prune_inexactly(const cxapian_query *query);
void cxapian_query_free(cxapian_query *query);

/* ---- searching ------------------------------------------------------------------------ */

typedef struct cxapian_mset cxapian_mset;

/** Parameters of one search. Zero-initialise, then set what you need. */
typedef struct cxapian_search_options {
    uint32_t offset;            /* first result to return */
    uint32_t limit;             /* results to return */
    uint32_t check_at_least;    /* make the estimate exact up to this many matches */
    int32_t collapse_slot;      /* value slot to collapse on, or -1 for none */
    uint32_t collapse_max;      /* documents kept per collapse key (with collapse_slot; 0 = 1) */
    double bm25_k1;             /* BM25 parameters; all zero means Xapian's defaults */
    double bm25_k2;
    double bm25_k3;
    double bm25_b;
    double bm25_min_normlen;
    uint32_t scheme;            /* a CXAPIAN_SCHEME_*: 0 is BM25 with the parameters above */
    uint32_t count_values;      /* non-zero: count the values of count_slot (a match spy) */
    uint32_t count_slot;
    int32_t tie_slot;           /* value slot ordering equal scores, or -1 for docid order */
    double weight_cutoff;       /* matches weighing less are left out; 0 for none */
} cxapian_search_options;

/** Weighting schemes other than BM25, each with Xapian's default parameters. */
enum {
    CXAPIAN_SCHEME_BM25 = 0,
    CXAPIAN_SCHEME_BM25_PLUS = 1,
    CXAPIAN_SCHEME_TFIDF = 2,
    CXAPIAN_SCHEME_PL2 = 3,
    CXAPIAN_SCHEME_PL2_PLUS = 4,
    CXAPIAN_SCHEME_DPH = 5,
    CXAPIAN_SCHEME_DLH = 6,
    CXAPIAN_SCHEME_LM = 7,
    CXAPIAN_SCHEME_INL2 = 8,
    CXAPIAN_SCHEME_IFB2 = 9,
    CXAPIAN_SCHEME_INEB2 = 10,
    CXAPIAN_SCHEME_BB2 = 11
};

/** Runs `query` against `db` with BM25 ranking. NULL and *err on failure. */
cxapian_mset *cxapian_search(cxapian_database *db, const cxapian_query *query,
                             const cxapian_search_options *options, cxapian_error *err);
void cxapian_mset_free(cxapian_mset *mset);
uint32_t cxapian_mset_size(const cxapian_mset *mset);
uint32_t cxapian_mset_estimated(const cxapian_mset *mset);
uint32_t cxapian_mset_lower_bound(const cxapian_mset *mset);
uint32_t cxapian_mset_upper_bound(const cxapian_mset *mset);
uint32_t cxapian_mset_docid(const cxapian_mset *mset, uint32_t index);
double cxapian_mset_weight(const cxapian_mset *mset, uint32_t index);
uint32_t cxapian_mset_collapse_count(const cxapian_mset *mset, uint32_t index);
/** With `count_values`: each value of `count_slot` among the documents the match examined
    (all matches when `check_at_least` is the document count), with how many had it. */
cxapian_strings *cxapian_mset_value_counts(const cxapian_mset *mset, cxapian_error *err);
/** Document data of the index-th hit (read through the mset, so it is consistent with it). */
int cxapian_mset_data(const cxapian_mset *mset, uint32_t index, cxapian_string *out,
                      cxapian_error *err);

/* ---- maintenance ------------------------------------------------------------------------ */

/** Merges `count` source databases into a new database at `destination`
    (Xapian::Compactor; `no_renumber` keeps document ids). */
int cxapian_compact(const char *const *sources, size_t count, const char *destination,
                    int no_renumber, cxapian_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CXAPIAN_H */

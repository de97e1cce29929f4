// writable.cpp — the single writer: documents, transactions, metadata, spelling, synonyms.
#include "internal.hpp"

using cxapian::bytes;
using cxapian::guarded;
using cxapian::need;

namespace {

int xapian_flags(int flags) {
    int result = (flags & CXAPIAN_OPEN_CREATE_OR_OPEN) ? Xapian::DB_CREATE_OR_OPEN
                                                       : Xapian::DB_OPEN;
    if (flags & CXAPIAN_OPEN_RETRY_LOCK) {
        result |= Xapian::DB_RETRY_LOCK;
    }
    if (flags & CXAPIAN_OPEN_NO_SYNC) {
        result |= Xapian::DB_NO_SYNC;
    }
    if (flags & CXAPIAN_OPEN_FULL_SYNC) {
        result |= Xapian::DB_FULL_SYNC;
    }
    return result;
}

}  // namespace

extern "C" {

cxapian_writable *cxapian_writable_open(const char *path, int flags, cxapian_error *err) {
    return cxapian::guarded_new<cxapian_writable>(err, [&] {
        if (path == nullptr) {
            throw Xapian::InvalidArgumentError("database path is NULL");
        }
        const int known = CXAPIAN_OPEN_CREATE_OR_OPEN | CXAPIAN_OPEN_RETRY_LOCK |
                          CXAPIAN_OPEN_NO_SYNC | CXAPIAN_OPEN_FULL_SYNC;
        if ((flags & ~known) != 0) {
            throw Xapian::InvalidArgumentError("unknown CXAPIAN_OPEN_* flag");
        }
        Xapian::WritableDatabase db(path, xapian_flags(flags));
        auto *handle = new cxapian_writable{db, cxapian_database{db, true}};
        return handle;
    });
}

void cxapian_writable_free(cxapian_writable *db) {
    // Xapian's destructor commits (or cancels an open transaction) and swallows its own errors:
    // a destructor is noexcept, so nothing could be caught here anyway. Callers that need to
    // know whether the commit worked call cxapian_writable_close first.
    delete db;
}

int cxapian_writable_close(cxapian_writable *db, cxapian_error *err) {
    return guarded(err, [&] { need(db, "writable database").db.close(); });
}

cxapian_database *cxapian_writable_as_database(cxapian_writable *db) {
    return db == nullptr ? nullptr : &db->view;
}

int cxapian_writable_begin_transaction(cxapian_writable *db, int flushed, cxapian_error *err) {
    return guarded(err, [&] { need(db, "writable database").db.begin_transaction(flushed != 0); });
}

int cxapian_writable_commit_transaction(cxapian_writable *db, cxapian_error *err) {
    return guarded(err, [&] { need(db, "writable database").db.commit_transaction(); });
}

int cxapian_writable_cancel_transaction(cxapian_writable *db, cxapian_error *err) {
    return guarded(err, [&] { need(db, "writable database").db.cancel_transaction(); });
}

int cxapian_writable_commit(cxapian_writable *db, cxapian_error *err) {
    return guarded(err, [&] { need(db, "writable database").db.commit(); });
}

int cxapian_writable_add_document(cxapian_writable *db, const cxapian_document *doc,
                                  uint32_t *docid, cxapian_error *err) {
    return guarded(err, [&] {
        const Xapian::docid id = need(db, "writable database").db.add_document(
            need(doc, "document").doc);
        if (docid != nullptr) {
            *docid = id;
        }
    });
}

int cxapian_writable_replace_document(cxapian_writable *db, const char *unique_term,
                                      size_t length, const cxapian_document *doc,
                                      uint32_t *docid, cxapian_error *err) {
    return guarded(err, [&] {
        const std::string term = bytes(unique_term, length);
        if (term.empty()) {
            // Xapian would treat "" as "every document" and replace the whole database.
            throw Xapian::InvalidArgumentError("the unique term of a replacement is empty");
        }
        const Xapian::docid id = need(db, "writable database").db.replace_document(
            term, need(doc, "document").doc);
        if (docid != nullptr) {
            *docid = id;
        }
    });
}

int cxapian_writable_delete_documents(cxapian_writable *db, const char *term, size_t length,
                                      cxapian_error *err) {
    return guarded(err, [&] {
        const std::string name = bytes(term, length);
        if (name.empty()) {
            // As above: "" matches every document.
            throw Xapian::InvalidArgumentError("the term of a deletion is empty");
        }
        need(db, "writable database").db.delete_document(name);
    });
}

int cxapian_writable_set_metadata(cxapian_writable *db, const char *key, size_t key_length,
                                  const char *value, size_t value_length, cxapian_error *err) {
    return guarded(err, [&] {
        need(db, "writable database").db.set_metadata(bytes(key, key_length),
                                                      bytes(value, value_length));
    });
}

int cxapian_writable_add_spelling(cxapian_writable *db, const char *word, size_t length,
                                  uint32_t freq_inc, cxapian_error *err) {
    return guarded(err, [&] {
        need(db, "writable database").db.add_spelling(bytes(word, length), freq_inc);
    });
}

int cxapian_writable_remove_spelling(cxapian_writable *db, const char *word, size_t length,
                                     uint32_t freq_dec, cxapian_error *err) {
    return guarded(err, [&] {
        need(db, "writable database").db.remove_spelling(bytes(word, length), freq_dec);
    });
}

int cxapian_writable_add_synonym(cxapian_writable *db, const char *key, size_t key_length,
                                 const char *synonym, size_t synonym_length, cxapian_error *err) {
    return guarded(err, [&] {
        need(db, "writable database").db.add_synonym(bytes(key, key_length),
                                                     bytes(synonym, synonym_length));
    });
}

int cxapian_writable_clear_synonyms(cxapian_writable *db, const char *key, size_t key_length,
                                    cxapian_error *err) {
    return guarded(err, [&] {
        need(db, "writable database").db.clear_synonyms(bytes(key, key_length));
    });
}

}  // extern "C"

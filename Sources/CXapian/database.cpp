// database.cpp — opening read-only databases and reading scalar facts from them.
#include "internal.hpp"

using cxapian::bytes;
using cxapian::copy_out;
using cxapian::guarded;
using cxapian::need;

extern "C" {

cxapian_database *cxapian_database_open(const char *path, cxapian_error *err) {
    return cxapian::guarded_new<cxapian_database>(err, [&] {
        if (path == nullptr) {
            throw Xapian::InvalidArgumentError("database path is NULL");
        }
        return new cxapian_database{Xapian::Database(path), false};
    });
}

cxapian_database *cxapian_database_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                               cxapian_error *err) {
    return cxapian::guarded_new<cxapian_database>(err, [&] {
        if (host == nullptr) {
            throw Xapian::InvalidArgumentError("remote host is NULL");
        }
        return new cxapian_database{Xapian::Remote::open(host, port, timeout_ms, timeout_ms), false};
    });
}

void cxapian_database_free(cxapian_database *db) {
    // A writable's read view is owned by the writable (see cxapian_writable_as_database).
    if (db != nullptr && !db->borrowed) {
        delete db;
    }
}

int cxapian_database_reopen(cxapian_database *db, int *changed, cxapian_error *err) {
    return guarded(err, [&] {
        Xapian::Database &handle = need(db, "database").db;
        // Xapian's reopen() returns true when it merely *might* have moved (it does so even
        // with no new commit), so compare revisions. Databases made of several shards have no
        // single revision; for those, fall back to Xapian's answer.
        bool moved;
        try {
            const Xapian::rev before = handle.get_revision();
            handle.reopen();
            moved = handle.get_revision() != before;
        } catch (const Xapian::InvalidOperationError &) {
            moved = handle.reopen();
        }
        if (changed != nullptr) {
            *changed = moved ? 1 : 0;
        }
    });
}

int cxapian_database_close(cxapian_database *db, cxapian_error *err) {
    return guarded(err, [&] {
        cxapian_database &handle = need(db, "database");
        if (handle.borrowed) {
            // Closing the view would close the writer too: they share one Xapian internal.
            throw Xapian::InvalidOperationError(
                "a writable database's read view cannot be closed on its own; "
                "close the writable database instead");
        }
        handle.db.close();
    });
}

int cxapian_database_revision(cxapian_database *db, uint64_t *out, cxapian_error *err) {
    return guarded(err, [&] { need(out, "out") = need(db, "database").db.get_revision(); });
}

int cxapian_database_uuid(cxapian_database *db, cxapian_string *out, cxapian_error *err) {
    return guarded(err, [&] { copy_out(need(db, "database").db.get_uuid(), out); });
}

int cxapian_database_doccount(cxapian_database *db, uint32_t *out, cxapian_error *err) {
    return guarded(err, [&] { need(out, "out") = need(db, "database").db.get_doccount(); });
}

int cxapian_database_average_length(cxapian_database *db, double *out, cxapian_error *err) {
    return guarded(err, [&] { need(out, "out") = need(db, "database").db.get_avlength(); });
}

int cxapian_database_termfreq(cxapian_database *db, const char *term, size_t length,
                              uint32_t *out, cxapian_error *err) {
    return guarded(err, [&] {
        need(out, "out") = need(db, "database").db.get_termfreq(bytes(term, length));
    });
}

int cxapian_database_get_metadata(cxapian_database *db, const char *key, size_t length,
                                  cxapian_string *out, cxapian_error *err) {
    return guarded(err, [&] {
        copy_out(need(db, "database").db.get_metadata(bytes(key, length)), out);
    });
}

int cxapian_database_get_data(cxapian_database *db, uint32_t docid, cxapian_string *out,
                              cxapian_error *err) {
    return guarded(err, [&] {
        copy_out(need(db, "database").db.get_document(docid).get_data(), out);
    });
}

int cxapian_database_get_value(cxapian_database *db, uint32_t docid, uint32_t slot,
                               cxapian_string *out, cxapian_error *err) {
    return guarded(err, [&] {
        copy_out(need(db, "database").db.get_document(docid).get_value(slot), out);
    });
}

int cxapian_database_spelling_suggestion(cxapian_database *db, const char *word, size_t length,
                                         uint32_t max_edit_distance, cxapian_string *out,
                                         cxapian_error *err) {
    return guarded(err, [&] {
        const Xapian::Database &handle = need(db, "database").db;
        copy_out(handle.get_spelling_suggestion(bytes(word, length), max_edit_distance), out);
    });
}

}  // extern "C"

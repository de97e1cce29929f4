// internal.hpp — definitions shared by the shim's .cpp files; never included from Swift.
//
// Every exported function funnels its body through `guarded` / `guarded_new` so that no C++
// exception can cross into Swift: they are caught here and translated by `report_exception`.
#ifndef CXAPIAN_INTERNAL_HPP
#define CXAPIAN_INTERNAL_HPP

#include "cxapian.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

struct cxapian_stemmer {
    Xapian::Stem stem;
};

struct cxapian_document {
    Xapian::Document doc;
};

struct cxapian_database {
    Xapian::Database db;
    // True for the read view embedded in a cxapian_writable: freeing it is a no-op and closing
    // it is refused, because it shares its Xapian internals with the writer.
    bool borrowed = false;
};

struct cxapian_writable {
    Xapian::WritableDatabase db;
    // A Xapian::Database copy of `db` (same refcounted internals), handed out as a borrowed
    // read handle by cxapian_writable_as_database; it lives exactly as long as this struct.
    cxapian_database view;
};

struct cxapian_query {
    Xapian::Query query;
};

struct cxapian_mset {
    Xapian::MSet mset;
    /// The values of the counted slot over the documents the match examined, with counts.
    std::vector<std::pair<std::string, uint32_t>> value_counts;
};

struct cxapian_strings {
    std::vector<std::pair<std::string, uint32_t>> items;
};

namespace cxapian {

/// Translates the exception being handled into `*err` (if not NULL) and returns its code.
/// Must be called from inside a catch block.
int report_exception(cxapian_error *err) noexcept;

/// Marks `*err` (if not NULL) as success.
inline void clear_error(cxapian_error *err) noexcept {
    if (err != nullptr) {
        err->code = CXAPIAN_OK;
        err->type[0] = '\0';
        err->message[0] = '\0';
    }
}

/// Runs `body`, turning any exception into an error code.
template <typename Body>
int guarded(cxapian_error *err, Body &&body) noexcept {
    try {
        body();
        clear_error(err);
        return CXAPIAN_OK;
    } catch (...) {
        return report_exception(err);
    }
}

/// Runs a constructor-like `body` returning a new object, or NULL after an exception.
template <typename T, typename Body>
T *guarded_new(cxapian_error *err, Body &&body) noexcept {
    try {
        T *result = body();
        clear_error(err);
        return result;
    } catch (...) {
        report_exception(err);
        return nullptr;
    }
}

/// Throws InvalidArgumentError for a NULL handle: a caller bug, reported rather than crashing.
template <typename T>
T &need(T *handle, const char *what) {
    if (handle == nullptr) {
        throw Xapian::InvalidArgumentError(std::string(what) + " is NULL");
    }
    return *handle;
}

/// The (pointer, length) pair as a std::string; NULL is allowed when `length` is 0.
std::string bytes(const char *data, size_t length);

/// Copies `value` into a malloc'd cxapian_string owned by the caller.
void copy_out(const std::string &value, cxapian_string *out);


}  // namespace cxapian

#endif

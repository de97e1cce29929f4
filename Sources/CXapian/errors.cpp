// errors.cpp — one place that maps every exception class to its own cxapian_code.
#include "internal.hpp"

#include <cstddef>
#include <cstring>
#include <new>
#include <stdexcept>

static_assert(sizeof(cxapian_error) == 4 + 48 + 976, "cxapian_error layout is part of the ABI");
static_assert(offsetof(cxapian_error, message) == 52, "cxapian_error layout is part of the ABI");
static_assert(sizeof(cxapian_string) == sizeof(char *) + sizeof(size_t), "cxapian_string layout");

namespace {

/// Copies at most capacity-1 bytes of `text` into `dest`, never cutting a UTF-8 sequence.
void copy_truncated(char *dest, size_t capacity, const char *text, size_t n) noexcept {
    if (n >= capacity) {
        n = capacity - 1;
        // Back up over continuation bytes (10xxxxxx) so the cut falls on a character boundary.
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
            --n;
        }
    }
    std::memcpy(dest, text, n);
    dest[n] = '\0';
}

// Takes plain C strings so that reporting an allocation failure never allocates.
void fill(cxapian_error *err, cxapian_code code, const char *type, const char *message,
          size_t message_length) noexcept {
    if (err == nullptr) {
        return;
    }
    err->code = code;
    copy_truncated(err->type, sizeof err->type, type, std::strlen(type));
    copy_truncated(err->message, sizeof err->message, message, message_length);
}

void fill(cxapian_error *err, cxapian_code code, const char *type, const char *message) noexcept {
    fill(err, code, type, message, std::strlen(message));
}

/// Xapian's message, plus the system error text (e.g. errno's) when Xapian recorded one.
std::string describe(const Xapian::Error &e) {
    std::string text = e.get_msg();
    const std::string context = e.get_context();
    if (!context.empty()) {
        text += " (context: " + context + ")";
    }
    const char *system = e.get_error_string();
    if (system != nullptr && *system != '\0') {
        text += " (";
        text += system;
        text += ")";
    }
    return text;
}

/// Classifies the Xapian exception being handled; most-derived classes are caught first.
cxapian_code classify_xapian() {
    // Xapian::Error has no virtual functions, so dynamic_cast is unavailable: re-throw instead.
    try {
        throw;
    } catch (const Xapian::AssertionError &) {
        return CXAPIAN_ERR_ASSERTION;
    } catch (const Xapian::InvalidArgumentError &) {
        return CXAPIAN_ERR_INVALID_ARGUMENT;
    } catch (const Xapian::InvalidOperationError &) {
        return CXAPIAN_ERR_INVALID_OPERATION;
    } catch (const Xapian::UnimplementedError &) {
        return CXAPIAN_ERR_UNIMPLEMENTED;
    } catch (const Xapian::DatabaseCorruptError &) {
        return CXAPIAN_ERR_DATABASE_CORRUPT;
    } catch (const Xapian::DatabaseCreateError &) {
        return CXAPIAN_ERR_DATABASE_CREATE;
    } catch (const Xapian::DatabaseLockError &) {
        return CXAPIAN_ERR_DATABASE_LOCK;
    } catch (const Xapian::DatabaseModifiedError &) {
        return CXAPIAN_ERR_DATABASE_MODIFIED;
    } catch (const Xapian::DatabaseNotFoundError &) {
        return CXAPIAN_ERR_DATABASE_NOT_FOUND;
    } catch (const Xapian::DatabaseVersionError &) {
        return CXAPIAN_ERR_DATABASE_VERSION;
    } catch (const Xapian::DatabaseOpeningError &) {
        return CXAPIAN_ERR_DATABASE_OPENING;
    } catch (const Xapian::DatabaseClosedError &) {
        return CXAPIAN_ERR_DATABASE_CLOSED;
    } catch (const Xapian::DatabaseError &) {
        return CXAPIAN_ERR_DATABASE;
    } catch (const Xapian::DocNotFoundError &) {
        return CXAPIAN_ERR_DOC_NOT_FOUND;
    } catch (const Xapian::FeatureUnavailableError &) {
        return CXAPIAN_ERR_FEATURE_UNAVAILABLE;
    } catch (const Xapian::InternalError &) {
        return CXAPIAN_ERR_INTERNAL;
    } catch (const Xapian::NetworkTimeoutError &) {
        return CXAPIAN_ERR_NETWORK_TIMEOUT;
    } catch (const Xapian::NetworkError &) {
        return CXAPIAN_ERR_NETWORK;
    } catch (const Xapian::QueryParserError &) {
        return CXAPIAN_ERR_QUERY_PARSER;
    } catch (const Xapian::SerialisationError &) {
        return CXAPIAN_ERR_SERIALISATION;
    } catch (const Xapian::RangeError &) {
        return CXAPIAN_ERR_RANGE;
    } catch (const Xapian::WildcardError &) {
        return CXAPIAN_ERR_WILDCARD;
    } catch (const Xapian::Error &) {
        return CXAPIAN_ERR_OTHER_XAPIAN;
    }
}

}  // namespace

namespace cxapian {

int report_exception(cxapian_error *err) noexcept {
    try {
        throw;
    } catch (const Xapian::Error &e) {
        cxapian_code code = CXAPIAN_ERR_OTHER_XAPIAN;
        try {
            code = classify_xapian();
            const std::string message = describe(e);
            fill(err, code, e.get_type(), message.data(), message.size());
        } catch (...) {
            // Building the message itself failed (allocation): keep the code and the class name.
            fill(err, code, e.get_type(), "");
        }
        return code;
    } catch (const std::bad_alloc &) {
        fill(err, CXAPIAN_ERR_OUT_OF_MEMORY, "bad_alloc", "out of memory");
        return CXAPIAN_ERR_OUT_OF_MEMORY;
    } catch (const std::exception &e) {
        fill(err, CXAPIAN_ERR_STD_EXCEPTION, "std::exception", e.what());
        return CXAPIAN_ERR_STD_EXCEPTION;
    } catch (...) {
        fill(err, CXAPIAN_ERR_UNKNOWN, "unknown", "an unknown C++ exception was thrown");
        return CXAPIAN_ERR_UNKNOWN;
    }
}

}  // namespace cxapian

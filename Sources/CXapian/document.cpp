// document.cpp — building documents before they are added to a writable database.
#include "internal.hpp"

using cxapian::bytes;
using cxapian::guarded;
using cxapian::need;

extern "C" {

cxapian_document *cxapian_document_new(void) {
    return cxapian::guarded_new<cxapian_document>(nullptr, [] { return new cxapian_document; });
}

void cxapian_document_free(cxapian_document *doc) { delete doc; }

int cxapian_document_add_posting(cxapian_document *doc, const char *term, size_t length,
                                 uint32_t position, uint32_t wdf_inc, cxapian_error *err) {
    return guarded(err, [&] {
        need(doc, "document").doc.add_posting(bytes(term, length), position, wdf_inc);
    });
}

int cxapian_document_add_term(cxapian_document *doc, const char *term, size_t length,
                              uint32_t wdf_inc, cxapian_error *err) {
    return guarded(err, [&] {
        need(doc, "document").doc.add_term(bytes(term, length), wdf_inc);
    });
}

int cxapian_document_add_boolean_term(cxapian_document *doc, const char *term, size_t length,
                                      cxapian_error *err) {
    return guarded(err, [&] {
        need(doc, "document").doc.add_boolean_term(bytes(term, length));
    });
}

int cxapian_document_set_data(cxapian_document *doc, const char *data, size_t length,
                              cxapian_error *err) {
    return guarded(err, [&] { need(doc, "document").doc.set_data(bytes(data, length)); });
}

int cxapian_document_add_value(cxapian_document *doc, uint32_t slot, const char *value,
                               size_t length, cxapian_error *err) {
    return guarded(err, [&] {
        need(doc, "document").doc.add_value(slot, bytes(value, length));
    });
}

}  // extern "C"

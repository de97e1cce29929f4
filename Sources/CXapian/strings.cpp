// strings.cpp — the shim's owned byte strings, string lists, docid arrays and version.
#include "internal.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

namespace cxapian {

std::string bytes(const char *data, size_t length) {
    if (length == 0) {
        return std::string();
    }
    if (data == nullptr) {
        throw Xapian::InvalidArgumentError("a string pointer is NULL but its length is not 0");
    }
    return std::string(data, length);
}

void copy_out(const std::string &value, cxapian_string *out) {
    need(out, "output string");
    out->data = nullptr;
    out->length = 0;
    if (value.empty()) {
        return;
    }
    // malloc, not new[]: the buffer crosses into C and Swift and is released by free().
    char *buffer = static_cast<char *>(std::malloc(value.size()));
    if (buffer == nullptr) {
        throw std::bad_alloc();
    }
    std::memcpy(buffer, value.data(), value.size());
    out->data = buffer;
    out->length = value.size();
}

}  // namespace cxapian

extern "C" {

void cxapian_string_free(cxapian_string s) { std::free(s.data); }

size_t cxapian_strings_count(const cxapian_strings *list) {
    return list == nullptr ? 0 : list->items.size();
}

const char *cxapian_strings_at(const cxapian_strings *list, size_t i, size_t *length) {
    if (list == nullptr || i >= list->items.size()) {
        if (length != nullptr) {
            *length = 0;
        }
        return nullptr;
    }
    const std::string &item = list->items[i].first;
    if (length != nullptr) {
        *length = item.size();
    }
    return item.data();
}

uint32_t cxapian_strings_count_at(const cxapian_strings *list, size_t i) {
    if (list == nullptr || i >= list->items.size()) {
        return 0;
    }
    return list->items[i].second;
}

void cxapian_strings_free(cxapian_strings *list) { delete list; }

void cxapian_docids_free(uint32_t *docids) { std::free(docids); }

const char *cxapian_version(void) { return Xapian::version_string(); }

}  // extern "C"

// stemmer.cpp — Snowball stemmers (Xapian::Stem).
#include "internal.hpp"

using cxapian::guarded;
using cxapian::guarded_new;
using cxapian::need;

extern "C" {

cxapian_stemmer *cxapian_stemmer_new(const char *language, cxapian_error *err) {
    return guarded_new<cxapian_stemmer>(err, [&] {
        if (language == nullptr) {
            throw Xapian::InvalidArgumentError("language is NULL");
        }
        const std::string name(language);
        // Xapian::Stem("") and Stem("none") are valid no-op stemmers; reject an empty name
        // anyway, since asking for no language is almost certainly a configuration mistake.
        if (name.empty()) {
            throw Xapian::InvalidArgumentError("Language code is empty");
        }
        return new cxapian_stemmer{Xapian::Stem(name)};
    });
}

void cxapian_stemmer_free(cxapian_stemmer *stemmer) { delete stemmer; }

int cxapian_stemmer_stem(cxapian_stemmer *stemmer, const char *word, size_t length,
                         cxapian_string *out, cxapian_error *err) {
    return guarded(err, [&] {
        cxapian::copy_out(need(stemmer, "stemmer").stem(cxapian::bytes(word, length)), out);
    });
}

}  // extern "C"

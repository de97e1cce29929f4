/*
 * cicu.c — ICU behind a header without ICU types (see cicu.h for why).
 *
 * ICU iterates UTF-16; Passim speaks UTF-8 byte offsets. Each breaker therefore keeps a
 * UTF-16 copy of the text plus a map from every UTF-16 index to the UTF-8 byte offset where
 * that code unit's scalar starts, built in the same pass that validates the UTF-8.
 */
#include "cicu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uvernum.h>

_Static_assert(sizeof(UChar) == 2, "ICU UChar must be a UTF-16 code unit");

struct cicu_breaker {
    UBreakIterator *iterator;
    UChar *utf16;          /* the text being segmented, as UTF-16 */
    int32_t *byteOffsets;  /* utf16 index -> UTF-8 byte offset; one extra entry for the end */
    int32_t capacity;      /* code units allocated in utf16 (byteOffsets has capacity + 1) */
};

static void cicu_set_error(cicu_error *err, int32_t status, const char *message) {
    if (err == NULL) return;
    err->status = status;
    snprintf(err->message, sizeof err->message, "%s", message);
}

static int32_t cicu_fail_icu(cicu_error *err, UErrorCode code) {
    cicu_set_error(err, CICU_ERR_ICU, u_errorName(code));
    return CICU_ERR_ICU;
}

static int32_t cicu_fail_utf8(cicu_error *err, int32_t offset) {
    if (err != NULL) {
        err->status = CICU_ERR_INVALID_UTF8;
        snprintf(err->message, sizeof err->message, "invalid UTF-8 at byte offset %d", offset);
    }
    return CICU_ERR_INVALID_UTF8;
}

/*
 * Decodes one scalar at text[*i] (strict UTF-8: no overlongs, no surrogates, <= U+10FFFF).
 * Returns the scalar and advances *i, or returns -1 on invalid input without advancing.
 */
static int32_t cicu_decode_utf8(const uint8_t *text, int32_t length, int32_t *i) {
    int32_t at = *i;
    uint8_t b0 = text[at];
    if (b0 < 0x80) {
        *i = at + 1;
        return b0;
    }
    int32_t need;
    int32_t scalar;
    int32_t minimum;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1; scalar = b0 & 0x1F; minimum = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2; scalar = b0 & 0x0F; minimum = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3; scalar = b0 & 0x07; minimum = 0x10000;
    } else {
        return -1;
    }
    if (length - at - 1 < need) return -1;
    for (int32_t k = 1; k <= need; k++) {
        uint8_t b = text[at + k];
        if ((b & 0xC0) != 0x80) return -1;
        scalar = (scalar << 6) | (b & 0x3F);
    }
    if (scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF)) return -1;
    *i = at + need + 1;
    return scalar;
}

static int32_t cicu_breaker_reserve(cicu_breaker *breaker, int32_t units, cicu_error *err) {
    if (units <= breaker->capacity) return CICU_OK;
    int32_t capacity = breaker->capacity > 0 ? breaker->capacity : 256;
    while (capacity < units) {
        capacity = capacity > INT32_MAX / 2 ? units : capacity * 2;
    }
    UChar *utf16 = realloc(breaker->utf16, (size_t)capacity * sizeof(UChar));
    if (utf16 == NULL) goto oom;
    breaker->utf16 = utf16;
    int32_t *offsets = realloc(breaker->byteOffsets, ((size_t)capacity + 1) * sizeof(int32_t));
    if (offsets == NULL) goto oom;
    breaker->byteOffsets = offsets;
    breaker->capacity = capacity;
    return CICU_OK;
oom:
    cicu_set_error(err, CICU_ERR_OUT_OF_MEMORY, "out of memory growing the UTF-16 buffer");
    return CICU_ERR_OUT_OF_MEMORY;
}

/* Validates `text` and fills the breaker's UTF-16 buffer and offset map; *units gets the length. */
static int32_t cicu_breaker_load(cicu_breaker *breaker, const uint8_t *text, int32_t length,
                                 int32_t *units, cicu_error *err) {
    /* UTF-16 never needs more code units than UTF-8 has bytes. */
    int32_t status = cicu_breaker_reserve(breaker, length, err);
    if (status != CICU_OK) return status;
    UChar *out = breaker->utf16;
    int32_t *map = breaker->byteOffsets;
    int32_t n = 0;
    int32_t i = 0;
    while (i < length) {
        /* ASCII runs dominate real text; copy them without the general decoder. */
        if (text[i] < 0x80) {
            map[n] = i;
            out[n++] = text[i++];
            continue;
        }
        int32_t start = i;
        int32_t scalar = cicu_decode_utf8(text, length, &i);
        if (scalar < 0) return cicu_fail_utf8(err, start);
        if (scalar < 0x10000) {
            map[n] = start;
            out[n++] = (UChar)scalar;
        } else {
            map[n] = start;
            out[n++] = (UChar)(0xD7C0 + (scalar >> 10));
            /* ICU never breaks between surrogates; map the trail to the scalar's start anyway. */
            map[n] = start;
            out[n++] = (UChar)(0xDC00 | (scalar & 0x3FF));
        }
    }
    map[n] = length;
    *units = n;
    return CICU_OK;
}

cicu_breaker *cicu_breaker_open(cicu_break_kind kind, const char *locale, cicu_error *err) {
    UBreakIteratorType type;
    switch (kind) {
    case CICU_BREAK_WORD: type = UBRK_WORD; break;
    case CICU_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    default:
        cicu_set_error(err, CICU_ERR_ICU, "unknown cicu_break_kind");
        return NULL;
    }
    cicu_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        cicu_set_error(err, CICU_ERR_OUT_OF_MEMORY, "out of memory opening a breaker");
        return NULL;
    }
    UErrorCode code = U_ZERO_ERROR;
    breaker->iterator = ubrk_open(type, locale != NULL ? locale : "", NULL, 0, &code);
    if (U_FAILURE(code) || breaker->iterator == NULL) {
        cicu_fail_icu(err, code);
        cicu_breaker_close(breaker);
        return NULL;
    }
    return breaker;
}

void cicu_breaker_close(cicu_breaker *breaker) {
    if (breaker == NULL) return;
    if (breaker->iterator != NULL) ubrk_close(breaker->iterator);
    free(breaker->utf16);
    free(breaker->byteOffsets);
    free(breaker);
}

int32_t cicu_breaker_segment(cicu_breaker *breaker, const char *text, int32_t length,
                             cicu_segment *out, int32_t capacity, int32_t *count,
                             cicu_error *err) {
    *count = 0;
    if (length < 0 || (text == NULL && length > 0)) {
        cicu_set_error(err, CICU_ERR_ICU, "negative length or NULL text");
        return CICU_ERR_ICU;
    }
    if (length == 0) return CICU_OK;
    int32_t units = 0;
    int32_t status = cicu_breaker_load(breaker, (const uint8_t *)text, length, &units, err);
    if (status != CICU_OK) return status;

    UErrorCode code = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, breaker->utf16, units, &code);
    if (U_FAILURE(code)) return cicu_fail_icu(err, code);

    const int32_t *map = breaker->byteOffsets;
    int32_t written = 0;
    int32_t previous = ubrk_first(breaker->iterator);
    for (int32_t next = ubrk_next(breaker->iterator); next != UBRK_DONE;
         next = ubrk_next(breaker->iterator)) {
        if (written < capacity) {
            out[written].start = map[previous];
            out[written].end = map[next];
            out[written].status = ubrk_getRuleStatus(breaker->iterator);
        }
        written++;
        previous = next;
    }
    *count = written;
    if (written > capacity) {
        cicu_set_error(err, CICU_ERR_BUFFER_TOO_SMALL, "segment buffer too small; see *count");
        return CICU_ERR_BUFFER_TOO_SMALL;
    }
    return CICU_OK;
}

/* Lets short terms (the common case) normalize without touching the heap. */
enum { CICU_STACK_UNITS = 128 };

int32_t cicu_nfkc_casefold(const char *text, int32_t length, char *out, int32_t capacity,
                           int32_t *needed, cicu_error *err) {
    *needed = 0;
    if (length < 0 || (text == NULL && length > 0) || capacity < 0) {
        cicu_set_error(err, CICU_ERR_ICU, "negative length or capacity, or NULL text");
        return CICU_ERR_ICU;
    }
    const uint8_t *bytes = (const uint8_t *)text;

    /* NFKC_Casefold changes nothing in ASCII but A-Z; skip ICU for it. */
    int32_t ascii = 1;
    for (int32_t i = 0; i < length; i++) {
        if (bytes[i] >= 0x80) { ascii = 0; break; }
    }
    if (ascii) {
        *needed = length;
        if (length > capacity) goto too_small;
        for (int32_t i = 0; i < length; i++) {
            uint8_t b = bytes[i];
            out[i] = (char)((b >= 'A' && b <= 'Z') ? b + 32 : b);
        }
        return CICU_OK;
    }

    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *nfkcCF = unorm2_getNFKCCasefoldInstance(&code);
    if (U_FAILURE(code)) return cicu_fail_icu(err, code);

    UChar stackSource[CICU_STACK_UNITS];
    UChar stackResult[CICU_STACK_UNITS];
    UChar *source = stackSource;
    UChar *result = stackResult;
    int32_t status = CICU_OK;

    /* Validate and convert, like the breaker does, so invalid UTF-8 gets its own status. */
    int32_t units = 0;
    if (length > CICU_STACK_UNITS) {
        source = malloc((size_t)length * sizeof(UChar));
        if (source == NULL) goto oom;
    }
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        int32_t scalar = cicu_decode_utf8(bytes, length, &i);
        if (scalar < 0) {
            status = cicu_fail_utf8(err, start);
            goto done;
        }
        if (scalar < 0x10000) {
            source[units++] = (UChar)scalar;
        } else {
            source[units++] = (UChar)(0xD7C0 + (scalar >> 10));
            source[units++] = (UChar)(0xDC00 | (scalar & 0x3FF));
        }
    }

    int32_t resultUnits;
    int32_t normalizedPrefix = unorm2_spanQuickCheckYes(nfkcCF, source, units, &code);
    if (U_FAILURE(code)) {
        status = cicu_fail_icu(err, code);
        goto done;
    }
    if (normalizedPrefix == units) {
        /* Already normalized (most non-ASCII words): the input bytes are the answer. */
        *needed = length;
        if (length > capacity) goto too_small_cleanup;
        memcpy(out, text, (size_t)length);
        goto done;
    }
    resultUnits = unorm2_normalize(nfkcCF, source, units, result, CICU_STACK_UNITS, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR) {
        code = U_ZERO_ERROR;
        result = malloc((size_t)resultUnits * sizeof(UChar));
        if (result == NULL) goto oom;
        resultUnits = unorm2_normalize(nfkcCF, source, units, result, resultUnits, &code);
    }
    if (U_FAILURE(code)) {
        status = cicu_fail_icu(err, code);
        goto done;
    }
    u_strToUTF8(out, capacity, needed, result, resultUnits, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR || code == U_STRING_NOT_TERMINATED_WARNING) {
        if (*needed > capacity) goto too_small_cleanup;
        code = U_ZERO_ERROR;
    }
    if (U_FAILURE(code)) status = cicu_fail_icu(err, code);
    goto done;

too_small_cleanup:
    status = CICU_ERR_BUFFER_TOO_SMALL;
    cicu_set_error(err, status, "output buffer too small; see *needed");
    goto done;
oom:
    status = CICU_ERR_OUT_OF_MEMORY;
    cicu_set_error(err, status, "out of memory while normalizing");
done:
    if (source != stackSource) free(source);
    if (result != stackResult) free(result);
    return status;

too_small:
    cicu_set_error(err, CICU_ERR_BUFFER_TOO_SMALL, "output buffer too small; see *needed");
    return CICU_ERR_BUFFER_TOO_SMALL;
}

const char *cicu_version(void) {
    /* The versioned symbols (ubrk_open_72) pin the library to the headers' version. */
    return U_ICU_VERSION;
}

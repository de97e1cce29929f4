/*
 * cicu.h — the few ICU services Passim's analyzer needs, behind a header with no ICU types.
 *
 * Why a shim: `import Foundation` brings the toolchain's own ICU headers as a clang module,
 * and a Swift module that also sees the system's <unicode/...> headers does not compile. System ICU
 * also exports versioned symbol names (ubrk_open_72) that Swift cannot see through the
 * #define aliases. So Swift sees only this header; cicu.c calls ICU.
 *
 * All text crosses this boundary as UTF-8, and every offset is a UTF-8 byte offset into
 * the caller's buffer: ICU works in UTF-16 internally and the shim maps back.
 *
 * Thread safety: a cicu_breaker is used by one thread at a time. Normalization functions
 * are thread safe.
 */
#ifndef CICU_H
#define CICU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes returned by the shim (0 is success). */
typedef enum cicu_status {
    CICU_OK = 0,
    CICU_ERR_INVALID_UTF8 = 1,     /* input is not valid UTF-8 */
    CICU_ERR_ICU = 2,              /* ICU reported a failure; see the message */
    CICU_ERR_OUT_OF_MEMORY = 3,
    CICU_ERR_BUFFER_TOO_SMALL = 4  /* output did not fit; *needed says how much is needed */
} cicu_status;

/** A failure description: the status, ICU's error name (e.g. "U_ILLEGAL_ARGUMENT_ERROR"). */
typedef struct cicu_error {
    int32_t status;
    char message[128];
} cicu_error;

/** The kind of boundary iterator. */
typedef enum cicu_break_kind {
    CICU_BREAK_WORD = 0,      /* UAX #29 words, with ICU's CJK and Thai dictionaries */
    CICU_BREAK_SENTENCE = 1   /* UAX #29 sentences */
} cicu_break_kind;

/** One segment: UTF-8 byte range [start, end) and ICU's rule status for it.
    For words: 0 = none (spaces, punctuation), 100..199 number, 200..299 letter,
    300..399 kana, 400..499 ideographic. For sentences: 0 = terminated by ./?/!, 100 = by a
    line separator (ICU's UBRK_SENTENCE_TERM / UBRK_SENTENCE_SEP). */
typedef struct cicu_segment {
    int32_t start;
    int32_t end;
    int32_t status;
} cicu_segment;

typedef struct cicu_breaker cicu_breaker;

/** Opens a reusable boundary iterator for `kind` under `locale` (e.g. "en", "" for root). */
cicu_breaker *cicu_breaker_open(cicu_break_kind kind, const char *locale, cicu_error *err);
void cicu_breaker_close(cicu_breaker *breaker);

/**
 * Segments `length` bytes of UTF-8 `text`, writing at most `capacity` segments to `out`
 * (covering the whole text, including non-word segments) and the total number of segments
 * to `*count`. When *count > capacity, nothing useful is in `out`: call again with a
 * larger buffer. Returns a cicu_status.
 */
int32_t cicu_breaker_segment(cicu_breaker *breaker, const char *text, int32_t length,
                             cicu_segment *out, int32_t capacity, int32_t *count,
                             cicu_error *err);

/**
 * NFKC_Casefold (NFKC, full case folding, default ignorables removed) of `length` bytes of
 * UTF-8 `text` into `out`. `*needed` receives the output length in bytes; when it exceeds
 * `capacity` the result is CICU_ERR_BUFFER_TOO_SMALL and the caller retries.
 */
int32_t cicu_nfkc_casefold(const char *text, int32_t length, char *out, int32_t capacity,
                           int32_t *needed, cicu_error *err);

/** ICU's version string, e.g. "72.1" (static storage). */
const char *cicu_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CICU_H */

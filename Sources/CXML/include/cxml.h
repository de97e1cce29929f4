/*
 * cxml.h — libxml2's HTML parser and iconv's transcoding, for reading saved web pages.
 *
 * The header includes no libxml2 header: Swift sees plain C types. The parser is driven by
 * SAX callbacks, each given the byte offset in the input just past what it reports, so the
 * caller can tell which bytes of the page every piece of text came from (entities included).
 *
 * The parser reads UTF-8 only: a page in another encoding is transcoded first with
 * cxml_transcode, which says for each output byte which input byte it came from.
 *
 * Thread safety: every call is independent (libxml2 is initialised once, on first use).
 */
#ifndef CXML_H
#define CXML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes returned by the shim (0 is success). */
typedef enum cxml_status {
    CXML_OK = 0,
    CXML_ERR_PARSE = 1,          /* libxml2 could not make a document of the input */
    CXML_ERR_ENCODING = 2,       /* the encoding is unknown to iconv */
    CXML_ERR_UNDECODABLE = 3,    /* a byte sequence is not valid in the encoding; see offset */
    CXML_ERR_OUT_OF_MEMORY = 4
} cxml_status;

/** A failure: status, a message, and for CXML_ERR_UNDECODABLE the input offset. */
typedef struct cxml_error {
    int32_t status;
    int64_t offset;
    char message[160];
} cxml_error;

/** SAX callbacks. Names are lower-case UTF-8; `attributes` is name, value, ..., NULL (or NULL). */
typedef struct cxml_html_handlers {
    void (*start_element)(void *context, const char *name, const char *const *attributes, int64_t end_offset);
    void (*end_element)(void *context, const char *name, int64_t end_offset);
    /* Decoded text (entities resolved) whose input ends at end_offset. */
    void (*text)(void *context, const uint8_t *bytes, int32_t length, int64_t end_offset);
} cxml_html_handlers;

/**
 * Parses UTF-8 HTML, calling `handlers` in document order. Encoding declarations in the page
 * are ignored (the input is UTF-8 by then). Malformed markup is recovered from, as browsers do.
 */
int32_t cxml_parse_html(const uint8_t *bytes, int64_t length, const cxml_html_handlers *handlers,
                        void *context, cxml_error *error);

/**
 * Transcodes `length` bytes in `encoding` (an iconv name such as "windows-1252" or "GB18030")
 * to UTF-8. On success *out holds *out_length bytes and *origins (*out_length + 1 entries)
 * the input offset each output byte came from (the last entry is `length`); free both with
 * cxml_free.
 */
int32_t cxml_transcode(const uint8_t *bytes, int64_t length, const char *encoding, uint8_t **out,
                       int64_t *out_length, int64_t **origins, cxml_error *error);

/** Frees what cxml_transcode allocated. */
void cxml_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif

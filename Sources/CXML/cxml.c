#include "cxml.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

static void cxml_set_error(cxml_error *error, int32_t status, int64_t offset, const char *message) {
    if (error == NULL) return;
    error->status = status;
    error->offset = offset;
    snprintf(error->message, sizeof error->message, "%s", message);
}

struct cxml_sax_context {
    const cxml_html_handlers *handlers;
    void *context;
    htmlParserCtxtPtr parser;
};

/* The offset just past what the parser has consumed: the input is UTF-8 and in memory, so it
 * is the distance from the buffer's start. */
static int64_t cxml_offset(struct cxml_sax_context *sax) {
    xmlParserInputPtr input = sax->parser->input;
    if (input == NULL || input->cur == NULL || input->base == NULL) return -1;
    return (int64_t)(input->cur - input->base) + (int64_t)input->consumed;
}

static void cxml_start(void *user, const xmlChar *name, const xmlChar **attributes) {
    htmlParserCtxtPtr parser = (htmlParserCtxtPtr)user;
    struct cxml_sax_context *sax = parser->_private;
    if (sax->handlers->start_element != NULL) {
        sax->handlers->start_element(sax->context, (const char *)name, (const char *const *)attributes,
                                     cxml_offset(sax));
    }
}

static void cxml_end(void *user, const xmlChar *name) {
    htmlParserCtxtPtr parser = (htmlParserCtxtPtr)user;
    struct cxml_sax_context *sax = parser->_private;
    if (sax->handlers->end_element != NULL) {
        sax->handlers->end_element(sax->context, (const char *)name, cxml_offset(sax));
    }
}

static void cxml_text(void *user, const xmlChar *bytes, int length) {
    htmlParserCtxtPtr parser = (htmlParserCtxtPtr)user;
    struct cxml_sax_context *sax = parser->_private;
    if (sax->handlers->text != NULL) {
        sax->handlers->text(sax->context, (const uint8_t *)bytes, (int32_t)length, cxml_offset(sax));
    }
}

int32_t cxml_parse_html(const uint8_t *bytes, int64_t length, const cxml_html_handlers *handlers,
                        void *context, cxml_error *error) {
    if (length > INT32_MAX) {
        cxml_set_error(error, CXML_ERR_PARSE, 0, "the page is larger than libxml2 reads from memory");
        return CXML_ERR_PARSE;
    }
    htmlParserCtxtPtr parser = htmlCreateMemoryParserCtxt((const char *)bytes, (int)length);
    if (parser == NULL) {
        cxml_set_error(error, CXML_ERR_OUT_OF_MEMORY, 0, "libxml2 could not create a parser");
        return CXML_ERR_OUT_OF_MEMORY;
    }
    struct cxml_sax_context sax = {handlers, context, parser};
    /* Only the callbacks we need: no tree is built. */
    htmlSAXHandlerPtr handler = (htmlSAXHandlerPtr)parser->sax;
    memset(handler, 0, sizeof(*handler));
    handler->startElement = cxml_start;
    handler->endElement = cxml_end;
    handler->characters = cxml_text;
    handler->ignorableWhitespace = cxml_text;
    handler->cdataBlock = cxml_text;
    parser->_private = &sax;
    parser->userData = parser;
    htmlCtxtUseOptions(parser, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(parser, XML_CHAR_ENCODING_UTF8);
    int result = htmlParseDocument(parser);
    int32_t status = CXML_OK;
    if (result < 0 && !parser->wellFormed && parser->nodeNr < 0) {
        cxml_set_error(error, CXML_ERR_PARSE, 0, "libxml2 could not parse the page");
        status = CXML_ERR_PARSE;
    }
    parser->_private = NULL;
    htmlFreeParserCtxt(parser);
    return status;
}

int32_t cxml_transcode(const uint8_t *bytes, int64_t length, const char *encoding, uint8_t **out,
                       int64_t *out_length, int64_t **origins, cxml_error *error) {
    iconv_t converter = iconv_open("UTF-8", encoding);
    if (converter == (iconv_t)-1) {
        char message[160];
        snprintf(message, sizeof message, "the encoding %s is not known", encoding);
        cxml_set_error(error, CXML_ERR_ENCODING, 0, message);
        return CXML_ERR_ENCODING;
    }
    /* A character becomes at most 4 UTF-8 bytes per input byte, plus a little for shifts. */
    size_t capacity = (size_t)length * 4 + 16;
    uint8_t *output = malloc(capacity);
    int64_t *from = malloc((capacity + 1) * sizeof(int64_t));
    if (output == NULL || from == NULL) {
        free(output);
        free(from);
        iconv_close(converter);
        cxml_set_error(error, CXML_ERR_OUT_OF_MEMORY, 0, "out of memory transcoding the page");
        return CXML_ERR_OUT_OF_MEMORY;
    }
    int64_t at = 0;
    size_t written = 0;
    while (at < length) {
        /* One character at a time, so each output byte knows its input character. */
        size_t take = 1;
        for (;;) {
            char *in = (char *)(bytes + at);
            size_t in_left = take;
            char *o = (char *)(output + written);
            size_t o_left = capacity - written;
            size_t converted = iconv(converter, &in, &in_left, &o, &o_left);
            if (converted != (size_t)-1) {
                size_t produced = (size_t)(o - (char *)(output + written));
                for (size_t i = 0; i < produced; i++) from[written + i] = at;
                written += produced;
                at += (int64_t)(take - in_left);
                break;
            }
            if (errno == EINVAL && at + (int64_t)take < length && take < 8) {
                take += 1; /* an incomplete multi-byte character: read one more byte */
                continue;
            }
            free(output);
            free(from);
            iconv_close(converter);
            char message[160];
            snprintf(message, sizeof message, "bytes at offset %lld are not valid %s", (long long)at, encoding);
            cxml_set_error(error, CXML_ERR_UNDECODABLE, at, message);
            return CXML_ERR_UNDECODABLE;
        }
    }
    iconv_close(converter);
    from[written] = length;
    *out = output;
    *out_length = (int64_t)written;
    *origins = from;
    return CXML_OK;
}

void cxml_free(void *pointer) { free(pointer); }

#!/usr/bin/env python3
"""tantivy (PyPI `tantivy`, run from the harness's venv): the `en_stem` tokenizer (lower case,
English Snowball stemmer), BM25, its default writer (all cores)."""
import os
import sys

import tantivy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402


def schema():
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("text", stored=False, tokenizer_name="en_stem")
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    return sb.build()


def build(passages, out):
    os.makedirs(out, exist_ok=True)
    index = tantivy.Index(schema(), path=out)
    writer = index.writer()
    for pid, text in peer_common.passages(passages):
        writer.add_document(tantivy.Document(id=pid, text=text))
    writer.commit()
    writer.wait_merging_threads()


def open_searcher(path):
    index = tantivy.Index.open(path)
    index.reload()
    searcher = index.searcher()

    def search(query, mode, limit):
        # Quoted, so that apostrophes and hyphens are text, not query syntax ("master's" is a
        # phrase of its tokens, as Xapian's QueryParser makes of "built-in").
        ws = ['"' + w.replace('"', " ") + '"' for w in peer_common.words(query)]
        if mode == "and":
            ws = ["+" + w for w in ws]
        q = index.parse_query(" ".join(ws), ["text"])
        result = searcher.search(q, limit)
        hits = [searcher.doc(addr)["id"][0] for _, addr in result.hits]
        return hits, result.count if result.count is not None else len(hits)

    return search


if __name__ == "__main__":
    peer_common.main(build, open_searcher)

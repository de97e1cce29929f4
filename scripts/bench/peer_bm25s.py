#!/usr/bin/env python3
"""bm25s (PyPI) with PyStemmer's English stemmer and its English stop words, BM25 at its defaults."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402

import bm25s  # noqa: E402
import Stemmer  # noqa: E402

STEMMER = Stemmer.Stemmer("english")


def build(passages, out):
    os.makedirs(out, exist_ok=True)
    ids, texts = [], []
    for pid, text in peer_common.passages(passages):
        ids.append(pid)
        texts.append(text)
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=STEMMER, show_progress=False), show_progress=False)
    retriever.save(os.path.join(out, "bm25s"))
    with open(os.path.join(out, "ids.json"), "w", encoding="utf-8") as f:
        json.dump(ids, f)


def open_searcher(path):
    retriever = bm25s.BM25.load(os.path.join(path, "bm25s"))
    with open(os.path.join(path, "ids.json"), encoding="utf-8") as f:
        ids = json.load(f)

    def search(query, mode, limit):
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=STEMMER, show_progress=False)
        if not tokens.vocab:
            return [], 0
        k = min(limit, len(ids))
        docs, scores = retriever.retrieve(tokens, k=k, show_progress=False)
        hits = [ids[int(d)] for d, s in zip(docs[0], scores[0]) if s > 0]
        return hits, len(hits)

    return search


if __name__ == "__main__":
    peer_common.main(build, open_searcher)

#!/usr/bin/python3
"""Xapian's own loader and query parser (Debian python3-xapian): TermGenerator with the English
stemmer (STEM_SOME, positions), QueryParser with the same stemmer, BM25 (Xapian's default)."""
import os
import sys

import xapian

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402


def build(passages, out):
    db = xapian.WritableDatabase(out, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    for pid, text in peer_common.passages(passages):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        doc.set_data(pid)
        doc.add_boolean_term("Q" + pid)
        db.replace_document("Q" + pid, doc)
    db.commit()
    db.close()


def open_searcher(path):
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    enquire = xapian.Enquire(db)  # BM25Weight is the default weighting scheme

    def search(query, mode, limit):
        qp.set_default_op(xapian.Query.OP_AND if mode == "and" else xapian.Query.OP_OR)
        enquire.set_query(qp.parse_query(query))
        mset = enquire.get_mset(0, limit)
        return [m.document.get_data().decode() for m in mset], mset.get_matches_estimated()

    return search


if __name__ == "__main__":
    peer_common.main(build, open_searcher)

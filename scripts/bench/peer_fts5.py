#!/usr/bin/python3
"""SQLite FTS5 through Python's sqlite3: porter stemming over unicode61, ranked with bm25()."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402


def build(passages, out):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "fts.db")
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='porter unicode61')")
    rows = ((int(pid), text) for pid, text in peer_common.passages(passages))
    con.executemany("INSERT INTO p(rowid, text) VALUES (?, ?)", rows)
    con.commit()
    con.close()


def quoted(word):
    return '"' + word.replace('"', '""') + '"'


def open_searcher(path):
    con = sqlite3.connect(os.path.join(path, "fts.db"))

    def search(query, mode, limit):
        ws = [quoted(w) for w in peer_common.words(query)]
        match = (" " if mode == "and" else " OR ").join(ws)
        rows = con.execute("SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?", (match, limit)).fetchall()
        # FTS5 has no cheap estimate of the match count: the top-k is what it returns.
        return [str(r[0]) for r in rows], len(rows)

    return search


if __name__ == "__main__":
    peer_common.main(build, open_searcher)

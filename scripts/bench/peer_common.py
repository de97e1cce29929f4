"""What every peer script shares: its command line, the passage reader, and the timed query loop.

A peer script is run twice by the harness, each time as its own process so its peak RSS is its own:
  peer_X.py index --passages passages.jsonl --out DIR
  peer_X.py query --index DIR --queries FILE.tsv --mode or|and [--passes N] [--limit 10]
``query`` prints one JSON line per query and pass, the same shape as ``passim bench-query``:
{"pass", "id", "us", "total", "hits"} (us: wall time of the search call, microseconds).
"""
import argparse
import json
import re
import sys
import time

WORD = re.compile(r"\S+")


def passages(path):
    """(id, text) of every passage of a passages.jsonl file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield str(d["id"]), d["text"]


def words(query):
    return WORD.findall(query)


def main(build, open_searcher):
    """``build(passages_path, out_dir)``; ``open_searcher(index_dir)`` returns ``search(query, mode, limit)``
    giving (hit ids, estimated total)."""
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("index")
    b.add_argument("--passages", required=True)
    b.add_argument("--out", required=True)
    q = sub.add_parser("query")
    q.add_argument("--index", required=True)
    q.add_argument("--queries", required=True)
    q.add_argument("--mode", choices=("or", "and"), default="or")
    q.add_argument("--passes", type=int, default=1)
    q.add_argument("--limit", type=int, default=10)
    a = ap.parse_args()
    if a.cmd == "index":
        build(a.passages, a.out)
        return
    search = open_searcher(a.index)
    queries = []
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                queries.append((parts[0], parts[1]))
    out = sys.stdout
    for p in range(1, a.passes + 1):
        lines = []
        for qid, query in queries:
            t0 = time.perf_counter_ns()
            error = None
            try:
                hits, total = search(query, a.mode, a.limit)
            except Exception as e:  # a peer's query syntax error is reported, not fatal
                hits, total, error = [], 0, f"{type(e).__name__}: {e}"
            us = (time.perf_counter_ns() - t0) / 1000
            rec = {"pass": p, "id": qid, "us": us, "total": total, "hits": hits}
            if error:
                rec["error"] = error
            lines.append(json.dumps(rec))
        out.write("\n".join(lines) + "\n")
        out.flush()

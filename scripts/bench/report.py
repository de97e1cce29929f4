"""The run's context (machine, versions), Passim's advantage over each peer, issue 4's goals, and the table."""
import os
import platform
import subprocess

# (path in an engine's figures, label, True when higher is better)
FIGURES = [
    ("ingest.seconds", "ingest s", False),
    ("ingest.mb_per_s", "ingest MB/s", True),
    ("ingest.passages_per_s", "ingest passages/s", True),
    ("ingest.index_mb", "index MB", False),
    ("ingest.peak_rss_mb", "ingest peak RSS MB", False),
]
for _key, _label in (("phrases_or", "phrases OR"), ("phrases_and", "phrases AND"), ("headings_or", "headings OR")):
    FIGURES += [
        (f"queries.{_key}.p50_ms", f"{_label} p50 ms", False),
        (f"queries.{_key}.p90_ms", f"{_label} p90 ms", False),
        (f"queries.{_key}.p99_ms", f"{_label} p99 ms", False),
        (f"queries.{_key}.qps", f"{_label} QPS (1 thread)", True),
    ]
FIGURES += [
    ("quality.headings_or.ndcg10", "headings nDCG@10", True),
    ("quality.headings_or.mrr10", "headings MRR@10", True),
    ("quality.phrases_or.mrr10", "phrases MRR@10 (known item, OR)", True),
    ("quality.phrases_and.mrr10", "phrases MRR@10 (known item, AND)", True),
]
PEERS = ("xapian", "fts5", "tantivy")


def get(figs, path):
    for part in path.split("."):
        if not isinstance(figs, dict) or figs.get(part) is None:
            return None
        figs = figs[part]
    return figs


def advantage(passim, peer, higher_better):
    """How many times better Passim is than the peer (>1: Passim better)."""
    if passim is None or peer is None:
        return None
    if higher_better:
        return passim / peer if peer else None
    return peer / passim if passim else None


def ratios(results):
    engines = results["engines"]
    base = engines.get("passim", {})
    out = {}
    for peer in PEERS:
        if peer not in engines:
            continue
        out[peer] = {path: advantage(get(base, path), get(engines[peer], path), hb) for path, _, hb in FIGURES}
    return out


def goals(results):
    """Issue 4's goals, each with the measured value, the target, and whether it is met (None: not measured)."""
    e = results["engines"]
    p, x, f = e.get("passim", {}), e.get("xapian", {}), e.get("fts5", {})
    d = p.get("daemon", {})
    clients = d.get("clients", 8)
    many = d.get(f"clients_{clients}", {})
    out = []

    def goal(name, value, target, met):
        out.append({"goal": name, "value": value, "target": target, "met": met})

    def ratio(a, b):
        return a / b if a is not None and b else None

    for key, label in (("passim", "JSONL import"), ("passim-articles", "article files")):
        r = ratio(get(e.get(key, {}), "ingest.mb_per_s"), get(x, "ingest.mb_per_s"))
        goal(f"ingest MB/s ({label}) >= 3x Xapian TermGenerator", r, ">= 3", None if r is None else r >= 3)
    v = d.get("new_article_searchable_ms")
    goal(f"{(d.get('new_article_bytes') or 10000) / 1000:.0f} KB article through the daemon searchable ms", v,
         "< 100", None if v is None else v < 100)
    for q in ("p50", "p99"):
        v, t = get(d, f"clients_1.{q}_ms"), get(x, f"queries.phrases_or.{q}_ms")
        goal(f"daemon 1 client {q} (phrases OR) <= Xapian in-process {q}", v, t,
             None if v is None or t is None else v <= t)
        ft = get(f, f"queries.phrases_or.{q}_ms")
        goal(f"daemon 1 client {q} ahead of FTS5 in-process {q} (FTS5 / daemon)", ratio(ft, v), "> 1",
             None if v is None or ft is None else ft / v > 1)
    goal(f"{clients} clients QPS / 1 client QPS", d.get("speedup"), ">= 1.8",
         None if d.get("speedup") is None else d["speedup"] >= 1.8)
    v = many.get("p99_ms")
    goal(f"{clients} clients p99 ms", v, "< 15", None if v is None else v < 15)
    v = d.get("rss_after_queries_mb")
    goal(f"daemon RSS MB after {d.get('rss_queries')} queries", v, "< 100", None if v is None else v < 100)
    v0 = d.get("rss_after_start_mb")
    goal("daemon RSS growth MB over those queries", None if v is None or v0 is None else v - v0, "flat", None)
    v = d.get("start_to_first_answer_ms")
    goal("daemon start to first answer ms", v, "< 150", None if v is None else v < 150)
    for path, label in (("quality.headings_or.ndcg10", "headings nDCG@10"), ("quality.phrases_or.mrr10",
                                                                           "phrases MRR@10")):
        peers = [get(e.get(n, {}), path) for n in PEERS]
        peers = [v for v in peers if v is not None]
        v = get(p, path)
        best = max(peers) if peers else None
        goal(f"{label} >= best peer", v, best, None if v is None or best is None else v >= best - 1e-12)
    return out


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if isinstance(v, str):
        return v
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    if abs(v) >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def table(results):
    """A Markdown table: Passim, then each peer with Passim's advantage (x: >1 Passim better)."""
    e = results["engines"]
    peers = [n for n in PEERS if n in e]
    rat = results.get("ratios", {})
    head = ["figure", "passim"] + [f"{n} (adv.)" for n in peers]
    rows = [head, ["---"] * len(head)]
    for path, label, _ in FIGURES:
        row = [label, fmt(get(e.get("passim", {}), path))]
        for n in peers:
            a = rat.get(n, {}).get(path)
            row.append(f"{fmt(get(e[n], path))} ({fmt(a)}x)" if a is not None else fmt(get(e[n], path)))
        rows.append(row)
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    art = get(e, "passim-articles.ingest")
    if art:
        lines += ["", f"Passim ingest of the article files (end to end): {fmt(art['seconds'])} s, "
                      f"{fmt(art['mb_per_s'])} MB/s, {fmt(art['passages_per_s'])} passages/s "
                      f"({art['passages']} passages), index {fmt(art['index_mb'])} MB, "
                      f"peak RSS {fmt(art['peak_rss_mb'])} MB"]
    d = get(e, "passim.daemon")
    if d:
        c = d["clients"]
        lines += ["", "| daemon (phrases, ranked OR, top 10 with highlights) | p50 ms | p90 ms | p99 ms | QPS |",
                  "| --- | --- | --- | --- | --- |"]
        for k, label in (("clients_1", "1 client"), (f"clients_{c}", f"{c} clients")):
            s = d[k]
            lines.append(f"| {label} | {fmt(s['p50_ms'])} | {fmt(s['p90_ms'])} | {fmt(s['p99_ms'])} | {fmt(s['qps'])} |")
        ping = d.get("ping") or {}
        lines.append(f"| ping (floor: socket + this Python client) | {fmt(ping.get('p50_ms'))} | "
                     f"{fmt(ping.get('p90_ms'))} | {fmt(ping.get('p99_ms'))} | {fmt(ping.get('qps'))} |")
        lines += ["", f"Daemon: start to first answer {fmt(d['start_to_first_answer_ms'])} ms; RSS "
                      f"{fmt(d['rss_after_start_mb'])} MB after start, {fmt(d['rss_after_queries_mb'])} MB after "
                      f"{d['rss_queries']} more queries (peak {fmt(d['rss_peak_mb'])} MB); "
                      f"{c} clients / 1 client throughput {fmt(d['speedup'])}x; a new "
                      f"{d['new_article_bytes']:,}-byte article sent with `ingest` is found by a search "
                      f"{fmt(d['new_article_searchable_ms'])} ms after it was sent"]
    lines += ["", "| goal (issue 4) | measured | target | met |", "| --- | --- | --- | --- |"]
    for g in results.get("goals", []):
        met = "not measured" if g["met"] is None and g["value"] is None else fmt(g["met"])
        lines.append(f"| {g['goal']} | {fmt(g['value'])} | {fmt(g['target'])} | {met} |")
    if results.get("missing"):
        lines += ["", "Missing:"] + [f"- {m['engine']} {m['figure']}: {m['reason']}" for m in results["missing"]]
    return "\n".join(lines)


def _first_line(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None


def versions(runnable):
    v = {"swift": _first_line(["swift", "--version"])}
    for e in runnable:
        if e.name == "passim":
            v["passim"] = _first_line([e.binary, "--version"])
        elif e.name == "xapian":
            v["xapian"] = _first_line([e.python, "-c", "import xapian; print(xapian.version_string())"])
        elif e.name == "fts5":
            v["sqlite"] = _first_line([e.python, "-c", "import sqlite3; print(sqlite3.sqlite_version)"])
        elif e.name == "tantivy":
            v["tantivy"] = _first_line([e.python, "-c", "import importlib.metadata as m; print(m.version('tantivy'))"])
    v["git_commit"] = _first_line(["git", "-C", os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "rev-parse", "--short", "HEAD"])
    return v


def machine():
    cpu = None
    mem = None
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), None)
        with open("/proc/meminfo") as f:
            mem = next((int(line.split()[1]) * 1024 for line in f if line.startswith("MemTotal")), None)
    except OSError:
        pass
    load = os.getloadavg()
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gb": mem / 2**30 if mem else None,
            "kernel": platform.release(), "loadavg_at_start": [round(x, 2) for x in load]}

#!/usr/bin/env python3
"""How soon the daemon's corpus watcher makes a saved article searchable, and what a rescan of
an unchanged corpus costs (issue 11's goals). Stdlib only.

  scripts/bench/watch_latency.py --passim .build/release/passim --corpus DIR [--saves 20]

Ingests DIR into a fresh index (unless --index names one already built from it), times an
unchanged re-ingest (the rescan the watcher runs at start: CPU seconds per 10,000 files), then
starts `passim serve` on it (watching) and saves --saves 10 KB articles, one at a time, into
DIR/_watch_bench/, each with a word of its own, timing from the write to the first search that
finds it. The articles are removed afterwards. Prints one JSON object.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import daemon as daemon_mod  # noqa: E402


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder, followlinks=True))


def article(word, size=10_240):
    sentence = f"The watcher should find the word {word} in this saved article about collagen and skin. "
    body = []
    while sum(map(len, body)) < size:
        body.append(sentence)
    return f"Watched Article {word}\n\n" + "".join(body) + "\n"


def ingest(passim, index, corpus):
    """`passim ingest`; status 1 (some files could not be read: a real corpus has a few) is fine."""
    status = subprocess.run([passim, "ingest", "--no-daemon", "--index", index, corpus],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if status not in (0, 1):
        raise SystemExit(f"passim ingest failed with status {status}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passim", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index")
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--keep-index", action="store_true", help="keep a fresh index (printed) for another run")
    args = ap.parse_args()
    passim = os.path.abspath(args.passim)
    corpus = os.path.realpath(args.corpus)
    work = tempfile.mkdtemp(prefix="passim-watch-")
    index = args.index or os.path.join(work, "index")
    result = {"corpus": corpus, "files": count_files(corpus)}
    try:
        if not os.path.exists(os.path.join(index, "db", "iamglass")):
            started = time.monotonic()
            ingest(passim, index, corpus)
            result["first_ingest_s"] = round(time.monotonic() - started, 2)
        before, started = child_cpu(), time.monotonic()
        ingest(passim, index, corpus)
        cpu = child_cpu() - before
        result["rescan_wall_s"] = round(time.monotonic() - started, 2)
        result["rescan_cpu_s"] = round(cpu, 2)
        result["rescan_cpu_s_per_10k_files"] = round(cpu * 10_000 / max(1, result["files"]), 3)

        socket_path = os.path.join(work, "s.sock")
        log = open(os.path.join(work, "daemon.log"), "w")
        proc = subprocess.Popen([passim, "serve", "--index", index, "--socket", socket_path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 120
            while not os.path.exists(socket_path):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("passim serve did not start")
                time.sleep(0.01)
            client = daemon_mod.Client(socket_path)
            client.call("ping")
            folder = os.path.join(corpus, "_watch_bench")
            os.makedirs(folder, exist_ok=True)
            # The daemon compares the corpus with the index when it starts (as long as the
            # rescan above): saves made meanwhile wait behind it. Measure after it.
            time.sleep(1.5 * result["rescan_wall_s"] + 1.0)
            latencies = []
            for n in range(args.saves):
                word = f"watchbench{os.getpid()}x{n}"
                path = os.path.join(folder, f"w{n}.txt")
                written = time.monotonic()
                with open(path, "w") as f:
                    f.write(article(word))
                while True:
                    hits = client.call("search", {"query": word, "limit": 1}).get("result", {}).get("hits", [])
                    if hits:
                        break
                    if time.monotonic() - written > 60:
                        raise SystemExit(f"{word} not found within 60 s")
                    time.sleep(0.005)
                latencies.append((time.monotonic() - written) * 1000)
            latencies.sort()
            result["saves"] = len(latencies)
            result["save_to_found_ms"] = {
                "median": round(statistics.median(latencies), 1),
                "p90": round(latencies[int(0.9 * (len(latencies) - 1))], 1),
                "max": round(latencies[-1], 1),
            }
            client.close()
        finally:
            proc.terminate()
            proc.wait(timeout=60)
            shutil.rmtree(os.path.join(corpus, "_watch_bench"), ignore_errors=True)
    finally:
        if args.keep_index and not args.index:
            result["index"] = index
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

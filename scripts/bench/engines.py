"""How the harness drives each engine: index the cut, answer query files, in separate processes."""
import json
import os
import shutil
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEBIAN_PYTHON = "/usr/bin/python3"


def timed(cmd, log_prefix, env=None):
    """Runs ``cmd`` to the end; returns wall seconds, the child's peak RSS in bytes (getrusage via
    wait4, so only this child is counted), its status, and its stdout."""
    out_path, err_path = log_prefix + ".out", log_prefix + ".err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path, encoding="utf-8", errors="replace") as f:
        stdout = f.read()
    return {"seconds": seconds, "peak_rss_bytes": usage.ru_maxrss * 1024, "status": p.returncode,
            "stdout": stdout, "stderr_path": err_path}


def dir_bytes(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for n in files:
            try:
                total += os.path.getsize(os.path.join(dirpath, n))
            except OSError:
                pass
    return total


class Engine:
    """One engine: ``name``, ``ingest_cmd(index_dir)``, ``query_cmd(index_dir, queries_file, mode, passes)``,
    and ``query_text(query, mode)``, the text it is given for a query of the corpus."""

    ok_statuses = (0,)

    def ingest(self, index_dir, log_prefix):
        shutil.rmtree(index_dir, ignore_errors=True)
        r = timed(self.ingest_cmd(index_dir), log_prefix)
        if r["status"] not in self.ok_statuses:
            raise RuntimeError(f"{self.name} ingest failed with status {r['status']} (see {r['stderr_path']})")
        r["index_bytes"] = dir_bytes(index_dir)
        return r

    def query(self, index_dir, queries, mode, passes, work, log_prefix):
        """Runs ``queries`` [(qid, text)] ``passes`` times in one process; returns per-pass lists of
        the printed records."""
        path = os.path.join(work, f"{os.path.basename(log_prefix)}.tsv")
        with open(path, "w", encoding="utf-8") as f:
            for qid, text in queries:
                f.write(f"{qid}\t{self.query_text(text, mode)}\n")
        r = timed(self.query_cmd(index_dir, path, mode, passes), log_prefix)
        if r["status"] != 0:
            raise RuntimeError(f"{self.name} queries failed with status {r['status']} (see {r['stderr_path']})")
        by_pass = {}
        for line in r["stdout"].splitlines():
            rec = json.loads(line)
            by_pass.setdefault(rec["pass"], []).append(rec)
        return [by_pass[p] for p in sorted(by_pass)], r


class Passim(Engine):
    def __init__(self, binary, source, name="passim"):
        self.binary = binary
        self.source = source  # "jsonl" (passim.jsonl) or "articles" (the article files)
        self.name = name

    # `passim ingest` exits 1 when some files could not be ingested (reported, counted).
    ok_statuses = (0, 1)

    def ingest_cmd(self, index_dir):
        if self.source == "jsonl":
            return [self.binary, "ingest", "--index", index_dir, "--jsonl", self.corpus.passim_jsonl]
        return [self.binary, "ingest", "--index", index_dir, self.corpus.articles]

    def query_cmd(self, index_dir, path, mode, passes):
        return [self.binary, "bench-query", "--index", index_dir, "--queries", path, "--passes", str(passes)]

    @staticmethod
    def query_text(text, mode):
        # Bare words are Passim's ranked OR; +word makes each word required.
        return text if mode == "or" else " ".join("+" + w for w in text.split())


class Peer(Engine):
    def __init__(self, name, python):
        self.name = name
        self.python = python
        self.script = os.path.join(HERE, f"peer_{name}.py")

    def ingest_cmd(self, index_dir):
        return [self.python, self.script, "index", "--passages", self.corpus.passages, "--out", index_dir]

    def query_cmd(self, index_dir, path, mode, passes):
        return [self.python, self.script, "query", "--index", index_dir, "--queries", path, "--mode", mode,
                "--passes", str(passes)]

    @staticmethod
    def query_text(text, mode):
        return text  # the peer script builds its own syntax for the mode


def peer_available(name, python):
    module = {"xapian": "xapian", "fts5": "sqlite3", "tantivy": "tantivy"}[name]
    probe = f"import {module}"
    if name == "fts5":
        probe += "; c = sqlite3.connect(':memory:'); c.execute('CREATE VIRTUAL TABLE t USING fts5(x)')"
    return subprocess.run([python, "-c", probe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def retry(cmd, times=3):
    for _ in range(times):
        if subprocess.run(cmd).returncode == 0:
            return True
        time.sleep(2)
    return False


def ensure_xapian(offline):
    """python3-xapian for Debian's python3, installed with apt when missing (unless offline)."""
    if peer_available("xapian", DEBIAN_PYTHON):
        return DEBIAN_PYTHON, None
    if offline:
        return None, "python3-xapian is not installed (--offline: not installing)"
    retry(["apt-get", "update", "-qq"])
    if not retry(["apt-get", "install", "-y", "-qq", "python3-xapian"]):
        return None, "apt-get install python3-xapian failed"
    return (DEBIAN_PYTHON, None) if peer_available("xapian", DEBIAN_PYTHON) else (None, "python3-xapian does not import")


def ensure_tantivy(venv, offline):
    """PyPI tantivy in a venv made from Debian's python3 (with its site packages)."""
    python = os.path.join(venv, "bin", "python")
    if os.path.exists(python) and peer_available("tantivy", python):
        return python, None
    if offline:
        return None, f"tantivy is not installed in {venv} (--offline: not installing)"
    if not os.path.exists(python):
        subprocess.run([DEBIAN_PYTHON, "-m", "venv", "--system-site-packages", venv], check=True)
    if not retry([python, "-m", "pip", "install", "-q", "tantivy"]):
        return None, "pip install tantivy failed"
    return (python, None) if peer_available("tantivy", python) else (None, "tantivy does not import")

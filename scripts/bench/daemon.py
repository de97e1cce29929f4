"""A real ``passim serve`` under test, and clients speaking PROTOCOL.md's line framing (stdlib only)."""
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


class Client:
    """One connection: JSON-RPC requests, one JSON object per line."""

    def __init__(self, path, timeout=60):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")
        self.next_id = 0

    def call(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            line = self.file.readline()
            if not line:
                raise ConnectionError("the daemon closed the connection")
            answer = json.loads(line)
            if answer.get("id") == self.next_id:  # notifications have no id
                return answer

    def close(self):
        try:
            self.file.close()
            self.sock.close()
        except OSError:
            pass


def rss_bytes(pid):
    """(VmRSS, VmHWM) of a process in bytes, from /proc."""
    rss = hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) * 1024
    return rss, hwm


class Daemon:
    """``passim serve`` on a private socket; ``start`` returns the time from spawn to the first
    search answer."""

    def __init__(self, binary, index, log_dir):
        self.binary = binary
        self.index = index
        self.dir = tempfile.mkdtemp(prefix="passim-bench-")  # short: socket paths are limited to 107 bytes
        self.socket = os.path.join(self.dir, "s.sock")
        self.log = os.path.join(log_dir, "daemon.log")
        self.proc = None

    def start(self, first_query, timeout=60):
        env = dict(os.environ, PASSIM_SOCKET=self.socket)
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([self.binary, "serve", "--index", self.index, "--socket", self.socket,
                                      "--log-file", self.log], env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=open(self.log + ".stderr", "ab"))
        deadline = t0 + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"passim serve exited with status {self.proc.returncode} (see {self.log}.stderr)")
            try:
                c = Client(self.socket)
                break
            except OSError:
                if time.perf_counter() > deadline:
                    raise RuntimeError("passim serve did not open its socket in time")
                time.sleep(0.001)
        answer = c.call("search", {"query": first_query, "limit": 10})
        elapsed = time.perf_counter() - t0
        c.close()
        if "error" in answer:
            raise RuntimeError(f"the first search failed: {answer['error']}")
        return elapsed

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                c = Client(self.socket, timeout=5)
                c.call("shutdown")
                c.close()
            except (OSError, ConnectionError, ValueError):
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)


def new_article_latency(path, text, name, probe, timeout=30):
    """Seconds from sending ``ingest`` with an inline article to the first ``search`` for ``probe``
    (a word only that article has) that finds it, and the ingest answer."""
    c = Client(path, timeout=timeout)
    t0 = time.perf_counter()
    answer = c.call("ingest", {"name": name, "text": text})
    if "error" in answer:
        c.close()
        raise RuntimeError(f"ingest failed: {answer['error']}")
    while True:
        found = c.call("search", {"query": probe, "limit": 1})
        if found.get("result", {}).get("hits"):
            break
        if time.perf_counter() - t0 > timeout:
            c.close()
            raise RuntimeError(f"the ingested article was not searchable after {timeout} s")
        time.sleep(0.001)
    elapsed = time.perf_counter() - t0
    c.close()
    return elapsed, answer


def ping_latencies(path, count):
    """Round trips of ``ping`` on one connection, in µs."""
    c = Client(path)
    lat = []
    for _ in range(count):
        s = time.perf_counter_ns()
        c.call("ping")
        lat.append((time.perf_counter_ns() - s) / 1000)
    c.close()
    return lat


def _client_worker(path, queries, start_at, count, barrier, out):
    """One client process: ``count`` searches from ``queries`` (cycling from ``start_at``); sends
    back (latencies in µs, errors, wall seconds)."""
    c = Client(path)
    lat, errors = [], 0
    n = len(queries)
    barrier.wait()
    t0 = time.perf_counter()
    for i in range(count):
        q = queries[(start_at + i) % n]
        s = time.perf_counter_ns()
        answer = c.call("search", {"query": q, "limit": 10})
        lat.append((time.perf_counter_ns() - s) / 1000)
        if "error" in answer:
            errors += 1
    wall = time.perf_counter() - t0
    c.close()
    out.send((lat, errors, wall))
    out.close()


def load(path, queries, clients, per_client):
    """``clients`` processes (no GIL between them) each sending ``per_client`` searches, all at once.
    Returns (all latencies µs, errors, wall seconds of the slowest client)."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(clients)
    pipes, procs = [], []
    for k in range(clients):
        r, w = ctx.Pipe(duplex=False)
        p = ctx.Process(target=_client_worker, args=(path, queries, k * len(queries) // clients, per_client, barrier, w))
        p.start()
        pipes.append(r)
        procs.append(p)
    lat, errors, wall = [], 0, 0.0
    for r in pipes:
        l, e, w = r.recv()
        lat.extend(l)
        errors += e
        wall = max(wall, w)
    for p in procs:
        p.join()
    return lat, errors, wall

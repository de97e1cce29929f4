"""The benchmark's data: the shared corpus (built when missing), cuts of it, and the per-engine inputs.

A cut (``--fraction``) keeps the articles whose id hashes below the fraction (md5, so it is
deterministic and spread over every source), with their article files (hard links), their
passages renumbered 0..n-1, and query sets made from those passages by the corpus's own
make_queries.py (same seed and rules as the full corpus).  At fraction 1 the corpus's own files
are used as they are.
"""
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys

SHARED = os.environ.get("PASSIM_BENCH_SHARED", "/work/shared/bench")
DEBIAN_PYTHON = "/usr/bin/python3"


class Corpus:
    """Paths and counts of one cut, as every engine sees it."""

    def __init__(self, root):
        self.root = root
        self.articles = os.path.join(root, "articles")
        self.passages = os.path.join(root, "passages.jsonl")
        self.passim_jsonl = os.path.join(root, "passim.jsonl")
        self.phrases = os.path.join(root, "queries_phrases.tsv")
        self.headings = os.path.join(root, "queries_headings.tsv")
        self.qrels = os.path.join(root, "qrels_headings.txt")
        self.stats_path = os.path.join(root, "cut.json")

    @property
    def stats(self):
        with open(self.stats_path) as f:
            return json.load(f)


def ensure_full_corpus(base, offline):
    """The shared corpus at ``base``, built with make-corpus when it is missing."""
    data = os.path.join(base, "data")
    needed = ["passages.jsonl", "articles.jsonl.gz", "queries_phrases.tsv", "queries_headings.tsv",
              "qrels_headings.txt"]
    if all(os.path.exists(os.path.join(data, n)) for n in needed) and os.path.isdir(os.path.join(base, "articles")):
        return
    if offline:
        sys.exit(f"bench: no corpus at {base} and --offline: run {SHARED}/make-corpus {base} first")
    maker = os.path.join(SHARED, "make-corpus")
    if not os.path.exists(maker):
        sys.exit(f"bench: no corpus at {base} and no {maker} to build it; pass --corpus DIR")
    print(f"bench: building the corpus with {maker} {base} (a few minutes)", file=sys.stderr)
    subprocess.run([maker, base], check=True)


def selected(article_id, fraction):
    """Whether an article belongs to the cut: md5 of its id, below the fraction."""
    if fraction >= 1:
        return True
    h = int.from_bytes(hashlib.md5(article_id.encode()).digest()[:8], "big")
    return (h % 1_000_000) < fraction * 1_000_000


def _link(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _article_file(out_root, source, i, article_id):
    """The file export_articles.py writes for the i-th article of ``source`` (same naming rules)."""
    import re
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", article_id.split(":", 1)[-1])[:80] or "article"
    return os.path.join(out_root, source, f"{i // 1000:03d}", f"{i % 1000:03d}-{name}.txt")


def make_cut(base, fraction, work, max_phrases=1000, max_headings=500):
    """The cut of the corpus at ``base`` for ``fraction``, prepared under ``work`` (reused when present)."""
    tag = f"{fraction:g}"
    root = os.path.join(work, f"cut-{tag}")
    corpus = Corpus(root)
    if os.path.exists(corpus.stats_path):
        return corpus
    tmp = root + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    data = os.path.join(base, "data")
    keep = set()
    # Article files: the same walk as export_articles.py, linking the kept ones.
    counts = {}
    article_bytes = 0
    with gzip.open(os.path.join(data, "articles.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            src = art["source"]
            i = counts.get(src, 0)
            counts[src] = i + 1
            if not selected(art["id"], fraction):
                continue
            keep.add(art["id"])
            if fraction < 1:
                src_file = _article_file(os.path.join(base, "articles"), src, i, art["id"])
                dst_file = _article_file(os.path.join(tmp, "articles"), src, i, art["id"])
                _link(src_file, dst_file)
                article_bytes += os.path.getsize(src_file)
    if fraction >= 1:
        os.symlink(os.path.join(base, "articles"), os.path.join(tmp, "articles"))
        for dirpath, _, files in os.walk(os.path.join(base, "articles")):
            article_bytes += sum(os.path.getsize(os.path.join(dirpath, n)) for n in files)
    passages = text_bytes = 0
    with open(os.path.join(data, "passages.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(tmp, "passages.jsonl"), "w", encoding="utf-8") as out:
        for line in f:
            d = json.loads(line)
            if d["article"] not in keep:
                continue
            d["id"] = passages
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            passages += 1
            text_bytes += len(d["text"].encode())
    if fraction >= 1:
        for n in ("queries_phrases.tsv", "queries_headings.tsv", "qrels_headings.txt"):
            shutil.copyfile(os.path.join(data, n), os.path.join(tmp, n))
    else:
        make_queries(os.path.join(tmp, "passages.jsonl"), tmp, min(max_phrases, max(1, passages // 4)),
                     max_headings)
    write_passim_jsonl(Corpus(tmp))
    stats = {"fraction": fraction, "articles": len(keep), "passages": passages, "text_bytes": text_bytes,
             "article_file_bytes": article_bytes, "source": base}
    with open(os.path.join(tmp, "cut.json"), "w") as f:
        json.dump(stats, f, indent=1)
    shutil.rmtree(root, ignore_errors=True)
    os.rename(tmp, root)
    return corpus


def make_queries(passages, outdir, n, n_headings):
    script = os.path.join(SHARED, "make_queries.py")
    subprocess.run([DEBIAN_PYTHON, script, "--passages", passages, "--outdir", outdir, "--n", str(n),
                    "--n-headings", str(n_headings)], check=True, stdout=subprocess.DEVNULL)


def write_passim_jsonl(corpus):
    """What Passim imports for the like-for-like run: the passages' text only (as the peers index
    it: no titles, no sources), grouped by article as passages.jsonl already is."""
    with open(corpus.passages, encoding="utf-8") as f, open(corpus.passim_jsonl, "w", encoding="utf-8") as out:
        for line in f:
            d = json.loads(line)
            out.write(json.dumps({"article": d["article"], "text": d["text"]}, ensure_ascii=False) + "\n")


def passim_id_map(corpus):
    """Passim's passage ids (``article#ordinal``, ordinals counted per consecutive run of an
    article's lines, as JSONLImporter assigns them) -> the corpus's passage ids."""
    mapping = {}
    current, ordinal = None, 0
    with open(corpus.passages, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["article"] != current:
                current, ordinal = d["article"], 0
            ordinal += 1
            mapping[f"{current}#{ordinal}"] = str(d["id"])
    return mapping


def new_article(corpus, size):
    """An article file's text of about ``size`` bytes made from the cut's first passages (title line,
    blank line, paragraphs)."""
    paras, total = [], 0
    with open(corpus.passages, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            paras.append(text)
            total += len(text.encode()) + 2
            if total >= size:
                break
    return "A new article for the benchmark\n\n" + "\n\n".join(paras) + "\n"


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                out.append((parts[0], parts[1], parts[2] if len(parts) > 2 else None))
    return out


def read_qrels(path):
    rel = {}
    with open(path) as f:
        for line in f:
            qid, _, pid, grade = line.split()
            if int(grade) > 0:
                rel.setdefault(qid, set()).add(pid)
    return rel

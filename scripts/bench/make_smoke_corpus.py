#!/usr/bin/python3
"""A tiny synthetic corpus in the benchmark corpus's format, for the harness's smoke test.

  make_smoke_corpus.py OUT [--articles 60] [--seed 7]

Writes what make-corpus writes (OUT/articles/<source>/000/*.txt, OUT/data/passages.jsonl,
articles.jsonl.gz, queries_phrases.tsv, queries_headings.tsv, qrels_headings.txt), a few hundred
passages of pseudo-English from a fixed seed.  Headings are section names whose words occur in
their section's passages; their qrels are the passages of that section, as make_queries.py does.
No network, no Debian packages.
"""
import argparse
import gzip
import json
import os
import random

SYLLABLES = ("ka lo mi ne ra tu si po ve da li ro ma te no sa ki be fu ga hi jo "
             "ple stra tion ment ing er al ic ous ive").split()
SOURCES = ("alpha-doc", "beta-dict", "gamma-guide")


def vocabulary(rnd, n):
    words = set()
    while len(words) < n:
        words.add("".join(rnd.choice(SYLLABLES) for _ in range(rnd.choice((2, 2, 3)))))
    return sorted(words)


def sentence(rnd, vocab, weights, extra=()):
    n = rnd.randint(8, 16)
    ws = rnd.choices(vocab, weights=weights, k=n)
    for w in extra:
        ws.insert(rnd.randrange(len(ws) + 1), w)
    return " ".join(ws).capitalize() + "."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    vocab = vocabulary(rnd, 600)
    weights = [1 / (i + 1) for i in range(len(vocab))]  # Zipf-like, as real text
    data = os.path.join(a.out, "data")
    os.makedirs(data, exist_ok=True)
    passages, headings, counts = [], [], {}
    used_headings = set()
    with gzip.open(os.path.join(data, "articles.jsonl.gz"), "wt", encoding="utf-8") as fa:
        for n in range(a.articles):
            source = SOURCES[n % len(SOURCES)]
            article_id = f"{source}:article-{n:03d}"
            title = " ".join(rnd.sample(vocab[50:], 3)).title()
            paragraphs = []
            for _ in range(rnd.randint(2, 3)):
                while True:
                    heading = " ".join(rnd.sample(vocab[100:], rnd.randint(2, 3)))
                    if heading not in used_headings:
                        used_headings.add(heading)
                        break
                pids = []
                for _ in range(rnd.randint(1, 3)):
                    text = " ".join(sentence(rnd, vocab, weights, heading.split() if rnd.random() < 0.7 else ())
                                    for _ in range(rnd.randint(3, 6)))
                    pids.append(len(passages))
                    passages.append({"id": len(passages), "article": article_id, "source": source,
                                     "title": f"{title} / {heading}", "text": text})
                    paragraphs.append(text)
                headings.append((heading, pids))
            fa.write(json.dumps({"id": article_id, "source": source, "title": title, "paragraphs": paragraphs}) + "\n")
            i = counts.get(source, 0)
            counts[source] = i + 1
            folder = os.path.join(a.out, "articles", source, f"{i // 1000:03d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{i % 1000:03d}-article-{n:03d}.txt"), "w", encoding="utf-8") as f:
                f.write(title + "\n\n" + "\n\n".join(paragraphs) + "\n")
    with open(os.path.join(data, "passages.jsonl"), "w", encoding="utf-8") as f:
        for p in passages:
            f.write(json.dumps(p) + "\n")
    with open(os.path.join(data, "queries_phrases.tsv"), "w", encoding="utf-8") as f:
        for q, pid in enumerate(rnd.sample(range(len(passages)), min(200, len(passages)))):
            words = passages[pid]["text"].lower().replace(".", "").split()
            k = rnd.choice((2, 3, 4))
            start = rnd.randrange(len(words) - k + 1)
            f.write(f"p{q:04d}\t{' '.join(words[start:start + k])}\t{pid}\n")
    with open(os.path.join(data, "queries_headings.tsv"), "w", encoding="utf-8") as fq, \
            open(os.path.join(data, "qrels_headings.txt"), "w", encoding="utf-8") as fr:
        for q, (heading, pids) in enumerate(headings):
            fq.write(f"h{q:04d}\t{heading}\n")
            for pid in pids:
                fr.write(f"h{q:04d} 0 {pid} 1\n")
    print(f"smoke corpus: {a.articles} articles, {len(passages)} passages, {len(headings)} headings in {a.out}")


if __name__ == "__main__":
    main()

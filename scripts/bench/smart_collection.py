#!/usr/bin/python3
"""Converts a classic test collection into a judged collection folder for scripts/bench/relevance.

  smart_collection.py smart --docs CACM.ALL --queries QUERY.TEXT --qrels QRELS.TEXT --out DIR/cacm
  smart_collection.py npl --docs doc-text --queries query-text --qrels rlv-ass --out DIR/npl

Two source formats:
- smart: SMART's tagged records (`.I id`, then `.T`, `.W`, `.A`... sections), as ADI, MED, CACM,
  CISI and Cranfield ship. Qrels lines start `query document` (`query 0 document gain`, the TREC
  form, is read too); a judged pair without a gain is gain 1.
- npl: NPL's `id`, text lines, `/` records; qrels are `query`, document ids, `/`.

The folder is what ../shared/relevance's collections are: `articles/ID.txt` (`# Title` when the
record has a `.T`, then the `.W` text, a paragraph per source line indented by two spaces; a `.W` whose first
paragraph repeats the title loses it; a record without `.T` is written without a title line, so
Passim derives one as it does for any such article), `queries.tsv` (the `.W` text, or `.T` and
`.W`, on one line; only judged queries) and `qrels.txt` (TREC). Authors, citations and the
other fields are dropped, as the shared collections drop them.
"""
import argparse
import os
import re
import sys

SPACE = re.compile(r"\s+")


def one_line(text):
    return SPACE.sub(" ", text).strip()


def smart_records(path):
    """{id: {field: [lines]}} of a SMART file, fields by their letter."""
    records, current, field = {}, None, None
    with open(path, encoding="latin-1") as f:
        for raw in f:
            line = raw.rstrip("\n").rstrip()
            tag = re.match(r"^\.([A-Z])(?:\s+(\S+))?\s*$", line)
            if tag and tag.group(1) == "I":
                current = records.setdefault(str(int(tag.group(2))), {})
                field = None
            elif tag and current is not None:
                field = tag.group(1)
                current.setdefault(field, [])
            elif current is not None and field is not None:
                current[field].append(raw.rstrip("\n"))
    return records


def paragraphs(lines):
    """A paragraph starts at each source line indented by two or more spaces (Cranfield's and
    MED's layout; ADI and CACM indent single lines by one space at random)."""
    result = []
    for line in lines:
        if not line.strip():
            continue
        if not result or line.startswith(("  ", "\t")):
            result.append(line.strip())
        else:
            result[-1] += " " + line.strip()
    return [one_line(p) for p in result if one_line(p)]


def smart_article(record):
    title = one_line(" ".join(record.get("T", [])))
    body = paragraphs(record.get("W", []))
    if title and len(body) > 1 and one_line(body[0]).lower() == title.lower():
        body = body[1:]
    text = "\n\n".join(body) if body else ""
    if title:
        return f"# {title}\n\n{text}\n" if text else f"# {title}\n"
    return text + "\n"


def npl_records(path):
    """{id: text} of an NPL file."""
    records, current, lines = {}, None, []
    with open(path, encoding="latin-1") as f:
        for raw in f:
            line = raw.strip()
            if current is None:
                if line:
                    current, lines = str(int(line)), []
            elif line == "/":
                records[current] = lines
                current = None
            else:
                lines.append(line)
    return records


def smart_qrels(path):
    pairs = []
    with open(path, encoding="latin-1") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 2:
                continue
            if len(fields) == 4 and fields[1] == "0" and re.fullmatch(r"\d+", fields[3]):
                # TREC (`query 0 document gain`) unless the second column is the document (ADI,
                # CACM: `query document 0 0`), which never is 0.
                query, doc, gain = fields[0], fields[2], int(fields[3])
            else:
                query, doc, gain = fields[0], fields[1], 1
            if gain > 0:
                pairs.append((str(int(query)), str(int(doc)), gain))
    return pairs


def npl_qrels(path):
    pairs = []
    for query, lines in npl_records(path).items():
        for doc in " ".join(lines).split():
            pairs.append((query, str(int(doc)), 1))
    return pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("format", choices=("smart", "npl"))
    ap.add_argument("--docs", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--qrels", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.format == "smart":
        articles = {doc: smart_article(r) for doc, r in smart_records(a.docs).items()}
        queries = {q: one_line(" ".join(r.get("T", []) + r.get("W", []))) for q, r in smart_records(a.queries).items()}
        qrels = smart_qrels(a.qrels)
    else:
        articles = {doc: one_line(" ".join(lines)) + "\n" for doc, lines in npl_records(a.docs).items()}
        queries = {q: one_line(" ".join(lines)) for q, lines in npl_records(a.queries).items()}
        qrels = npl_qrels(a.qrels)
    unknown = sorted({d for _, d, _ in qrels if d not in articles} | {q for q, _, _ in qrels if q not in queries})
    if unknown:
        sys.exit(f"qrels name {len(unknown)} ids with no document or query, e.g. {unknown[:5]}")
    os.makedirs(os.path.join(a.out, "articles"), exist_ok=True)
    for doc, text in articles.items():
        with open(os.path.join(a.out, "articles", doc + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    judged = sorted({q for q, _, _ in qrels}, key=int)
    with open(os.path.join(a.out, "queries.tsv"), "w", encoding="utf-8") as f:
        for q in judged:
            f.write(f"{q}\t{queries[q]}\n")
    with open(os.path.join(a.out, "qrels.txt"), "w", encoding="utf-8") as f:
        for q, doc, gain in sorted(qrels, key=lambda p: (int(p[0]), int(p[1]))):
            f.write(f"{q} 0 {doc} {gain}\n")
    print(f"{a.out}: {len(articles)} articles, {len(judged)} judged queries, {len(qrels)} judgments")


if __name__ == "__main__":
    main()

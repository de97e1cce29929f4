"""Ranking quality against graded human judgments, as trec_eval computes it (linear gains)."""
import math


def read_qrels(path):
    """{query id: {document id: gain}} from a TREC qrels file; gains of 0 or less are not relevant."""
    judged = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 4:
                continue
            qid, _, doc, gain = parts[0], parts[1], parts[2], int(parts[3])
            if gain > 0:
                judged.setdefault(qid, {})[doc] = gain
    return judged


def ndcg(ranked, gains, k=10):
    dcg = sum(gains.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranked, gains, k=100):
    found, total = 0, 0.0
    for i, d in enumerate(ranked[:k]):
        if d in gains:
            found += 1
            total += found / (i + 1)
    return total / len(gains) if gains else 0.0


def recall(ranked, gains, k=100):
    return len(set(ranked[:k]) & set(gains)) / len(gains) if gains else 0.0


def reciprocal_rank(ranked, gains, k=10):
    for i, d in enumerate(ranked[:k]):
        if d in gains:
            return 1 / (i + 1)
    return 0.0


def scores(runs, judged):
    """Means over the judged queries (a query with no answer counts 0), and per-query nDCG@10."""
    qids = sorted(judged, key=lambda q: (len(q), q))
    per_query = {q: ndcg(runs.get(q, []), judged[q]) for q in qids}
    n = len(qids)
    return {
        "ndcg10": sum(per_query.values()) / n,
        "map100": sum(average_precision(runs.get(q, []), judged[q]) for q in qids) / n,
        "recall100": sum(recall(runs.get(q, []), judged[q]) for q in qids) / n,
        "mrr10": sum(reciprocal_rank(runs.get(q, []), judged[q]) for q in qids) / n,
        "zero_result_queries": sum(1 for q in qids if not runs.get(q)),
        "judged_queries": n,
        "per_query_ndcg10": per_query,
    }

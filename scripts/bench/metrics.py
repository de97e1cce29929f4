"""Latency summaries and relevance scores."""
import math
import statistics


def percentile(values, p):
    """The p-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def latency_summary(us_values):
    """p50/p90/p99 in ms and queries per second of one pass run back to back on one thread."""
    if not us_values:
        return None
    total_s = sum(us_values) / 1e6
    return {"p50_ms": percentile(us_values, 50) / 1000, "p90_ms": percentile(us_values, 90) / 1000,
            "p99_ms": percentile(us_values, 99) / 1000, "qps": len(us_values) / total_s if total_s else None,
            "queries": len(us_values)}


def median_of(summaries, keys=None):
    """Per-key median of several runs' summaries (None when a run lacks the key)."""
    summaries = [s for s in summaries if s]
    if not summaries:
        return None
    keys = keys or summaries[0].keys()
    out = {}
    for k in keys:
        vals = [s[k] for s in summaries if s.get(k) is not None]
        out[k] = statistics.median(vals) if vals else None
    return out


def ndcg_at(hits, relevant, k=10):
    """Binary-relevance nDCG@k."""
    dcg = sum(1 / math.log2(i + 2) for i, h in enumerate(hits[:k]) if h in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def mrr_at(hits, relevant, k=10):
    for i, h in enumerate(hits[:k]):
        if h in relevant:
            return 1 / (i + 1)
    return 0.0


def quality(results, judgments, k=10):
    """Mean nDCG@k and MRR@k over the queries that have judgments; a query an engine did not
    answer (error) counts as 0."""
    qids = [q for q in judgments if judgments[q]]
    if not qids:
        return None
    nd = [ndcg_at(results.get(q, []), judgments[q], k) for q in qids]
    rr = [mrr_at(results.get(q, []), judgments[q], k) for q in qids]
    return {"ndcg10": sum(nd) / len(nd), "mrr10": sum(rr) / len(rr), "judged_queries": len(qids)}

"""Exhaustive oracle for Passim-shaped queries: BM25 computed in Python exactly as Xapian 1.4.22's
BM25Weight (k1=1, k2=0, k3=1, b=0.5, min_normlen=0.5, no RSet, wqf=1 per query term occurrence),
plus the phrase bonus = sum of the phrase terms' BM25 parts when the exact phrase (window = n)
matches.  Scores every document that matches any word; returns all scored docs sorted like
Xapian (weight desc, docid asc).

    import oracle
    o = oracle.Oracle(db)
    ranked = o.rank(["Zfoo", "Zbar"], phrase=True)   # [(docid, score), ...]
"""
import math
import xapian

K1, K2, K3, B, MIN_NORMLEN = 1.0, 0.0, 1.0, 0.5, 0.5


class Oracle:
    def __init__(self, db):
        self.db = db
        self.N = db.get_doccount()
        # Weight::Internal::get_average_length() = total_length / collection_size
        self.total_length = db.get_total_length() if hasattr(db, "get_total_length") else None
        self.avlen = (self.total_length / self.N) if self.total_length else db.get_avlength()
        self.len_factor = 1.0 / self.avlen

    def termweight(self, term, wqf=1):
        tf = self.db.get_termfreq(term)
        tw = (self.N - tf + 0.5) / (tf + 0.5)
        if tw < 2:
            tw = tw * 0.5 + 1
        w = math.log(tw)
        w *= (K3 + 1) * wqf / (K3 + wqf)
        return w * (K1 + 1)

    def sumpart(self, tw, wdf, doclen):
        normlen = max(doclen * self.len_factor, MIN_NORMLEN)
        denom = K1 * (normlen * B + (1 - B)) + wdf
        return tw * (wdf / denom)

    def parts(self, term):
        """{docid: bm25 part} for one term."""
        tw = self.termweight(term)
        out = {}
        for p in self.db.postlist(term):
            out[p.docid] = self.sumpart(tw, p.wdf, p.doclength)
        return out

    def phrase_matches(self, did, terms, glass_quirk=True):
        """Exact phrase: positions p, p+1, ..., p+n-1 (Xapian ExactPhrasePostList).
        glass_quirk: emulate Xapian 1.4 glass, where a term in the document with no positions
        (wdf from add_term only, e.g. Passim's title boost) has an empty position list whose
        skip_to(0) returns true at position 0 (GlassPositionList::skip_to, termpos == last == 0),
        so it acts as if it had position 0: PHRASE(a b) matches a doc with no positions for a
        and b at position 1."""
        sets = []
        for t in terms:
            try:
                ps = set(self.db.positionlist(did, t))
            except xapian.Error:
                ps = set()
            if not ps and glass_quirk:
                ps = {0}
            sets.append(ps)
        for p in sets[0]:
            if all((p + i) in sets[i] for i in range(1, len(terms))):
                return True
        return False

    def score_all(self, terms, phrase=True, glass_quirk=True):
        """{docid: score} for OR(terms) (+ PHRASE(terms) bonus if phrase)."""
        parts = [self.parts(t) for t in terms]
        scores = {}
        for pm in parts:
            for d, w in pm.items():
                scores[d] = scores.get(d, 0.0) + w
        if phrase and len(terms) >= 2:
            smallest = min(parts, key=len)
            for d in smallest:
                if all(d in pm for pm in parts) and self.phrase_matches(d, terms, glass_quirk):
                    # Xapian adds the OR's sum and the phrase's (AND's) sum in the tree's order;
                    # floating error only (~1e-15).
                    scores[d] += sum(pm[d] for pm in parts)
        return scores

    def rank(self, terms, phrase=True, glass_quirk=True):
        s = self.score_all(terms, phrase, glass_quirk)
        return sorted(s.items(), key=lambda kv: (-kv[1], kv[0]))


def compare(got, want, k, tol=1e-9):
    """got: [(docid, wt)] from Xapian (first k), want: full oracle ranking.
    Returns None if equal up to ties/float noise, else a description string."""
    want_k = want[:k]
    if len(got) != len(want_k):
        return "size %d != %d" % (len(got), len(want_k))
    for i, ((gd, gw), (wd, ww)) in enumerate(zip(got, want_k)):
        if abs(gw - ww) > tol:
            return "rank %d: got %d/%.6f want %d/%.6f" % (i + 1, gd, gw, wd, ww)
    # ids: allowed to differ only among documents tied (within tol) with the k-th score
    kth = want_k[-1][1] if want_k else 0
    wset = {d for d, w in want_k if w > kth + tol}
    gset = {d for d, w in got if w > kth + tol}
    if wset != gset:
        return "ids differ: missing %s extra %s" % (sorted(wset - gset)[:5], sorted(gset - wset)[:5])
    want_all = dict(want)
    for d, w in got:
        if d not in want_all or abs(want_all[d] - w) > tol:
            return "doc %d got %.6f want %s" % (d, w, want_all.get(d))
    return None

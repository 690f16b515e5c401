#!/usr/bin/env python3
"""Recompute a run's test metrics from its dumps and compare them with its results.json.

    python3 ci/recompute_metrics.py RUN_DIR [--tolerance 1e-6]

RUN_DIR holds results.json and the dumps written with -D rec.eval.dump=true: candidates.tsv for the
sampled protocol (every candidate's score) and, when results.json has "full_ranking", full-ranks.tsv
for the full-ranking protocol (per test user the positive's score and the counts of ranked items
scored above it and tied with it; columns domain, user, item, score, greater, ties, ranked). Every
per-domain MRR@K, HR@K, NDCG@K, Precision@K, Recall@K and AUC in results.json, and the macro average
over domains, is recomputed from these alone and compared. Exit status: 0 when every value agrees
within the tolerance, 1 when one does not, 2 when the files are missing or malformed.

This is deliberately not a port of the Java evaluator. Each user's held-out positive is found by the
`positive` column (not by row order), scores are compared as the float32 values the model produced,
and ties are resolved in closed form: if `g` negatives score above the positive and `t` tie with it,
every ordering of the tied block is equally likely, so the positive sits at each 1-based position
g+1 .. g+t+1 with probability 1/(t+1). The expected metric at cutoff K is then

    HR@K   = |{p in g+1..g+t+1 : p <= K}| / (t+1)
    MRR@K  = (H(min(g+t+1, K)) - H(g)) / (t+1)           H(n) = 1 + 1/2 + ... + 1/n
    NDCG@K = sum over p in g+1..min(g+t+1, K) of 1/log2(p+1), divided by (t+1)
    Precision@K = HR@K / K,  Recall@K = HR@K              (one held-out item per user)
    AUC    = (n - g - t/2) / n                            n = the user's negatives

computed with exact fractions for HR, MRR, Precision, Recall and AUC, math.fsum for NDCG.
"""
import argparse
import functools
import json
import math
import struct
import sys
from collections import OrderedDict
from fractions import Fraction


class DumpError(Exception):
    pass


def as_float32(text):
    """The float32 value a Java Float.toString text denotes (ties in the model stay ties here)."""
    return struct.unpack("<f", struct.pack("<f", float(text)))[0]


def read_dump(path):
    """domain -> list of (greater, ties, negatives) per user, in file order."""
    rows = OrderedDict()  # (domain, user) -> [positive score or None, [negative scores]]
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["domain", "user", "item", "score", "positive"]:
            raise DumpError(f"{path}:1: unexpected header {header}")
        for line_no, line in enumerate(f, start=2):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5:
                raise DumpError(f"{path}:{line_no}: expected 5 fields, found {len(fields)}")
            domain, user, _item, score, positive = fields
            entry = rows.setdefault((domain, user), [None, []])
            value = as_float32(score)
            if math.isnan(value):
                raise DumpError(f"{path}:{line_no}: NaN score")
            if positive == "1":
                if entry[0] is not None:
                    raise DumpError(f"{path}:{line_no}: second positive for user {user} in {domain}")
                entry[0] = value
            elif positive == "0":
                entry[1].append(value)
            else:
                raise DumpError(f"{path}:{line_no}: positive must be 0 or 1, found {positive!r}")
    ranks = OrderedDict()
    for (domain, user), (pos, negatives) in rows.items():
        if pos is None:
            raise DumpError(f"{path}: user {user} in {domain} has no positive")
        greater = sum(1 for s in negatives if s > pos)
        ties = sum(1 for s in negatives if s == pos)
        ranks.setdefault(domain, []).append((greater, ties, len(negatives)))
    return ranks


@functools.lru_cache(maxsize=None)
def harmonic(n):
    return sum((Fraction(1, i) for i in range(1, n + 1)), Fraction(0))


def expected(metric, greater, ties, negatives, k):
    first, last = greater + 1, greater + ties + 1   # 1-based positions the positive can take
    if metric == "AUC":
        return float(Fraction(2 * negatives - 2 * greater - ties, 2 * negatives))
    inside = min(last, k)
    if inside < first:
        return 0.0
    if metric in ("HR", "Recall"):
        return float(Fraction(inside - first + 1, ties + 1))
    if metric == "Precision":
        return float(Fraction(inside - first + 1, (ties + 1) * k))
    if metric == "MRR":
        return float((harmonic(inside) - harmonic(first - 1)) / (ties + 1))
    if metric == "NDCG":
        return math.fsum(1.0 / math.log2(p + 1) for p in range(first, inside + 1)) / (ties + 1)
    raise DumpError(f"unknown metric {metric}")


def read_full_ranks(path):
    """domain -> list of (greater, ties, negatives) per test user, from full-ranks.tsv."""
    ranks = OrderedDict()
    seen = set()
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["domain", "user", "item", "score", "greater", "ties", "ranked"]:
            raise DumpError(f"{path}:1: unexpected header {header}")
        for line_no, line in enumerate(f, start=2):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 7:
                raise DumpError(f"{path}:{line_no}: expected 7 fields, found {len(fields)}")
            domain, user, _item, score, greater, ties, ranked = fields
            if (domain, user) in seen:
                raise DumpError(f"{path}:{line_no}: user {user} appears twice in {domain}")
            seen.add((domain, user))
            if math.isnan(as_float32(score)):
                raise DumpError(f"{path}:{line_no}: NaN score")
            greater, ties, ranked = int(greater), int(ties), int(ranked)
            if greater < 0 or ties < 0 or greater + ties + 1 > ranked:
                raise DumpError(f"{path}:{line_no}: {greater} above and {ties} tied do not fit among {ranked} ranked items")
            ranks.setdefault(domain, []).append((greater, ties, ranked - 1))
    return ranks


def parse_metric(name):
    if name == "AUC":
        return "AUC", None
    metric, _, k = name.partition("@")
    if metric not in ("HR", "MRR", "NDCG", "Precision", "Recall") or not k.isdigit():
        raise DumpError(f"results.json: cannot recompute metric {name!r}")
    return metric, int(k)


def check(domains, macro, ranks, label, tolerance):
    """Compares one protocol's per-domain and macro metrics with those recomputed from its rank counts."""
    if [d["name"] for d in domains] != list(ranks):
        raise DumpError(f"{label}domains differ: results.json {[d['name'] for d in domains]}, dump {list(ranks)}")
    worst = 0.0
    failures = []
    per_domain = {}
    for d in domains:
        users = ranks[d["name"]]
        if d["users"] != len(users):
            failures.append(f"{label}{d['name']}: results.json has {d['users']} users, the dump {len(users)}")
        for name, reported in d["metrics"].items():
            metric, k = parse_metric(name)
            mine = math.fsum(expected(metric, g, t, n, k) for g, t, n in users) / len(users)
            per_domain.setdefault(name, []).append(mine)
            diff = abs(mine - reported)
            worst = max(worst, diff)
            if diff > tolerance:
                failures.append(f"{label}{d['name']} {name}: results.json {reported!r}, recomputed {mine!r}")
    for name, reported in macro.items():
        mine = math.fsum(per_domain[name]) / len(per_domain[name])
        diff = abs(mine - reported)
        worst = max(worst, diff)
        if diff > tolerance:
            failures.append(f"{label}macro {name}: results.json {reported!r}, recomputed {mine!r}")
    checked = sum(len(d["metrics"]) for d in domains) + len(macro)
    return worst, checked, failures


def compare(run_dir, tolerance):
    with open(f"{run_dir}/results.json", encoding="utf-8") as f:
        results = json.load(f)
    parts = []
    if results.get("domains"):
        parts.append((results["domains"], results.get("macro", {}), read_dump(f"{run_dir}/candidates.tsv"), ""))
    full = results.get("full_ranking")
    if full and full.get("domains"):
        parts.append((full["domains"], full.get("macro", {}), read_full_ranks(f"{run_dir}/full-ranks.tsv"), "full "))
    if not parts:
        raise DumpError("results.json has no per-domain metrics (was evaluation disabled?)")
    worst, checked, failures = 0.0, 0, []
    for domains, macro, ranks, label in parts:
        w, c, f = check(domains, macro, ranks, label, tolerance)
        worst, checked, failures = max(worst, w), checked + c, failures + f
    return worst, checked, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", help="directory with results.json and candidates.tsv")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()
    try:
        worst, checked, failures = compare(args.run_dir, args.tolerance)
    except (OSError, ValueError, KeyError, DumpError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for f in failures:
        print(f"MISMATCH {f}")
    print(f"checked {checked} values in {args.run_dir}: max |difference| = {worst:.3g} "
          f"(tolerance {args.tolerance:g}) -> {'FAIL' if failures else 'OK'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

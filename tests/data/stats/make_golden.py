#!/usr/bin/python3
"""Writes the statistics golden cases: for each case a labels.csv and predictions.csv in the
import format, and expected.json with every statistic computed independently of Seedscape's C++
code, with numpy and scipy (Debian's python3-numpy, python3-scipy), from the definitions in
docs/statistics.md. Run it from anywhere: /usr/bin/python3 tests/data/stats/make_golden.py
"""
import csv, itertools, json, math, os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
HIGHER = {"rmse": False, "mae": False, "r2": True, "accuracy": True, "logloss": False, "auc": True, "f1_macro": True}


def score(metric, y, p):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    if metric == "rmse":
        return float(np.sqrt(np.mean((y - p) ** 2)))
    if metric == "mae":
        return float(np.mean(np.abs(y - p)))
    if metric == "r2":
        return float(1 - np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2))
    if metric == "auc":
        ones, zeros = p[y == 1], p[y == 0]
        u = stats.mannwhitneyu(ones, zeros, alternative="two-sided").statistic
        return float(u / (len(ones) * len(zeros)))
    if p.ndim == 1:  # binary: P(class 1)
        predicted = (p >= 0.5).astype(int)
        probs = np.stack([1 - p, p], axis=1)
    else:
        predicted = np.argmax(p, axis=1)
        probs = p
    if metric == "accuracy":
        return float(np.mean(predicted == y.astype(int)))
    if metric == "logloss":
        clipped = np.clip(probs[np.arange(len(y)), y.astype(int)], 1e-15, 1 - 1e-15)
        return float(-np.mean(np.log(clipped)))
    if metric == "f1_macro":
        f1 = []
        for c in range(probs.shape[1]):
            tp = np.sum((predicted == c) & (y == c))
            fp = np.sum((predicted == c) & (y != c))
            fn = np.sum((predicted != c) & (y == c))
            if tp + fp + fn > 0:
                f1.append(2 * tp / (2 * tp + fp + fn))
        return float(np.mean(f1))
    raise ValueError(metric)


def number(v):
    return None if v is None or not np.isfinite(v) else float(v)


def spread(v, higher):
    v = np.asarray(v, dtype=float)
    n = len(v)
    sd = float(np.std(v, ddof=1)) if n >= 2 else None
    if n >= 2:
        half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
        ci = [float(v.mean() - half), float(v.mean() + half)]
    else:
        ci = [None, None]
    ordered = sorted(v) if higher else sorted(v, reverse=True)  # worst to best
    expected = {str(k): sum(ordered[i - 1] * math.comb(i - 1, k - 1) for i in range(k, n + 1)) / math.comb(n, k)
                for k in range(1, n + 1)}
    return {"n": n, "mean": float(v.mean()), "std": sd, "min": float(v.min()), "max": float(v.max()),
            "range": float(v.max() - v.min()), "ci95": ci, "iqm": float(stats.trim_mean(v, 0.25)),
            "expected_best": expected}


def fisher_interval(r, n, scale):
    """95% interval tanh(atanh(r) ± 1.959964·scale/sqrt(n − 3)); None below four points."""
    if r is None or n < 4:
        return None
    if abs(r) == 1:
        return [r, r]
    half = 1.959964 * scale / math.sqrt(n - 3)
    return [math.tanh(math.atanh(r) - half), math.tanh(math.atanh(r) + half)]


def correlations(x, y):
    # Two points always lie on a line: no correlation from n <= 2.
    def safe(f):
        if len(x) <= 2 or np.all(np.asarray(x) == x[0]) or np.all(np.asarray(y) == y[0]):
            return None
        return float(f(x, y)[0])
    pearson, spearman = safe(stats.pearsonr), safe(stats.spearmanr)
    return {"pearson": pearson, "spearman": spearman, "kendall": safe(stats.kendalltau), "n": len(x),
            "ci95": fisher_interval(pearson, len(x), 1.0), "spearman_ci95": fisher_interval(spearman, len(x), 1.06)}


def ensemble(metric, labels, preds, members):
    return {split: score(metric, labels[split], np.mean([preds[m][split] for m in members], axis=0)) for split in ("val", "test")}


def k_summary(metric, labels, preds, k):
    n = len(preds)
    if k > n:
        return {"count": 0, "val_mean": None, "val_min": None, "val_max": None,
                "test_mean": None, "test_min": None, "test_max": None}
    scores = [ensemble(metric, labels, preds, list(c)) for c in itertools.combinations(range(n), k)]
    out = {"count": len(scores), "exhaustive": True}
    for split in ("val", "test"):
        s = [x[split] for x in scores]
        out.update({split + "_mean": float(np.mean(s)), split + "_min": float(np.min(s)), split + "_max": float(np.max(s))})
    return out


def p_better(a, b, higher):
    wins = sum(0.5 if x == y else float((x > y) if higher else (x < y)) for x in a for y in b)
    return wins / (len(a) * len(b))


def write_case(name, metric, task, labels, experiments, ks):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["split", "row", "label"])
        for split in ("val", "test"):
            for i, y in enumerate(labels[split]):
                w.writerow([split, i, repr(float(y)) if task == "regression" else int(y)])
    multiclass = task == "multiclass"
    classes = len(next(iter(experiments.values()))[0][1]["val"][0]) if multiclass else 0
    with open(os.path.join(folder, "predictions.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["experiment", "seed", "split", "row"] + (["p_%d" % c for c in range(classes)] if multiclass else ["prediction"]))
        for exp, seeds in experiments.items():
            for seed, pred in seeds:
                for split in ("val", "test"):
                    for i, p in enumerate(pred[split]):
                        w.writerow([exp, seed, split, i] + ([repr(float(x)) for x in p] if multiclass else [repr(float(p))]))

    higher = HIGHER[metric]
    out = []
    for exp, seeds in sorted(experiments.items()):
        preds = [p for _, p in seeds]
        val = [score(metric, labels["val"], p["val"]) for p in preds]
        test = [score(metric, labels["test"], p["test"]) for p in preds]
        full = ensemble(metric, labels, preds, list(range(len(preds))))
        gain = {s: (full[s] - float(np.mean(v))) * (1 if higher else -1) for s, v in (("val", val), ("test", test))}
        curve = []
        for k in range(1, len(preds) + 1):
            point = k_summary(metric, labels, preds, k)
            point["k"] = k
            curve.append(point)
        out.append({"name": exp, "task": task, "metric": metric, "higher_is_better": higher,
                    "seeds": [{"seed": s, "val": v, "test": t} for (s, _), v, t in zip(seeds, val, test)],
                    "val": spread(val, higher), "test": spread(test, higher),
                    "ensemble": full, "ensemble_gain": gain,
                    "k_ensembles": {str(k): k_summary(metric, labels, preds, k) for k in ks},
                    "ensemble_size_curve": curve,
                    "val_test_correlation": correlations(val, test)})
    comparisons = [{"a": a["name"], "b": b["name"],
                    "p_better_val": p_better([s["val"] for s in a["seeds"]], [s["val"] for s in b["seeds"]], higher),
                    "p_better_test": p_better([s["test"] for s in a["seeds"]], [s["test"] for s in b["seeds"]], higher),
                    "n_a": len(a["seeds"]), "n_b": len(b["seeds"])}
                   for a in out for b in out if a is not b]
    seed_val = [s["val"] for e in out for s in e["seeds"]]
    seed_test = [s["test"] for e in out for s in e["seeds"]]
    # One seed is no ensemble and has a range of 0 that says nothing about its spread: only
    # experiments with two seeds or more take part in either pick.
    with_spread = [e for e in out if len(e["seeds"]) >= 2]
    # A pick among one candidate compares nothing: no pick then.
    if len(with_spread) < 2:
        with_spread = []
    best = (max if higher else min)(with_spread, key=lambda e: e["ensemble"]["val"]) if with_spread else None
    stable = min(with_spread, key=lambda e: (e["val"]["range"], -e["val"]["mean"] if higher else e["val"]["mean"])) \
        if with_spread else None
    # One set of labels: every experiment of a case is in one comparison group.
    group = {"experiments": [e["name"] for e in out],
             "data": {"source": "labels", "task": task, "metric": metric,
                      "rows": {"val": len(labels["val"]), "test": len(labels["test"])}},
             "comparisons": comparisons,
             "across_experiments": {"metric": metric, "experiments": len(out),
                                    "seeds": correlations(seed_val, seed_test),
                                    "ensembles": correlations([e["ensemble"]["val"] for e in out],
                                                              [e["ensemble"]["test"] for e in out])},
             "pick": {"by_ensemble": best["name"] if best else None, "by_stability": stable["name"] if stable else None}}
    expected = {"experiments": out, "groups": [group]}
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump({"task": task, "metric": metric, "k": ks}, f)
        f.write("\n")
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, allow_nan=False)
        f.write("\n")


def main():
    rng = np.random.RandomState(7)

    # Regression: two experiments, 5 and 4 seeds, RMSE.
    labels = {"val": rng.normal(150, 40, 12).round(1), "test": rng.normal(150, 40, 10).round(1)}
    def regression_seeds(count, noise, first_seed):
        return [(first_seed + i, {s: labels[s] + rng.normal(0, noise, len(labels[s])) for s in ("val", "test")})
                for i in range(count)]
    write_case("regression_rmse", "rmse", "regression", labels,
               {"alpha": regression_seeds(5, 30, 11), "beta": regression_seeds(4, 45, 18446744073709551600)}, [3, 2])

    # Regression with R²: N = 2 (k = 3 larger than N) and N = 1 (std, ci95 and correlation undefined).
    write_case("regression_r2_small", "r2", "regression", labels,
               {"pair": regression_seeds(2, 30, 1), "single": regression_seeds(1, 20, 2)}, [3])

    # Constant scores: every seed predicts the same, so std is 0 and correlations are undefined.
    same = {s: labels[s] + 5.0 for s in ("val", "test")}
    write_case("regression_constant", "mae", "regression", labels,
               {"flat": [(i, same) for i in range(4)], "noisy": regression_seeds(3, 25, 40)}, [3])

    # Binary with ROC AUC: probabilities rounded to one decimal, so there are many ties.
    ybin = {"val": np.array([0, 1] * 7), "test": np.array([1, 0, 0, 1, 1, 0, 1, 0, 1, 1])}
    def binary_seeds(count, first_seed):
        return [(first_seed + i, {s: np.clip(0.5 * ybin[s] + rng.uniform(0, 0.6, len(ybin[s])), 0, 1).round(1)
                                  for s in ("val", "test")}) for i in range(count)]
    write_case("binary_auc_ties", "auc", "binary", ybin, {"b1": binary_seeds(4, 100), "b2": binary_seeds(3, 200)}, [3, 4])
    write_case("binary_logloss", "logloss", "binary", ybin, {"l1": binary_seeds(3, 300), "l2": binary_seeds(5, 400)}, [3])

    # Multiclass: accuracy and macro F1, three classes.
    ymc = {"val": rng.randint(0, 3, 15), "test": rng.randint(0, 3, 12)}
    def multiclass_seeds(count, first_seed):
        out = []
        for i in range(count):
            pred = {}
            for s in ("val", "test"):
                logits = rng.normal(0, 1, (len(ymc[s]), 3)) + 1.2 * np.eye(3)[ymc[s]]
                p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
                pred[s] = p
            out.append((first_seed + i, pred))
        return out
    write_case("multiclass_accuracy", "accuracy", "multiclass", ymc, {"m1": multiclass_seeds(5, 1), "m2": multiclass_seeds(4, 2)}, [3])
    write_case("multiclass_f1", "f1_macro", "multiclass", ymc, {"f1": multiclass_seeds(4, 5), "f2": multiclass_seeds(3, 6)}, [2])

    # Six experiments of 3 to 5 seeds: correlations across experiments from enough points for a
    # Fisher z interval (ensembles: n = 6; seeds: n = 24), and 30 comparisons.
    write_case("regression_six_experiments", "rmse", "regression", labels,
               {"e%d" % i: regression_seeds(3 + i % 3, 15 + 8 * i, 1000 + 10 * i) for i in range(6)}, [3])


if __name__ == "__main__":
    main()

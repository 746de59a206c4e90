#!/usr/bin/env python3
"""Fit the talk model (dictionaries/structure/talk-model.json) on reports with gold files.

usage: tools/talkmodel/fit.py [--dir DIR]... [--negatives DIR]... [--bin PATH]
                              [--table OUT.tsv] [--write] [--loo]
       tools/talkmodel/fit.py --from units.tsv [--write | --check]

Every candidate unit of every report comes from `graph talks -f json` (its evidence, as
numbers); a unit is labelled a talk when a gold talk's title matches one of its titles the way
the scorer matches them (tools/score/score.py, similarity >= 0.85). Documents under
--negatives hold no talks: every unit is labelled "not a talk".

For each group of unit kinds (GROUPS: one for all kinds today) a logistic regression
(standardised inputs, L2 penalty, Newton's method) is fitted on its units' own evidence (not
the set_* slots), and one more on sibling sets (the mean of their members' evidence, set_*
slots included; a set is talks when most of its members are). The thresholds (accept; the set's accept; keep, for the members of a set of talks) are
those that give the best unit F1 on the training units, sets carrying their members as
decide.rs has them do.

  --table   write the labelled units (numbers only, no report text) to a TSV, so that the fit
            can be repeated and checked without the reports (--from)
  --write   write the model to dictionaries/structure/talk-model.json
  --check   exit 1 when the committed model differs from what the units give
  --loo     leave-one-report-out: for each report, fit on the others, build the report with
            that model (graph build --talk-model) and score it with score.py; one table per
            folder (TALKMODEL_LOO_DIR keeps the graphs)

Environment: TALKMODEL_L2 sets the penalty (default 1). Needs numpy. The reports themselves
stay outside the repository.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "score"))
import score as scorer  # noqa: E402

MODEL = ROOT / "dictionaries" / "structure" / "talk-model.json"
FEATURES_RS = ROOT / "src" / "document" / "talks" / "features.rs"
# unit kinds weighed together, as model.rs groups them
# (a group the model has no weights of its own for is weighed by "all")
GROUPS = {"all": ("heading", "bold", "document", "item", "line", "row")}
# the penalty was measured (2026-12): at 20 rather than 1, leave-one-report-out on dev gains
# (talks 0.79 -> 0.86, one report's layout no longer learnt as that report) but reports no fit
# has seen lose (talks 0.95 -> 0.90, 0.60 -> 0.57, 0.51 -> 0.42 on three held-out folders)
L2 = float(os.environ.get("TALKMODEL_L2", "1.0"))
# sets are fewer than units: their model is held closer to zero
SET_L2 = float(os.environ.get("TALKMODEL_SET_L2", "10.0"))
# a member a set carries must be this likely on its own: at 0.1 (the fit's choice without a
# floor) the doubtful rows of one documentation table rode on their set (IAM's service list:
# guides 1 -> 11 talks)
KEEP_FLOOR = 0.2
SPEAKER = 0.6
SPEAKER_ESTABLISHED = 0.25


def feature_names():
    """The evidence slots, in the order features.rs lists them."""
    text = FEATURES_RS.read_text(encoding="utf-8")
    block = text.split("\nfeatures! {\n", 1)[1].split("\n}", 1)[0]
    return [line.strip().strip(",") for line in block.splitlines() if line.strip()]


def group_of(kind):
    return next(g for g, kinds in GROUPS.items() if kind in kinds)


def reports(dirs, negatives):
    out = []
    for d in dirs:
        for gold in sorted(Path(d).glob("*.gold.json")):
            name = gold.name[: -len(".gold.json")]
            md = gold.with_name(name + ".md")
            if md.exists():
                out.append((name, md, gold))
        # the reference report keeps its gold beside report.md
        if (Path(d) / "gold.json").exists() and (Path(d) / "report.md").exists():
            out.append((Path(d).name, Path(d) / "report.md", Path(d) / "gold.json"))
    for d in negatives:
        for md in sorted(Path(d).rglob("*.md")):
            out.append(("neg:" + str(md.relative_to(d)), md, None))
    return out


def units_of(binary, md):
    r = subprocess.run([binary, "talks", "-f", "json", str(md)], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"{md}: left out, graph talks failed: {r.stderr.strip()[:300]}", file=sys.stderr)
        return None
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def label(units, gold):
    """1 for the unit that best matches each gold talk (by any of its titles), else 0."""
    labels = [0] * len(units)
    if gold is None:
        return labels
    titles = [[scorer.norm_title(t) for t in [u["title"], *u.get("alt_titles", []), u["head"]]] for u in units]
    taken = set()
    for g, _ in scorer.flatten(gold["talks"]):
        alts = [scorer.norm_title(t) for t in [g["title"], *g.get("title_any_of", [])]]
        best, best_r = None, 0.0
        for i, ts in enumerate(titles):
            if i in taken:
                continue
            r = max(scorer.title_similarity(a, t) for a in alts for t in ts)
            if r > best_r + 1e-9:
                best, best_r = i, r
        if best is not None and best_r >= 0.85:
            labels[best] = 1
            taken.add(best)
    return labels


def matrix(units, names):
    x = np.zeros((len(units), len(names)))
    index = {n: i for i, n in enumerate(names)}
    for r, u in enumerate(units):
        for k, v in u["features"].items():
            if k in index:
                x[r, index[k]] = v
    return x


def fit(x, y, l2=None):
    """Standardised L2 logistic regression by Newton's method: (bias, weights, mean, scale)."""
    l2 = L2 if l2 is None else l2
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    z = np.hstack([np.ones((len(z), 1)), z])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(60):
        p = 1 / (1 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[0], w[1:], mean, scale


def unit_fit(names, x, y):
    """The unit model: fitted on the unit's own evidence only. The set_* slots (its siblings'
    means) are the set model's; in the unit model they took large weights opposite to the
    unit slots they average (time / set_time, label / set_label), and a layout seen in one
    report was learnt as that report. Measured (2026-12, leave-one-report-out, 101 reports,
    talks / speakers): dev 0.79 / 0.78 -> 0.84 / 0.85, train 0.60 / 0.63 -> 0.62 / 0.62,
    train2 0.67 / 0.77 -> 0.68 / 0.77 (with KEEP_FLOOR)."""
    own = np.array([not n.startswith("set_") for n in names])
    bias, w, mean, scale = fit(x[:, own], y)
    weights = np.zeros(len(names))
    weights[own] = w
    means = x.mean(axis=0)
    means[own] = mean
    scales = np.ones(len(names))
    scales[own] = scale
    return bias, weights, means, scales


def probabilities(x, fitted):
    bias, w, mean, scale = fitted
    return 1 / (1 + np.exp(-(bias + ((x - mean) / scale) @ w)))


def set_table(x, y, sets, other):
    """One row per sibling set (its members that are not plainly something else):
    the mean of their evidence, and whether most of them are talks. Returns (rows of x, labels,
    member lists)."""
    groups = {}
    for i, s in enumerate(sets):
        if not other[i]:
            groups.setdefault(s, []).append(i)
    members = list(groups.values())
    sx = np.array([x[m].mean(axis=0) for m in members]) if members else np.zeros((0, x.shape[1]))
    sy = np.array([1 if y[m].mean() >= 0.5 else 0 for m in members])
    return sx, sy, members


def carried(p, unit_ps, accept, keep, set_accept):
    """decide.rs `carried`: a unit is a talk on its own probability, or when its set is talks
    (the set model's probability, `unit_ps` per unit, reaches set_accept) and it reaches keep."""
    return (p >= accept) | ((unit_ps >= set_accept) & (p >= keep))


def set_of_units(n, ps, members):
    """Each unit's set probability (-1 for a unit in no weighed set)."""
    unit_ps = np.full(n, -1.0)
    for m, q in zip(members, ps):
        unit_ps[m] = q
    return unit_ps


def f1(pred, y):
    tp = float((pred & (y == 1)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_thresholds(p, ps, members, y):
    """The (accept, keep, set accept) that give the best unit F1 with sets carrying their
    members as decide.rs has them do, the F1 of each point averaged with its neighbours on
    the grid: a broad optimum, not a spike that one report's units make (a spike moved the
    thresholds from one fit to the next)."""
    unit_ps = set_of_units(len(p), ps, members)
    grid = [round(float(t), 2) for t in np.arange(0.1, 0.91, 0.05)]
    scores = {}
    for accept in [t for t in grid if t >= 0.2]:
        for set_accept in grid:
            for keep in [t for t in grid if KEEP_FLOOR <= t <= accept]:
                f = f1(carried(p, unit_ps, accept, keep, set_accept), y)
                scores[(accept, keep, set_accept)] = f
                if os.environ.get("TALKMODEL_CURVE"):
                    print(f"curve accept {accept} keep {keep} set {set_accept} F1 {f:.4f}", file=sys.stderr)
    step = 0.05

    def smoothed(t):
        near = [
            scores[n]
            for da in (-step, 0, step)
            for dk in (-step, 0, step)
            for ds in (-step, 0, step)
            if (n := (round(t[0] + da, 2), round(t[1] + dk, 2), round(t[2] + ds, 2))) in scores
        ]
        return sum(near) / len(near)

    best, best_s = (0.5, 0.3, 0.5), -1.0
    for t in scores:
        s = smoothed(t)
        if s > best_s + 1e-9:
            best, best_s = t, s
    return best, scores[best]


def fit_groups(names, kinds, sets, x, y):
    """The fitted groups, as the model file holds them: {name: (json, unit F1, units, talks)}."""
    out = {}
    # features.rs `plainly_other`
    other = np.zeros(len(y), dtype=bool)
    for n in ("non_talk", "category", "doc_word", "head_prose"):
        other |= x[:, names.index(n)] > 0
    r = lambda v: round(float(v), 4)  # noqa: E731

    def group_json(fitted, accept, keep):
        bias, w, mean, scale = fitted
        return {
            "bias": r(bias),
            "weights": {n: r(v) for n, v in zip(names, w) if abs(v) >= 1e-4},
            "accept": accept,
            "keep": keep,
            "mean": {n: r(v) for n, v in zip(names, mean) if abs(v) >= 1e-4},
            "scale": {n: r(v) for n, v in zip(names, scale) if abs(v - 1.0) >= 1e-4},
        }

    sx, sy, members = set_table(x, y, sets, other)
    fitted_set = fit(sx, sy, SET_L2)
    ps = probabilities(sx, fitted_set)
    for g, kinds_of in GROUPS.items():
        rows = np.array([k in kinds_of for k in kinds])
        if rows.sum() == 0 or y[rows].sum() == 0:
            raise SystemExit(f"no talks among the {g} units: nothing to fit")
        fitted = unit_fit(names, x[rows], y[rows])
        p = np.zeros(len(y))
        p[rows] = probabilities(x[rows], fitted)
        (accept, keep, set_accept), f = best_thresholds(p, ps, members, y)
        out[g] = (group_json(fitted, accept, keep), f, int(rows.sum()), int(y[rows].sum()))
        out["set"] = (group_json(fitted_set, set_accept, set_accept), f, len(sy), int(sy.sum()))
    return out


def model_json(groups, note):
    return {
        "version": 2,
        "note": note,
        "groups": {g: v[0] for g, v in groups.items()},
        "speaker": SPEAKER,
        "speaker_established": SPEAKER_ESTABLISHED,
    }


def dump(path, m):
    path.write_text(json.dumps(m, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_table(path, names):
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    header, body = rows[0], rows[1:]
    cols = header[5:]
    docs = [r[0] for r in body]
    kinds = [r[2] for r in body]
    sets = [(r[0], int(r[3])) for r in body]
    y = np.array([int(r[4]) for r in body])
    x = np.zeros((len(body), len(names)))
    for j, c in enumerate(cols):
        if c in names:
            x[:, names.index(c)] = [float(r[5 + j]) for r in body]
    return docs, kinds, sets, x, y


def write_table(path, names, docs, kinds, sets, x, y):
    with path.open("w", encoding="utf-8") as f:
        f.write("\t".join(["report", "unit", "kind", "set", "talk", *names]) + "\n")
        counter = {}
        for d, k, s, row, label_ in zip(docs, kinds, sets, x, y):
            counter[d] = counter.get(d, 0) + 1
            vals = ["%g" % round(float(v), 4) for v in row]
            f.write("\t".join([d, str(counter[d]), k, str(s[1]), str(int(label_)), *vals]) + "\n")


def loo(binary, data, names, docs, kinds, sets, x, y):
    """Leave one report out: fit on the rest, build it, score it. One table per folder."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(os.environ.get("TALKMODEL_LOO_DIR") or tmp)
        folders = {}
        for name, md, gold in data:
            if gold is None:
                continue
            folders.setdefault(md.parent, len(folders))
            out = tmp / str(folders[md.parent])
            out.mkdir(exist_ok=True)
            keep = np.array([d != name for d in docs])
            groups = fit_groups(names, [k for k, m in zip(kinds, keep) if m],
                                [s for s, m in zip(sets, keep) if m], x[keep], y[keep])
            model = tmp / "model.json"
            dump(model, model_json(groups, []))
            (out / f"{name}.gold.json").write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
            r = subprocess.run([binary, "build", str(md), "-f", "json", "--talk-model", str(model),
                                "-o", str(out / f"{name}.graph.json")], capture_output=True, text=True)
            if r.returncode != 0:
                print(f"{name}: build failed: {r.stderr.strip()[:200]}", file=sys.stderr)
        for folder, i in folders.items():
            print(f"== leave-one-report-out: {folder}")
            r = subprocess.run([sys.executable, str(ROOT / "tools" / "score" / "score.py"), "--dir", str(tmp / str(i))],
                               capture_output=True, text=True)
            print(r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr)


def check(m):
    have = json.loads(MODEL.read_text(encoding="utf-8"))
    diff = []
    for g, v in m["groups"].items():
        h = have.get("groups", {}).get(g, {})
        for k in ("bias", "accept", "keep"):
            if abs(h.get(k, 0) - v[k]) > 1e-3:
                diff.append(f"{g}.{k}")
        for n in set(h.get("weights", {})) | set(v["weights"]):
            if abs(h.get("weights", {}).get(n, 0) - v["weights"].get(n, 0)) > 1e-3:
                diff.append(f"{g}.{n}")
    if diff:
        print(f"the committed model differs from the fit in: {', '.join(sorted(diff))}")
        sys.exit(1)
    print("the committed model is what the units give")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", action="append", default=[])
    ap.add_argument("--negatives", action="append", default=[])
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "graph"))
    ap.add_argument("--from", dest="table_in")
    ap.add_argument("--table")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--loo", action="store_true")
    args = ap.parse_args()
    names = feature_names()

    data = []
    if args.table_in:
        docs, kinds, sets, x, y = read_table(Path(args.table_in), names)
    else:
        data = reports(args.dir, args.negatives)
        docs, kinds, sets, xs, ys = [], [], [], [], []
        for name, md, gold in data:
            units = units_of(args.bin, md)
            if units is None:
                continue
            # a report with no sign of an event has no talks whatever the model says
            # (decide.rs: about_an_event); the model learns the reports that have one
            if not any(u["features"].get("doc_event") or u["features"].get("doc_people") for u in units[:1]):
                continue
            ys += label(units, json.loads(gold.read_text(encoding="utf-8")) if gold else None)
            docs += [name] * len(units)
            kinds += [u["kind"] for u in units]
            sets += [(name, u["set"]) for u in units]
            xs.append(matrix(units, names))
        # the numbers as the table keeps them, so that a fit from the table is this fit
        x = np.round(np.vstack(xs), 4) if xs else np.zeros((0, len(names)))
        y = np.array(ys)
        if args.table:
            write_table(Path(args.table), names, docs, kinds, sets, x, y)

    groups = fit_groups(names, kinds, sets, x, y)
    note = [f"fitted by tools/talkmodel/fit.py on {len(set(docs))} reports, {len(y)} units, {int(y.sum())} talks"]
    for g, (j, f, n, t) in groups.items():
        what = "sets" if g == "set" else "units"
        note.append(f"{g}: {n} {what}, {t} of talks, training unit F1 {f:.3f} at accept {j['accept']}, keep {j['keep']}")
    m = model_json(groups, note)
    print("\n".join(note))
    if args.check:
        check(m)
    if args.write:
        dump(MODEL, m)
        print(f"wrote {MODEL.relative_to(ROOT)}")
    if args.loo:
        if not data:
            raise SystemExit("--loo needs the reports (--dir), not a table")
        loo(args.bin, data, names, docs, kinds, sets, x, y)


if __name__ == "__main__":
    main()

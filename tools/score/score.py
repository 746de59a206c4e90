#!/usr/bin/env python3
# The team's scorer, kept here unchanged so that the repository stands alone.
"""Score a `graph build --format json` graph against a gold file of talk facts.

usage: score.py GOLD.json GRAPH.json [--verbose] [--min F1]
       score.py --dir DIR [--graphs GDIR] [--verbose] [--min F1]
           (DIR holds NAME.gold.json; the graphs are NAME.graph.json in GDIR, by default DIR)

The gold format is the one in fixtures/*/gold.json. The graph must follow SPEC.md:
node-link JSON with "nodes" and "edges"; nodes carry "kind" (talk, speaker, service, tool ...);
edges carry "kind": presents (speaker -> talk), mentions (talk -> service|tool),
part_of (talk -> session talk, service feature -> parent service, ...).

Reported per document and in total: precision / recall / F1 of
  talks     talk titles found (a gold talk with "found_in": "prose" counts when found, not when missed)
  speakers  (talk, speaker) pairs
  services  (talk, service) pairs, scored on leaf talks, features rolled up to their parent service
  tools     (talk, tool) pairs, likewise
  doc_services, doc_tools   the report as one bag: every entity mentioned anywhere in it
With --min X the exit status is 1 when any total F1 is below X.

Gold conventions the scorer honours: "any_of" lists names of which any one satisfies an entry;
a talk's "title_any_of" and a speaker's "aliases" list other accepted spellings; "optional"
entries are neither rewarded nor punished and forgive punctuation and a plural s; an entity that
the gold requires as the other kind (a service scored as a tool, or back) counts as that kind.
"""
import argparse
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

KINDS = ("talks", "speakers", "services", "tools", "doc_services", "doc_tools")
BRACKETS = "「」『』\"'“”‘’【】"


def norm(text):
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"\s+", "", text)


def norm_title(text):
    text = unicodedata.normalize("NFKC", str(text)).strip()
    text = text.strip(BRACKETS + " ")
    return re.sub(r"\s+", " ", text).casefold()


def norm_entity(text):
    n = norm(text)
    for prefix in ("amazon", "aws"):
        if n.startswith(prefix) and len(n) > len(prefix):
            n = n[len(prefix):]
    return n


def entity_keys(node):
    keys = set()
    for field in ("name", "short_name", "label", "id"):
        value = node.get(field)
        if isinstance(value, str) and value:
            keys.add(norm_entity(value.split(":", 1)[1] if field == "id" and ":" in value else value))
    for alias in node.get("aliases", []) or []:
        keys.add(norm_entity(alias))
    return keys


def gold_keys(entry):
    names = entry["any_of"] if isinstance(entry, dict) else [entry]
    return {norm_entity(n) for n in names}


def loose(keys):
    """Optional entries forgive spelling: punctuation and a plural s ("Builders' Library" = "Builders library")."""
    out = set()
    for k in keys:
        k = re.sub(r"[\W_]+", "", k)
        out.add(k[:-1] if len(k) > 3 and k.endswith("s") else k)
    return out


def edge_list(graph):
    edges = graph.get("edges")
    if edges is None:
        edges = graph.get("links", [])
    return edges


class Graph:
    def __init__(self, data):
        self.nodes = {n["id"]: n for n in data["nodes"]}
        self.edges = edge_list(data)
        self.parent = {}
        for e in self.edges:
            if e.get("kind") == "part_of":
                self.parent.setdefault(e["source"], []).append(e["target"])

    def kind(self, node_id):
        return self.nodes.get(node_id, {}).get("kind")

    def talks(self):
        return [n for n in self.nodes.values() if n.get("kind") == "talk"]

    def speakers_of(self, talk_id):
        out = []
        for e in self.edges:
            if e.get("kind") == "presents" and e["target"] == talk_id:
                out.append(self.nodes[e["source"]])
        return out

    def rolled_up(self, node_id):
        """The node and every service it is part of (a feature counts as its parent)."""
        seen, stack = [], [node_id]
        while stack:
            cur = stack.pop()
            if cur in seen:
                continue
            seen.append(cur)
            for p in self.parent.get(cur, []):
                if self.kind(p) == self.kind(node_id):
                    stack.append(p)
        return seen

    def mentions_of(self, talk_id, kind):
        """One entry per mentioned entity: the set of keys that entity (or what it rolls up to) answers to."""
        out = []
        for e in self.edges:
            if e.get("kind") == "mentions" and e["source"] == talk_id and self.kind(e["target"]) == kind:
                keys, names = set(), []
                for nid in self.rolled_up(e["target"]):
                    keys |= entity_keys(self.nodes[nid])
                    names.append(self.nodes[nid].get("name", nid))
                out.append((keys, " > ".join(names)))
        return out


def flatten(talks, parent=None):
    for t in talks:
        yield t, parent
        yield from flatten(t.get("talks", []), t)


def title_of(node):
    return node.get("title") or node.get("name") or node.get("label") or ""


def title_similarity(a, b):
    """1.0 for equal titles; a title inside the other (a time or session code around it) counts
    when it is most of the longer one; otherwise the difflib ratio."""
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if short and short in long_ and len(short) >= 0.6 * len(long_):
        return 0.95
    return difflib.SequenceMatcher(None, a, b).ratio()


def match_talks(gold_talks, out_talks):
    pairs, used = {}, set()
    for i, (g, _) in enumerate(gold_talks):
        titles = [norm_title(t) for t in [g["title"], *g.get("title_any_of", [])]]
        best, best_ratio = None, 0.0
        for o in out_talks:
            if o["id"] in used:
                continue
            ot = norm_title(title_of(o))
            ratio = max(title_similarity(gt, ot) for gt in titles)
            if ratio > best_ratio:
                best, best_ratio = o, ratio
        if best is not None and best_ratio >= 0.85:
            pairs[i] = best
            used.add(best["id"])
    return pairs


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.misses, self.extras = [], []

    def add(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def gold_names(gold_talk, kind):
    keys = set()
    for entry in gold_talk.get(kind + "s", []):
        keys |= gold_keys(entry)
    return keys


def sort_kinds(gold_talk, found):
    """Service or tool is the extractor's call where the gold requires the thing as the other kind
    (AWS CLI, SAM CLI, CDK): such an entity is scored as the kind the gold gives it."""
    known = {k: gold_names(gold_talk, k) for k in ("service", "tool")}
    out = {"service": [], "tool": []}
    for kind, other in (("service", "tool"), ("tool", "service")):
        for keys, name in found[kind]:
            moved = not (keys & known[kind]) and keys & known[other]
            out[other if moved else kind].append((keys, name))
    return out


def score_entities(gold_talk, graph, out_talk, res, label):
    found = {k: graph.mentions_of(out_talk["id"], k) if out_talk is not None else [] for k in ("service", "tool")}
    found = sort_kinds(gold_talk, found)
    for kind in ("service", "tool"):
        score_found(gold_talk, found[kind], kind, res[kind + "s"], label)


def score_found(gold_talk, found, kind, tally, label, duplicates_count=True):
    required = list(gold_talk.get(kind + "s", []))
    optional = set()
    for o in gold_talk.get("optional", []):
        optional |= loose(gold_keys(o))
    matched_found = set()
    for entry in required:
        keys = gold_keys(entry)
        hit = next((i for i, (fk, _) in enumerate(found) if i not in matched_found and fk & keys), None)
        if hit is None:
            tally.fn += 1
            tally.misses.append(f"{label}: missed {kind} {entry}")
        else:
            tally.tp += 1
            matched_found.add(hit)
    for i, (fk, name) in enumerate(found):
        if i in matched_found:
            continue
        if loose(fk) & optional:
            continue
        # a second node answering to an already matched gold entry is a duplicate, not a new error source
        if any(fk & gold_keys(e) for e in required):
            if not duplicates_count:
                continue
            tally.fp += 1
            tally.extras.append(f"{label}: duplicate {kind} {name}")
            continue
        tally.fp += 1
        tally.extras.append(f"{label}: extra {kind} {name}")


def score(gold, data):
    graph = Graph(data)
    gold_talks = list(flatten(gold["talks"]))
    out_talks = graph.talks()
    pairs = match_talks(gold_talks, out_talks)
    res = {k: Tally() for k in KINDS}

    t = res["talks"]
    t.tp = len(pairs)
    # a talk that only running text reveals ("found_in": "prose") is a bonus when found, no loss when not
    missed = [g for i, (g, _) in enumerate(gold_talks) if i not in pairs and g.get("found_in") != "prose"]
    t.fn = len(missed)
    t.misses = [f"missed talk {g['title']!r}" for g in missed]
    matched_ids = {o["id"] for o in pairs.values()}
    extras = [o for o in out_talks if o["id"] not in matched_ids]
    t.fp = len(extras)
    t.extras = [f"extra talk {title_of(o)!r}" for o in extras]

    for i, (g, _) in enumerate(gold_talks):
        out = pairs.get(i)
        if out is None and g.get("found_in") == "prose":
            continue
        label = g["title"][:40]
        sp = res["speakers"]
        found = graph.speakers_of(out["id"]) if out else []
        used = set()
        for gs in g.get("speakers", []):
            keys = {norm(gs["name"])} | {norm(a) for a in gs.get("aliases", [])}
            if gs.get("handle"):
                keys.add(norm(gs["handle"].lstrip("@")))
            hit = None
            for j, s in enumerate(found):
                skeys = {norm(s.get("name", "")), norm(str(s.get("handle") or "").lstrip("@"))} - {""}
                if j not in used and skeys & keys:
                    hit = j
                    break
            if hit is None:
                sp.fn += 1
                sp.misses.append(f"{label}: missed speaker {gs['name']}")
            else:
                sp.tp += 1
                used.add(hit)
        for j, s in enumerate(found):
            if j not in used:
                sp.fp += 1
                sp.extras.append(f"{label}: extra speaker {s.get('name')}")
        if g.get("talks"):
            continue  # a session: its mentions are scored on its talks
        score_entities(g, graph, out, res, label)
    score_document(gold, gold_talks, graph, res)
    return res


def merged(entries):
    """One entity per document: entries whose names overlap ("Amazon CloudWatch" in one talk,
    any_of CloudWatch / CloudWatch Logs in another) merge into one entry answering to all."""
    groups = []  # (keys, names)
    for entry in entries:
        keys = set(gold_keys(entry))
        names = list(entry["any_of"]) if isinstance(entry, dict) else [entry]
        for g in [g for g in groups if g[0] & keys]:
            keys |= g[0]
            names = g[1] + [n for n in names if n not in g[1]]
            groups.remove(g)
        groups.append((keys, names))
    return [names[0] if len(names) == 1 else {"any_of": names} for _, names in groups]


def score_document(gold, gold_talks, graph, res):
    """The whole report as one bag: every entity it mentions anywhere, talk or not."""
    doc = {"services": list(gold.get("services", [])), "tools": list(gold.get("tools", [])),
           "optional": list(gold.get("optional", []))}
    for g, _ in gold_talks:
        for field in ("services", "tools", "optional"):
            doc[field] += g.get(field, [])
    doc["services"], doc["tools"] = merged(doc["services"]), merged(doc["tools"])
    found, ids = {"service": [], "tool": []}, set()
    for e in graph.edges:
        kind = graph.kind(e["target"])
        if e.get("kind") == "mentions" and kind in found:
            top = graph.rolled_up(e["target"])[-1]
            if top in ids:
                continue
            ids.add(top)
            keys = set()
            for nid in graph.rolled_up(e["target"]):
                keys |= entity_keys(graph.nodes[nid])
            found[kind].append((keys, graph.nodes[top].get("name", top)))
    found = sort_kinds(doc, found)
    for kind in ("service", "tool"):
        # a second node for one document entity (EC2 and Graviton, where the gold allows either)
        # is no new entity: the talk-level scores already count it as a duplicate
        score_found(doc, found[kind], kind, res["doc_" + kind + "s"], "document", duplicates_count=False)


def report(name, res, verbose):
    line = [f"{name:28}"]
    for k, tally in res.items():
        p, r, f = tally.prf()
        line.append(f"{k} P={p:.2f} R={r:.2f} F1={f:.2f}")
    print("  ".join(line))
    if verbose:
        for tally in res.values():
            for m in tally.misses + tally.extras:
                print("    " + m)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?")
    ap.add_argument("graph", nargs="?")
    ap.add_argument("--dir", help="score every NAME.gold.json against NAME.graph.json in DIR")
    ap.add_argument("--graphs", help="with --dir: read NAME.graph.json from this folder instead")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--min", type=float, default=None, help="exit 1 if any total F1 is below this")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON last")
    args = ap.parse_args()

    pairs = []
    if args.dir:
        for gold in sorted(Path(args.dir).glob("*.gold.json")):
            name = gold.name[: -len(".gold.json")]
            pairs.append((name, gold, Path(args.graphs or args.dir) / f"{name}.graph.json"))
    elif args.gold and args.graph:
        pairs.append((Path(args.gold).parent.name or "doc", Path(args.gold), Path(args.graph)))
    else:
        ap.error("give GOLD GRAPH, or --dir DIR")

    total = {k: Tally() for k in KINDS}
    for name, gold_path, graph_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            data = json.loads(graph_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            print(f"{name}: no usable graph ({err}); everything counts as missed")
            data = {"nodes": [], "edges": []}
        res = score(gold, data)
        report(name, res, args.verbose)
        for k in total:
            total[k].add(res[k])
    if len(pairs) > 1:
        report("TOTAL", total, False)
    summary = {k: dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in t.prf()))) for k, t in total.items()}
    if args.json:
        print(json.dumps(summary))
    if args.min is not None:
        worst = min(v["f1"] for v in summary.values())
        print(f"lowest F1 {worst:.3f} (bar {args.min})")
        sys.exit(0 if worst >= args.min else 1)


if __name__ == "__main__":
    main()

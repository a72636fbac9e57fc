"""Check bundled corpus documents: well-formed keys and labels, and extraction disagreements.

Usage::

    python corpora/check.py cj-101 cj-102 ...     # some documents
    python corpora/check.py                       # all of them

For each document it checks that the gold key and the label file are well formed (fields,
vocabularies, case number, court and defendant names verbatim in the text), then runs
``cjtext.extract`` and prints every field where extraction and the key disagree. A
disagreement is either a mistake in the key or a miss of the extractor: read the text and decide;
never change a key just to agree with the extractor.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The gold format's vocabularies, as the library defines them.
from cjtext.classifier import LABELS
from cjtext.extract.factors import LABELS as FACTOR_LABELS
from cjtext.extract.sentences import PENALTY_KINDS as KINDS

HERE = Path(__file__).resolve().parent
FACTORS = frozenset(FACTOR_LABELS)
PROCEDURES = {"first_instance", "appeal", "retrial"}


def problems(doc_id: str) -> list[str]:
    """Return the problems found in one document's files (empty when it is clean)."""
    out: list[str] = []
    paths = {k: HERE / k / f"{doc_id}.{ext}" for k, ext in
             (("judgements", "txt"), ("gold", "json"), ("labels", "json"))}
    for k, p in paths.items():
        if not p.exists():
            out.append(f"missing {p.relative_to(HERE)}")
    if out:
        return out
    text = paths["judgements"].read_text(encoding="utf-8")
    try:
        gold = json.loads(paths["gold"].read_text(encoding="utf-8"))
        label = json.loads(paths["labels"].read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"invalid JSON: {exc}"]
    need = {"id", "case_number", "court", "doc_type", "judgement_date", "n_defendants", "defendants",
            "articles_applied", "notes"}
    if missing := need - set(gold):
        out.append(f"gold lacks {sorted(missing)}")
        return out
    if gold["id"] != doc_id or label.get("id") != doc_id:
        out.append("id in gold/label differs from file name")
    for field in ("case_number", "court"):
        if gold[field] not in text:
            out.append(f"gold {field} {gold[field]!r} not verbatim in the text")
    if gold["n_defendants"] != len(gold["defendants"]):
        out.append("n_defendants != len(defendants)")
    for d in gold["defendants"]:
        if d["name"] not in text:
            out.append(f"defendant {d['name']!r} not in the text")
        if d["penalty"]["kind"] not in KINDS:
            out.append(f"{d['name']}: unknown penalty kind {d['penalty']['kind']!r}")
        if bad := set(d["factors"]) - FACTORS:
            out.append(f"{d['name']}: unknown factors {sorted(bad)}")
        if not all(c.endswith("罪") for c in d["charges"]):
            out.append(f"{d['name']}: a charge does not end in 罪")
    if len(set(gold["articles_applied"])) != len(gold["articles_applied"]):
        out.append("articles_applied has duplicates")
    if label.get("label") not in LABELS or not label.get("labels") or label["labels"][0] != label["label"]:
        out.append("label file: label must be one of %s and labels[0] == label" % sorted(LABELS))
    if label.get("procedure") not in PROCEDURES:
        out.append(f"label file: procedure must be one of {sorted(PROCEDURES)}")
    if not label.get("rationale"):
        out.append("label file: rationale is empty")
    return out


def disagreements(doc_id: str) -> list[str]:
    """Fields where ``cjtext.extract`` and the gold key differ."""
    import cjtext

    text = (HERE / "judgements" / f"{doc_id}.txt").read_text(encoding="utf-8")
    gold = json.loads((HERE / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
    pred = cjtext.extract(cjtext.parse(text, id=doc_id)).to_gold()
    out = []
    for f in ("case_number", "court", "doc_type", "judgement_date", "n_defendants"):
        if pred.get(f) != gold.get(f):
            out.append(f"{f}: gold {gold.get(f)!r} extracted {pred.get(f)!r}")
    if set(pred["articles_applied"]) != set(gold["articles_applied"]):
        g, p = set(gold["articles_applied"]), set(pred["articles_applied"])
        out.append(f"articles_applied: only in gold {sorted(g - p)}, only extracted {sorted(p - g)}")
    by_name = {d["name"]: d for d in pred["defendants"]}
    for d in gold["defendants"]:
        p = by_name.get(d["name"])
        if p is None:
            out.append(f"defendant {d['name']}: not extracted (extracted {sorted(by_name)})")
            continue
        for f in ("charges", "penalty", "probation_months", "fine_yuan"):
            if p.get(f) != d.get(f):
                out.append(f"{d['name']} {f}: gold {d.get(f)!r} extracted {p.get(f)!r}")
        if set(p["factors"]) != set(d["factors"]):
            out.append(f"{d['name']} factors: gold {sorted(d['factors'])} extracted {sorted(p['factors'])}")
    return out


def main(argv: list[str]) -> int:
    ids = argv or sorted(p.stem for p in (HERE / "judgements").glob("*.txt"))
    bad = 0
    for doc_id in ids:
        msgs = problems(doc_id)
        if not msgs:
            msgs = [f"(extraction) {m}" for m in disagreements(doc_id)]
        if msgs:
            bad += 1
            print(doc_id)
            for m in msgs:
                print("   ", m)
    print(f"{len(ids)} documents, {bad} with problems or disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

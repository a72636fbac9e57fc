"""Score extraction output against gold answer keys (``docs/gold-format.md``).

Rules, as in the gold format:

* document level: ``case_number``, ``court``, ``doc_type``, ``judgement_date``,
  ``n_defendants`` exact match (accuracy over gold documents);
* ``articles_applied``: set precision / recall / F1 over canonical strings,
  micro-averaged over documents;
* per defendant, matched by name: ``charges`` (set, exact), ``penalty.kind``,
  ``penalty.months``, ``probation_months``, ``fine_yuan`` exact (accuracy over
  gold defendants; a gold defendant missing from the prediction counts as
  wrong on every field), ``factors`` precision / recall / F1 (micro).

A gold document with no prediction counts as wrong everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

__all__ = ["Score", "evaluate", "load_jsonl", "DOC_FIELDS", "DEFENDANT_FIELDS"]

DOC_FIELDS = ("case_number", "court", "doc_type", "judgement_date", "n_defendants")
DEFENDANT_FIELDS = ("charges", "penalty.kind", "penalty.months", "probation_months", "fine_yuan")


@dataclass
class _Count:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else float("nan")


@dataclass
class _PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Per-field results; ``errors`` lists every disagreement for inspection."""

    accuracy: dict[str, _Count] = field(default_factory=dict)
    prf: dict[str, _PRF] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    n_documents: int = 0
    n_missing: int = 0

    def table(self) -> list[dict]:
        """One row per field: field, n, accuracy or precision/recall/F1."""
        rows = []
        for name in DOC_FIELDS + DEFENDANT_FIELDS:
            c = self.accuracy.get(name)
            if c is not None:
                rows.append({"field": name, "n": c.total, "correct": c.correct, "accuracy": round(c.accuracy, 4)})
        for name, p in self.prf.items():
            rows.append({"field": name, "n": p.tp + p.fn, "precision": round(p.precision, 4),
                         "recall": round(p.recall, 4), "f1": round(p.f1, 4)})
        return rows

    def to_dict(self) -> dict:
        return {"n_documents": self.n_documents, "n_missing": self.n_missing, "fields": self.table(),
                "errors": self.errors}

    def format(self) -> str:
        """A plain-text table for the terminal."""
        lines = [f"{'field':<20} {'n':>5}  {'acc':>7}  {'P':>7}  {'R':>7}  {'F1':>7}"]
        for r in self.table():
            if "accuracy" in r:
                lines.append(f"{r['field']:<20} {r['n']:>5}  {r['accuracy']:>7.4f}")
            else:
                lines.append(f"{r['field']:<20} {r['n']:>5}  {'':>7}  {r['precision']:>7.4f}  "
                             f"{r['recall']:>7.4f}  {r['f1']:>7.4f}")
        lines.append(f"documents: {self.n_documents} (no prediction: {self.n_missing})")
        return "\n".join(lines)


def _get(d: dict, dotted: str):
    for part in dotted.split("."):
        d = d.get(part) if isinstance(d, dict) else None
    return d


def _same(field_: str, a, b) -> bool:
    if field_ == "charges":
        return set(a or []) == set(b or [])
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-9
    return a == b


def evaluate(gold: Iterable[dict], predicted: Iterable[dict]) -> Score:
    """Score predicted gold-format dicts against gold ones, matched by ``id``.

    Examples
    --------
    >>> g = [{"id": "a", "n_defendants": 1, "articles_applied": ["刑法第264条"],
    ...       "defendants": [{"name": "王某", "charges": ["盗窃罪"], "penalty": {"kind": "fixed_term", "months": 6},
    ...                       "probation_months": None, "fine_yuan": 2000, "factors": ["confession"]}]}]
    >>> p = [{**g[0], "articles_applied": ["刑法第264条", "刑法第52条"]}]
    >>> s = evaluate(g, p)
    >>> s.prf["articles_applied"].precision, s.accuracy["penalty.months"].accuracy
    (0.5, 1.0)
    """
    pred = {p["id"]: p for p in predicted}
    score = Score()
    score.prf = {"articles_applied": _PRF(), "factors": _PRF()}
    score.accuracy = {f: _Count() for f in DOC_FIELDS + DEFENDANT_FIELDS}
    for g in gold:
        score.n_documents += 1
        p = pred.get(g["id"])
        if p is None:
            score.n_missing += 1
            score.errors.append({"id": g["id"], "field": "document", "gold": "present", "predicted": None})
            p = {}
        for f in DOC_FIELDS:
            if f not in g:
                continue
            c = score.accuracy[f]
            c.total += 1
            if _same(f, g[f], p.get(f)):
                c.correct += 1
            else:
                score.errors.append({"id": g["id"], "field": f, "gold": g[f], "predicted": p.get(f)})
        ga, pa = set(g.get("articles_applied", [])), set(p.get("articles_applied", []))
        a = score.prf["articles_applied"]
        a.tp += len(ga & pa)
        a.fp += len(pa - ga)
        a.fn += len(ga - pa)
        if ga != pa:
            score.errors.append({"id": g["id"], "field": "articles_applied",
                                 "gold": sorted(ga - pa), "predicted": sorted(pa - ga)})
        by_name = {d.get("name"): d for d in p.get("defendants", [])}
        for gd in g.get("defendants", []):
            pd = by_name.get(gd.get("name"), {})
            for f in DEFENDANT_FIELDS:
                c = score.accuracy[f]
                c.total += 1
                gv, pv = _get(gd, f), _get(pd, f)
                if pd and _same(f, gv, pv):
                    c.correct += 1
                else:
                    score.errors.append({"id": g["id"], "defendant": gd.get("name"), "field": f,
                                         "gold": gv, "predicted": pv if pd else "(defendant not found)"})
            gf, pf = set(gd.get("factors", [])), set(pd.get("factors", []))
            fa = score.prf["factors"]
            fa.tp += len(gf & pf)
            fa.fp += len(pf - gf)
            fa.fn += len(gf - pf)
            if gf != pf:
                score.errors.append({"id": g["id"], "defendant": gd.get("name"), "field": "factors",
                                     "gold": sorted(gf - pf), "predicted": sorted(pf - gf)})
    return score


def load_jsonl(path: str | Path) -> list[dict]:
    """Read a JSONL file of gold-format objects, naming the line of a bad one."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg}); expected one object per line") from None
    return out

"""Compare classifier designs and measure them where it matters (the figures of docs/classifier.md).

1. Every design of ``cjtext.classify.DESIGNS``: 5-fold cross-validation on the bundled
   corpus (``corpora/``), then trained on all of it and scored on the real case reports of
   ``../shared/corpora/cyber-cases-dev`` (never used for training or for choosing).
2. Retraining on a real corpus with another label set: the CAIL2018 sample in
   ``../shared/corpora/cail2018-sample`` (charges), trained on its ``data_train`` records and
   scored on its ``data_test`` records, single-charge records of charges with at least
   ``--min-count`` training records.

Run:  python benchmarks/eval_classifier.py [--designs words+chars+legal ...] [--skip-cail]
Writes benchmarks/out/classifier.json and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter

from _common import OUT, ROOT, SHARED, machine  # benchmarks/ is on sys.path when run as a script

from cjtext.classifier import DESIGNS, classification_report, cross_validate, load_labelled, train


def row(r: dict) -> str:
    return f"{r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['ece']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--designs", nargs="+", default=list(DESIGNS))
    ap.add_argument("--skip-cail", action="store_true")
    ap.add_argument("--skip-designs", action="store_true")
    ap.add_argument("--min-count", type=int, default=10)
    args = ap.parse_args()

    texts, labels, ids = load_labelled(ROOT / "corpora")
    real = SHARED / "cyber-cases-dev" / "cases.jsonl"
    rtexts, rlabels, _ = load_labelled(real) if real.exists() else ([], [], [])
    result = {"date": dt.date.today().isoformat(), "machine": machine(),
              "corpus": {"n": len(texts), "per_label": dict(Counter(labels))}, "designs": {}}
    for design in [] if args.skip_designs else args.designs:
        t = time.perf_counter()
        cv, _, _ = cross_validate(texts, labels, design, cv=5)
        model = train(texts, labels, design=design, cv=0)
        entry = {"cv": cv, "seconds": round(time.perf_counter() - t, 1)}
        if rtexts:
            entry["cyber_cases_dev"] = classification_report(rlabels, model.predict_proba(rtexts), model.classes_)
        result["designs"][design] = entry
        print(design, "CV", row(cv), "| real", row(entry["cyber_cases_dev"]) if rtexts else "", flush=True)

    cail = SHARED / "cail2018-sample" / "docs.jsonl"
    if cail.exists() and not args.skip_cail:
        ctexts, clabels, cids = load_labelled(cail, label_field="labels.accusation", multi="skip")
        train_i = [i for i, x in enumerate(cids) if x.startswith("data_train")]
        counts = Counter(clabels[i] for i in train_i)
        keep = {y for y, n in counts.items() if n >= args.min_count}
        tr = [i for i in train_i if clabels[i] in keep]
        te = [i for i, x in enumerate(cids) if x.startswith("data_test") and clabels[i] in keep]
        t = time.perf_counter()
        model = train([ctexts[i] for i in tr], [clabels[i] for i in tr], cv=0)
        model.save(OUT / "cail2018-charges.skops")
        fit_s = time.perf_counter() - t
        rep = classification_report([clabels[i] for i in te], model.predict_proba([ctexts[i] for i in te]),
                                    model.classes_)
        result["cail2018"] = {"labels": len(keep), "train": len(tr), "test": len(te), "min_count": args.min_count,
                              "fit_seconds": round(fit_s, 1), "test_report": rep}
        print("cail2018", len(keep), "charges, train", len(tr), "test", len(te), "|", row(rep), flush=True)

    OUT.mkdir(parents=True, exist_ok=True)
    old = OUT / "classifier.json"
    if old.exists():   # keep the part of an earlier run that this one skipped
        prev = json.loads(old.read_text(encoding="utf-8"))
        if args.skip_designs:
            result["designs"], result["corpus"] = prev.get("designs", {}), prev.get("corpus")
        if args.skip_cail and "cail2018" in prev:
            result["cail2018"] = prev["cail2018"]
    (OUT / "classifier.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print("\n| design | CV accuracy | CV macro-F1 | CV ECE | real accuracy | real macro-F1 | real ECE |")
    print("|---|---|---|---|---|---|---|")
    for d, e in result["designs"].items():
        print(f"| {d} | {row(e['cv'])} | {row(e['cyber_cases_dev']) if 'cyber_cases_dev' in e else '– | – | –'} |")


if __name__ == "__main__":
    sys.exit(main())

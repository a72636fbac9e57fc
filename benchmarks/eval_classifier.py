"""Compare classifier designs and measure them where it matters (the figures of docs/classifier.md).

1. Every design of ``cjtext.classifier.DESIGNS``, trained as the default model is
   (``cjtext.train``: 5-fold cross-validation on the bundled corpus, temperature fitted on
   the out-of-fold predictions, then fitted on all of it), and scored on the real case
   reports of ``../shared/corpora/cyber-cases-dev`` (never used for training).
2. Retraining on a real corpus with another label set: the CAIL2018 sample in
   ``../shared/corpora/cail2018-sample`` (charges), single-charge records of the charges
   with at least ``--min-count`` records, 5-fold cross-validated as ``cjtext train`` does.

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

from _common import (  # benchmarks/ is on sys.path when run as a script
    OUT,
    ROOT,
    SHARED,
    machine,
)

from cjtext.classifier import (
    DESIGNS,
    classification_report,
    load_labelled,
    loo_calibrated,
    train,
)


def row(r: dict) -> str:
    return f"{r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['ece']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--designs", nargs="+", default=list(DESIGNS))
    ap.add_argument("--skip-cail", action="store_true")
    ap.add_argument("--skip-designs", action="store_true")
    ap.add_argument("--min-count", type=int, default=20)
    ap.add_argument("--balanced", action="store_true", help="CAIL: also train with balanced class weights")
    args = ap.parse_args()

    texts, labels, ids = load_labelled(ROOT / "corpora")
    real = SHARED / "cyber-cases-dev" / "cases.jsonl"
    rtexts, rlabels, _ = load_labelled(real) if real.exists() else ([], [], [])
    result = {"date": dt.date.today().isoformat(), "machine": machine(),
              "corpus": {"n": len(texts), "per_label": dict(Counter(labels))}, "designs": {}}
    for design in [] if args.skip_designs else args.designs:
        t = time.perf_counter()
        model = train(texts, labels, design=design, cv=5)   # as the default model is trained
        entry = {"cv": model.card["cv"], "cv_uncalibrated": model.card["cv_uncalibrated"],
                 "temperature": model.card["temperature"], "seconds": round(time.perf_counter() - t, 1)}
        cv = entry["cv"]
        if rtexts:
            entry["cyber_cases_dev"] = classification_report(rlabels, model.predict_proba(rtexts), model.classes_)
            entry["cyber_cases_dev_loo_calibrated"] = loo_calibrated(model, rtexts, rlabels)
        result["designs"][design] = entry
        print(design, "CV", row(cv), "| real", row(entry["cyber_cases_dev"]) if rtexts else "",
              "| real, LOO-calibrated", row(entry["cyber_cases_dev_loo_calibrated"]) if rtexts else "", flush=True)

    cail = SHARED / "cail2018-sample" / "docs.jsonl"
    if cail.exists() and not args.skip_cail:
        # The sample's data_train and data_test records have disjoint charges, so it is used as one
        # corpus: single-charge records of charges with at least --min-count records, 5-fold CV.
        ctexts, clabels, cids = load_labelled(cail, label_field="labels.accusation", multi="skip")
        counts = Counter(clabels)
        keep = [i for i, y in enumerate(clabels) if counts[y] >= args.min_count]
        t = time.perf_counter()
        model = train([ctexts[i] for i in keep], [clabels[i] for i in keep], cv=5)
        model.save(OUT / "cail2018-charges.skops")
        result["cail2018"] = {"labels": len({clabels[i] for i in keep}), "documents": len(keep),
                              "min_count": args.min_count, "seconds": round(time.perf_counter() - t, 1),
                              "cv": model.card["cv"], "cv_uncalibrated": model.card["cv_uncalibrated"]}
        print("cail2018", result["cail2018"]["labels"], "charges,", len(keep), "documents | CV",
              row(model.card["cv"]), flush=True)
        if args.balanced:
            t = time.perf_counter()
            model = train([ctexts[i] for i in keep], [clabels[i] for i in keep], cv=5, class_weight="balanced")
            result["cail2018"]["balanced"] = {"seconds": round(time.perf_counter() - t, 1), "cv": model.card["cv"]}
            print("cail2018 balanced | CV", row(model.card["cv"]), flush=True)

    OUT.mkdir(parents=True, exist_ok=True)
    old = OUT / "classifier.json"
    if old.exists():   # keep the part of an earlier run that this one skipped
        prev = json.loads(old.read_text(encoding="utf-8"))
        if args.skip_designs:
            result["designs"], result["corpus"] = prev.get("designs", {}), prev.get("corpus")
        if args.skip_cail and "cail2018" in prev:
            result["cail2018"] = prev["cail2018"]
    (OUT / "classifier.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print("\n| design | CV accuracy | CV macro-F1 | CV ECE | CV short acc. | real accuracy | real macro-F1 "
          "| real ECE | real ECE, LOO-calibrated |")
    print("|---|---|---|---|---|---|---|---|---|")
    for d, e in result["designs"].items():
        real = row(e["cyber_cases_dev"]) if "cyber_cases_dev" in e else "– | – | –"
        loo = f"{e['cyber_cases_dev_loo_calibrated']['ece']:.3f}" if "cyber_cases_dev" in e else "–"
        short = e["cv"].get("short", {}).get("accuracy", float("nan"))
        print(f"| {d} | {row(e['cv'])} | {short:.3f} | {real} | {loo} |")


if __name__ == "__main__":
    sys.exit(main())

"""Classification throughput of the default value-chain model on real judgements.

Measures, on one core, ``Model.predict_proba`` on raw texts: normalisation and
sections (to find the facts), segmentation, word and character TF-IDF, the legal
signals and the linear model, in batches of 256 as ``cjtext classify`` runs it;
and the same with evidence (``classify_many``). Stage times show where it goes.

Uses ../shared/corpora/judge-dev and lecardv2-docs when present, else the bundled corpus.
Run:  python benchmarks/bench_classify.py [--repeat 3]
Writes benchmarks/out/classify.json and prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from _common import (  # benchmarks/ is on sys.path when run as a script
    OUT,
    best_of,
    corpus,
    machine,
)

from cjtext.classifier import Model


def batches(xs, n=256):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs, label = corpus()
    texts = [d["text"] for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    model = Model.load()
    prepare, features, clf = (s for _, s in model.pipeline.steps)
    model.predict_proba(texts[:10])  # warm-up: dictionaries, segmenter

    t_all = best_of(lambda: [model.predict_proba(b) for b in batches(texts)], args.repeat)
    t_explain = best_of(lambda: [model.classify_many(b) for b in batches(texts)], max(1, args.repeat - 1))
    t_prep = best_of(lambda: prepare.transform(texts), args.repeat)
    prepared = prepare.transform(texts)
    t_feat = best_of(lambda: features.transform(prepared), args.repeat)
    feats = {name: best_of(lambda t=t: t.transform(prepared[:, col]), 1)
             for name, t, col in features.transformers_ if name != "remainder"}

    result = {
        "date": dt.date.today().isoformat(), "machine": machine(), "corpus": label,
        "documents": len(texts), "megabytes": round(mb, 3), "model": model.card.get("design"),
        "classify_mb_s": round(mb / t_all, 2), "classify_docs_s": round(len(texts) / t_all, 1),
        "classify_with_evidence_mb_s": round(mb / t_explain, 2),
        "stage_seconds": {"prepare (normalise + sections)": round(t_prep, 3),
                          **{f"features: {k}": round(v, 3) for k, v in feats.items()},
                          "features total": round(t_feat, 3),
                          "predict (rest)": round(max(0.0, t_all - t_prep - t_feat), 3)},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "classify.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\n| stage | MB/s (1 core) | docs/s |\n|---|---|---|\n"
          f"| classify (probabilities) | {result['classify_mb_s']} | {result['classify_docs_s']} |\n"
          f"| classify with evidence | {result['classify_with_evidence_mb_s']} | "
          f"{round(len(texts) / t_explain, 1)} |")


if __name__ == "__main__":
    sys.exit(main())

"""Retrain the value-chain classifier on a labelled corpus and compare it with the default model.

Run from the repository root:
    python examples/retrain_classifier.py [DATA.jsonl] [--label-field label] [-o my-model.skops]
DATA is JSONL with at least text and label (or a corpus folder like corpora/). With no DATA it
retrains on the bundled corpus with 3-fold cross-validation and scores both models on the real
case reports in ../shared/corpora/cyber-cases-dev when they are there.
"""

import argparse
from pathlib import Path

import cjtext
from cjtext.classifier import Model, classification_report, format_report, load_labelled

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("data", nargs="?", default=str(ROOT / "corpora"))
ap.add_argument("--text-field", default="text")
ap.add_argument("--label-field", default="label")
ap.add_argument("--cv", type=int, default=3)
ap.add_argument("--sample", type=int, default=0, help="train on every k-th document only, k = n // SAMPLE "
                                                       "(a quick run; 0 = all)")
ap.add_argument("-o", "--output", default="my-model.skops")
ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "corpora" / "cyber-cases-dev" / "cases.jsonl"),
                help="a labelled JSONL to compare the models on")
args = ap.parse_args()

texts, labels, _ = load_labelled(args.data, text_field=args.text_field, label_field=args.label_field)
keep = [i for i, y in enumerate(labels) if y is not None]
if args.sample:
    keep = keep[::max(1, len(keep) // args.sample)]
model = cjtext.train([texts[i] for i in keep], [labels[i] for i in keep], cv=args.cv)
model.save(args.output)
print(f"trained on {len(keep)} documents; cross-validated:\n{format_report(model.card['cv'])}\n")

if Path(args.eval).exists():
    etexts, elabels, _ = load_labelled(args.eval)
    for name, m in (("default model", Model.load()), ("retrained model", Model.load(args.output))):
        r = classification_report(elabels, m.predict_proba(etexts), m.classes_)
        print(f"{name} on {Path(args.eval).name}: accuracy {r['accuracy']:.3f}, macro-F1 {r['macro_f1']:.3f}, "
              f"ECE {r['ece']:.3f}")
else:
    print(f"{args.eval} not found: no comparison")
print("top features of the retrained model:")
for label, feats in model.top_features(6).items():
    print(f"  {label}: " + ", ".join(f for f, _ in feats))

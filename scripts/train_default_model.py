"""Build the default value-chain model shipped in the package (src/cjtext/data/models/).

1. `cjtext.train` on the bundled corpus (corpora/): 5-fold cross-validation, temperature fitted on
   the out-of-fold predictions, fit on all documents.
2. `Model.calibrate` on the real case reports of ../shared/corpora/cyber-cases-dev (a development
   set of 30 reports): one number, the temperature, refitted so that probabilities match accuracy on
   real short reports (predicted labels do not change). The leave-one-out estimate of the resulting
   calibration error is stored in the card (see benchmarks/eval_classifier.py for the same figure
   for every design).
3. Save with skops, the model card beside it.

Run from the repository root after changing the corpus or the classifier:
    python scripts/train_default_model.py
tests/test_classify.py checks that the shipped model was trained on the corpus in the repository.
"""

from __future__ import annotations

from pathlib import Path

from cjtext.classifier import (
    DEFAULT_DESIGN,
    classification_report,
    load_labelled,
    loo_calibrated,
    train,
)

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "src" / "cjtext" / "data" / "models" / "value_chain.skops"
DEV = ROOT.parent / "shared" / "corpora" / "cyber-cases-dev" / "cases.jsonl"

texts, labels, _ = load_labelled(ROOT / "corpora")
model = train(texts, labels, design=DEFAULT_DESIGN, cv=5)
print(f"trained on {len(texts)} documents; CV accuracy {model.card['cv']['accuracy']}, "
      f"macro-F1 {model.card['cv']['macro_f1']}, ECE {model.card['cv']['ece']}")
if DEV.exists():
    dtexts, dlabels, _ = load_labelled(DEV)
    before = classification_report(dlabels, model.predict_proba(dtexts), model.classes_)
    loo = loo_calibrated(model, dtexts, dlabels)
    model.calibrate(dtexts, dlabels, name="cyber-cases-dev (30 real case reports)")
    model.card["cyber_cases_dev"] = {
        "accuracy": before["accuracy"], "macro_f1": before["macro_f1"],
        "ece_corpus_temperature": before["ece"], "ece_loo_calibrated": loo["ece"],
        "note": "development set: used to choose the design and to calibrate; not a held-out test"}
    print(f"cyber-cases-dev: accuracy {before['accuracy']}, macro-F1 {before['macro_f1']}, ECE "
          f"{before['ece']} with the corpus temperature, {loo['ece']} leave-one-out calibrated; "
          f"temperature {model.card['temperature_corpus']} -> {model.card['temperature']}")
else:
    print(f"{DEV} not found: the model keeps the temperature fitted on the corpus")
model.save(OUT)
for extra in ("value_chain.cv.json", "value_chain.cv.png"):
    (OUT.parent / extra).unlink(missing_ok=True)
print(f"saved {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")

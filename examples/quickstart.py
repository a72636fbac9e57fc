"""Extract one judgement and print its facts.

Run from the repository root:  python examples/quickstart.py [FILE]
"""

import sys
from pathlib import Path

import cjtext

ROOT = Path(__file__).resolve().parent.parent
path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpora" / "judgements" / "cj-001.txt"

judgement = cjtext.extract(cjtext.parse(path.read_text(encoding="utf-8"), id=path.stem))
md = judgement.metadata
print(f"{md.court} · {md.doc_type} · {md.case_number.text if md.case_number else '?'} · {md.judgement_date}")
print("articles applied:", "、".join(judgement.articles_applied))
for d in judgement.defendants:
    pen = d.penalty
    term = f"{pen.months} months" if pen.months is not None else ""
    print(f"- {d.name} ({d.party.sex or '?'}, age {d.age}): {'、'.join(d.charges)}; {pen.kind} {term}"
          f"; probation {d.probation_months}; fine {d.fine_yuan}; factors {', '.join(d.factors) or '-'}")
    # Every fact points back into the text.
    if d.sentence.fine is not None:
        print(f"    fine as printed: {judgement.text_of(d.sentence.fine)!r}")

prediction = cjtext.classify(judgement.document)
print(f"value chain: {prediction.label}  "
      + ", ".join(f"{k} {v:.2f}" for k, v in sorted(prediction.probabilities.items(), key=lambda kv: -kv[1])[:3]))
print("evidence:", ", ".join(t for t, _ in prediction.evidence[:6]))

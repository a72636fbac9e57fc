"""cjtext as spaCy components: sections and facts as doc.spans, rendered with displaCy.

Run from the repository root:  python examples/spacy_pipeline.py [FILE] [-o page.html]
"""

import argparse
from pathlib import Path

import cjtext

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("path", nargs="?", default=str(ROOT / "corpora" / "judgements" / "cj-003.txt"))
ap.add_argument("-o", "--output", default="judgement.html")
args = ap.parse_args()

text = Path(args.path).read_text(encoding="utf-8")
nlp = cjtext.nlp()                       # spacy.blank("zh") + cjtext tokenizer and components
print("pipeline:", nlp.pipe_names)
doc = nlp(text)
print("sections:", [s.label_ for s in doc.spans["sections"]])
for span in doc.spans["facts"]:
    if span.label_ in ("PENALTY", "FINE", "PROBATION", "FACTOR", "ARTICLE_APPLIED"):
        print(f"{span.label_:16} {span.text[:30]!r:34} -> {span._.cj_value}")
print("defendants:", [d.name for d in doc._.cj_judgement.defendants])

from spacy import displacy  # noqa: E402

html = displacy.render(doc, style="span", options={"spans_key": "facts"}, page=True)
Path(args.output).write_text(html, encoding="utf-8")
print(f"wrote {args.output}")

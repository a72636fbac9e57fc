"""A folder of judgements to the two research tables (one row per case, one per defendant).

Run from the repository root:  python examples/corpus_to_parquet.py [INPUT ...] [-o OUT.parquet]
The same as:  cjtext extract corpora/judgements -o results.parquet
"""

import argparse
from pathlib import Path

from cjtext import corpus
from cjtext.errors import ErrorLog

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("inputs", nargs="*", default=[str(ROOT / "corpora" / "judgements")])
ap.add_argument("-o", "--output", default="results.parquet")
args = ap.parse_args()

errors = ErrorLog()
cases, defendants = corpus.extract(args.inputs, on_error=errors)
cases_path, defendants_path = corpus.write(cases, defendants, args.output)
print(f"{len(cases)} cases -> {cases_path}")
print(f"{len(defendants)} defendants -> {defendants_path}")
print(f"{len(errors)} documents failed" + "".join(f"\n  {e['source']}: {e['error']}" for e in errors.entries))
print(defendants[["case_id", "name", "charges", "penalty_kind", "prison_months", "probation_months",
                  "fine_yuan"]].head(8).to_string(index=False))

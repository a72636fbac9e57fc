"""Memory and time of the report's figures over batch outputs of growing size.

Runs one real batch (the 801 real judgements of ../shared and the bundled corpus, classified),
then builds larger outputs at benchmark time by repeating its Parquet parts under new chunk
numbers (never committed): --sizes judgements each. For each size, in a fresh process:

* ``Tally.from_dataset`` (what ``cjtext report`` does): one pass, tallies only;
* ``read_dataset`` with the report's columns + ``corpus.trends`` (the whole tables in memory),
  the way the report worked before tallies, for comparison.

Peak memory is the process's maximum resident set (``ru_maxrss``). Run:
    python benchmarks/bench_report.py [--sizes 20000 200000 2000000]
Writes benchmarks/out/report.json and prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import (  # benchmarks/ is on sys.path when run as a script
    OUT,
    ROOT,
    SHARED,
    machine,
)

CHILD = """
import json, resource, sys, time
t = time.perf_counter()
if sys.argv[1] == "tally":
    from cjtext.tally import Tally
    s = Tally.from_dataset(sys.argv[2])
    table, n = s.trends(), s.n_cases
else:
    from cjtext.batch import read_dataset
    from cjtext.corpus import trends
    from cjtext.report import REPORT_CASE_COLUMNS, REPORT_DEFENDANT_COLUMNS
    cases, defendants, _ = read_dataset(sys.argv[2], case_columns=REPORT_CASE_COLUMNS,
                                        defendant_columns=REPORT_DEFENDANT_COLUMNS)
    table, n = trends(cases, defendants), len(cases)
print(json.dumps({"cases": n, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "mean_prison": float(table["mean_prison_months"].mean())}))
"""


def base_output(tmp: Path) -> Path:
    from cjtext.batch import run

    inputs = [p for p in (SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl") if p.exists()]
    out = tmp / "base"
    run([*inputs, ROOT / "corpora" / "judgements"], out, jobs=2, chunk_size=500, progress=False)
    return out


def grown(base: Path, dest: Path, n: int) -> int:
    """An output folder of about ``n`` judgements made of copies of ``base``'s parts."""
    parts = sorted((base / "cases").glob("part-*.parquet"))
    kept = {e["chunk"]: e["kept"] for e in map(json.loads, (base / "_journal.jsonl").read_text().splitlines())}
    for sub in ("cases", "defendants", "errors"):
        (dest / sub).mkdir(parents=True)
    total, chunk, journal = 0, 0, []
    while total < n:
        p = parts[chunk % len(parts)]
        name = f"part-{chunk:06d}"
        shutil.copyfile(p, dest / "cases" / f"{name}.parquet")
        shutil.copyfile(base / "defendants" / p.name, dest / "defendants" / f"{name}.parquet")
        shutil.copyfile(base / "errors" / f"{p.stem}.jsonl", dest / "errors" / f"{name}.jsonl")
        journal.append(json.dumps({"chunk": chunk}))
        total += kept[int(p.stem.split("-")[1])]
        chunk += 1
    (dest / "_journal.jsonl").write_text("\n".join(journal) + "\n")
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000, 2_000_000])
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cjtext-bench-report-"))
    rows = []
    try:
        base = base_output(tmp)
        for n in args.sizes:
            dest = tmp / f"n{n}"
            cases = grown(base, dest, n)
            for how in ("tally", "whole tables"):
                res = subprocess.run([sys.executable, "-c", CHILD, "tally" if how == "tally" else "whole", str(dest)],
                                     cwd=ROOT, capture_output=True, text=True, check=True)
                r = json.loads(res.stdout)
                assert r["cases"] == cases
                rows.append({"judgements": cases, "method": how, "seconds": round(r["seconds"], 1),
                             "peak_mb": round(r["peak_mb"]), "cases_per_s": round(cases / r["seconds"]),
                             "mean_prison_check": round(r["mean_prison"], 6)})
                print(rows[-1], flush=True)
            shutil.rmtree(dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {"date": dt.date.today().isoformat(), "machine": machine(), "runs": rows}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("\n| judgements | method | seconds | judgements/s | peak memory (MB) |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['judgements']:,} | {r['method']} | {r['seconds']} | {r['cases_per_s']:,} | {r['peak_mb']} |")


if __name__ == "__main__":
    sys.exit(main())

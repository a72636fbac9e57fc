"""Parsing and segmentation throughput on real judgements.

Measures, on one core:
* parse: read JSONL + normalise + sections + metadata (``cjtext.read`` + ``cjtext.parse``);
* segmentation: the legal-dictionary Segmenter on the fast engine (rjieba),
  against plain ``jieba.lcut`` (the reference) on the same texts in the same run.

Uses ../shared/corpora/judge-dev and lecardv2-docs when present, else the bundled corpus.
Run:  python benchmarks/bench_parse.py [--repeat 5]
Writes benchmarks/out/parse.json and prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import tempfile
from pathlib import Path

from _common import (  # benchmarks/ is on sys.path when run as a script
    OUT,
    best_of,
    corpus,
    machine,
)

import cjtext
from cjtext.segment import Segmenter


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    docs, label = corpus()
    texts = [d["text"] for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")

        def parse_all():
            for rec in cjtext.read(path):
                cjtext.parse(rec)

        parse_all()  # warm-up: imports, region table
        t_parse = best_of(parse_all, args.repeat)

    import jieba

    jieba.setLogLevel(logging.WARNING)  # benchmark only: the reference engine, untouched otherwise
    jieba.lcut(texts[0])
    fast = Segmenter("rjieba")
    fast.cut(texts[0])
    t_fast = best_of(lambda: [fast.cut(t) for t in texts], args.repeat)
    t_jieba = best_of(lambda: [jieba.lcut(t) for t in texts], max(1, args.repeat // 3))

    result = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "corpus": label, "documents": len(texts), "megabytes": round(mb, 3),
        "parse_mb_s": round(mb / t_parse, 2), "parse_docs_s": round(len(texts) / t_parse, 1),
        "segment_rjieba_mb_s": round(mb / t_fast, 2), "segment_jieba_lcut_mb_s": round(mb / t_jieba, 2),
        "segment_speedup": round(t_jieba / t_fast, 1),
    }
    out = OUT
    out.mkdir(parents=True, exist_ok=True)
    (out / "parse.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\n| stage | MB/s (1 core) | docs/s |\n|---|---|---|\n"
          f"| read + normalise + sections + metadata | {result['parse_mb_s']} | {result['parse_docs_s']} |\n"
          f"| segmentation, cjtext Segmenter (rjieba + legal dictionary) | {result['segment_rjieba_mb_s']} | "
          f"{round(len(texts) / t_fast, 1)} |\n"
          f"| segmentation, jieba.lcut (reference) | {result['segment_jieba_lcut_mb_s']} | "
          f"{round(len(texts) / t_jieba, 1)} |")


if __name__ == "__main__":
    sys.exit(main())

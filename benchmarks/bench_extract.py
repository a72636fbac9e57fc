"""Extraction throughput on real judgements, and time on adversarial 1 MB documents.

Measures, on one core (one process, one thread):
* parse: normalise + sections + metadata (``cjtext.parse`` over the texts);
* extract (text): ``cjtext.extract(text)``, parsing included;
* extract (parsed): ``cjtext.extract(document)`` over already-parsed documents;
* raw patterns: one ``finditer`` pass of every compiled pattern in
  ``cjtext.patterns`` over every normalised text, exhausted, so the ratio of
  extraction to plain regex scanning is visible;
* adversarial: ``cjtext.extract`` on ~1 MB (UTF-8) documents made of long runs
  (第, 年, 元, digits, Chinese numerals, commas, 《 without 》, 被告人, mixed, ...),
  each also at ~100 KB so that super-linear growth shows (x10 size should cost
  about x10 time). Target: under 1 s per 1 MB variant. Each variant runs in a
  child process with a time limit, so a pathological case cannot hang the run.

Uses ../shared/corpora/judge-dev and lecardv2-docs when present, else the bundled corpus.
Run:  python benchmarks/bench_extract.py [--repeat 5] [--timeout 60]
Writes benchmarks/out/extract.json and prints Markdown tables for docs/performance.md.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import re
import sys
import time

import regex
from _common import (  # benchmarks/ is on sys.path when run as a script
    OUT,
    best_of,
    corpus,
    machine,
)

import cjtext
import cjtext.patterns
from cjtext.extract.factors import default_vocabulary

#: Target seconds for ``cjtext.extract`` on one adversarial 1 MB document.
TARGET_S = 1.0


def compiled_patterns() -> dict:
    """Every compiled pattern in :mod:`cjtext.patterns` (section markers included), in the
    form extraction uses (guarded or anchored where it is), and the factor vocabulary."""
    out = {}
    for k, v in vars(cjtext.patterns).items():
        for name, p in (v.items() if isinstance(v, dict) and k != "FAST_FORMS" else [(None, v)]):
            if isinstance(p, (regex.Pattern, re.Pattern, cjtext.patterns.Anchored)):
                out[f"{k}.{name}" if name else k] = p
    out["factor vocabulary"] = default_vocabulary().pattern
    return out


# ---------------------------------------------------------------------------
# Adversarial documents
# ---------------------------------------------------------------------------
def _fill(unit: str, nbytes: int, head: str = "", tail: str = "") -> str:
    """``head + unit * k + tail`` of about ``nbytes`` UTF-8 bytes."""
    k = max(1, (nbytes - len((head + tail).encode("utf-8"))) // len(unit.encode("utf-8")))
    return head + unit * k + tail


def adversarial(nbytes: int) -> dict[str, str]:
    """Documents of about ``nbytes`` UTF-8 bytes that stress the patterns and the extractors."""
    judgment = "本院认为，被告人张某构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下："
    return {
        "第 run": _fill("第", nbytes),
        "年 run": _fill("年", nbytes),
        "元 run": _fill("元", nbytes),
        "digit run": _fill("0123456789", nbytes),
        "Chinese numeral run": _fill("一二三四五六七八九十百千万亿零", nbytes),
        "comma run (，,、)": _fill("，,、", nbytes),
        "《 run, no 》": _fill("《", nbytes),
        "《中华人民共和国刑法, no 》": _fill("《中华人民共和国刑法", nbytes, "依照"),
        "被告人 repeated": _fill("被告人", nbytes),
        "被告人 lines": _fill("被告人\n", nbytes),
        "mixed 第年元1二，《被告人,万": _fill("第年元1二，《被告人,万", nbytes),
        "mixed 第1年2元3万": _fill("第1年2元3万", nbytes, "判决如下："),
        "citation list": _fill("第一百二十三条第四款第五项、", nbytes, "依照《中华人民共和国刑法》"),
        "durations 一年 run": _fill("一年", nbytes, "判决如下：被告人张某犯盗窃罪，判处有期徒刑", "个月"),
        "money 1, run": _fill("1,", nbytes, "判决如下：被告人张某犯盗窃罪，并处罚金人民币", "元"),
        "money digit run": _fill("123", nbytes, "判决如下：被告人张某犯盗窃罪，并处罚金人民币", "元"),
        "money 一万 run": _fill("一万", nbytes, "判决如下：被告人张某犯盗窃罪，并处罚金人民币", "元"),
        "dates run": _fill("二〇一九年十二月三十一日", nbytes),
        "decision clauses": _fill("被告人张某犯盗窃罪，判处有期徒刑一年，缓刑一年，并处罚金人民币一千元；",
                                  nbytes, judgment),
        "charge list 盗窃罪、": _fill("盗窃罪、", nbytes, "判决如下：被告人张某犯"),
        "factor sentences (。)": _fill("被告人张某系自首，可以从轻处罚。", nbytes, "被告人张某，男。本院认为，"),
        "factors in one sentence (，)": _fill("被告人张某系自首，如实供述，可以从轻处罚，", nbytes,
                                              "被告人张某，男。本院认为，"),
        # As many sentences with a phrase as fit: each is read on its own (linear, no backtracking).
        "shortest factor sentences (。)": _fill("张某系自首。", nbytes, "被告人张某，男。本院认为，"),
        "opening quotes never closed (“)": _fill("“张某系自首。", nbytes, "被告人张某，男。本院认为，"),
    }


def _time_child(conn, text: str, repeat: int) -> None:
    try:
        for _ in range(repeat):
            t = time.perf_counter()
            cjtext.extract(text)
            conn.send(("ok", time.perf_counter() - t))
    except Exception as exc:  # report, do not hide: the parent records it
        msg = f"{type(exc).__name__}: {exc}"
        conn.send(("error", msg if len(msg) <= 120 else msg[:117] + "..."))
    finally:
        conn.close()


def time_extract(text: str, repeat: int, timeout: float) -> dict:
    """Best-of-``repeat`` seconds of ``cjtext.extract(text)`` in a child process, within ``timeout``."""
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_time_child, args=(child, text, repeat), daemon=True)
    proc.start()
    child.close()
    times: list[float] = []
    error = None
    deadline = time.monotonic() + timeout
    while len(times) < repeat:
        left = deadline - time.monotonic()
        try:
            if left <= 0 or not parent.poll(left):
                break
            status, value = parent.recv()
        except EOFError:
            error = error or f"child exited with code {proc.exitcode}"
            break
        if status == "error":
            error = value
            break
        times.append(value)
    timed_out = not times and error is None
    if proc.is_alive():
        proc.terminate()
    proc.join()
    parent.close()
    return {"seconds": round(min(times), 3) if times else None, "timed_out": timed_out, "error": error}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds allowed per adversarial document (all repeats) before it is stopped")
    ap.add_argument("--adversarial-mb", type=float, default=1.0, help="size of the adversarial documents")
    args = ap.parse_args()
    docs, label = corpus()
    texts = [d["text"] for d in docs]
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    # Warm-up: imports, lazily compiled vocabularies, region table.
    parsed = [cjtext.parse(t) for t in texts]
    for d in parsed[:20]:
        cjtext.extract(d)

    t_parse = best_of(lambda: [cjtext.parse(t) for t in texts], args.repeat)
    t_extract_text = best_of(lambda: [cjtext.extract(t) for t in texts], args.repeat)
    t_extract_doc = best_of(lambda: [cjtext.extract(d) for d in parsed], args.repeat)

    patterns = compiled_patterns()
    normalised = [d.normalized.text for d in parsed]
    exhaust = collections.deque(maxlen=0).extend

    def scan_all():
        for p in patterns.values():
            for t in normalised:
                exhaust(p.finditer(t))

    scan_all()
    t_patterns = best_of(scan_all, args.repeat)
    # The slowest patterns, to see where raw scanning time goes.
    per_pattern = {}
    for name, p in patterns.items():
        t = time.perf_counter()
        for s in normalised:
            exhaust(p.finditer(s))
        per_pattern[name] = time.perf_counter() - t
    slowest = sorted(per_pattern.items(), key=lambda kv: -kv[1])[:5]

    def rate(t: float) -> dict:
        return {"seconds": round(t, 3), "mb_s": round(mb / t, 2), "docs_s": round(n / t, 1),
                "x_patterns": round(t / t_patterns, 2)}

    nbytes = int(args.adversarial_mb * 1e6)
    big, small = adversarial(nbytes), adversarial(nbytes // 10)
    adv = {}
    for name, text in big.items():
        full = time_extract(text, args.repeat, args.timeout)
        tenth = time_extract(small[name], args.repeat, args.timeout)
        growth = (round(full["seconds"] / tenth["seconds"], 1)
                  if full["seconds"] and tenth["seconds"] else None)
        adv[name] = {"chars": len(text), "megabytes": round(len(text.encode("utf-8")) / 1e6, 3),
                     **full, "seconds_tenth": tenth["seconds"], "growth_x10": growth,
                     "under_target": bool(full["seconds"] is not None and full["seconds"] < TARGET_S)}

    result = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "platform": platform.platform(), "cpu_count": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "cjtext": cjtext.__version__, "regex": regex.__version__,
        "corpus": label, "documents": n, "megabytes": round(mb, 3), "repeat": args.repeat,
        "parse": rate(t_parse),
        "extract_text": rate(t_extract_text),
        "extract_parsed": rate(t_extract_doc),
        "patterns_raw": {**rate(t_patterns), "n_patterns": len(patterns),
                         "slowest": {k: round(v, 3) for k, v in slowest}},
        "extract_vs_patterns": round(t_extract_text / t_patterns, 2),
        "extract_parsed_vs_patterns": round(t_extract_doc / t_patterns, 2),
        "adversarial_target_s": TARGET_S, "adversarial_timeout_s": args.timeout,
        "adversarial": adv,
    }
    out = OUT
    out.mkdir(parents=True, exist_ok=True)
    (out / "extract.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "adversarial"}, indent=2, ensure_ascii=False))

    rows = [("parse (normalise + sections + metadata)", result["parse"]),
            ("extract from text (parse included)", result["extract_text"]),
            ("extract from parsed documents", result["extract_parsed"]),
            (f"raw pass of all {len(patterns)} compiled patterns", result["patterns_raw"])]
    print(f"\n{label}, {round(mb, 2)} MB, {result['machine']}\n")
    print("| stage | MB/s (1 core) | docs/s | time / raw patterns |\n|---|---|---|---|")
    for stage, r in rows:
        print(f"| {stage} | {r['mb_s']} | {r['docs_s']} | {r['x_patterns']}x |")

    print(f"\nAdversarial documents, cjtext.extract (target < {TARGET_S:g} s at ~{args.adversarial_mb:g} MB; "
          f"growth = time at full size / time at a tenth, ~10 when linear):\n")
    print("| document | chars | MB | s (1/10 size) | s (full size) | growth | < target |\n|---|---|---|---|---|---|---|")
    for name, r in adv.items():
        if r["error"]:
            full = f"error: {r['error']}"
        elif r["timed_out"]:
            full = f"> {args.timeout:g} (stopped)"
        else:
            full = f"{r['seconds']}"
        print(f"| {name} | {r['chars']} | {r['megabytes']} | {r['seconds_tenth']} | {full} | "
              f"{r['growth_x10'] if r['growth_x10'] is not None else '-'} | {'yes' if r['under_target'] else 'NO'} |")
    failing = [k for k, r in adv.items() if not r["under_target"]]
    if failing:
        print(f"\nOver target: {', '.join(failing)}")


if __name__ == "__main__":
    sys.exit(main())

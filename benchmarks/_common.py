"""What every benchmark needs: the corpus, best-of timing, a description of the machine."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
OUT = Path(__file__).resolve().parent / "out"


def corpus() -> tuple[list[dict], str]:
    """The 801 real judgements in ../shared when present, else the bundled corpus; and a label."""
    files = [SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl"]
    if all(f.exists() for f in files):
        docs = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
        return ([{"id": d["id"], "text": d["text"]} for d in docs],
                f"{len(docs)} real judgements (judge-dev + lecardv2)")
    docs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")}
            for p in sorted((ROOT / "corpora" / "judgements").glob("*.txt"))]
    return docs, f"{len(docs)} bundled judgements"


def best_of(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn()``, in seconds (the least disturbed by a shared machine)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def machine() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")

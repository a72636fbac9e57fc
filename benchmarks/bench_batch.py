"""End-to-end batch throughput and memory: judgements in, Parquet datasets out.

Builds, at benchmark time (never committed), a corpus of --docs realistic judgements by
cycling through the 801 real judgements of ../shared (judge-dev, lecardv2) and the bundled
corpus, each copy with its own id, written as JSONL. Then measures, each in a fresh output:

* `cjtext.batch.run` with --jobs 1 and --jobs 2 (extraction + classification + Parquet);
* the same with the small corpus (--small documents) to show that memory does not grow;
* `cjtext.dask.extract` on a `distributed.LocalCluster` of 2 single-threaded worker processes.

Peak memory is the largest sum of resident memory over the process tree (the run's process and
its workers), sampled every 0.1 s. Run:
    python benchmarks/bench_batch.py [--docs 20000] [--small 2000]
Writes benchmarks/out/batch.json and prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import (  # benchmarks/ is on sys.path when run as a script
    OUT,
    ROOT,
    SHARED,
    machine,
)


def build_corpus(path: Path, n: int) -> float:
    texts = []
    for f in (SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl"):
        if f.exists():
            texts += [json.loads(line)["text"] for line in f.open(encoding="utf-8") if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "judgements").glob("*.txt"))]
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            t = texts[i % len(texts)]
            size += len(t.encode("utf-8"))
            fh.write(json.dumps({"id": f"b{i}", "text": t}, ensure_ascii=False) + "\n")
    return size / 1e6


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak MB of the process tree) of a command."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    p = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            try:
                procs = [p] + p.children(recursive=True)
                rss = 0
                for q in procs:
                    try:
                        rss += q.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, rss / 1e6)
            except psutil.Error:
                pass
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode:
        raise RuntimeError(err.decode()[-2000:])
    return time.perf_counter() - start, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--skip-dask", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cjtext-bench-"))
    try:
        big, small = tmp / "big.jsonl", tmp / "small.jsonl"
        mb_big, mb_small = build_corpus(big, args.docs), build_corpus(small, args.small)
        runs = {}

        def batch(name, src, jobs, mb, n):
            out = tmp / name
            code = (f"from cjtext.batch import run; run([{str(src)!r}], {str(out)!r}, jobs={jobs}, "
                    f"progress=False)")
            sec, peak = measure([sys.executable, "-c", code])
            runs[name] = {"documents": n, "megabytes": round(mb, 1), "jobs": jobs, "seconds": round(sec, 1),
                          "mb_s": round(mb / sec, 2), "docs_s": round(n / sec, 1), "peak_mb": round(peak)}
            print(name, runs[name], flush=True)
            shutil.rmtree(out)

        batch("jobs2_small", small, 2, mb_small, args.small)
        batch("jobs2", big, 2, mb_big, args.docs)
        batch("jobs1", big, 1, mb_big, args.docs)
        if not args.skip_dask:
            out = tmp / "dask"
            script = tmp / "dask_run.py"   # a file: worker processes re-import the main module
            script.write_text(
                "import distributed\nfrom cjtext import dask as cjdask\n"
                "if __name__ == '__main__':\n"
                "    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)\n"
                "    client = distributed.Client(cluster)\n"
                f"    cjdask.extract([{str(big)!r}], {str(out)!r}, client=client)\n"
                "    client.close(); cluster.close()\n", encoding="utf-8")
            sec, peak = measure([sys.executable, str(script)])
            runs["dask2"] = {"documents": args.docs, "megabytes": round(mb_big, 1), "jobs": 2,
                             "seconds": round(sec, 1), "mb_s": round(mb_big / sec, 2),
                             "docs_s": round(args.docs / sec, 1), "peak_mb": round(peak)}
            print("dask2", runs["dask2"], flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {"date": dt.date.today().isoformat(), "machine": machine(), "runs": runs,
              "speedup_2_jobs": round(runs["jobs2"]["mb_s"] / runs["jobs1"]["mb_s"], 2),
              "dask_vs_jobs2": round(runs["dask2"]["mb_s"] / runs["jobs2"]["mb_s"], 2) if "dask2" in runs else None}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "batch.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    print("\n| run | documents | MB | seconds | MB/s | documents/s | peak memory (MB) |\n|---|---|---|---|---|---|---|")
    for name, r in runs.items():
        print(f"| {name} | {r['documents']:,} | {r['megabytes']} | {r['seconds']} | {r['mb_s']} | {r['docs_s']} | "
              f"{r['peak_mb']} |")


if __name__ == "__main__":
    sys.exit(main())

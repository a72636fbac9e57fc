"""Streaming, multi-core, resumable batch runs: judgements in, Parquet datasets out.

:func:`run` cuts any number of inputs into chunks of ``chunk_size`` documents in
input order and has ``jobs`` worker processes extract (and classify) each chunk.
JSONL files are cut at line offsets and single-document files grouped without
reading them (:func:`units`): each worker reads its own chunk. CSV and JSON dumps
are read by the main process as a stream and sent in chunks. A worker writes each
finished chunk as its own part files, ``cases/part-NNNNNN.parquet``,
``defendants/part-NNNNNN.parquet`` and ``errors/part-NNNNNN.jsonl`` (each written
to a temporary name and renamed, so a part is complete or absent); the main process
then records it in ``_journal.jsonl``. Memory stays flat: at most ``2 × jobs``
chunks are in flight and nothing else is kept.

Killed at any moment (Ctrl-C, ``kill -9``, power loss), a rerun with the same
inputs and output skips the chunks in the journal and redoes the rest, so no
document is lost or written twice; a part file without a journal entry is simply
rewritten. The folders are Parquet datasets: ``pandas.read_parquet("out/cases")``.

Examples
--------
>>> summary = run(["corpora/judgements"], "out/", jobs=2)        # doctest: +SKIP
>>> summary.documents, summary.failed                           # doctest: +SKIP
(387, 0)
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from .errors import CjtextError, DocumentError

__all__ = ["run", "Summary", "count_documents", "process_chunk", "read_dataset", "iter_dataset"]

JOURNAL = "_journal.jsonl"
RUN_FILE = "_run.json"


@dataclass
class Summary:
    """What a run did: documents read, extracted and failed (this run and before), time."""

    documents: int = 0
    extracted: int = 0
    failed: int = 0
    skipped_chunks: int = 0
    chunks: int = 0
    seconds: float = 0.0
    megabytes: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------
# Work done in a worker process
# ---------------------------------------------------------------------------
_STATE: dict = {}


def _init_worker(classify: bool, model_path: str | None, tune_gc: bool = True) -> None:
    """Load the model and dictionaries once per worker process (and quieten its garbage collector)."""
    from .segment import get_segmenter

    get_segmenter()
    if classify:
        from .classifier import Model

        _STATE["model"] = Model.load(model_path)
    _STATE["classify"] = classify
    if tune_gc:
        quiet_gc()


#: The garbage collector's thresholds while a batch runs (Python's default: 700, 10, 10).
GC_THRESHOLDS = (10_000, 20, 20)


def quiet_gc(freeze: bool = True) -> tuple[int, int, int]:
    """Freeze what is loaded and collect less often; returns the previous thresholds.

    After start-up a worker holds about 190,000 long-lived objects (imports, the
    model, the dictionaries) that every full collection walks again, while
    extraction makes many short-lived objects that trigger a collection every
    700 allocations. ``gc.freeze()`` moves the loaded objects out of the
    collector's sight and higher thresholds make collections rarer: in a worker
    with the model loaded, extraction went from 7.3 to 11.1 MB/s and
    classification took 40% less time (measured on the 801 real judgements, in
    chunks of 500). Extraction makes few reference cycles, so memory stays flat
    (docs/scale.md). ``freeze=False`` only raises the thresholds.
    """
    previous = gc.get_threshold()
    if freeze:
        gc.collect()
        gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return previous


def process_chunk(chunk_id: int, records: list, classify: bool | None = None, model=None) -> tuple:
    """Extract (and classify) one chunk of records: ``(chunk_id, case rows, defendant rows, errors)``.

    ``records`` are :class:`cjtext.Record` or parsed :class:`cjtext.Document` objects, or
    :class:`cjtext.DocumentError` s met while reading (reported as errors of the chunk). Runs in a worker; also usable directly
    (e.g. from Dask), with the model passed or loaded on first use.
    """
    from .corpus import rows
    from .document import Document, parse
    from .extract import extract

    if classify is None:
        classify = _STATE.get("classify", True)
    if classify and model is None:
        model = _STATE.get("model")
        if model is None:
            from .classifier import Model

            model = _STATE["model"] = Model.load()
    errors: list[dict] = []
    judgements = []
    for rec in records:
        if isinstance(rec, DocumentError):
            errors.append(rec.to_dict())
            continue
        try:
            judgements.append(extract(rec if isinstance(rec, Document) else parse(rec)))
        except DocumentError as exc:
            errors.append(exc.to_dict())
        except Exception as exc:  # one bad document must not end the chunk
            errors.append(DocumentError(rec.source or rec.id, f"extraction failed: {type(exc).__name__}: {exc}",
                                        rec.id).to_dict())
    preds = [None] * len(judgements)
    if classify and judgements:
        try:
            preds = model.classify_many([j.document for j in judgements], n_evidence=0)
        except Exception:   # find the document at fault
            preds = []
            for j in judgements:
                try:
                    preds += model.classify_many([j.document], n_evidence=0)
                except Exception as exc:
                    errors.append(DocumentError(j.document.source or j.id,
                                                f"classification failed: {type(exc).__name__}: {exc}",
                                                j.id).to_dict())
                    preds.append(None)
    cases, defendants = [], []
    for j, p in zip(judgements, preds):
        c, d = rows(j, p)
        cases.append(c)
        defendants += d
    return chunk_id, cases, defendants, errors


# ---------------------------------------------------------------------------
# Work units: which documents a chunk reads (also the partitions of cjtext.dask)
# ---------------------------------------------------------------------------
def units(inputs, chunk_size: int = 500, **read_options) -> list[tuple]:
    """Cut the inputs into chunks of about ``chunk_size`` documents, without reading them whole.

    A JSONL file is cut at line boundaries into byte ranges (``("jsonl", path, start, end,
    first_line)``), so that one large dump spreads over all workers; single-document files
    are grouped (``("files", [paths])``); any other file (CSV, JSON) is one unit.
    """
    from .io import _expand

    out: list[tuple] = []
    group: list[str] = []
    fmt = read_options.get("format")
    for path, problem in _expand(inputs):
        if problem:
            out.append(("error", str(path), problem))
            continue
        kind = fmt or path.suffix.lower().lstrip(".")
        if kind in ("jsonl", "ndjson"):
            start, line, count = 0, 1, 0
            pos = 0
            with open(path, "rb") as fh:
                for raw in fh:
                    pos += len(raw)
                    count += 1
                    if count == chunk_size:
                        out.append(("jsonl", str(path), start, pos, line))
                        start, line, count = pos, line + count, 0
            if count:
                out.append(("jsonl", str(path), start, pos, line))
        elif kind in ("csv", "tsv", "json"):
            out.append(("file", str(path)))
        else:
            group.append(str(path))
            if len(group) == chunk_size:
                out.append(("files", group))
                group = []
    if group:
        out.append(("files", group))
    return out


def _read_unit(unit: tuple, read_options: dict) -> list:
    """The records (and read errors) of one unit, in order."""
    from .io import _jsonl_record, _Options, read

    opts = {k: v for k, v in read_options.items() if v is not None}
    kind = unit[0]
    if kind == "error":
        return [DocumentError(unit[1], unit[2])]
    if kind == "jsonl":
        _, path, start, end, first = unit
        o = _Options(text_field=opts.get("text_field"), id_field=opts.get("id_field"),
                     encoding=opts.get("encoding"), html=opts.get("html"))
        records: list = []
        with open(path, "rb") as fh:
            fh.seek(start)
            data = fh.read(end - start)
        for n, raw in enumerate(data.splitlines(), first):
            try:
                line = raw.decode(o.encoding or "utf-8")
            except UnicodeDecodeError as exc:
                records.append(DocumentError(f"{path}:{n}", f"cannot decode the line as {o.encoding or 'UTF-8'} "
                                                            f"({exc.reason}); pass --encoding"))
                continue
            if line.strip():
                records.append(_jsonl_record(line, n, Path(path), o))
        return records
    paths = unit[1] if kind == "files" else [unit[1]]
    errors: list = []
    records = list(read(paths, on_error=errors.append, **opts))
    return records + errors


# ---------------------------------------------------------------------------
# Writing parts and the journal
# ---------------------------------------------------------------------------
def _atomic_write(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _write_parts(out: Path, chunk_id: int, cases: list, defendants: list, errors: list,
                 filters: dict | None = None) -> int:
    """Write a chunk's part files, each atomically; returns the number of cases kept by ``filters``."""
    from .corpus import CASE_COLUMNS, DEFENDANT_COLUMNS, _frame, select

    name = f"part-{chunk_id:06d}"
    cdf, ddf = _frame(cases, CASE_COLUMNS), _frame(defendants, DEFENDANT_COLUMNS)
    if filters:
        cdf, ddf = select(cdf, ddf, **filters)
    _atomic_write(out / "cases" / f"{name}.parquet", lambda p: cdf.to_parquet(p, index=False))
    _atomic_write(out / "defendants" / f"{name}.parquet", lambda p: ddf.to_parquet(p, index=False))

    def write_errors(p: Path) -> None:
        with open(p, "w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")

    _atomic_write(out / "errors" / f"{name}.jsonl", write_errors)
    return len(cdf)


def _commit(journal, chunk_id: int, n_docs: int, extracted: int, failed: int, kept: int) -> None:
    """The journal line that makes a chunk done; before it, a rerun redoes the chunk."""
    journal.write(json.dumps({"chunk": chunk_id, "documents": n_docs, "extracted": extracted,
                              "failed": failed, "kept": kept}) + "\n")
    journal.flush()
    os.fsync(journal.fileno())


def _chunk_to_parts(chunk_id: int, work: tuple, out: str, filters: dict | None, read_options: dict) -> dict:
    """Read (for a unit), process and write one chunk in the worker.

    ``work`` is ``("unit", unit)`` (the worker reads the documents itself) or
    ``("records", records)``. Only counts go back to the main process, which stays
    small (no pandas, no rows to unpickle) and has no documents to read or send.
    """
    kind, payload = work
    records = _read_unit(payload, read_options) if kind == "unit" else payload
    chunk_id, cases, defendants, errors = process_chunk(chunk_id, records)
    kept = _write_parts(Path(out), chunk_id, cases, defendants, errors, filters)
    return {"chunk": chunk_id, "documents": len(records), "extracted": len(cases), "failed": len(errors),
            "kept": kept, "megabytes": sum(len(getattr(r, "text", "").encode("utf-8")) for r in records) / 1e6}


def _work(inputs, chunk_size: int, read_options: dict) -> tuple[str, Iterator[tuple[int, tuple]]]:
    """The chunks of a run, as ``(layout, iterator of (chunk id, work))``.

    JSONL files (cut at line offsets) and single-document files are read by the workers
    themselves; a CSV or JSON dump is read here as a stream of records.
    """
    plan = units(inputs, chunk_size, **read_options)
    if all(u[0] in ("jsonl", "files", "error") for u in plan):
        return "units", ((k, ("unit", u)) for k, u in enumerate(plan))
    return "stream", ((k, ("records", chunk)) for k, chunk in _chunks(inputs, chunk_size, read_options))


def _read_journal(out: Path) -> dict[int, dict]:
    """Committed chunks: journal lines of cjtext.batch and ``_done`` markers of cjtext.dask."""
    done: dict[int, dict] = {}
    for marker in sorted((out / "_done").glob("part-*.json")) if (out / "_done").exists() else ():
        entry = json.loads(marker.read_text(encoding="utf-8"))
        done[int(entry["chunk"])] = entry
    path = out / JOURNAL
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:   # a line cut by a crash: that chunk is redone
                continue
            done[int(entry["chunk"])] = entry
    return done


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------
def count_documents(inputs, **read_options) -> int | None:
    """A quick count of the documents in the inputs (for the progress bar), or None when unknown.

    JSONL lines and CSV rows are counted without parsing; a JSON file makes the count unknown.
    """
    from .io import _expand

    fmt = read_options.get("format")
    total = 0
    for path, problem in _expand(inputs):
        if problem:
            continue
        kind = fmt or path.suffix.lower().lstrip(".")
        if kind in ("jsonl", "ndjson", "csv", "tsv"):
            with open(path, "rb") as fh:
                n = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            total += n - (1 if kind in ("csv", "tsv") else 0)
        elif kind == "json":
            return None
        else:
            total += 1
    return total


def _chunks(inputs, chunk_size: int, read_options: dict) -> Iterator[tuple[int, list]]:
    chunk: list = []
    k = 0
    for item in _records(inputs, read_options):
        chunk.append(item)
        if len(chunk) == chunk_size:
            yield k, chunk
            chunk, k = [], k + 1
    if chunk:
        yield k, chunk


def _records(inputs, read_options: dict) -> Iterator:
    """Records and read errors, in input order (errors take their place in the stream)."""
    from .io import read

    pending: list = []
    it = read(inputs, on_error=pending.append, **{k: v for k, v in read_options.items() if v is not None})
    for rec in it:
        while pending:
            yield pending.pop(0)
        yield rec
    yield from pending


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
def _settings(inputs, chunk_size: int, classify: bool, model_path, read_options) -> dict:
    paths = [os.fspath(p) for p in ([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)]
    return {"inputs": [os.path.abspath(p) for p in paths], "chunk_size": chunk_size, "classify": classify,
            "model": os.path.abspath(model_path) if model_path else None,
            "read_options": {k: v for k, v in read_options.items() if v is not None}}


def run(inputs, output: str | os.PathLike, *, jobs: int | None = None, classify: bool = True,
        model_path: str | os.PathLike | None = None, chunk_size: int = 500, progress: bool | None = None,
        filters: dict | None = None, **read_options) -> Summary:
    """Extract (and classify) any number of judgements into Parquet datasets, resumably.

    Parameters
    ----------
    inputs : path or iterable of paths
        Files, folders and glob patterns, as for :func:`cjtext.read`.
    output : path
        A folder; it receives ``cases/``, ``defendants/`` and ``errors/`` (one part file per
        chunk each), ``_journal.jsonl`` and ``_run.json``. Rerunning into a folder that holds
        part of the same run continues it.
    jobs : int, optional
        Worker processes (default: all cores). With 1 the work runs in this process.
    classify : bool
        Add the value chain (default model unless ``model_path``).
    chunk_size : int
        Documents per chunk and per part file.
    progress : bool, optional
        Show a progress bar (default: when standard error is a terminal).
    filters : dict, optional
        Keyword arguments of :func:`cjtext.corpus.select`; only the cases (and their
        defendants) that pass are written.
    **read_options
        ``text_field``, ``id_field``, ``encoding``, ``format`` as for :func:`cjtext.read`.

    Returns
    -------
    Summary
        Counts over the whole output (earlier runs included) and this run's time.
    """
    out = Path(output)
    jobs = jobs or os.cpu_count() or 1
    layout, chunks = _work(inputs, chunk_size, read_options)
    settings = _settings(inputs, chunk_size, classify, model_path, read_options)
    settings["chunks"] = layout   # how chunks are cut: a rerun must cut them the same way
    settings["filters"] = {k: list(v) if isinstance(v, (tuple, list)) else v for k, v in (filters or {}).items()}
    out.mkdir(parents=True, exist_ok=True)
    run_file = out / RUN_FILE
    if run_file.exists():
        before = json.loads(run_file.read_text(encoding="utf-8"))
        if before != settings:
            older = "" if "chunks" in before else ", written by an earlier cjtext that cut chunks differently"
            raise CjtextError(f"{out} holds a different run ({before['inputs'][:2]}…, chunk size "
                              f"{before['chunk_size']}, classify {before['classify']}{older}); to continue it use "
                              f"the same inputs and options, otherwise write to a new folder")
    else:
        for sub in ("cases", "defendants", "errors"):
            if (out / sub).exists() and any((out / sub).iterdir()):
                raise CjtextError(f"{out / sub} is not empty and {out} has no {RUN_FILE}; use a new folder")
        _atomic_write(run_file, lambda p: p.write_text(json.dumps(settings, ensure_ascii=False, indent=1),
                                                       encoding="utf-8"))
    for sub in ("cases", "defendants", "errors"):
        (out / sub).mkdir(exist_ok=True)
    done = _read_journal(out)
    summary = Summary(skipped_chunks=0)
    for entry in done.values():
        summary.documents += entry["documents"]
        summary.extracted += entry["extracted"]
        summary.failed += entry["failed"]
    bar = _progress(lambda: count_documents(inputs, **read_options), progress, initial=summary.documents)
    start = time.perf_counter()
    mb = 0.0

    def finished(r: dict) -> None:
        nonlocal mb
        _commit(journal, r["chunk"], r["documents"], r["extracted"], r["failed"], r["kept"])
        summary.documents += r["documents"]
        summary.extracted += r["extracted"]
        summary.failed += r["failed"]
        summary.chunks += 1
        mb += r["megabytes"]
        if bar is not None:
            bar.update(r["documents"])

    jpath = out / JOURNAL
    if jpath.exists() and jpath.stat().st_size:
        with open(jpath, "rb+") as fh:   # a line torn by a crash must not swallow the next entry
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                fh.write(b"\n")
    opts = {k: v for k, v in read_options.items() if v is not None}
    with open(jpath, "a", encoding="utf-8") as journal:
        if jobs == 1:
            # In this process: the collector's settings are the caller's again afterwards.
            # (A caller that froze objects itself keeps them frozen: then only the thresholds change.)
            _init_worker(classify, os.fspath(model_path) if model_path else None, tune_gc=False)
            freeze = gc.get_freeze_count() == 0
            previous = quiet_gc(freeze)
            try:
                for k, work in chunks:
                    if k in done:
                        summary.skipped_chunks += 1
                        continue
                    finished(_chunk_to_parts(k, work, os.fspath(out), filters, opts))
            finally:
                gc.set_threshold(*previous)
                if freeze:
                    gc.unfreeze()
        else:
            import multiprocessing

            ctx = multiprocessing.get_context("spawn")   # no fork of a process with threads
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                     initargs=(classify, os.fspath(model_path) if model_path else None)) as pool:
                flight: set = set()
                for k, work in chunks:
                    if k in done:
                        summary.skipped_chunks += 1
                        continue
                    flight.add(pool.submit(_chunk_to_parts, k, work, os.fspath(out), filters, opts))
                    while len(flight) >= 2 * jobs:   # bounded: memory stays flat
                        ready, flight = wait(flight, return_when=FIRST_COMPLETED)
                        for f in ready:
                            finished(f.result())
                for f in list(flight):
                    finished(f.result())
    if bar is not None:
        bar.close()
    summary.seconds = round(time.perf_counter() - start, 2)
    summary.megabytes = round(mb, 3)
    return summary


def _progress(count, progress: bool | None, initial: int = 0):
    """A tqdm bar, or None; ``count()`` (a pass over the inputs) runs only when a bar is shown."""
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    total = count()
    try:
        from tqdm import tqdm
    except ImportError:   # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, initial=initial, unit="doc", unit_scale=True, dynamic_ncols=True,
                desc="cjtext", file=sys.stderr)


def _parts(output, case_columns, defendant_columns):
    """``(case part, errors lines, cases, defendants)`` per chunk the journal records as complete."""
    import pandas as pd

    out = Path(output)
    done = _read_journal(out)
    case_cols = list(case_columns) if case_columns is not None else None
    def_cols = list(defendant_columns) if defendant_columns is not None else None
    for p in sorted((out / "cases").glob("part-*.parquet")):
        if int(p.stem.split("-")[1]) in done:
            errors = (out / "errors" / f"{p.stem}.jsonl").read_text(encoding="utf-8").splitlines()
            yield ([e for e in errors if e], pd.read_parquet(p, columns=case_cols),
                   pd.read_parquet(out / "defendants" / p.name, columns=def_cols))


def iter_dataset(output: str | os.PathLike, *, case_columns=None, defendant_columns=None):
    """The parts of a batch output folder one at a time: ``(cases, defendants, n_errors)`` per chunk.

    Memory holds one part (one chunk of documents) whatever the size of the
    output; ``case_columns`` and ``defendant_columns`` read only those columns.
    :class:`cjtext.tally.Tally` uses this to report on any number of judgements.

    Examples
    --------
    >>> sum(len(c) for c, _, _ in iter_dataset("no-such-folder"))
    0
    """
    for errors, cases, defendants in _parts(output, case_columns, defendant_columns):
        yield cases, defendants, len(errors)


def read_dataset(output: str | os.PathLike, *, case_columns=None, defendant_columns=None):
    """The ``(cases, defendants, errors)`` of a batch output folder as DataFrames.

    ``case_columns`` and ``defendant_columns`` read only those columns (the others are
    never loaded). The whole tables are in memory: to summarise millions of
    judgements use :func:`iter_dataset` or :meth:`cjtext.tally.Tally.from_dataset`.
    """
    import pandas as pd

    from .corpus import CASE_COLUMNS, DEFENDANT_COLUMNS, _frame

    parts = list(_parts(output, case_columns, defendant_columns))
    errs = pd.DataFrame([json.loads(e) for lines, _, _ in parts for e in lines], columns=["id", "source", "error"])
    if not parts:
        cases, defendants = _frame([], CASE_COLUMNS), _frame([], DEFENDANT_COLUMNS)
        return (cases[list(case_columns)] if case_columns is not None else cases,
                defendants[list(defendant_columns)] if defendant_columns is not None else defendants, errs)
    return (pd.concat([c for _, c, _ in parts], ignore_index=True),
            pd.concat([d for _, _, d in parts], ignore_index=True), errs)

"""Cluster mode: the batch pipeline on a Dask cluster, results as Parquet datasets.

The same chunk function as :mod:`cjtext.batch` runs in Dask workers; each
partition writes its own part files (``cases/part-NNNNNN.parquet``,
``defendants/…``, ``errors/…``) to a folder every worker can reach (a shared file
system, or any fsspec URL pyarrow can write to is future work) and, last, a marker
``_done/part-NNNNNN.json``. A rerun skips the partitions that have a marker, so a
job killed by the queue's time limit continues where it stopped. The folders are
ordinary Parquet datasets, merged by reading them: ``pandas.read_parquet(out/"cases")``
or :func:`cjtext.batch.read_dataset`.

Needs ``pip install "cjtext[dask]"`` (dask and distributed).

Examples
--------
>>> from distributed import Client                                   # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                          # doctest: +SKIP
>>> cjtext.dask.extract(["/data/cjo/"], "/shared/out", client=client)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from .batch import _read_unit, units
from .errors import CjtextError

__all__ = ["extract", "units", "bag_from_paths"]

_LOCK = threading.Lock()
_MODELS: dict = {}


def _require():
    try:
        import dask  # noqa: F401
        import dask.bag  # noqa: F401
    except ImportError:
        raise CjtextError('the Dask mode needs dask and distributed: pip install "cjtext[dask]"') from None


def _model(model_path):
    """One model per worker process, shared by its threads; a worker process's garbage
    collector is quietened once it is loaded (see :func:`cjtext.batch.quiet_gc`)."""
    with _LOCK:
        if model_path not in _MODELS:
            from .classifier import Model

            _MODELS[model_path] = Model.load(model_path)
            # Once per worker process, as the batch engine's workers do (batch.quiet_gc);
            # never in the caller's own process (a threaded scheduler, processes=False).
            import multiprocessing

            if multiprocessing.parent_process() is not None:
                from .batch import quiet_gc

                quiet_gc()
        return _MODELS[model_path]


def bag_from_paths(inputs, chunk_size: int = 500, **read_options):
    """A ``dask.bag`` with one partition per unit of :func:`units`, each the unit's records."""
    _require()
    import dask.bag as db

    parts = units(inputs, chunk_size, **read_options)
    return db.from_sequence(parts, npartitions=max(1, len(parts))).map(_read_unit, read_options).flatten()


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------
def _process_partition(index: int, records, output: str, classify: bool, model_path) -> dict:
    from .batch import _atomic_write, process_chunk
    from .document import Document
    from .io import Record

    out = Path(output)
    marker = out / "_done" / f"part-{index:06d}.json"
    if marker.exists():   # done by an earlier run
        return json.loads(marker.read_text(encoding="utf-8"))
    recs = []
    for i, r in enumerate(records):
        if isinstance(r, str):
            r = Record(id=f"doc-{index}-{i}", text=r, source=f"partition {index}")
        elif isinstance(r, dict):
            r = Record(id=str(r.get("id", f"doc-{index}-{i}")), text=r.get("text", ""),
                       source=str(r.get("source", f"partition {index}")))
        elif isinstance(r, Document):
            r = Record(id=r.id, text=r.text, source=r.source)
        recs.append(r)
    model = _model(model_path) if classify else None
    _, cases, defendants, errors = process_chunk(index, recs, classify=classify, model=model)
    from .batch import _write_parts

    _write_parts(out, index, cases, defendants, errors)   # the marker below commits the chunk
    entry = {"chunk": index, "documents": len(recs), "extracted": len(cases), "failed": len(errors)}
    _atomic_write(marker, lambda p: p.write_text(json.dumps(entry), encoding="utf-8"))
    return entry


def _process_unit(index: int, unit: tuple, output: str, classify: bool, model_path, read_options: dict) -> dict:
    """Read and process one unit in the same task: no records travel between workers."""
    marker = Path(output) / "_done" / f"part-{index:06d}.json"
    if marker.exists():
        return json.loads(marker.read_text(encoding="utf-8"))
    return _process_partition(index, _read_unit(unit, read_options), output, classify, model_path)


def extract(data, output: str | os.PathLike, *, classify: bool = True, model_path: str | None = None,
            client=None, chunk_size: int = 500, **read_options) -> dict:
    """Run extraction (and classification) on a Dask cluster into Parquet datasets.

    Parameters
    ----------
    data : dask.bag.Bag or paths
        A bag of texts, ``{"id", "text", "source"}`` dicts, Records or Documents (one part
        file per partition), or files, folders and globs (partitioned by :func:`units`).
    output : path
        A folder every worker can write to (shared file system).
    client : distributed.Client, optional
        The cluster; default: the current client, else Dask's default scheduler.

    Returns
    -------
    dict
        ``documents``, ``extracted``, ``failed``, ``partitions``.
    """
    _require()
    import dask
    import dask.bag as db

    out = Path(output)
    for sub in ("cases", "defendants", "errors", "_done"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    if isinstance(data, db.Bag):
        tasks = [dask.delayed(_process_partition)(i, p, os.fspath(out), classify, model_path)
                 for i, p in enumerate(data.to_delayed())]
    else:
        opts = {k: v for k, v in read_options.items() if v is not None}
        tasks = [dask.delayed(_process_unit)(i, u, os.fspath(out), classify, model_path, opts)
                 for i, u in enumerate(units(data, chunk_size, **read_options))]
    if client is not None:
        results = client.gather(client.compute(tasks))
    else:
        results = dask.compute(*tasks)
    return {"documents": sum(r["documents"] for r in results), "extracted": sum(r["extracted"] for r in results),
            "failed": sum(r["failed"] for r in results), "partitions": len(results)}

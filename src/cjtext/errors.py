"""Errors that name the document and say what was expected."""

from __future__ import annotations

import json
from typing import IO, Callable, Iterable

__all__ = ["CjtextError", "DocumentError", "ErrorLog"]


class CjtextError(Exception):
    """Base class for errors raised by cjtext."""


class DocumentError(CjtextError):
    """One document could not be read or processed.

    Attributes
    ----------
    source : str
        Where the document came from: a path, with ``:LINE`` for JSON lines
        and CSV rows.
    reason : str
        What is wrong and, where possible, how to fix it.
    doc_id : str or None
        The document's id when it was known before the failure.

    Examples
    --------
    >>> err = DocumentError("dump.jsonl:7", "line is not valid JSON")
    >>> str(err)
    'dump.jsonl:7: line is not valid JSON'
    """

    def __init__(self, source: str, reason: str, doc_id: str | None = None):
        self.source = str(source)
        self.reason = reason
        self.doc_id = doc_id
        label = f"{self.source} (id {doc_id})" if doc_id and doc_id not in self.source else self.source
        super().__init__(f"{label}: {reason}")

    def to_dict(self) -> dict:
        return {"id": self.doc_id, "source": self.source, "error": self.reason}


class ErrorLog:
    """Collects per-document errors so that a batch never loses one silently.

    Pass it as ``on_error`` to :func:`cjtext.read` (or any batch function);
    it counts every failure, keeps the first ``keep`` of them in memory and,
    when given a stream, writes each one as a JSON line as it happens.

    Examples
    --------
    >>> log = ErrorLog()
    >>> log(DocumentError("a.txt", "document is empty"))
    >>> len(log), log.entries[0]["source"]
    (1, 'a.txt')
    """

    def __init__(self, stream: IO[str] | None = None, keep: int = 10_000,
                 callback: Callable[[DocumentError], None] | None = None):
        self.stream = stream
        self.keep = keep
        self.callback = callback
        self.count = 0
        self.entries: list[dict] = []

    def __call__(self, error: DocumentError) -> None:
        self.count += 1
        entry = error.to_dict()
        if len(self.entries) < self.keep:
            self.entries.append(entry)
        if self.stream is not None:
            self.stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.stream.flush()
        if self.callback is not None:
            self.callback(error)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterable[dict]:
        return iter(self.entries)

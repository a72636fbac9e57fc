"""Read judgements from the forms researchers really hold them in.

Plain text, HTML pages saved from China Judgements Online (裁判文书网) and
similar sites, JSON and JSON-lines records, CSV dumps, and directories or glob
patterns of any of these. Everything streams: :func:`read` is a generator
that holds one file (or, for JSONL and CSV, one record) at a time, so a corpus
of any size is read in constant memory.

Encodings are detected per file: a byte-order mark wins, then UTF-8, then
GB18030 (a superset of GBK and GB2312, which older downloads use).

A record that cannot be used (undecodable bytes, an empty text, a JSON line
that does not parse, a record without the text field) raises
:class:`~cjtext.errors.DocumentError` naming the file and line, or, when an
``on_error`` callback is given, is reported to it while reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import glob
import json
import os
import sys
from dataclasses import field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Union

from ._frozen import frozen
from .errors import DocumentError

__all__ = ["Record", "read", "read_text", "html_to_text", "detect_encoding",
           "TEXT_FIELDS", "ID_FIELDS"]

PathLike = Union[str, os.PathLike]

#: Field names tried, in order, for a record's text when none is given.
#: ``qwContent`` and ``s*`` fields are China Judgements Online's own JSON names;
#: ``全文`` is the text column of the widely shared bulk CSV dumps.
TEXT_FIELDS = ("text", "qw", "qwContent", "content", "全文", "fulltext", "full_text",
               "document", "body", "wenshu", "文书内容", "正文")
#: Field names tried, in order, for a record's id.
ID_FIELDS = ("id", "doc_id", "docId", "DocumentId", "documentId", "文书ID", "文书id",
             "uuid", "rowkey", "案号", "case_number")

_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@frozen
class Record:
    """One document as read, before any parsing.

    Attributes
    ----------
    id : str
        From the record's id field, else the file name (``stem`` for a single
        document, ``stem:LINE`` for a record in a JSONL or CSV file).
    text : str
        The document text (HTML already reduced to text with paragraph breaks).
    source : str
        Where it came from: ``path`` or ``path:LINE``.
    meta : dict
        The record's other fields (JSON/CSV), untouched.
    """

    id: str
    text: str
    source: str
    meta: dict = field(default_factory=dict, compare=False, repr=False)


def detect_encoding(data: bytes) -> str:
    """Name the encoding of ``data``: a BOM's, else UTF-8, else GB18030.

    ``data`` may be a sample cut in the middle of a character. When neither
    encoding decodes it cleanly, the one with fewer bad bytes wins, so that a
    GBK file with one corrupt line is still read as GBK and the line reported.

    Examples
    --------
    >>> detect_encoding("被告人".encode("gbk")), detect_encoding("被告人".encode("utf-8"))
    ('gb18030', 'utf-8')
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    bad = {}
    for enc in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(enc)(errors="replace")
        text = decoder.decode(data, final=False)  # a cut character at the end is not an error
        bad[enc] = text.count("\ufffd")
        if bad[enc] == 0:
            return enc
    return min(bad, key=lambda k: (bad[k], k != "utf-8"))


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    enc = encoding or detect_encoding(data)
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            source,
            f"cannot decode bytes {exc.start}-{exc.end} as {enc} ({exc.reason}); "
            "expected UTF-8 or GB18030/GBK text, pass encoding=... if the file uses another",
        ) from None
    except LookupError:
        raise DocumentError(source, f"unknown encoding {enc!r}") from None


def html_to_text(markup: str) -> str:
    """Reduce an HTML page to the judgement's text, one paragraph per line.

    Scripts, styles and navigation are dropped; block elements and ``<br>``
    become line breaks. When the page has a known content container (China
    Judgements Online's ``#DivContent``/``.PDF_pox``, or ``<article>``,
    ``<main>``), only that is kept.

    Examples
    --------
    >>> html_to_text("<html><script>x=1</script><div><p>被告人张某，</p><p>男。</p></div></html>")
    '被告人张某，\\n男。'
    """
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception:  # lxml missing or refusing the input: fall back to the stdlib parser
        soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "iframe",
                     "form", "button", "select", "input", "head", "template", "svg"]):
        tag.decompose()
    root = None
    for selector in ("#DivContent", ".PDF_pox", ".PDF_box", "#Content", "#content",
                     ".content_main", "article", "main", "#wenshu", ".wenshu"):
        root = soup.select_one(selector)
        if root is not None and root.get_text(strip=True):
            break
        root = None
    if root is None:
        root = soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
              "section", "article", "blockquote", "pre", "dd", "dt", "center", "td")
    for tag in root.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip() for line in root.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return head.lstrip().startswith("<") and ("<p" in head or "<div" in head or "<html" in head
                                              or "<br" in head or "<span" in head)


def _pick(record: dict, wanted: str | None, candidates: tuple[str, ...], what: str,
          source: str) -> Any:
    if wanted is not None:
        if wanted not in record:
            raise DocumentError(source, f"record has no {what} field {wanted!r}; "
                                        f"fields present: {sorted(record)[:12]}")
        return record[wanted]
    present = [name for name in candidates if name in record]
    for name in present:
        if record[name] not in (None, ""):
            return record[name]
    if present:  # the field is there but empty: report an empty document, not a missing field
        return record[present[0]] or ""
    if what == "text":
        raise DocumentError(source, "record has no text field; tried "
                                    f"{', '.join(candidates)}; pass text_field=... "
                                    f"(fields present: {sorted(record)[:12]})")
    return None


class _Options:
    def __init__(self, text_field, id_field, encoding, html):
        self.text_field = text_field
        self.id_field = id_field
        self.encoding = encoding
        self.html = html


def _make_record(obj: dict, source: str, default_id: str, opts: _Options) -> Record:
    if not isinstance(obj, dict):
        raise DocumentError(source, f"expected a JSON object per record, got {type(obj).__name__}")
    raw = _pick(obj, opts.text_field, TEXT_FIELDS, "text", source)
    ident = _pick(obj, opts.id_field, ID_FIELDS, "id", source)
    doc_id = str(ident) if ident not in (None, "") else default_id
    if not isinstance(raw, str):
        raise DocumentError(source, f"text field holds {type(raw).__name__}, expected a string", doc_id)
    text = html_to_text(raw) if (opts.html or (opts.html is None and _looks_like_html(raw))) else raw
    if not text.strip():
        raise DocumentError(source, "document text is empty", doc_id)
    meta = {k: v for k, v in obj.items() if v is not raw}  # every field but the text
    return Record(doc_id, text, source, meta)


def _read_single(path: Path, kind: str, opts: _Options) -> Iterator[Record]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, f"cannot read file: {exc.strerror or exc}") from None
    text = _decode(data, source, opts.encoding)
    if kind == "html" or (kind == "text" and opts.html):
        text = html_to_text(text)
    if kind == "json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"{source}:{exc.lineno}", f"not valid JSON: {exc.msg}") from None
        objs = obj if isinstance(obj, list) else [obj]
        for i, item in enumerate(objs):
            src = source if len(objs) == 1 else f"{source}[{i}]"
            yield _make_record(item, src, path.stem if len(objs) == 1 else f"{path.stem}:{i}", opts)
        return
    if not text.strip():
        raise DocumentError(source, "document is empty")
    yield Record(path.stem, text, source)


def _open_text_lines(path: Path, opts: _Options) -> Iterator[tuple[int, str | DocumentError]]:
    """Yield (line number, decoded line) streaming, reporting bad lines one by one."""
    source = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise DocumentError(source, f"cannot read file: {exc.strerror or exc}") from None
    with fh:
        sample = fh.read(1 << 16)
        enc = opts.encoding or detect_encoding(sample)
        fh.seek(0)
        if enc in ("utf-16", "utf-32"):
            # No line-by-line decoding for wide encodings: decode the file whole.
            lines = fh.read().decode(enc).splitlines()
            for no, line in enumerate(lines, 1):
                yield no, line
            return
        if enc == "utf-8-sig":
            fh.read(3)
            enc = "utf-8"
        for no, raw in enumerate(fh, 1):
            try:
                yield no, raw.decode(enc)
            except UnicodeDecodeError as exc:
                yield no, DocumentError(f"{source}:{no}", f"cannot decode bytes {exc.start}-{exc.end} "
                                        f"of the line as {enc} ({exc.reason})")


def _read_jsonl(path: Path, opts: _Options) -> Iterator[Record | DocumentError]:
    for no, line in _open_text_lines(path, opts):
        if isinstance(line, DocumentError):
            yield line
            continue
        if line.strip():
            yield _jsonl_record(line, no, path, opts)


def _jsonl_record(line: str, no: int, path: Path, opts: _Options) -> Record | DocumentError:
    """One JSONL line (number ``no`` of ``path``) as a Record, or the error that says why not."""
    src = f"{path}:{no}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return DocumentError(src, f"line is not valid JSON: {exc.msg} at column {exc.colno}")
    try:
        return _make_record(obj, src, f"{path.stem}:{no}", opts)
    except DocumentError as err:
        return err


def _read_csv(path: Path, opts: _Options, delimiter: str) -> Iterator[Record | DocumentError]:
    source = str(path)
    # Judgement texts are far longer than csv's default 128 KiB field limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    lines = _open_text_lines(path, opts)

    def good_lines() -> Iterator[str]:
        for no, line in lines:
            if isinstance(line, DocumentError):
                pending.append(line)
                continue
            yield line

    pending: list[DocumentError] = []
    reader = csv.DictReader(good_lines(), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield DocumentError(f"{source}:{reader.line_num}", f"malformed CSV: {exc}")
            continue
        yield from pending
        pending.clear()
        src = f"{source}:{reader.line_num}"
        if None in row:  # more cells than header fields
            row.pop(None)
        try:
            yield _make_record(row, src, f"{path.stem}:{reader.line_num}", opts)
        except DocumentError as err:
            yield err
    yield from pending


def _expand(paths: PathLike | Iterable[PathLike]) -> Iterator[tuple[Path, str | None]]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        s = os.fspath(p)
        if any(ch in s for ch in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield Path(s), f"no files match the pattern {s!r}"
            for m in matches:
                if os.path.isfile(m):
                    yield Path(m), None
            continue
        path = Path(s)
        if path.is_dir():
            found = False
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    f = Path(dirpath) / name
                    if f.suffix.lower() in _EXTENSIONS and not name.startswith("."):
                        found = True
                        yield f, None
            if not found:
                yield path, ("directory holds no readable documents (expected "
                             f"{', '.join(sorted(_EXTENSIONS))} files)")
        elif path.exists():
            yield path, None
        else:
            yield path, "no such file or directory"


def read(paths: PathLike | Iterable[PathLike], *, text_field: str | None = None,
         id_field: str | None = None, encoding: str | None = None, format: str | None = None,
         html: bool | None = None,
         on_error: Callable[[DocumentError], None] | None = None) -> Iterator[Record]:
    """Stream the documents in files, directories and glob patterns.

    Parameters
    ----------
    paths : path or iterable of paths
        Files, directories (walked recursively, hidden entries skipped) or
        glob patterns (``"dump/**/*.jsonl"``).
    text_field, id_field : str, optional
        For JSON/JSONL/CSV records: the field holding the text and the id.
        When not given, the common names in :data:`TEXT_FIELDS` and
        :data:`ID_FIELDS` are tried.
    encoding : str, optional
        Force an encoding instead of detecting it per file.
    format : {"text", "html", "json", "jsonl", "csv", "tsv"}, optional
        Force a format instead of choosing by file extension.
    html : bool, optional
        Whether record texts are HTML. ``None`` (default) detects HTML per record.
    on_error : callable, optional
        Called with a :class:`~cjtext.errors.DocumentError` for each document
        that cannot be read; reading goes on. Without it the first bad
        document raises. :class:`~cjtext.errors.ErrorLog` is a ready-made one.

    Yields
    ------
    Record

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("某某人民法院\\n刑事判决书", encoding="utf-8")
    >>> _ = (d / "b.jsonl").write_text('{"id": "x1", "qw": "判决书"}\\n{bad\\n', encoding="utf-8")
    >>> errors = []
    >>> [r.id for r in read(d, on_error=errors.append)]
    ['a', 'x1']
    >>> errors[0].source.endswith("b.jsonl:2")
    True
    """
    if format is not None and format not in set(_EXTENSIONS.values()):
        raise ValueError(f"unknown format {format!r}; expected one of {sorted(set(_EXTENSIONS.values()))}")
    opts = _Options(text_field, id_field, encoding, html)

    def report(err: DocumentError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    for path, problem in _expand(paths):
        if problem:
            report(DocumentError(str(path), problem))
            continue
        kind = format or _EXTENSIONS.get(path.suffix.lower(), "text")
        try:
            if kind == "jsonl":
                items: Iterable = _read_jsonl(path, opts)
            elif kind in ("csv", "tsv"):
                items = _read_csv(path, opts, "\t" if kind == "tsv" else ",")
            else:
                items = _read_single(path, kind, opts)
            for item in items:
                if isinstance(item, DocumentError):
                    report(item)
                else:
                    yield item
        except DocumentError as err:
            report(err)


def read_text(path: PathLike, encoding: str | None = None) -> str:
    """Read one text or HTML file and return its text (HTML reduced to text).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "gbk.txt"
    >>> _ = p.write_bytes("刑事判决书".encode("gbk"))
    >>> read_text(p)
    '刑事判决书'
    """
    rec = next(read([path], encoding=encoding))
    return rec.text

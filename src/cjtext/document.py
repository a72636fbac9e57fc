"""The parsed judgement: original text, normalised text, sections, metadata."""

from __future__ import annotations

from dataclasses import field
from typing import Iterable, Iterator

from ._frozen import frozen
from .errors import DocumentError
from .io import Record, read
from .metadata import Metadata, extract_metadata
from .normalize import Normalized, normalize
from .sections import Section, find_sections

__all__ = ["Document", "parse", "parse_many"]


@frozen
class Document:
    """A judgement split into sections, with its metadata.

    ``text`` is the document as read (HTML already reduced to text); all
    offsets (``Section.start``/``end``) point into it. ``normalized`` is the
    cleaned text that patterns run on, with ``offsets`` mapping between them.

    Attributes
    ----------
    id : str
    text : str
        The original text.
    sections : tuple of Section
        In document order, offsets into ``text``.
    metadata : Metadata
    source : str
        Where the document came from (path, ``path:line``), or ``""``.
    """

    id: str
    text: str
    sections: tuple[Section, ...]
    metadata: Metadata
    source: str = ""
    normalized: Normalized = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    meta: dict = field(default_factory=dict, repr=False, compare=False)

    def section(self, label: str) -> Section | None:
        """The section with ``label``, or ``None`` when the document has none.

        Examples
        --------
        >>> doc = parse("某某县人民法院 刑事判决书 （2019）浙0101刑初1号 被告人王某。"
        ...             "本院认为，被告人王某构成盗窃罪。判决如下：被告人王某犯盗窃罪，判处拘役三个月。")
        >>> doc.section("reasoning").text
        '本院认为，被告人王某构成盗窃罪。'
        >>> doc.section("appendix") is None
        True
        """
        for s in self.sections:
            if s.label == label:
                return s
        return None

    def __getitem__(self, label: str) -> str:
        """Text of the section ``label``; ``""`` when absent."""
        s = self.section(label)
        return s.text if s is not None else ""

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.sections]

    @property
    def facts(self) -> str:
        """The facts found by the court, falling back to the whole text."""
        return self["facts"] or self.text

    def normalized_section(self, label: str) -> tuple[str, int]:
        """Normalised text of a section and its offset in ``normalized.text``.

        Extractors run on normalised text; add the offset to a match position
        and map it back with ``doc.normalized.map.to_original``.
        """
        s = self.section(label)
        if s is None:
            return "", 0
        m = self.normalized.map
        a, b = m.to_normalized(s.start), m.to_normalized(s.end)
        return self.normalized.text[a:b], a

    def to_dict(self, text: bool = False) -> dict:
        """A JSON-ready dict: id, source, gold-format metadata fields, sections.

        With ``text=True`` each section carries its text too.
        """
        md = self.metadata.to_dict()
        out = {"id": self.id, "source": self.source}
        for key in ("case_number", "court", "doc_type", "judgement_date"):
            out[key] = md.pop(key)
        out.update(md)
        out["sections"] = [
            {"label": s.label, "start": s.start, "end": s.end, "marker": s.marker,
             **({"text": s.text} if text else {})}
            for s in self.sections
        ]
        return out


def parse(text: str | Record, id: str | None = None, source: str = "") -> Document:
    """Parse one judgement into a :class:`Document`.

    Parameters
    ----------
    text : str or Record
        The judgement text, or a :class:`~cjtext.io.Record` from :func:`cjtext.read`.
    id, source : str, optional
        Identify the document in results and error messages.

    Raises
    ------
    DocumentError
        If the text is empty or not a string.

    Examples
    --------
    >>> doc = parse("上海市浦东新区人民法院\\n刑事判决书\\n（2020）沪0115刑初１２号\\n被告人李某。")
    >>> doc.metadata.case_number.text, doc.labels
    ('（2020）沪0115刑初12号', ['header', 'parties'])
    >>> doc.section("header").text[-5:]    # offsets point into the original
    '刑初１２号'
    """
    meta: dict = {}
    if isinstance(text, Record):
        id = id or text.id
        source = source or text.source
        meta = text.meta
        text = text.text
    ident = id or "<text>"
    if not isinstance(text, str):
        raise DocumentError(source or ident, f"expected the judgement as str, got {type(text).__name__}", id)
    if not text.strip():
        raise DocumentError(source or ident, "document text is empty", id)
    norm = normalize(text)
    nsecs = find_sections(norm.text)
    metadata = extract_metadata(norm.text, nsecs)
    omap = norm.map
    if norm.text == text:  # nothing changed (most documents): the same sections
        sections = nsecs
    else:
        sections = []
        for s in nsecs:
            a, b = (s.start, s.end) if omap.is_identity else (omap.to_original(s.start), omap.to_original(s.end))
            sections.append(Section(s.label, a, b, text[a:b], s.marker))
    return Document(id=ident, text=text, sections=tuple(sections), metadata=metadata,
                    source=source, normalized=norm, meta=meta)


def parse_many(records: Iterable[Record | str], on_error=None) -> Iterator[Document]:
    """Parse a stream of records (or texts), reporting failures to ``on_error``.

    Without ``on_error`` the first failure raises; with it, the failing
    document is reported as a :class:`DocumentError` and parsing goes on.

    Examples
    --------
    >>> docs = list(parse_many(["被告人王某。本院认为，构成盗窃罪。", "  "], on_error=print))
    <text>: document text is empty
    >>> len(docs)
    1
    """
    for rec in records:
        try:
            yield parse(rec)
        except DocumentError as err:
            if on_error is None:
                raise
            on_error(err)
        except Exception as exc:  # a bug on one document must not end a batch
            if on_error is None:
                raise
            src = rec.source if isinstance(rec, Record) else "<text>"
            rid = rec.id if isinstance(rec, Record) else None
            on_error(DocumentError(src, f"internal error while parsing: {type(exc).__name__}: {exc}", rid))


def read_documents(paths, *, on_error=None, **read_options) -> Iterator[Document]:
    """Read and parse documents from files, directories or globs (streaming)."""
    return parse_many(read(paths, on_error=on_error, **read_options), on_error=on_error)

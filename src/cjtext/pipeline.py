"""spaCy integration: a Chinese pipeline on our segmenter, with section spans.

``cjtext.nlp()`` returns ``spacy.blank("zh")`` whose tokenizer is the cjtext
segmenter (legal dictionary, private jieba state) and which runs the
``cjtext_sections`` component. That component parses the judgement and
writes:

* ``doc.spans["sections"]``: one span per section, labelled ``facts``,
  ``reasoning``… (see :mod:`cjtext.sections`);
* ``doc._.cj_document``: the :class:`~cjtext.document.Document`;
* ``doc._.cj_metadata``: its :class:`~cjtext.metadata.Metadata`.

No spaCy Chinese model is needed or downloaded.
"""

from __future__ import annotations

from typing import Any

from .errors import CjtextError

__all__ = ["nlp", "CjtextTokenizer"]

_REGISTERED = False


def _spacy():
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a core dependency
        raise CjtextError("cjtext.nlp() needs spaCy: pip install 'spacy>=3.7'") from None
    return spacy


class CjtextTokenizer:
    """A spaCy tokenizer that segments with :class:`cjtext.segment.Segmenter`.

    Every character of the text, spaces and line breaks included, belongs to
    a token, so ``doc.text`` equals the input and character offsets agree.
    """

    def __init__(self, vocab, engine: str = "auto", user_dict: str | None = None):
        from .segment import Segmenter

        self.vocab = vocab
        self.segmenter = Segmenter(engine=engine, user_dict=user_dict)

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words = self.segmenter.cut(text) if text else []
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # spaCy calls these when saving and loading a pipeline; the segmenter is
    # rebuilt from its settings, so there is nothing to write.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CjtextTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "CjtextTokenizer":
        return self


def _register() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    spacy = _spacy()
    from spacy.language import Language
    from spacy.tokens import Doc

    @spacy.registry.tokenizers("cjtext.Tokenizer.v1")
    def make_tokenizer(engine: str = "auto", user_dict: str | None = None, **_: Any):
        def create(nlp):
            return CjtextTokenizer(nlp.vocab, engine=engine, user_dict=user_dict)
        return create

    @Language.factory("cjtext_sections", default_config={"spans_key": "sections"})
    def make_sections(nlp, name: str, spans_key: str):
        return _SectionsComponent(spans_key)

    for ext in ("cj_document", "cj_metadata"):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    _REGISTERED = True


class _SectionsComponent:
    def __init__(self, spans_key: str = "sections"):
        self.spans_key = spans_key

    def __call__(self, doc):
        from .document import parse

        parsed = parse(doc.text)
        spans = []
        for s in parsed.sections:
            span = doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.cj_document = parsed
        doc._.cj_metadata = parsed.metadata
        return doc


def nlp(engine: str = "auto", user_dict: str | None = None, sections: bool = True):
    """A spaCy ``Language`` for judgements: cjtext tokenizer + sections.

    Parameters
    ----------
    engine : {"auto", "rjieba", "jieba"}
        Segmentation engine (see :class:`cjtext.segment.Segmenter`).
    user_dict : path, optional
        An extra dictionary in jieba format.
    sections : bool
        Add the ``cjtext_sections`` component (default True).

    Examples
    --------
    >>> pipe = nlp()
    >>> doc = pipe("某某县人民法院 刑事判决书 （2019）浙0101刑初1号 被告人王某。"
    ...            "本院认为，被告人王某构成盗窃罪。判决如下：被告人王某犯盗窃罪，判处拘役三个月。")
    >>> [s.label_ for s in doc.spans["sections"]]
    ['header', 'parties', 'reasoning', 'judgment']
    >>> doc._.cj_metadata.case_number.text
    '（2019）浙0101刑初1号'
    """
    spacy = _spacy()
    _register()
    config = {"nlp": {"tokenizer": {"@tokenizers": "cjtext.Tokenizer.v1", "engine": engine,
                                    "user_dict": user_dict}}}
    language = spacy.blank("zh", config=config)
    if sections:
        language.add_pipe("cjtext_sections")
    return language

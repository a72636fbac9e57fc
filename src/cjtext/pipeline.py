"""spaCy integration: a Chinese pipeline on our segmenter, with section spans.

``cjtext.nlp()`` returns ``spacy.blank("zh")`` whose tokenizer is the cjtext
segmenter (legal dictionary, private jieba state) and which runs the
``cjtext_sections`` component. That component parses the judgement and
writes:

* ``doc.spans["sections"]``: one span per section, labelled ``facts``,
  ``reasoning``… (see :mod:`cjtext.sections`);
* ``doc._.cj_document``: the :class:`~cjtext.document.Document`;
* ``doc._.cj_metadata``: its :class:`~cjtext.metadata.Metadata`.

The ``cjtext_facts`` component (added by default after it) runs
:func:`cjtext.extract` and writes:

* ``doc.spans["facts"]``: defendants, charges, penalties, probation, fines,
  cited articles (label ``ARTICLE_APPLIED``, ``ARTICLE_APPENDIX`` or
  ``ARTICLE``) and sentencing factors (``FACTOR`` accepted by the court,
  ``FACTOR_REJECTED``, ``FACTOR_CLAIMED``);
* ``span._.cj_value``: the normalised value of each such span (months,
  yuan, canonical article, factor label);
* ``doc._.cj_judgement``: the :class:`~cjtext.extract.Judgement`.

``cjtext.show(text)`` renders the facts with displaCy (``style="span"``).

No spaCy Chinese model is needed or downloaded.
"""

from __future__ import annotations

from typing import Any

from .errors import CjtextError

__all__ = ["nlp", "CjtextTokenizer", "render"]

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

    @Language.factory("cjtext_facts", default_config={"spans_key": "facts"})
    def make_facts(nlp, name: str, spans_key: str):
        return _FactsComponent(spans_key)

    from spacy.tokens import Span

    for ext in ("cj_document", "cj_metadata", "cj_judgement"):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    if not Span.has_extension("cj_value"):
        Span.set_extension("cj_value", default=None)
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


def _fact_spans(judgement):
    """(start, end, label, value) for every fact of a judgement, in text order."""
    out = []
    role_label = {"applied": "ARTICLE_APPLIED", "appendix": "ARTICLE_APPENDIX", "mentioned": "ARTICLE"}
    for a in judgement.articles:
        out.append((a.start, a.end, role_label[a.role], a.canonical))
    for d in judgement.defendants:
        p = d.party
        out.append((p.start, p.end, "DEFENDANT", d.name))
        s = d.sentence
        for c in s.charges:
            out.append((c.start, c.end, "CHARGE", c.value))
        if s.penalty.start >= 0:
            out.append((s.penalty.start, s.penalty.end, "PENALTY", f"{s.penalty.kind} {s.penalty.months}"))
        for key, label in (("probation", "PROBATION"), ("fine", "FINE"), ("confiscation", "CONFISCATION"),
                           ("illegal_gains", "ILLEGAL_GAINS")):
            x = getattr(s, key)
            if x is not None:
                out.append((x.start, x.end, label, x.value))
        for f in d.factor_mentions:
            label = {"accepted": "FACTOR", "rejected": "FACTOR_REJECTED"}.get(f.status, "FACTOR_CLAIMED")
            out.append((f.start, f.end, label, f"{f.label} ({d.name})"))
    for c in judgement.co_offenders_elsewhere:
        out.append((c.start, c.end, "ELSEWHERE", c.value))
    return sorted(set(out), key=lambda x: (x[0], x[1], x[2]))


class _FactsComponent:
    def __init__(self, spans_key: str = "facts"):
        self.spans_key = spans_key

    def __call__(self, doc):
        from .document import parse
        from .extract import extract

        parsed = doc._.cj_document if doc._.cj_document is not None else parse(doc.text)
        judgement = extract(parsed)
        spans = []
        for start, end, label, value in _fact_spans(judgement):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                span._.cj_value = value
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.cj_judgement = judgement
        return doc


def render(text: str, page: bool = True, engine: str = "auto") -> str:
    """HTML of a judgement with its facts highlighted (displaCy, ``style="span"``).

    Examples
    --------
    >>> html = render("被告人王某。本院认为，王某系自首。依照《刑法》第二百六十四条之规定，判决如下："
    ...               "被告人王某犯盗窃罪，判处拘役三个月。", page=False)
    >>> "ARTICLE_APPLIED" in html and "FACTOR" in html
    True
    """
    from spacy import displacy

    doc = nlp(engine=engine)(text)
    colors = {"ARTICLE_APPLIED": "#7aecec", "ARTICLE": "#c7f0f0", "ARTICLE_APPENDIX": "#e0f7f7",
              "DEFENDANT": "#feca74", "CHARGE": "#ff9561", "PENALTY": "#aa9cfc", "PROBATION": "#c887fb",
              "FINE": "#9cc9cc", "FACTOR": "#bfe1d9", "FACTOR_REJECTED": "#ffb3b3",
              "FACTOR_CLAIMED": "#e4e7d2", "ELSEWHERE": "#dddddd"}
    return displacy.render(doc, style="span", page=page, jupyter=False,
                           options={"spans_key": "facts", "colors": colors})


def nlp(engine: str = "auto", user_dict: str | None = None, sections: bool = True, facts: bool = True):
    """A spaCy ``Language`` for judgements: cjtext tokenizer + sections.

    Parameters
    ----------
    engine : {"auto", "rjieba", "jieba"}
        Segmentation engine (see :class:`cjtext.segment.Segmenter`).
    user_dict : path, optional
        An extra dictionary in jieba format.
    sections : bool
        Add the ``cjtext_sections`` component (default True).
    facts : bool
        Add the ``cjtext_facts`` component after it (default True).

    Examples
    --------
    >>> pipe = nlp()
    >>> doc = pipe("某某县人民法院 刑事判决书 （2019）浙0101刑初1号 被告人王某。"
    ...            "本院认为，被告人王某构成盗窃罪。判决如下：被告人王某犯盗窃罪，判处拘役三个月。")
    >>> [s.label_ for s in doc.spans["sections"]]
    ['header', 'parties', 'reasoning', 'judgment']
    >>> doc._.cj_metadata.case_number.text
    '（2019）浙0101刑初1号'
    >>> [(s.label_, s.text, s._.cj_value) for s in doc.spans["facts"] if s.label_ == "PENALTY"]
    [('PENALTY', '拘役三个月', 'criminal_detention 3')]
    """
    spacy = _spacy()
    _register()
    config = {"nlp": {"tokenizer": {"@tokenizers": "cjtext.Tokenizer.v1", "engine": engine,
                                    "user_dict": user_dict}}}
    language = spacy.blank("zh", config=config)
    if sections:
        language.add_pipe("cjtext_sections")
    if facts:
        language.add_pipe("cjtext_facts")
    return language

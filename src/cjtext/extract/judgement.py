"""Assemble one judgement's facts: defendants, sentences, factors, articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace

from .._frozen import frozen
from ..document import Document, parse
from ..io import Record
from ..metadata import Metadata
from ..patterns import CONVICTED, EARLIER_FINDING, UPHELD
from ..sections import Section
from .articles import Article, applied, find_articles
from .factors import (
    ARTICLE_FACTORS,
    Factor,
    FactorVocabulary,
    accepted_labels,
    find_factors,
)
from .parties import (
    NAME_GOES_ON,
    Party,
    age_at,
    find_elsewhere,
    find_names,
    find_narrative_parties,
    find_parties,
    settle,
    unit_name,
)
from .sentences import (
    Penalty,
    Sentence,
    Span,
    find_reported_sentences,
    find_sentences,
    sentence_for,
)

__all__ = ["Defendant", "Judgement", "extract"]


@frozen
class Defendant:
    """One defendant with the sentence and the factors the court accepts.

    Attributes
    ----------
    name : str
    is_unit : bool
    party : Party
        The parties-section entry with personal attributes.
    sentence : Sentence
        Charges, penalty, probation, fine, confiscation, illegal gains.
    factors : tuple of str
        Accepted factor labels (gold vocabulary).
    factor_mentions : tuple of Factor
        Every mention, accepted, rejected or claimed, with spans.
    age : int or None
        Age at the judgement date.
    """

    name: str
    is_unit: bool
    party: Party
    sentence: Sentence
    factors: tuple[str, ...]
    factor_mentions: tuple[Factor, ...] = ()
    age: int | None = None

    @property
    def charges(self) -> list[str]:
        return [c.value for c in self.sentence.charges]

    @property
    def penalty(self) -> Penalty:
        return self.sentence.penalty

    @property
    def probation_months(self):
        return self.sentence.probation_months

    @property
    def fine_yuan(self):
        return self.sentence.fine_yuan

    def to_gold(self) -> dict:
        return {"name": self.name, "is_unit": self.is_unit, "charges": self.charges,
                "penalty": self.penalty.to_gold(), "probation_months": self.probation_months,
                "fine_yuan": self.fine_yuan, "factors": list(self.factors)}

    def to_dict(self) -> dict:
        """Everything, with spans: the gold fields plus attributes and mentions."""
        s = self.sentence

        def sp(x: Span | None):
            return x.to_dict() if x is not None else None

        return {**self.to_gold(), "age": self.age, **{k: v for k, v in self.party.to_dict().items()
                                                      if k not in ("name", "is_unit")},
                "penalty_span": {"text": s.penalty.text, "start": s.penalty.start, "end": s.penalty.end},
                "counts": [{"charge": c, **p.to_gold()} for c, p in s.counts],
                "charge_spans": [sp(c) for c in s.charges], "probation": sp(s.probation), "fine": sp(s.fine),
                "confiscation": sp(s.confiscation), "illegal_gains": sp(s.illegal_gains),
                "political_rights": sp(s.political_rights),
                "term_start": s.term_start.isoformat() if s.term_start else None,
                "term_end": s.term_end.isoformat() if s.term_end else None,
                "probation_start": s.probation_start.isoformat() if s.probation_start else None,
                "probation_end": s.probation_end.isoformat() if s.probation_end else None,
                "factor_mentions": [f.to_dict() for f in self.factor_mentions]}


@frozen
class Judgement:
    """The facts of one judgement; offsets point into ``document.text``."""

    document: Document
    defendants: tuple[Defendant, ...]
    articles: tuple[Article, ...]
    co_offenders_elsewhere: tuple[Span, ...] = field(default=())

    @property
    def metadata(self) -> Metadata:
        return self.document.metadata

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def n_defendants(self) -> int:
        return len(self.defendants)

    @property
    def articles_applied(self) -> list[str]:
        return applied(list(self.articles))

    def to_gold(self) -> dict:
        """The gold-format dict of ``../shared/docs/gold-format.md``: scoring is one call.

        Examples
        --------
        >>> j = extract("某县人民法院\\n刑事判决书\\n（2018）浙0101刑初1号\\n被告人王某，男。"
        ...             "本院认为，被告人王某构成盗窃罪，到案后如实供述，可以从轻处罚。"
        ...             "依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款之规定，判决如下："
        ...             "被告人王某犯盗窃罪，判处拘役三个月，并处罚金人民币二千元。")
        >>> g = j.to_gold()
        >>> g["articles_applied"], g["defendants"][0]["penalty"], g["defendants"][0]["factors"]
        (['刑法第264条', '刑法第67条第3款'], {'kind': 'criminal_detention', 'months': 3}, ['confession'])
        """
        md = self.metadata
        return {
            "id": self.id,
            "case_number": md.case_number.text if md.case_number else None,
            "court": md.court,
            "doc_type": md.doc_type,
            "judgement_date": md.judgement_date,
            "n_defendants": self.n_defendants,
            "defendants": [d.to_gold() for d in self.defendants],
            "articles_applied": self.articles_applied,
            "notes": "",
        }

    def text_of(self, span) -> str:
        """The original text under a fact's span (``start``/``end`` into ``document.text``)."""
        return self.document.text[span.start:span.end]

    def to_dict(self) -> dict:
        """The gold fields plus spans, attributes and every citation, JSON-ready."""
        g = self.to_gold()
        g["defendants"] = [d.to_dict() for d in self.defendants]
        g["articles"] = [a.to_dict() for a in self.articles]
        g["co_offenders_elsewhere"] = [s.to_dict() for s in self.co_offenders_elsewhere]
        g["n_co_offenders_elsewhere"] = len(self.co_offenders_elsewhere)
        g["source"] = self.document.source
        return g


def _orig(doc: Document, a: int, b: int) -> tuple[int, int]:
    m = doc.normalized.map
    if m.is_identity:  # characters replaced one for one (Ｘ -> X): offsets agree
        return a, b
    return m.to_original(a), m.to_original(b)


def _unchanged(doc: Document) -> bool:
    """Normalisation changed nothing (most documents): normalised spans are original spans."""
    return doc.normalized.text is doc.text or doc.normalized.text == doc.text


def _span_fields(doc: Document, obj):
    """A copy of a fact dataclass with offsets mapped to the original text."""
    if _unchanged(doc):
        return obj
    a, b = _orig(doc, obj.start, obj.end)
    return obj.__class__(**{**obj.__dict__, "text": doc.text[a:b], "start": a, "end": b})


def extract(doc: str | Record | Document, *, vocabulary: FactorVocabulary | None = None,
            default_law: str = "刑法") -> Judgement:
    """Extract the facts a sentencing researcher codes from one judgement.

    Parameters
    ----------
    doc : str, Record or Document
        A judgement's text, a record from :func:`cjtext.read`, or a parsed document.
    vocabulary : FactorVocabulary, optional
        Sentencing-factor phrases; the bundled ones by default.
    default_law : str
        The law of an article cited with no law name.

    Returns
    -------
    Judgement

    Examples
    --------
    >>> j = extract("被告人李某，女，1990年1月2日出生。本院认为，被告人李某系自首。"
    ...             "依照《刑法》第二百八十五条第二款之规定，判决如下：被告人李某犯非法获取计算机信息系统数据罪，"
    ...             "判处有期徒刑一年，缓刑一年六个月，并处罚金人民币1.5万元。")
    >>> d = j.defendants[0]
    >>> d.name, d.charges, d.penalty.months, d.probation_months, d.fine_yuan, d.factors
    ('李某', ['非法获取计算机信息系统数据罪'], 12, 18, 15000, ('voluntary_surrender',))
    >>> j.text_of(d.sentence.fine)
    '罚金人民币1.5万元'
    """
    if not isinstance(doc, Document):
        doc = parse(doc)
    text = doc.normalized.text
    omap = doc.normalized.map
    if omap.is_identity:  # offsets agree (most documents): the sections as they are
        nsections = list(doc.sections)
    else:
        to_norm = omap.to_normalized
        nsections = [Section(s.label, to_norm(s.start), to_norm(s.end), "", s.marker) for s in doc.sections]
    nsec = {s.label: (s.start, s.end) for s in nsections}

    # Defendants: the parties section, else everything before the first narrative section.
    if "parties" in nsec:
        plo, phi = nsec["parties"]
    else:
        plo = nsec["header"][1] if "header" in nsec else 0
        phi = min([nsec[k][0] for k in ("procedure", "prosecution", "facts", "reasoning", "judgment") if k in nsec]
                  or [len(text)])
    jlo, jhi = nsec.get("judgment", (len(text), len(text)))
    decision = text.find("如下", jlo, jhi)
    dlo = decision + 2 if decision >= 0 else jlo
    upheld = UPHELD.search(text, dlo, jhi) is not None
    parties = find_parties(text, plo, phi)
    if "judgment" not in nsec:
        # No decision (fact descriptions such as CAIL2018's): nothing confirms the names, which
        # run into the next words, so each must be a name (王某依法… is 王某); with none in the
        # opening words, every 被告人 of the text counts.
        # Names listed after the first (据报道，被告人甲、乙…) count too, and each name once.
        settled = [q for q in (settle(text, p) for p in parties) if q is not None]
        parties = find_narrative_parties(text, plo, phi, seed=settled) if settled else find_narrative_parties(text)
    elif parties and not any(p.sex or p.birth_date or p.ethnicity for p in parties):
        # A "parties paragraph" with no sex, birth or ethnicity may be a sentence of the
        # narrative (…指控原审被告人甲某、乙某犯赌博罪): read its lists, confirmed by the decision.
        listed = find_parties(text, plo, phi, lists=True)
        if not upheld:
            parties = _named_in_decision(listed, text, dlo, jhi) or parties
        elif len(listed) > len(parties):
            # An appeal that upholds in part (维持…定罪部分；撤销…量刑部分) may name only some of
            # them: the others of the list count when the decision names them.
            named = {p.name for p in parties}
            more = [p for p in listed if p.name not in named and _named(text, p.name, dlo, jhi)]
            parties = sorted([*parties, *more], key=lambda p: p.start)
    # Some corpora (LeCaRD) drop the parties paragraph: the procedure sentence
    # (指控被告人甲、乙犯…罪) and then the decision still name the defendants.
    for key in ("procedure", "judgment"):
        if not parties and key in nsec:
            parties = find_parties(text, *nsec[key], lists=True)
            if not upheld:
                parties = _named_in_decision(parties, text, dlo, jhi)
    names = [p.name for p in parties]

    articles = find_articles(text, nsections, default_law=default_law)
    sentences = find_sentences(text, names, dlo, jhi)
    if "judgment" not in nsec and names:
        # A case report with no decision may still tell the sentence (…法院以甲罪判处张某…).
        # Others it sentences beside a defendant (判处卜某…，滕某…) are co-defendants.
        reported = find_reported_sentences(text, names, plo, co_sentenced=True)
        first = {n: a for a, _, n in reversed(find_names(text, [n for n in reported if n not in names], plo, len(text)))}
        if first:
            parties = sorted([*parties, *(Party(n, a, a + len(n), n, False, "被告人") for n, a in first.items())],
                             key=lambda p: p.start)
            names = [p.name for p in parties]
        sentences.update(reported)
    if len(names) == 1 and sentences[names[0]].penalty.kind == "unknown" and not upheld:
        # 判决如下：被告人犯…罪 (the name left out): a lone defendant's sentence is the whole decision.
        whole = sentence_for(names[0], text, [(dlo, jhi)], dlo)
        if whole.penalty.kind != "unknown":
            sentences[names[0]] = whole
    unknown = [n for n in names if sentences[n].penalty.kind == "unknown"]
    if unknown and not upheld:
        # Inconsistently anonymised texts name a defendant differently in the
        # decision (陈某 above, 陈了磊 here): pair the unmatched names by order.
        in_decision = [p.name for p in find_parties(text, dlo, jhi, lists=True, attributes=False)]
        unmatched = [n for n in in_decision if n not in names]
        if len(unmatched) == len(unknown):
            other = find_sentences(text, unmatched, dlo, jhi)
            for mine, theirs in zip(unknown, unmatched):
                sentences[mine] = other[theirs]
    if upheld:
        # 驳回上诉，维持原判: the sentence upheld is the one the earlier judgement
        # imposed, when this document restates it; where the sections are
        # unclear, look in the whole account before the reasoning.
        before = (nsec["header"][1] if "header" in nsec else 0,
                  nsec.get("reasoning", nsec.get("judgment", (len(text),)))[0])
        # The crimes this court finds (本院认为，上诉人甲某…其行为已构成X罪) outrank a
        # crime named anywhere before the reasoning (上诉提出应以Y罪定罪).
        found: dict[str, Span] = {}
        for n, charge in _convictions(text, names, [nsec.get("reasoning")]):
            found.setdefault(n, charge)
        for key in ("original_judgement", "procedure", "before"):
            region = before if key == "before" else nsec.get(key)
            if region is None or all(s.penalty.kind != "unknown" and s.charges for s in sentences.values()):
                continue
            earlier = find_sentences(text, names, *region)
            for n, s in sentences.items():
                e = earlier[n]
                if key == "before" and n in found and e.charges:
                    e = Sentence(**{**e.__dict__, "charges": (found[n],)})
                if s.penalty.kind == "unknown" and e.penalty.kind != "unknown":
                    sentences[n] = e
                elif not s.charges and e.charges:
                    sentences[n] = Sentence(**{**s.__dict__, "charges": e.charges})
        if any(not s.charges for s in sentences.values()):
            # …then those the earlier court found (原判认为，甲某…均已构成X罪).
            for n, charge in _convictions(text, names, [before]):
                found.setdefault(n, charge)
            for n, charge in found.items():
                if not sentences[n].charges:
                    sentences[n] = Sentence(**{**sentences[n].__dict__, "charges": (charge,)})

    claims = [(*nsec[k], k) for k in ("defence", "prosecution") if k in nsec]
    units = {p.name for p in parties if p.is_unit}
    earlier = _earlier_findings(text, nsections) if upheld else []
    appellants = {p.name for p in parties if p.role.startswith(("上诉人", "上诉单位"))}
    factors = find_factors(text, names, nsec.get("reasoning"), claims, vocabulary, units=units, earlier=earlier,
                           appellants=appellants)
    applied_arts = [a for a in articles if a.role == "applied" and a.law == "刑法"]
    when = dt.date.fromisoformat(doc.metadata.judgement_date) if doc.metadata.judgement_date else None
    defendants = []
    for p in parties:
        mentions = [f for f in factors if f.defendant == p.name]
        labels = accepted_labels(factors, p.name, text)
        if not labels and len(parties) == 1:
            # The reasoning names no circumstance (速裁 judgements): the applied
            # articles still say which the court relied on.
            for a in applied_arts:
                for key in ((a.article, a.sub, a.paragraph), (a.article, a.sub, None)):
                    label = ARTICLE_FACTORS.get(key)
                    if label and label not in labels:
                        labels.append(label)
                        mentions.append(Factor(a.text, a.start, a.end, label, "accepted", p.name, "article"))
                        break
            if "principal" in labels and "accessory" in labels:
                # arts. 26 and 27 both cited: the articles alone do not say which he was
                labels = [x for x in labels if x not in ("principal", "accessory")]
                mentions = [f for f in mentions if f.label not in ("principal", "accessory")]
        defendants.append(Defendant(
            p.name, p.is_unit, _map_party(doc, p), _map_sentence(doc, sentences[p.name]),
            tuple(labels), tuple(_span_fields(doc, f) for f in mentions),
            age_at(p.birth_date, when) if not p.is_unit else None))
    elsewhere = tuple(Span(n, a, b, n) for n, a, b in find_elsewhere(text, set(names)))
    if not _unchanged(doc):
        elsewhere = tuple(_span_fields(doc, s) for s in elsewhere)
        articles = [_span_fields(doc, a) for a in articles]
    return Judgement(doc, tuple(defendants), tuple(articles), elsewhere)


#: What comes before a defendant's name in a decision (二、被告代某犯…: the 人 sometimes left out).
_ROLE_BEFORE = ("被告人", "被告", "被告单位", "上诉人", "罪犯", "、")


def _named(text: str, name: str, lo: int, hi: int, convicted: bool = False) -> bool:
    """Whether ``text[lo:hi]`` names ``name`` after a role word or in a list (and, with
    ``convicted``, as one convicted: 被告人甲某犯…)."""
    pos = text.find(name, lo, hi)
    while pos != -1:
        if text.endswith(_ROLE_BEFORE, lo, pos) and (not convicted or text.startswith("犯", pos + len(name))):
            return True
        pos = text.find(name, pos + 1, hi)
    return False


def _named_in_decision(parties: list[Party], text: str, lo: int, hi: int) -> list[Party]:
    """Of the defendants read from the narrative (no parties paragraph), those the decision names.

    The narrative calls defendants 被告人 in passing (被告人自愿认罪, 被告人未对审判员…提出回避申请,
    被告人靳某拒不执行…), so words after the role word are only candidates. A candidate the
    decision names is kept; one that starts with a name the decision gives (靳某拒不执行) is
    that defendant. When as many candidates as convicted decision names are left unmatched,
    the decision spells the same names differently (陈某 above, 陈小明 there) and the sentences
    pair them by order; otherwise the leftover candidates go and the decision's leftover
    convicted names come in. A decision that names nobody (维持原判) keeps every candidate.
    """
    in_decision = find_parties(text, lo, hi, lists=True, attributes=False)
    if not in_decision:
        return parties
    kept: dict[str, Party] = {}
    left: list[Party] = []
    for p in parties:
        name = p.name if _named(text, p.name, lo, hi) else next(
            (d.name for d in in_decision if p.name == d.name
             or (p.name.startswith(d.name) and p.name[len(d.name)] not in NAME_GOES_ON)), None)
        if name is None:
            left.append(p)
        elif name not in kept:
            # 被告人吴某拒不执行… cut to 吴某: the words cut off (执行) say nothing of a unit.
            kept[name] = p if name == p.name else replace(p, name=name, is_unit=unit_name(name, p.role))
    unmatched = [p for p in in_decision if p.name not in kept and _named(text, p.name, lo, hi, convicted=True)]
    extra = left if len(left) == len(unmatched) else unmatched
    return sorted([*kept.values(), *extra], key=lambda p: p.start)


def _convictions(text: str, names: list[str], regions) -> list[tuple[str, Span]]:
    """(name, charge) for each defendant named before 构成X罪 in its sentence, first region first."""
    out: list[tuple[str, Span]] = []
    for region in regions:
        if region is None:
            continue
        lo, hi = region
        mentions = find_names(text, names, lo, hi)
        k = 0
        sent_start = prev_end = lo
        for m in CONVICTED.finditer(text, lo, hi):
            cut = max(text.rfind(c, prev_end, m.start()) for c in "。；;\n")
            sent_start = cut + 1 if cut >= prev_end else sent_start
            prev_end = m.end()
            while k < len(mentions) and mentions[k][0] < sent_start:
                k += 1
            j = k
            while j < len(mentions) and mentions[j][1] <= m.start():
                out.append((mentions[j][2], Span(m.group("charge"), m.start("charge"), m.end("charge"),
                                                 m.group("charge"))))
                j += 1
    return out


def _earlier_findings(text: str, sections: list[Section]) -> list[tuple[int, int, int]]:
    """Sentences of an upholding ruling that endorse the earlier court's findings (原判已考虑其
    如实供述的情节), outside the parties, the parties' submissions and the decision, as
    (start, end, first): from ``start`` (the sentence before) only names are read."""
    out: list[tuple[int, int]] = []
    for sec in sections:
        if sec.label not in ("procedure", "original_judgement", "facts", "evidence", "reasoning"):
            continue
        for m in EARLIER_FINDING.finditer(text, sec.start, sec.end):
            if out and m.start() < out[-1][1]:
                continue
            lo = max(sec.start, out[-1][1] if out else 0)
            a = max((text.rfind(c, lo, m.start()) for c in "。；;\n"), default=-1)
            a = a + 1 if a >= lo else lo
            b = min([x for x in (text.find(c, m.end(), sec.end) for c in "。；;\n") if x >= 0] or [sec.end])
            # The sentence before, in the same paragraph, says whom 其 means.
            lead = max((text.rfind(c, lo, max(lo, a - 1)) for c in "。；;"), default=-1)
            line = text.rfind("\n", lo, a)
            lead = max(lead + 1 if lead >= lo else lo, line + 1 if line >= lo else lo)
            out.append((lead, min(b + 1, sec.end), a))
    return out


def _map_party(doc: Document, p):
    if _unchanged(doc):
        return p
    return replace(_span_fields(doc, p), detention=tuple(_span_fields(doc, d) for d in p.detention),
                   priors_end=_orig(doc, p.priors_end, p.priors_end)[0] if p.priors_end else 0)


def _map_sentence(doc: Document, s: Sentence) -> Sentence:
    if _unchanged(doc):
        return s

    def m(x):
        return _span_fields(doc, x) if x is not None else None
    pen = s.penalty
    if pen.start >= 0:
        pen = _span_fields(doc, pen)
    return Sentence(s.name, tuple(m(c) for c in s.charges), pen, s.counts, m(s.probation), m(s.fine),
                    tuple(m(f) for f in s.fines), m(s.confiscation), m(s.illegal_gains),
                    m(s.political_rights), s.term_start, s.term_end, s.probation_start, s.probation_end)


"""Split a judgement into labelled sections.

Real judgements arrive with paragraph breaks, with paragraphs flattened to
spaces, or with no separators at all (…副本二份审判员许洁二〇一七年…), so the
segmenter relies on the formulaic *markers* courts use, not on lines. It finds
the reliable anchors first (本院认为, 判决如下, the appeal notice, the signature)
and looks for the other sections only where they can stand, so that a phrase
such as 经审理查明 quoted in an appeal's summary of the first instance is not
taken for this court's findings.

Labels, in document order:

===================== ==========================================================
``header``            court, document type, case number
``parties``           公诉机关, 被告人 (with personal details), 辩护人 …
``procedure``         how the case came to court (起诉书指控…提起公诉…审理终结)
``prosecution``       the prosecution's allegations (公诉机关指控)
``original_judgement`` in appeals: what the first instance found (原判认定)
``defence``           the defendant's and counsel's answers (辩解, 辩护意见, 上诉理由)
``facts``             the facts found by the court (经审理查明)
``evidence``          the evidence (上述事实…证据证实)
``reasoning``         the court's reasoning (本院认为)
``judgment``          legal basis and operative part (依照…判决如下：…)
``appeal_notice``     notice of appeal or finality (如不服本判决 / 本裁定为终审裁定)
``signature``         judges, date, clerk
``appendix``          quoted provisions (附：相关法律条文)
===================== ==========================================================

A section that is not in the document is absent, never invented. One rule
fills a gap the way readers do: when the court has no findings of its own and
adopts the prosecution's account (short-form judgements: 公诉机关指控… 上述事实，
被告人无异议…证据证实，足以认定), that account is the finding of fact and is
labelled ``facts``, with ``Section.marker`` showing the 指控 marker it began with.
"""

from __future__ import annotations

import regex

from ._frozen import frozen
from .patterns import CASE_NUMBER, DOC_TYPE, SENTENCE_END_BACK
from .patterns import SECTION_MARKERS as M

__all__ = ["Section", "find_sections", "LABELS"]

LABELS = ("header", "parties", "procedure", "prosecution", "original_judgement", "defence",
          "facts", "evidence", "reasoning", "judgment", "appeal_notice", "signature", "appendix")

_PARTY_WORDS = regex.compile(r"公诉机关|被告人|上诉人|被告单位|辩护人|罪犯|申诉人|自诉人|抗诉机关|原审被告")
_LEADING_JUNK = regex.compile(r"[\s:：，,。;；]+")
_HEADER_WINDOW = 600


@frozen
class Section:
    """A labelled section: ``text[start:end]`` of the text it was found in.

    Attributes
    ----------
    label : str
        One of :data:`LABELS`.
    start, end : int
        Character offsets (into the original text when obtained from a
        :class:`~cjtext.document.Document`).
    text : str
        The section's text.
    marker : str
        The words that opened the section (``经审理查明``, ``本院认为``…); empty
        for sections that start by position (header, parties).
    """

    label: str
    start: int
    end: int
    text: str
    marker: str = ""

    def __len__(self) -> int:
        return self.end - self.start


def _search(pattern: regex.Pattern, text: str, lo: int, hi: int | None = None):
    return pattern.search(text, lo, len(text) if hi is None else hi)


def _sentence_start(text: str, pos: int, floor: int, limit: int = 200) -> int:
    """Offset just after the sentence end that precedes ``pos`` (not below ``floor``)."""
    lo = max(floor, pos - limit)
    last = SENTENCE_END_BACK.search(text, lo, pos)
    if last is not None:
        return last.end()
    return lo if lo == floor else pos


def header_end(text: str) -> int:
    """End of the header: after the case number, else after the document type (0 if none)."""
    cn = CASE_NUMBER.search(text, 0, min(len(text), _HEADER_WINDOW))
    if cn is not None:
        return cn.end()
    dt = DOC_TYPE.search(text, 0, min(len(text), 200))
    # Without a case number, a document type only ends a header after a court's name.
    if dt is not None and "法院" in text[:dt.start()]:
        return dt.end()
    return 0


def find_sections(text: str) -> list[Section]:
    """Find the sections of a judgement.

    Parameters
    ----------
    text : str
        The judgement's text, preferably normalised (:func:`cjtext.normalize`).

    Returns
    -------
    list of Section
        In document order, non-overlapping; offsets into ``text``.

    Examples
    --------
    >>> text = ("某某市某某区人民法院\\n刑事判决书\\n（2019）浙0101刑初1号\\n"
    ...         "公诉机关某某区人民检察院。\\n被告人王某，男，1990年1月1日出生。\\n"
    ...         "某某区人民检察院以起诉书指控被告人王某犯盗窃罪，于2019年3月1日向本院提起公诉。"
    ...         "本院依法适用简易程序，公开开庭审理了本案。现已审理终结。\\n"
    ...         "经审理查明，2019年1月，被告人王某窃得手机一部。\\n"
    ...         "上述事实，有被害人陈述等证据证实，足以认定。\\n"
    ...         "本院认为，被告人王某的行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下：\\n"
    ...         "被告人王某犯盗窃罪，判处拘役三个月。\\n"
    ...         "如不服本判决，可在接到判决书的第二日起十日内提出上诉。\\n"
    ...         "审判员李某\\n二〇一九年四月一日\\n书记员赵某")
    >>> [s.label for s in find_sections(text)]
    ['header', 'parties', 'procedure', 'facts', 'evidence', 'reasoning', 'judgment', 'appeal_notice', 'signature']
    >>> [s.text for s in find_sections(text) if s.label == "facts"]
    ['经审理查明，2019年1月，被告人王某窃得手机一部。']
    """
    n = len(text)
    starts: dict[str, tuple[int, str]] = {}

    h_end = header_end(text)
    if h_end:
        starts["header"] = (0, "")

    # The procedure sentence comes before any reasoning; a 不服本判决 in the
    # appeal notice must not be taken for it.
    first_reason = _search(M["reasoning"], text, h_end)
    proc = _search(M["procedure"], text, h_end, first_reason.start() if first_reason else None)
    proc_start = _sentence_start(text, proc.start(), h_end) if proc else None
    body_lo = proc.end() if proc else h_end
    pend = _search(M["procedure_end"], text, body_lo,
                   first_reason.start() if first_reason else None) if proc else None
    if pend is not None:
        body_lo = pend.end()

    reasoning = _search(M["reasoning"], text, body_lo)
    facts = _search(M["facts"], text, body_lo, reasoning.start() if reasoning else None)
    # In appeals the first instance's findings are summarised first (原判认定…);
    # such a summary only counts when it precedes this court's own findings.
    original = _search(M["original_judgement"], text, body_lo,
                       facts.start() if facts else (reasoning.start() if reasoning else None))
    judg_lo = reasoning.end() if reasoning else (facts.end() if facts else body_lo)
    judgment = _search(M["judgment"], text, judg_lo)
    if judgment is None and reasoning is None:
        judgment = _search(M["judgment"], text, h_end)

    if judgment is not None:
        sent = _sentence_start(text, judgment.start(), judg_lo, limit=800)
        basis = _search(M["legal_basis"], text, sent, judgment.start())
        jstart = basis.start() if basis else sent
        starts["judgment"] = (jstart, text[jstart:judgment.end()][:12])
        after_j = judgment.end()
    else:
        after_j = reasoning.end() if reasoning else body_lo

    notice = _search(M["appeal_notice"], text, after_j)
    if notice is not None:
        starts["appeal_notice"] = (notice.start(), notice.group())
    sig_lo = notice.end() if notice else after_j
    sig = _search(M["signature"], text, sig_lo) if (judgment or notice) else None
    if sig is not None:
        sig_start = _sentence_start(text, sig.start(), sig_lo, limit=0)
        starts["signature"] = (sig_start, sig.group())
        app = _search(M["appendix"], text, sig.end())
        if app is not None:
            starts["appendix"] = (app.start(), app.group())

    if reasoning is not None:
        starts["reasoning"] = (reasoning.start(), reasoning.group())
    if facts is not None:
        starts["facts"] = (facts.start(), facts.group())

    # --- the middle: procedure, prosecution, original judgement, defence, evidence
    middle_end = min((s for s, _ in (starts.get(k, (n, "")) for k in
                                     ("facts", "reasoning", "judgment"))), default=n)
    if proc is not None and proc_start is not None and proc_start < middle_end:
        starts["procedure"] = (proc_start, proc.group())
    pros = _search(M["prosecution"], text, body_lo, middle_end)
    if pros is not None:
        starts["prosecution"] = (pros.start(), pros.group())
    if original is not None and original.start() < middle_end:
        starts["original_judgement"] = (original.start(), original.group())
    first_account = min((starts[k][0] for k in ("prosecution", "original_judgement") if k in starts),
                        default=body_lo)
    evid_lo = facts.end() if facts is not None else first_account
    evid_hi = starts.get("reasoning", starts.get("judgment", (n, "")))[0]
    evid = _search(M["evidence"], text, evid_lo, evid_hi)
    if evid is not None:
        starts["evidence"] = (evid.start(), evid.group())
    def_lo = first_account + 1 if ("prosecution" in starts or "original_judgement" in starts) else body_lo
    def_hi = min(starts.get("facts", (n, ""))[0], starts.get("evidence", (n, ""))[0],
                 starts.get("reasoning", (n, ""))[0], starts.get("judgment", (n, ""))[0])
    defence = _search(M["defence"], text, def_lo, def_hi)
    if defence is not None:
        starts["defence"] = (defence.start(), defence.group())

    # Short form: the court adopts the prosecution's account as its finding.
    if "facts" not in starts and "prosecution" in starts:
        starts["facts"] = starts.pop("prosecution")

    # The parties: between header and procedure, if it names anybody.
    first_body = min((s for k, (s, _) in starts.items() if k != "header"), default=n)
    if first_body > h_end and _PARTY_WORDS.search(text, h_end, first_body):
        starts["parties"] = (h_end, "")

    return _assemble(text, starts)


def _assemble(text: str, starts: dict[str, tuple[int, str]]) -> list[Section]:
    ordered = sorted(((s, LABELS.index(k), k, mk) for k, (s, mk) in starts.items()))
    sections: list[Section] = []
    for i, (s, _, label, marker) in enumerate(ordered):
        e = ordered[i + 1][0] if i + 1 < len(ordered) else len(text)
        # Trim separators at the edges; a section never starts with a comma or space.
        m = _LEADING_JUNK.match(text, s, e)
        if m is not None and label not in ("header",):
            s = m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        sections.append(Section(label, s, e, text[s:e], marker))
    return sections

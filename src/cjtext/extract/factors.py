"""Sentencing factors per defendant, with the court's stance on each.

Phrases come from a vocabulary file (``data/factors.tsv``: label, pattern,
examples), extendable with the user's own. Each match in the court's
reasoning gets a status:

``rejected``
    negated in its clause (不构成自首, 并无立功表现) or followed in its sentence by
    a refusal (…的辩护意见不予采纳, …不能成立);
``claimed``
    put forward by the defence or prosecution (辩护人提出…) with no ruling on it
    in the sentence or the next one, or found outside the reasoning;
``accepted``
    otherwise: the court states it (系自首, 如实供述, 可以从轻处罚) or adopts the
    claim (…的辩护意见，本院予以采纳).

A factor attaches to the defendants named nearest before it in its sentence,
or to all defendants after 各被告人 / 四被告人 / 均, or to the subject carried from
the previous sentence (其…).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from ..patterns import (
    FACTOR_ACCEPT,
    FACTOR_ALL,
    FACTOR_CLAIM,
    FACTOR_CLAUSE_BACK,
    FACTOR_GROUP,
    FACTOR_LINKS,
    FACTOR_NEG_BEFORE,
    FACTOR_NEXT_RULING,
    FACTOR_NOT_NEG,
    FACTOR_ORDER_BEFORE,
    FACTOR_REJECT,
    FACTOR_ROLE_BEFORE,
    FACTOR_SENTENCE_END,
)
from .parties import find_names

__all__ = ["Factor", "FactorVocabulary", "find_factors", "ARTICLE_FACTORS", "LABELS"]

#: Provisions whose application implies a factor (刑法 only), used when the
#: reasoning names none: 67(1) 自首, 67(3) 坦白, 68 立功, 27 从犯, ...
ARTICLE_FACTORS: dict[tuple[int, int | None, int | None], str] = {
    (67, None, 1): "voluntary_surrender", (67, None, 3): "confession", (68, None, None): "meritorious_service",
    (27, None, None): "accessory", (28, None, None): "coerced", (19, None, None): "deaf_mute_or_blind",
    (17, None, 3): "minor", (17, 1, None): "elderly", (65, None, None): "recidivist",
    (23, None, None): "attempt", (22, None, None): "preparation", (24, None, None): "abandonment",
    (18, None, 3): "diminished_capacity", (26, None, None): "principal",
}

LABELS = (
    "voluntary_surrender", "confession", "meritorious_service", "major_meritorious_service", "accessory",
    "coerced", "principal", "attempt", "preparation", "abandonment", "minor", "elderly",
    "deaf_mute_or_blind", "disability", "diminished_capacity", "guilty_plea_leniency", "plea_in_court",
    "restitution", "victim_forgiveness", "reconciliation", "first_offender", "recidivist", "prior_record",
)


@dataclass(frozen=True)
class Factor:
    """One mention of a sentencing factor.

    ``defendant`` is the name it attaches to (``None`` when no defendant is
    known); ``status`` is ``accepted``, ``rejected`` or ``claimed``; ``source``
    is the section label, or ``"article"`` when implied by an applied article.
    """

    text: str
    start: int
    end: int
    label: str
    status: str
    defendant: str | None
    source: str = "reasoning"

    def to_dict(self) -> dict:
        return {"label": self.label, "status": self.status, "defendant": self.defendant,
                "text": self.text, "start": self.start, "end": self.end, "source": self.source}


class FactorVocabulary:
    """Factor phrases: the bundled file plus the user's own.

    Parameters
    ----------
    path : path-like, optional
        A TSV file of ``label<TAB>pattern<TAB>examples`` (``#`` comments).
        Defaults to the bundled vocabulary.
    extra : dict, optional
        More patterns per label, tried before the file's (``{"restitution": ["垫付医疗费"]}``).

    Examples
    --------
    >>> voc = FactorVocabulary(extra={"restitution": ["垫付(?:了)?医疗费"]})
    >>> [m.lastgroup for m in voc.pattern.finditer("系自首，已垫付医疗费")]
    ['voluntary_surrender', 'restitution']
    """

    def __init__(self, path: str | Path | None = None, extra: dict[str, list[str]] | None = None):
        self.rows = _load(str(path) if path else None)
        self.extra = {k: list(v) for k, v in (extra or {}).items()}
        parts: dict[str, list[str]] = {}
        for label, pats in self.extra.items():
            parts.setdefault(label, []).extend(pats)
        for label, pat, _ in self.rows:
            parts.setdefault(label, []).append(pat)
        self.labels = list(parts)
        self.pattern = regex.compile(
            "|".join(f"(?P<{label}>{'|'.join(f'(?:{p})' for p in pats)})" for label, pats in parts.items()),
            regex.V1)


@lru_cache(maxsize=8)
def _load(path: str | None) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    if path is None:
        text = resources.files("cjtext").joinpath("data/factors.tsv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise ValueError(f"{path or 'factors.tsv'}:{n}: expected label<TAB>pattern<TAB>examples, got {line!r}")
        examples = tuple(e.strip() for e in cols[2].split("|")) if len(cols) > 2 else ()
        rows.append((cols[0].strip(), cols[1].strip(), examples))
    return tuple(rows)


@lru_cache(maxsize=1)
def default_vocabulary() -> FactorVocabulary:
    return FactorVocabulary()


class _Sentence:
    """One sentence's rulings and claims, found once and looked up per phrase."""

    def __init__(self, text: str, s: int, e: int, next_sent: str):
        self.s, self.e = s, e
        self.rejects = list(FACTOR_REJECT.finditer(text, s, e))
        self.accepts = list(FACTOR_ACCEPT.finditer(text, s, e))
        self._starts = {id(self.rejects): [m.start() for m in self.rejects],
                        id(self.accepts): [m.start() for m in self.accepts]}
        claim = FACTOR_CLAIM.search(text, s, e)
        self.first_claim_end = claim.end() if claim else None
        self.next_rej, self.next_acc = _last(FACTOR_REJECT, next_sent), _last(FACTOR_ACCEPT, next_sent)
        self.next_is_ruling = FACTOR_NEXT_RULING.match(next_sent) is not None

    def after(self, matches: list, pos: int):
        """First and last of ``matches`` (``self.rejects``/``self.accepts``) starting at or after ``pos``."""
        i = bisect_left(self._starts[id(matches)], pos)
        return (matches[i], matches[-1]) if i < len(matches) else (None, None)


def _last(pattern, text: str):
    m = None
    for m in pattern.finditer(text):
        pass
    return m


def _status(text: str, sent: _Sentence, m_start: int, m_end: int) -> str:
    back = FACTOR_CLAUSE_BACK.search(text, sent.s, m_start)
    before = text[back.end() if back else sent.s:m_start]
    if FACTOR_NEG_BEFORE.search(before) and not FACTOR_NOT_NEG.search(before):
        return "rejected"
    # The court's conclusion comes last: "经查属实，予以采纳" or "经查，…，该意见不予采纳".
    first_rej, rej = sent.after(sent.rejects, m_end)
    first_acc, acc = sent.after(sent.accepts, m_end)
    if sent.first_claim_end is not None and sent.first_claim_end <= m_start:
        if rej and (acc is None or rej.start() > acc.start()):
            return "rejected"
        if acc:
            return "accepted"
        nxt_rej, nxt_acc = sent.next_rej, sent.next_acc
        if sent.next_is_ruling:
            if nxt_rej and (nxt_acc is None or nxt_rej.start() > nxt_acc.start()):
                return "rejected"
            if nxt_acc:
                return "accepted"
        return "claimed"
    # A refusal right after the phrase, before any acceptance: 系自首…不能成立.
    if first_rej and first_rej.start() - m_end < 20 and (first_acc is None or first_rej.start() < first_acc.start()):
        return "rejected"
    return "accepted"


class _Mentions(list):
    """Name mentions in text order; they never overlap, so starts and ends are both sorted."""

    def __init__(self, mentions: list[tuple[int, int, str]]):
        super().__init__(mentions)
        self.starts = [m[0] for m in mentions]
        self.ends = [m[1] for m in mentions]

    def within(self, lo: int, hi: int) -> range:
        """Indices of the mentions inside ``text[lo:hi]``."""
        return range(bisect_left(self.starts, lo), bisect_right(self.ends, hi))


def _subjects(text: str, lo: int, hi: int, mentions: _Mentions, everyone: list[str]) -> list[str]:
    """The defendants a phrase at ``hi`` is about, from mentions in ``text[lo:hi]``."""
    inside = mentions.within(lo, hi)
    last_end = mentions[inside[-1]][1] if inside else lo
    if FACTOR_ALL.search(text, last_end, hi):
        return list(everyone)
    if not inside:
        return []
    if FACTOR_GROUP.search(text, last_end, hi):
        # Every name mentioned so far in the sentence; walk back only until all are seen.
        seen: dict[str, None] = {}
        for k in reversed(inside):
            seen.setdefault(mentions[k][2])
            if len(seen) == len(set(everyone)):
                break
        return sorted(seen, key=lambda n: next(mentions[k][0] for k in inside if mentions[k][2] == n))
    # The subject is the last name introduced by a role word (被告人甲受乙指使…
    # 系从犯: 甲, not 乙) with the names listed after it (被告人甲、乙…).
    lead = next((k for k in reversed(inside)
                 if FACTOR_ROLE_BEFORE.search(text, max(lo, mentions[k][0] - 4), mentions[k][0])), inside[-1])
    while lead > inside.start and FACTOR_LINKS.match(text[mentions[lead - 1][1]:mentions[lead][0]]):
        lead -= 1  # 被告单位甲、被告人乙: the list began earlier
    group = [mentions[lead][2]]
    for k in range(lead + 1, inside.stop):
        if not FACTOR_LINKS.match(text[mentions[k - 1][1]:mentions[k][0]]):
            break
        group.append(mentions[k][2])
    return list(dict.fromkeys(group))


def find_factors(text: str, names: list[str], reasoning: tuple[int, int] | None,
                 claims: list[tuple[int, int, str]] = (), vocabulary: FactorVocabulary | None = None,
                 ) -> list[Factor]:
    """Factor mentions with status and defendant.

    Parameters
    ----------
    text : str
        Normalised document text.
    names : list of str
        Defendant names in order.
    reasoning : (start, end) or None
        The court's reasoning (本院认为…).
    claims : list of (start, end, label)
        Other sections (defence, prosecution) whose mentions count as ``claimed``.

    Examples
    --------
    >>> t = ("本院认为，被告人甲某、乙某构成盗窃罪。甲某系主犯，乙某系从犯，依法应当减轻处罚。"
    ...      "辩护人提出甲某有自首情节的意见，经查，甲某系被抓获归案，不构成自首，该意见不予采纳。"
    ...      "二被告人到案后均能如实供述，可以从轻处罚。")
    >>> [(f.defendant, f.label, f.status) for f in find_factors(t, ["甲某", "乙某"], (0, len(t)))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('甲某', 'principal', 'accepted'), ('乙某', 'accessory', 'accepted'),
     ('甲某', 'voluntary_surrender', 'rejected'), ('甲某', 'voluntary_surrender', 'rejected'),
     ('甲某', 'confession', 'accepted'), ('乙某', 'confession', 'accepted')]
    """
    voc = vocabulary or default_vocabulary()
    out: list[Factor] = []
    regions = ([(reasoning[0], reasoning[1], "reasoning")] if reasoning else []) + list(claims)
    for lo, hi, source in regions:
        mentions = _Mentions(find_names(text, names, lo, hi))
        sents = []
        start = lo
        for m in FACTOR_SENTENCE_END.finditer(text, lo, hi):
            sents.append((start, m.end()))
            start = m.end()
        if start < hi:
            sents.append((start, hi))
        carried: list[str] = list(names) if len(names) == 1 else []
        for i, (s, e) in enumerate(sents):
            nxt = text[sents[i + 1][0]:sents[i + 1][1]] if i + 1 < len(sents) else ""
            sent = _Sentence(text, s, e, nxt) if source == "reasoning" else None
            for m in voc.pattern.finditer(text, s, e):
                label = m.lastgroup
                if FACTOR_ORDER_BEFORE.search(text, max(s, m.start() - 8), m.start()):
                    continue
                status = _status(text, sent, m.start(), m.end()) if sent is not None else "claimed"
                who = _subjects(text, s, m.start(), mentions, names) or carried
                if not who and len(names) == 1:
                    who = list(names)
                for name in who or [None]:
                    out.append(Factor(m.group(), m.start(), m.end(), label, status, name, source))
            named = _subjects(text, s, e, mentions, names)
            if named:
                carried = named
    return out


def accepted_labels(factors: list[Factor], name: str, text: str = "") -> list[str]:
    """Labels the court accepts for ``name``, in order of first mention.

    The court's last word on a label decides: 不宜认定为自首 followed later by
    系自首 is accepted, 系自首 followed by 该意见不予采纳 is not. 如实供述 in the
    same sentence as an accepted 自首 is part of the surrender, not a separate
    坦白.

    Examples
    --------
    >>> t = "被告人甲自动投案，如实供述，系自首。被告人甲未如实供述，不构成坦白。"
    >>> accepted_labels(find_factors(t, ["甲"], (0, len(t))), "甲", t)
    ['voluntary_surrender']
    """
    mine = [f for f in factors if f.defendant == name and f.status in ("accepted", "rejected")]
    last: dict[str, str] = {}
    for f in sorted(mine, key=lambda f: f.start):
        last[f.label] = f.status
    # Two positions are in one sentence when no sentence end lies between them,
    # i.e. when as many sentence ends come before each.
    lo, hi = (min(f.start for f in mine), max(f.start for f in mine)) if mine else (0, 0)
    ends = [m.start() for m in FACTOR_SENTENCE_END.finditer(text, lo, hi)]
    surrender_sentences = {bisect_left(ends, f.start) for f in mine
                           if f.status == "accepted" and f.label == "voluntary_surrender"} if text else set()

    out: dict[str, None] = {}
    for f in mine:
        if f.status != "accepted" or last.get(f.label) != "accepted":
            continue
        if f.label == "confession" and bisect_left(ends, f.start) in surrender_sentences:
            continue
        out.setdefault(f.label)
    return list(out)

"""Sentencing factors per defendant, with the court's stance on each.

Phrases come from a vocabulary file (``data/factors.tsv``: label, pattern,
examples), extendable with the user's own. Each match in the court's
reasoning gets a status:

``rejected``
    negated in its clause (不构成自首, 并无立功表现), followed in its sentence by
    a refusal (…的辩护意见不予采纳, …不能成立) or by no leniency (尚不足以从轻处罚,
    不再另行从轻);
``claimed``
    put forward by the defence or prosecution (辩护人提出…, 关于自首的辩护意见) with
    no ruling on it in the sentence or the next one, or found outside the reasoning;
``accepted``
    otherwise: the court states it (系自首, 如实供述, 可以从轻处罚, 不影响自首的成立)
    or adopts the claim (…的辩护意见，本院予以采纳, 本院在量刑时一并考虑).

A ruling reaches back only within its stretch of the sentence: a turn (…不构成自首，
但其如实供述) or a later claim of its own (系主犯，其关于系从犯的辩解不能成立) bounds it.

A factor attaches to the subject before it in its sentence: the nearest name not
in an object position (甲某受乙某指使 / 协助抓获乙某: 甲某), taken back to the first
one named in its clause, with the names joined to it (甲某、乙某); or a group word:
各被告人 (all), 二被告人 / 三人 (all, the people beside a unit, or the last ones
named), 其余被告人 (the rest), 被告单位 (the unit); after 均 / 分别, everyone named
so far; with no subject, the one carried from the previous sentence (其…).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .._frozen import frozen
from ..patterns import (
    FACTOR_ACCEPT,
    FACTOR_AFFIRM_BEFORE,
    FACTOR_CLAIM,
    FACTOR_CLAIM_AFTER,
    FACTOR_CLAIM_END,
    FACTOR_CLAUSE,
    FACTOR_CLAUSE_BACK,
    FACTOR_CORRECTION,
    FACTOR_EACH,
    FACTOR_EARLIER_COURT,
    FACTOR_FULL_STOP,
    FACTOR_JOIN,
    FACTOR_NEG_BEFORE,
    FACTOR_NEXT_RULING,
    FACTOR_NO_LENIENCY,
    FACTOR_NOT_NEG,
    FACTOR_OBJECT,
    FACTOR_OMITTED_BEFORE,
    FACTOR_ORDER_BEFORE,
    FACTOR_QUOTED,
    FACTOR_REJECT,
    FACTOR_REST_BEFORE,
    FACTOR_ROLE,
    FACTOR_SENTENCE_END,
    FACTOR_SUBJECT,
    FACTOR_TITLE,
    FACTOR_TURN,
    UNIT_WORDS,
    compile_fast,
    last_match,
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


@frozen
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
        #: One alternation, a named group per label (``m.lastgroup`` is the label).
        self.source = "|".join(f"(?P<{label}>{'|'.join(f'(?:{p})' for p in pats)})" for label, pats in parts.items())
        self.pattern = compile_fast(self.source)


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

    def __init__(self, text: str, s: int, e: int, next_bounds: tuple[int, int] = (0, 0), hi: int | None = None):
        self.text, self.s, self.e, self.hi = text, s, e, len(text) if hi is None else hi
        self.rejects = list(FACTOR_REJECT.finditer(text, s, e))
        self.accepts = list(FACTOR_ACCEPT.finditer(text, s, e))
        self.reject_starts = [m.start() for m in self.rejects]
        self.accept_starts = [m.start() for m in self.accepts]
        self.claims = [m.start() for m in FACTOR_CLAIM.finditer(text, s, e)]
        claim = FACTOR_CLAIM.match(text, self.claims[0], e) if self.claims else None
        self.first_claim_end = claim.end() if claim else None
        self.turns = [m.start() for m in FACTOR_TURN.finditer(text, s, e)]
        self.no_leniency = [m.start() for m in FACTOR_NO_LENIENCY.finditer(text, s, e)]
        self.ruling_starts = sorted(self.reject_starts + self.accept_starts)
        self.next_bounds = next_bounds

    # The rest is read when first asked: most phrases are settled without it.
    @cached_property
    def commas(self) -> list[int]:
        return [m.start() for m in FACTOR_CLAUSE.finditer(self.text, self.s, self.e)]

    @cached_property
    def earlier(self) -> list[int]:
        """Where the earlier court is the subject (原判…)."""
        return [m.start() for m in FACTOR_EARLIER_COURT.finditer(self.text, self.s, self.e)]

    @cached_property
    def rest(self) -> set[int]:
        """The refusals of the rest (其余辩护意见不予采纳)."""
        text, s = self.text, self.s
        return {m.start() for m in self.rejects if FACTOR_REST_BEFORE.search(text, max(s, m.start() - 12), m.start())}

    @cached_property
    def next_sent(self) -> str:
        """The next sentence of the region ("" for none)."""
        return self.text[self.next_bounds[0]:self.next_bounds[1]]

    @cached_property
    def next_is_ruling(self) -> bool:
        """Whether the next sentence opens with the court's ruling on a claim (经查…, 该意见…)."""
        return FACTOR_NEXT_RULING.match(self.next_sent) is not None

    def next_rulings(self):
        """The last refusal and the last acceptance in the next sentence (read when needed)."""
        return last_match(FACTOR_REJECT, self.next_sent), last_match(FACTOR_ACCEPT, self.next_sent)

    def run_on_rulings(self):
        """After a ；, the rest of the full sentence (辩护人关于甲某系自首；积极退赔…的意见，予以采信):
        its last refusal and acceptance after the claim's end (…的意见), unless another claim
        opens before that end (至于其辩解称…). (Read when needed, bounded: a claim does not run
        on for more than a few clauses.)"""
        text, e = self.text, self.e
        if not text.startswith(("；", ";"), e - 1):
            return None, None
        full = FACTOR_FULL_STOP.search(text, e, min(self.hi, e + 300))
        stop = full.end() if full else min(self.hi, e + 300)
        close = FACTOR_CLAIM_END.search(text, e, stop)
        if close is None or FACTOR_CLAIM.search(text, e, close.start()) is not None:
            return None, None
        return last_match(FACTOR_REJECT, text, close.end(), stop), last_match(FACTOR_ACCEPT, text, close.end(), stop)

    def after(self, matches: list, pos: int, end: int | None = None):
        """First and last of ``matches`` (``self.rejects``/``self.accepts``) starting in ``[pos, end)``."""
        starts = self.reject_starts if matches is self.rejects else self.accept_starts
        i = bisect_left(starts, pos)
        j = len(matches) if end is None else bisect_left(starts, end)
        return (matches[i], matches[j - 1]) if i < j else (None, None)

    def later_claim(self, pos: int) -> int | None:
        """Start of the first claim after ``pos`` that opens a clause of its own (…，其上诉称…)."""
        i = bisect_left(self.claims, pos)
        if i == len(self.claims):
            return None
        j = bisect_left(self.commas, pos)
        return self.claims[i] if j < len(self.commas) and self.commas[j] < self.claims[i] else None

    def has_accept(self, a: int, b: int) -> bool:
        """Whether an acceptance starts in ``[a, b)``."""
        starts = self.accept_starts
        i = bisect_left(starts, a)
        return i < len(starts) and starts[i] < b

    def has_ruling(self, a: int, b: int) -> bool:
        """Whether a refusal or an acceptance starts in ``[a, b)``."""
        i = bisect_left(self.ruling_starts, a)
        return i < len(self.ruling_starts) and self.ruling_starts[i] < b

    def part(self, a: int, b: int) -> tuple[int, int]:
        """The stretch between the turns (，但 / ，然而) around ``text[a:b]``."""
        i = bisect_right(self.turns, a)
        return (self.turns[i - 1] if i else self.s), (self.turns[i] if i < len(self.turns) else self.e)


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    """Where the sentences of ``text[lo:hi]`` end (after the mark), none inside a quotation."""
    quoted = [m.span() for m in FACTOR_QUOTED.finditer(text, lo, hi)]
    if not quoted:
        return [m.end() for m in FACTOR_SENTENCE_END.finditer(text, lo, hi)]
    starts = [a for a, _ in quoted]
    out = []
    for m in FACTOR_SENTENCE_END.finditer(text, lo, hi):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or quoted[i][1] <= m.start():
            out.append(m.end())
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


#: A claim of one refused is the court's finding of the other (所提系从犯的意见…系主犯…不予采纳).
OPPOSITE = {"principal": "accessory", "accessory": "principal"}


def _clause_before(text: str, sent: _Sentence, m_start: int) -> str:
    back = FACTOR_CLAUSE_BACK.search(text, sent.s, m_start)
    return text[back.end() if back else sent.s:m_start]


def _negated(before: str) -> bool:
    return FACTOR_NEG_BEFORE.search(before) is not None and not FACTOR_NOT_NEG.search(before)


def _status(text: str, sent: _Sentence, m_start: int, m_end: int) -> str:
    before = _clause_before(text, sent, m_start)
    if _negated(before):
        # 原判…未认定自首，量刑偏重: the earlier court's omission, corrected here, is no
        # refusal (but 原判未认定其坦白并无不当 is).
        if not (bisect_left(sent.earlier, m_start) and FACTOR_OMITTED_BEFORE.search(before)):
            return "rejected"
        return "claimed" if FACTOR_CORRECTION.search(text, m_end, sent.e) else "rejected"
    # 其辩解不影响自首的成立 / 不影响其主犯地位的认定: the court affirms it.
    if FACTOR_AFFIRM_BEFORE.search(before):
        return "accepted"
    # A turn (…不构成自首，该意见不予采纳，但其如实供述…) bounds the rulings: those
    # before it do not reach a phrase after it, those after it reach back only
    # when the phrase has no ruling of its own before the turn.
    p_lo, p_hi = sent.part(m_start, m_end)
    scope = p_hi if sent.has_ruling(m_end, p_hi) else None
    # …and so does a later claim: 原判认定其为主犯并无不当，其上诉称…不予采纳.
    later = sent.later_claim(m_end)
    if later is not None and sent.has_ruling(m_end, later):
        scope = min(scope or sent.e, later)
    claimed = (sent.first_claim_end is not None and sent.first_claim_end <= m_start
               and (sent.first_claim_end >= p_lo or not sent.has_ruling(sent.first_claim_end, p_lo))
               # 关于自首的辩护意见 / 所提初犯的意见: the topic of a claim
               or FACTOR_CLAIM_AFTER.match(text, m_end, sent.e) is not None)
    # The court's conclusion comes last: "经查属实，予以采纳" or "经查，…，该意见不予采纳".
    first_rej, rej = sent.after(sent.rejects, m_end, scope)
    first_acc, acc = sent.after(sent.accepts, m_end, scope)
    if claimed:
        if rej and (acc is None or rej.start() > acc.start()):
            # …予以采纳，其余辩护意见不予采纳: the rest refused, not the claim just accepted.
            return "accepted" if acc is not None and rej.start() in sent.rest else "rejected"
        if acc:
            return "accepted"
        if sent.next_is_ruling:
            nxt_rej, nxt_acc = sent.next_rulings()
            if nxt_rej and (nxt_acc is None or nxt_rej.start() > nxt_acc.start()):
                return "rejected"
            if nxt_acc:
                return "accepted"
        if FACTOR_CLAIM_END.search(text, m_end, sent.e) is None:
            # A claim still open at a ；runs on to its end (…的意见) and the ruling after it.
            run_rej, run_acc = sent.run_on_rulings()
            if run_rej and (run_acc is None or run_rej.start() > run_acc.start()):
                return "rejected"
            if run_acc:
                return "accepted"
        return "claimed"
    # No leniency granted later in the sentence, with no acceptance between:
    # 虽能如实供述，尚不足以从轻处罚 / 所称初犯…已综合考虑，不再另行从轻.
    i = bisect_left(sent.no_leniency, m_end)
    if i < len(sent.no_leniency) and not sent.has_accept(m_end, sent.no_leniency[i]):
        return "rejected"
    # A refusal right after the phrase, before any acceptance: 系自首…不能成立 (but not
    # the refusal of a claim put after it: 系主犯，其关于系从犯的辩解不能成立).
    if first_rej and first_rej.start() - m_end < 20 and (first_acc is None or first_rej.start() < first_acc.start()) \
            and (later is None or later >= first_rej.start()):
        return "rejected"
    return "accepted"


class _Subjects:
    """Who a phrase is about: name mentions and group words (各被告人, 二人, 被告单位) of one region,
    indexed once so that each phrase is resolved by bisection."""

    def __init__(self, text: str, lo: int, hi: int, names: list[str], units: set[str],
                 appellants: set[str] = frozenset()):
        self.text, self.names = text, list(dict.fromkeys(names))
        self.units = [n for n in self.names if n in units]
        self.appellants = [n for n in self.names if n in appellants]
        self.people = [n for n in self.names if n not in units]
        mentions = find_names(text, names, lo, hi)
        starts = {a for a, _, _ in mentions}
        tokens: list[tuple[int, int, str, object]] = [(a, b, "name", n) for a, b, n in mentions]
        covered = [(a, b) for a, b, _ in mentions]
        for m in FACTOR_SUBJECT.finditer(text, lo, hi):
            kind = next(k for k in ("all", "rest", "num", "unit", "appellant") if m.group(k))
            # 被告单位某某公司 / 上诉人甲某: a role word before a name, not a subject of its own.
            if kind in ("unit", "appellant") and (
                    m.end() in starts or (m.end() + 1 in starts and text[m.end()].isspace())):
                continue
            i = bisect_right(covered, (m.start(), hi)) - 1
            if i >= 0 and covered[i][1] > m.start():
                continue
            tokens.append((m.start(), m.end(), kind, _count(m.group("n")) if kind == "num" else None))
        tokens.sort()
        self.tokens = tokens
        self.starts = [t[0] for t in tokens]
        self.each = [m.start() for m in FACTOR_EACH.finditer(text, lo, hi)]
        self.clauses = [m.start() for m in FACTOR_CLAUSE.finditer(text, lo, hi)]
        self.lo = lo
        self._subject: list[int | None] = [None] * len(tokens)

    def subject(self, k: int) -> int:
        """The nearest token at or before ``k`` not in an object position (-1: none);
        worked out when first asked, as most tokens are never asked about."""
        memo, tokens, text = self._subject, self.tokens, self.text
        path = []
        while k >= 0 and memo[k] is None:
            t0 = tokens[k][0]
            if FACTOR_OBJECT.search(text, max(self.lo, t0 - 12), t0) is None:
                memo[k] = k
                break
            path.append(k)
            k -= 1
        found = memo[k] if k >= 0 else -1
        for j in path:
            memo[j] = found
        return found

    def name_at(self, pos: int) -> bool:
        """Whether a defendant's name starts at ``pos`` (or after a role word there)."""
        i = bisect_left(self.starts, pos)
        return i < len(self.tokens) and self.tokens[i][2] == "name" and self.tokens[i][0] - pos <= 5 and \
            FACTOR_ROLE.match(self.text[pos:self.tokens[i][0]]) is not None

    def __call__(self, lo: int, hi: int, carried: list[str], barrier: int = 0) -> list[str]:
        """The defendants a phrase at ``hi`` is about, from the subjects in ``text[lo:hi]``."""
        first = bisect_left(self.starts, lo)
        last = bisect_left(self.starts, hi) - 1
        while last >= first and self.tokens[last][1] > hi:
            last -= 1
        # The subject is the nearest one named, skipping names in an object
        # position (甲某受乙某指使 / 协助抓获乙某 / 向乙某行贿: 甲某).
        k = self.subject(last) if last >= first else -1
        if k < first:
            return []
        text, tokens = self.text, self.tokens
        tok = tokens[k]
        if tok[2] == "name":
            # 均 / 分别 after the names: everyone named so far in the sentence.
            e = bisect_left(self.each, tok[1])
            if e < len(self.each) and self.each[e] < hi:
                # …but not those named as an attribute (在甲某、乙某的共同犯罪中).
                keep: list[int] = []
                attributive = False
                for j in range(k, max(first, k - 24) - 1, -1):
                    if j < k and not FACTOR_JOIN.match(text[tokens[j][1]:tokens[j + 1][0]]):
                        attributive = False
                    if text.startswith("的", tokens[j][1]):
                        attributive = True
                    if self.subject(j) == j and not attributive:
                        keep.append(j)
                out: dict[str, None] = {}
                for j in reversed(keep):
                    for n in self._resolve(j, first, carried):
                        out.setdefault(n)
                return list(out)
        lead = k
        while lead > first and FACTOR_JOIN.match(text[tokens[lead - 1][1]:tokens[lead][0]]):
            lead -= 1
        stop = k + 1
        if tok[2] == "name":
            # The first one named in the clause is its subject (甲某关于…为乙某操作的辩解，
            # 不影响其主犯地位: 甲某), unless a phrase came between (甲某系主犯、乙某系从犯).
            c = bisect_left(self.clauses, tok[0]) - 1
            clause_lo = max(lo, barrier, self.clauses[c] + 1 if c >= 0 else lo)
            j = bisect_left(self.starts, clause_lo, first, lead + 1)
            while j < lead and self.subject(j) != j:
                j += 1
            if j < lead:
                lead, stop = j, j + 1
                while stop <= k and FACTOR_JOIN.match(text[tokens[stop - 1][1]:tokens[stop][0]]):
                    stop += 1
        out: dict[str, None] = {}
        for j in range(lead, stop):
            for n in self._resolve(j, first, carried):
                out.setdefault(n)
        return list(out)

    def _resolve(self, j: int, first: int, carried: list[str]) -> list[str]:
        tok = self.tokens[j]
        kind = tok[2]
        if kind == "name":
            return [tok[3]]
        if kind == "all":
            return self.names
        if kind == "unit":
            return self.units
        if kind == "appellant":
            return self.appellants
        before = [t[3] for t in reversed(self.tokens[max(first, j - 16):j]) if t[2] == "name"]
        if kind == "rest":
            named = set(carried) | set(before)
            rest = [n for n in self.names if n not in named]
            return rest if named and rest else []
        n = tok[3]
        if n == len(self.names):
            return self.names
        if self.units and n == len(self.people):
            return self.people
        # 甲某…，乙某…，二人均…: the last ones named in the sentence.
        named = list(dict.fromkeys(before))[:n or 0]
        if n and len(named) == n:
            return sorted(named, key=self.names.index)
        return carried if n and len(carried) == n else []


def _count(numeral: str | None) -> int | None:
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral)
    return {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}.get(numeral)


def find_factors(text: str, names: list[str], reasoning: tuple[int, int] | None,
                 claims: list[tuple[int, int, str]] = (), vocabulary: FactorVocabulary | None = None,
                 units: set[str] | None = None, earlier: list[tuple[int, int, int]] = (),
                 appellants: set[str] = frozenset()) -> list[Factor]:
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
    units : set of str, optional
        The names that are units (被告单位); by default those that look like one (…公司).
    appellants : set of str, optional
        The names of the appellants (上诉人), whom a bare 上诉人 means.
    earlier : list of (start, end, first)
        Passages of an appeal ruling that endorse the earlier court's findings (原判已考虑其
        如实供述的情节), read like the reasoning from ``first`` on, source ``"earlier"``;
        ``text[start:first]`` only says whom they are about.

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
    if units is None:
        units = {n for n in names if UNIT_WORDS.search(n)}
    out: list[Factor] = []
    regions = ([(a, b, "earlier", first) for a, b, first in earlier]
               + ([(reasoning[0], reasoning[1], "reasoning", reasoning[0])] if reasoning else [])
               + [(a, b, source, a) for a, b, source in claims])
    for lo, hi, source, first in regions:
        sents = []
        start = lo
        for end in _sentence_ends(text, lo, hi):
            sents.append((start, end))
            start = end
        if start < hi:
            sents.append((start, hi))
        # The phrases of each sentence first: most sentences have none, and a
        # region without any needs neither its subjects nor its rulings indexed.
        hits = [list(voc.pattern.finditer(text, max(s, first), e)) if e > first else [] for s, e in sents]
        last_hit = max((i for i, h in enumerate(hits) if h), default=None)
        if last_hit is None:
            continue
        # 根据《…关于处理自首和立功若干问题的意见》的规定: a title's words are no phrase.
        titles = [m.span() for m in FACTOR_TITLE.finditer(text, lo, sents[last_hit][1])]
        if titles:
            hits = [[m for m in h if not _inside(titles, m.start())] for h in hits]
            last_hit = max((i for i, h in enumerate(hits) if h), default=None)
            if last_hit is None:
                continue
        # Nothing after the last sentence with a phrase is read.
        subjects = _Subjects(text, lo, sents[last_hit][1], names, units, appellants)
        carried: list[str] = list(names) if len(names) == 1 else []
        for i, (s, e) in enumerate(sents[:last_hit + 1]):
            if not hits[i]:
                named = subjects(s, e, carried)
                if named:
                    carried = named
                continue
            nxt = sents[i + 1] if i + 1 < len(sents) else (0, 0)
            sent = _Sentence(text, s, e, nxt, hi) if source in ("reasoning", "earlier") else None
            barrier = s
            refused: set[str] = set()
            for m in hits[i]:
                label = m.lastgroup
                # 责令退赔 / 尚未退赔: an order or a debt, not restitution made.
                if label == "restitution" and FACTOR_ORDER_BEFORE.search(text, max(s, m.start() - 8), m.start()):
                    continue
                # 协助抓获主犯乙某: a title before a name, not a factor.
                if label in ("principal", "accessory") and subjects.name_at(m.end()):
                    continue
                status = _status(text, sent, m.start(), m.end()) if sent is not None else "claimed"
                if status == "rejected" and sent is not None:
                    if OPPOSITE.get(label) in refused and sent.first_claim_end is not None \
                            and sent.first_claim_end <= m.start() \
                            and not _negated(_clause_before(text, sent, m.start())):
                        status = "accepted"
                    elif label in OPPOSITE:
                        refused.add(label)
                who = subjects(s, m.start(), carried, barrier) or carried
                barrier = m.end()
                if not who and len(names) == 1:
                    who = list(names)
                for name in who or [None]:
                    out.append(Factor(m.group(), m.start(), m.end(), label, status, name, source))
            named = subjects(s, e, carried)
            if named:
                carried = named
    return out


def accepted_labels(factors: list[Factor], name: str, text: str = "") -> list[str]:
    """Labels the court accepts for ``name``, in order of first mention.

    The court's last word on a label decides: 不宜认定为自首 followed later by
    系自首 is accepted, 系自首 followed by 该意见不予采纳 is not. 如实供述 in the
    same sentence as an accepted 自首 is part of the surrender, not a separate
    坦白; a sentence that names 坦白 and not 自首 finds no surrender (自动投案，
    但…脱逃，归案后如实供述，系坦白).

    Examples
    --------
    >>> t = "被告人甲自动投案，如实供述，系自首。被告人甲未如实供述，不构成坦白。"
    >>> accepted_labels(find_factors(t, ["甲"], (0, len(t))), "甲", t)
    ['voluntary_surrender']
    """
    mine = [f for f in factors if f.defendant == name and f.status in ("accepted", "rejected")]
    # Two positions are in one sentence when no sentence end lies between them,
    # i.e. when as many sentence ends come before each.
    lo, hi = (min(f.start for f in mine), max(f.start for f in mine)) if mine else (0, 0)
    ends = [e - 1 for e in _sentence_ends(text, lo, hi)] if text else []
    if text:
        # 自动投案，但…脱逃，…如实供述，系坦白: a sentence that names 坦白 and not 自首 finds
        # no surrender in the turning-in it tells.
        named = {(f.label, bisect_left(ends, f.start)) for f in mine if f.status == "accepted"
                 and ("坦白" in f.text or "自首" in f.text)}
        mine = [f for f in mine if not (f.label == "voluntary_surrender" and "自首" not in f.text
                                        and ("confession", bisect_left(ends, f.start)) in named
                                        and ("voluntary_surrender", bisect_left(ends, f.start)) not in named)]
    last: dict[str, str] = {}
    for f in sorted(mine, key=lambda f: f.start):
        last[f.label] = f.status
    surrender_sentences = {bisect_left(ends, f.start) for f in mine
                           if f.status == "accepted" and f.label == "voluntary_surrender"} \
        if text and last.get("voluntary_surrender") == "accepted" else set()

    out: dict[str, None] = {}
    for f in mine:
        if f.status != "accepted" or last.get(f.label) != "accepted":
            continue
        if f.label == "confession" and bisect_left(ends, f.start) in surrender_sentences:
            continue
        out.setdefault(f.label)
    return list(out)

"""Sentences per defendant from the judgment section (判决如下 …).

The decision text is cut into one stretch per defendant (from a mention of the
defendant's name to the next mention of another defendant). In a stretch:

* each count is 犯…罪 followed by its penalty (up to the next 犯…罪); with
  several counts (数罪并罚) the sentence after 决定执行 is the executed one, the
  last one stated when a total comes first (总和刑期…，决定执行…);
* the fine is the executed fine when stated after 决定执行, else the sum of the
  counts' fines;
* clauses that set aside an earlier judgement (撤销…) are skipped, since they
  quote the overturned sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace
from decimal import Decimal
from itertools import groupby

from .._frozen import frozen
from ..numerals import parse_date, parse_int, parse_number
from ..patterns import (
    ACQUITTAL_CONTEXT,
    ANONYMISED_PERSON,
    CHARGE,
    CHARGE_AFTER_NAME,
    CHARGE_MORE,
    CHARGE_NAMED,
    CLAUSE_END,
    CLAUSE_END_CHARS,
    CONFISCATION,
    DURATION,
    EARLIER_SENTENCE,
    EXECUTED,
    FINE,
    FINE_PAYMENT,
    ILLEGAL_GAINS,
    PENALTY,
    PERIOD_OF,
    POLITICAL_RIGHTS,
    PRIOR_SENTENCE,
    PROBATION_WORD,
    REPORTED_ACTOR,
    REPORTED_CHARGE,
    REPORTED_COURT,
    REPORTED_GROUP,
    REPORTED_NOT,
    REPORTED_SAME_CHARGE,
    REPORTED_TERM,
    SET_ASIDE,
    TERM_DATES,
    TERM_DATES_MORE,
    TERM_WORD,
    last_match,
)
from .parties import find_names

__all__ = ["Penalty", "Sentence", "Span", "parse_duration", "parse_money", "find_sentences",
           "find_reported_sentences", "PENALTY_KINDS"]

#: The penalty kinds of the gold format.
PENALTY_KINDS = ("fixed_term", "criminal_detention", "public_surveillance", "life", "death", "death_suspended",
                 "fine_only", "exempt", "acquitted", "unknown")



@frozen
class Span:
    """A piece of text with its offsets and normalised value."""

    text: str
    start: int
    end: int
    value: object = None

    def to_dict(self) -> dict:
        v = self.value.isoformat() if isinstance(self.value, dt.date) else self.value
        return {"text": self.text, "start": self.start, "end": self.end, "value": v}


@frozen
class Penalty:
    """A principal penalty: kind (gold vocabulary) and months for terms."""

    kind: str
    months: int | float | None = None
    text: str = ""
    start: int = -1
    end: int = -1

    def to_gold(self) -> dict:
        return {"kind": self.kind, "months": self.months}


@frozen
class Sentence:
    """What the judgment decides for one defendant."""

    name: str
    charges: tuple[Span, ...] = ()
    penalty: Penalty = field(default_factory=lambda: Penalty("unknown"))
    counts: tuple[tuple[str, Penalty], ...] = ()
    probation: Span | None = None
    fine: Span | None = None
    fines: tuple[Span, ...] = ()
    confiscation: Span | None = None
    illegal_gains: Span | None = None
    political_rights: Span | None = None
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    probation_start: dt.date | None = None
    probation_end: dt.date | None = None

    @property
    def probation_months(self):
        return self.probation.value if self.probation else None

    @property
    def fine_yuan(self):
        return self.fine.value if self.fine else None


def _num(s: str | None) -> Decimal:
    return Decimal(str(parse_number(s))) if s else Decimal(0)


def parse_duration(text: str) -> int | float | None:
    """Months in a term as printed; days count as day/30, rounded to 2 decimals.

    Examples
    --------
    >>> parse_duration("三年六个月"), parse_duration("一年零六个月"), parse_duration("一个月十天")
    (42, 18, 1.33)
    >>> parse_duration("十五日"), parse_duration("2年") , parse_duration("")
    (0.5, 24, None)
    """
    m = DURATION.match(text)
    if m is None or not m.group("duration").strip():
        return None
    try:
        return _months(m)
    except (ValueError, ArithmeticError):  # 十五六个月: a malformed numeral, no term
        return None


def _months(m) -> int | float:
    months = _num(m.group("years")) * 12 + _num(m.group("months"))
    if m.group("days"):
        months += _num(m.group("days")) / 30
    value = round(float(months), 2)
    return int(value) if value == int(value) else value


def _money_or_none(text: str | None):
    """``parse_money`` for matched spans: a malformed amount (OCR'd 1,00元) drops that fact."""
    try:
        return parse_money(text) if text else None
    except (ValueError, ArithmeticError):
        return None


def _amount(m, group: str):
    """The amount of money in ``m``'s ``group``, with any 角 and 分 after 元."""
    value = _money_or_none(m.group(group))
    jiao, fen = m.group("jiao"), m.group("fen")   # FINE, CONFISCATION and ILLEGAL_GAINS all have them
    if value is None or not (jiao or fen):
        return value
    try:
        total = Decimal(repr(value)) + _num(jiao) / 10 + _num(fen) / 100
    except (ValueError, ArithmeticError):
        return value
    return int(total) if total == int(total) else float(total)


def parse_money(text: str) -> int | float:
    """Yuan in an amount as printed (without 元).

    Examples
    --------
    >>> parse_money("二万"), parse_money("1.5万"), parse_money("5,000"), parse_money("壹万")
    (20000, 15000, 5000, 10000)
    """
    return parse_number(text.rstrip(".,，"))


def _duration_at(text: str, pos: int) -> tuple[int | float | None, int]:
    m = DURATION.match(text, pos)
    if m is None or not m.group("duration").strip():
        return None, pos
    return parse_duration(m.group("duration")), m.end("duration")


def _penalty_in(text: str, lo: int, hi: int) -> Penalty | None:
    for m in PENALTY.finditer(text, lo, hi):
        kind = m.lastgroup
        # 管制 and 拘役 are also nouns in other phrases (管制刀具); a term must follow.
        if kind in ("fixed_term", "criminal_detention", "public_surveillance"):
            months, end = _duration_at(text, m.end())
            if months is None:
                continue
            return Penalty(kind, months, text[m.start():end], m.start(), end)
        if kind == "acquitted" and ACQUITTAL_CONTEXT.search(text, max(lo, m.start() - 4), m.end()) is None:
            continue
        return Penalty(kind, None, m.group(), m.start(), m.end())
    return None


def _clauses(text: str, lo: int, hi: int):
    start = lo
    for m in CLAUSE_END.finditer(text, lo, hi):
        yield start, m.start()
        start = m.end()
    if start < hi:
        yield start, hi


def _this_judgement(text: str, clauses):
    """The clauses without the parts that restate an earlier judgement's sentence.

    In 犯甲罪，判处有期徒刑一年，与前罪未执行的有期徒刑六个月并罚，决定执行… the part from
    与前罪 to 决定执行 names another judgement's crime and term; what follows 决定执行 is this
    document's executed sentence again.
    """
    for a, b in clauses:
        while (earlier := EARLIER_SENTENCE.search(text, a, b)) is not None:
            cut = max(text.rfind("，", a, earlier.start()), text.rfind(",", a, earlier.start()))
            start = cut + 1 if cut >= a else a
            if start > a:
                yield a, start
            ex = EXECUTED.search(text, earlier.end(), b)
            if ex is None:
                a = b
                break
            a = ex.start()
        if a < b:
            yield a, b


def sentence_for(name: str, text: str, stretches: list[tuple[int, int]], floor: int = 0) -> Sentence:
    """Read one defendant's sentence from its stretches of the decision text (which starts at ``floor``)."""
    charges: list[Span] = []
    counts: list[tuple[str, Penalty]] = []
    executed: Penalty | None = None
    fines: list[Span] = []
    executed_fine: Span | None = None
    probation = confiscation = gains = rights = None
    term = probation_dates = None
    unread: list[tuple[int, int]] = []   # clauses that gave no penalty
    for lo, hi in stretches:
        for a, b in _this_judgement(text, _clauses(text, lo, hi)):
            # A stretch may start mid-clause (撤销…判决，即被告人甲犯…): test the whole clause.
            # (Later clauses start right after a clause end.)
            # (Not before the decision: 无前科劣迹…判决如下被告人甲… with no full stop between.)
            head = a
            if a == lo:
                back = max(floor, a - 300)
                head = max(back, max(text.rfind(c, back, a) for c in CLAUSE_END_CHARS) + 1)
            if SET_ASIDE.search(text, head, b) or PRIOR_SENTENCE.search(text, head, b):
                continue
            # 以盗窃罪判处被告人甲…: the crime may be named before the name.
            for c in CHARGE_NAMED.finditer(text, head if a == lo else a, b):
                if not any(s.value == c.group("charge") for s in charges):
                    charges.append(Span(c.group("charge"), c.start("charge"), c.end("charge"), c.group("charge")))
            ex = EXECUTED.search(text, a, b)
            split = ex.start() if ex else b
            # Each count runs from its 犯…罪 (or list 犯甲罪、乙罪) to the next one:
            # 犯甲罪，判处有期徒刑一年，犯乙罪，判处有期徒刑八个月，决定执行… is one clause.
            named: list[tuple[str, int, int]] = []   # (last crime of a list, where it starts, where it ends)
            for c in CHARGE.finditer(text, a, b):
                found = [c]
                while (more := CHARGE_MORE.match(text, found[-1].end(), b)) is not None:
                    found.append(more)
                for f in found:
                    if not any(s.value == f.group("charge") for s in charges):
                        charges.append(Span(f.group("charge"), f.start("charge"), f.end("charge"), f.group("charge")))
                if c.start() < split:
                    named.append((found[-1].group("charge"), c.start(), found[-1].end()))
            n_counts = len(counts)
            if named:
                for k, (crime, _, at) in enumerate(named):
                    pen = _penalty_in(text, at, named[k + 1][1] if k + 1 < len(named) else split)
                    if pen is not None:
                        counts.append((crime, pen))
            else:
                pen = _penalty_in(text, a, split)
                if pen is not None:
                    counts.append((charges[-1].value if charges else "", pen))
            if ex is not None:
                # 总和刑期…，决定执行…: the last executed penalty stated is the one served.
                for e in EXECUTED.finditer(text, ex.start(), b):
                    executed = _penalty_in(text, e.end(), b) or executed
            elif len(counts) == n_counts:
                unread.append((a, b))
            for f in FINE.finditer(text, a, b):
                value = _amount(f, "amount")
                if value is None:
                    continue
                span = Span(f.group(), f.start(), f.end(), value)
                if (FINE_PAYMENT.match(text, f.end()) and "罪" not in text[a:f.start()]
                        and TERM_WORD.search(text, a, f.start()) is None
                        and any(g.value == value for g in (*fines, executed_fine) if g is not None)):
                    continue   # （…。罚金人民币二千元已于庭前缴纳）: the fine imposed, restated in a note of its own
                if ex is not None and f.start() > ex.start():
                    executed_fine = span
                else:
                    fines.append(span)
            # The first 缓刑 with a term (宣告缓刑，缓刑考验期限五年: the second).
            for p in (PROBATION_WORD.finditer(text, a, b) if probation is None else ()):
                months, end = _duration_at(text, p.end())
                if months is not None:
                    probation = Span(text[p.start():end], p.start(), end, months)
                    break
            c = CONFISCATION.search(text, a, b)
            if c and confiscation is None:
                amount = _amount(c, "amount") if c.group("amount") else "all"
                confiscation = Span(c.group(), c.start(), c.end(), amount)
            g = ILLEGAL_GAINS.search(text, a, b)
            if g and gains is None:
                gains = Span(g.group(), g.start(), g.end(), _amount(g, "amount" if g.group("amount") else "amount2"))
            r = POLITICAL_RIGHTS.search(text, a, b)
            if r and rights is None:
                val = "life" if r.group("life") else parse_duration(r.group("duration") or "")
                rights = Span(r.group(), r.start(), r.end(), val)
            t = TERM_DATES.search(text, a, b) if term is None or probation_dates is None else None
            if t is not None:
                period = _period(text, t)
                if _period_of(text, max(lo, t.start() - 120), t.start()) == "probation":
                    probation_dates = probation_dates or period
                else:
                    term = term or period
    if not charges:
        # 被告人甲滥伐林木罪，判处… (犯 left out): the crime right after the name.
        for lo, hi in stretches:
            c = CHARGE_AFTER_NAME.match(text, lo + len(name), hi) if text.startswith(name, lo) else None
            if c is not None:
                charges.append(Span(c.group("charge"), c.start("charge"), c.end("charge"), c.group("charge")))
                break
    penalty = executed or (counts[0][1] if counts else None)
    fine = executed_fine
    if fine is None and fines:
        total = sum(Decimal(repr(f.value)) if isinstance(f.value, float) else Decimal(f.value) for f in fines)
        value = int(total) if total == int(total) else float(total)
        fine = fines[0] if len(fines) == 1 else Span(text[fines[0].start:fines[-1].end], fines[0].start, fines[-1].end, value)
    if penalty is None:
        # A term printed but not readable (有期徒刑五个个月) is not a fine alone, nor is a fine
        # beside 单处剥夺政治权利 (the gold vocabulary has no kind for it: unknown, with the rights).
        fine_only = (fine is not None and charges and rights is None
                     and not any(TERM_WORD.search(text, a, b) for a, b in unread))
        penalty = Penalty("fine_only") if fine_only else Penalty("unknown")
    if penalty.kind == "acquitted":
        charges = []
    return Sentence(name, tuple(charges), penalty, tuple(counts), probation, fine, tuple(fines),
                    confiscation, gains, rights, *(term or (None, None)), *(probation_dates or (None, None)))


def _period(text: str, t) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of the dates matched by ``t``, ending with any part after it (…，又自…起至…止)."""
    start, end = t.group("start"), t.group("end")
    while (more := TERM_DATES_MORE.match(text, t.end())) is not None:
        t = TERM_DATES.match(text, more.end())
        if t is None:
            break
        end = t.group("end")
    return _safe_date(start), _safe_date(end)


def _period_of(text: str, lo: int, hi: int) -> str | None:
    """``"probation"`` or ``"term"``: the nearest of 考验期 / 刑期 before a period of dates."""
    m = last_match(PERIOD_OF, text, lo, hi)
    return m.lastgroup if m else None


def _safe_date(s: str) -> dt.date | None:
    try:
        return parse_date(s)
    except ValueError:
        return None


def find_sentences(text: str, names: list[str], lo: int, hi: int) -> dict[str, Sentence]:
    """Sentences of the named defendants in the decision ``text[lo:hi]``.

    Examples
    --------
    >>> t = ("判决如下：一、被告人甲某犯盗窃罪，判处有期徒刑一年六个月，并处罚金人民币五千元；"
    ...      "犯诈骗罪，判处有期徒刑二年，并处罚金1万元，决定执行有期徒刑三年，并处罚金人民币1.5万元。"
    ...      "二、被告人乙某犯盗窃罪，判处拘役四个月，缓刑六个月，并处罚金人民币二千元。")
    >>> s = find_sentences(t, ["甲某", "乙某"], 0, len(t))
    >>> s["甲某"].penalty.to_gold(), s["甲某"].fine_yuan, [c.value for c in s["甲某"].charges]
    ({'kind': 'fixed_term', 'months': 36}, 15000, ['盗窃罪', '诈骗罪'])
    >>> s["乙某"].penalty.to_gold(), s["乙某"].probation_months, s["乙某"].fine_yuan
    ({'kind': 'criminal_detention', 'months': 4}, 6, 2000)
    """
    if not names:
        return {}
    mentions = [(a - lo, n) for a, _, n in find_names(text, names, lo, hi)]
    stretches: dict[str, list[tuple[int, int]]] = {n: [] for n in names}
    # Consecutive mentions of the same name belong to one stretch, which runs
    # to the next mention of another name.
    runs = [(name, next(group)[0]) for name, group in groupby(mentions, key=lambda m: m[1])]
    for (name, pos), nxt in zip(runs, runs[1:] + [(None, hi - lo)]):
        stretches[name].append((lo + pos, lo + nxt[1]))
    # A list of several names (甲、乙犯…罪) shares the stretch that follows it.
    shared = _shared_lists(text, lo, hi, mentions)
    for name, spans in shared.items():
        stretches[name].extend(spans)
    return {n: sentence_for(n, text, sorted(set(stretches[n])), lo) for n in names}


def _shared_lists(text, lo, hi, mentions):
    """被告人甲、乙犯…罪，均判处…: give each listed name the stretch after the list."""
    out: dict[str, list[tuple[int, int]]] = {}
    i = 0
    while i < len(mentions):
        j = i
        while (j + 1 < len(mentions)
               and text[lo + mentions[j][0] + len(mentions[j][1]):lo + mentions[j + 1][0]] in ("、", "和", "与", "及", "，被告人", "、被告人")):
            j += 1
        if j > i:
            tail_start = lo + mentions[j][0]
            tail_end = lo + (mentions[j + 1][0] if j + 1 < len(mentions) else hi - lo)
            for k in range(i, j):
                out.setdefault(mentions[k][1], []).append((tail_start, tail_end))
        i = j + 1
    return out


def find_reported_sentences(text: str, names: list[str], lo: int = 0, hi: int | None = None, *,
                            co_sentenced: bool = False) -> dict[str, Sentence]:
    """Sentences of the named defendants as a case report tells them, in a text with no decision.

    Case reports and news accounts say what the court decided in a sentence of their own
    (…法院以诈骗罪判处甲某拘役四个月，并处罚金二千元). Only a sentence with a court's or a
    sentencing word and a penalty counts, and not one where a party's claim comes last before
    the penalty (检察院指控…, 建议判处…), one that states an earlier conviction (因犯…罪被判处,
    曾被…) or terms that are not each one's (分别, 不等, …至…). A sentence that names no
    defendant is read for a lone defendant (据此判处其…), and for each of them when it counts
    them all (对二人各判处…). A court's word reaches the clauses after it to the end of its
    sentence (法院判决：甲某…；乙某…). When several sentences qualify, the last one counts (an
    appeal told after the first instance). With ``co_sentenced``, others the court sentences
    beside a named defendant are returned too (判处甲某…，乙某…). The crime is the one the
    sentence gives (认定甲某构成X罪, 因X罪获刑), the one named last before 犯同一罪名, or the
    one the court gives in the sentence before to no other defendant (将三人的行为定性为X罪。).

    Examples
    --------
    >>> t = "经审理查明：被告人甲某冒充同学借钱。某区法院以诈骗罪判处甲某拘役四个月，并处罚金二千元。"
    >>> s = find_reported_sentences(t, ["甲某"])["甲某"]
    >>> s.penalty.to_gold(), s.fine_yuan, [c.value for c in s.charges]
    ({'kind': 'criminal_detention', 'months': 4}, 2000, ['诈骗罪'])
    """
    hi = len(text) if hi is None else hi
    out: dict[str, Sentence] = {}
    if REPORTED_COURT.search(text, lo, hi) is None:
        return out   # no court's or sentencing word: nothing told
    terms = REPORTED_TERM.search(text, lo, hi) is not None
    start = opened = lo   # opened: where the clause's full sentence starts (； ends no sentence)
    previous = lo         # where the full sentence before it starts
    for end in [m.start() for m in CLAUSE_END.finditer(text, lo, hi)] + [hi]:
        a, b, sentence_start, before = start, end, opened, previous
        start = end + 1
        if not text.startswith(("；", ";"), end):
            previous, opened = opened, start
        pen = PENALTY.search(text, a, b)
        term = _reported_term(text, a, b) if pen is None and terms else None
        if pen is None and term is None:
            continue
        # A court's word reaches the clauses after it to the end of its sentence (法院判决：
        # 甲…；乙…；丙…), unless a party speaks after it (检察院建议：甲…；乙…).
        if REPORTED_COURT.search(text, a, b) is None and not _court_spoke(text, sentence_start, a):
            continue
        if REPORTED_NOT.search(text, a, b) is not None:
            continue
        at = pen.start() if pen is not None else term.start
        # 检察院指控…判处 / 辩护人请求判处… / 请求法院对其免予刑事处罚: not what the court decided.
        clause = _clause_start(text, a, at)
        actors = list(REPORTED_ACTOR.finditer(text, a, at))
        if any(m.lastgroup == "claim" and (m is actors[-1] or m.start() >= clause) for m in actors):
            continue
        named = [n for n in names if n in text[a:b]]
        # Other people named in the sentence (判处甲某有期徒刑四年，乙某有期徒刑二年、缓刑三年,
        # 乙某 no defendant found) end a defendant's stretch too.
        others = {m.group() for m in ANONYMISED_PERSON.finditer(text, a, b)} - set(named)
        others = {o for o in others if not any(o in n or n in o for n in names)}
        group = REPORTED_GROUP.search(text, a, at) if not named and len(names) > 1 else None
        if not named and len(names) == 1:
            # 据此判处其…: the lone defendant's, unless the sentence names someone else (邬某被判处…).
            if others:
                continue
            found = {names[0]: sentence_for(names[0], text, [(a, b)], a)}
        elif group is not None and parse_int(group.group("n")) == len(names):
            # 对二人各判处拘役五个月: each of the defendants, when the count is theirs.
            found = {n: sentence_for(n, text, [(a, b)], a) for n in names}
        else:
            found = find_sentences(text, named + sorted(others), a, b)
            if co_sentenced and named:
                # 判处卜某有期徒刑四年，滕某拘役五个月: sentenced by the court beside a defendant,
                # a co-defendant (a name sentenced in a clause of its own may be another case's).
                names = names + sorted((o for o in others if found[o].penalty.kind not in ("unknown", "acquitted")),
                                       key=lambda o: text.find(o, a, b))
        if term is not None and len(found) == 1:
            # 获刑五年三个月: the term of the one defendant the clause is about.
            ((n, sent),) = found.items()
            if sent.penalty.kind == "unknown":
                found = {n: replace(sent, penalty=term)}
        for n, sent in found.items():
            if n in names and sent.penalty.kind not in ("unknown", "acquitted"):
                if not sent.charges:
                    others_n = [m for m in names if m != n]
                    charges = _reported_charges(text, a, b, n, others_n)
                    if not charges and REPORTED_SAME_CHARGE.search(text, a, b):
                        charges = _last_charge(text, sentence_start, a)   # 乙某犯同一罪名: the crime just named
                    prior = text[before:sentence_start]
                    if not charges and prior and _court_spoke(text, before, sentence_start) \
                            and (n in prior or not any(m in prior for m in others_n)):
                        # 法院将三人的行为定性为X罪。三人均获刑，其中甲某…: the court's crime
                        # in the sentence before, given to no one else.
                        charges = _reported_charges(text, before, sentence_start, n, others_n)
                    sent = replace(sent, charges=charges)
                out[n] = sent
    return out


def _court_spoke(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` has a court's or sentencing word and no party speaking last."""
    if lo >= hi or REPORTED_COURT.search(text, lo, hi) is None:
        return False
    last = last_match(REPORTED_ACTOR, text, lo, hi)
    return last is None or last.lastgroup == "court"


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Where the comma-clause holding ``pos`` starts (its comma), not before ``lo``."""
    return max(text.rfind("，", lo, pos), text.rfind(",", lo, pos), lo)


def _reported_charges(text: str, lo: int, hi: int, name: str, others: list[str]) -> tuple[Span, ...]:
    """The crimes a report's sentence gives for ``name`` (认定三人构成X罪，判处…), see
    ``REPORTED_CHARGE``: not in a party's claim (检察院指控其构成Y罪), nor one given to another
    defendant named before it in its clause (认定乙某构成Y罪)."""
    out: list[Span] = []
    for m in REPORTED_CHARGE.finditer(text, lo, hi):
        before = text[_clause_start(text, lo, m.start()):m.start()]
        if any(x.lastgroup == "claim" for x in REPORTED_ACTOR.finditer(before)):
            continue
        if name not in before and any(o in before for o in others):
            continue
        if not any(c.value == m.group("charge") for c in out):
            out.append(Span(m.group("charge"), m.start("charge"), m.end("charge"), m.group("charge")))
    return tuple(out)


def _last_charge(text: str, lo: int, hi: int) -> tuple[Span, ...]:
    """The last crime named in ``text[lo:hi]`` (犯X罪, 构成X罪), as a one-crime tuple or ``()``."""
    found = [m for m in (last_match(CHARGE, text, lo, hi), last_match(REPORTED_CHARGE, text, lo, hi)) if m]
    if not found:
        return ()
    m = max(found, key=lambda m: m.start("charge"))
    return (Span(m.group("charge"), m.start("charge"), m.end("charge"), m.group("charge")),)


def _reported_term(text: str, lo: int, hi: int) -> Penalty | None:
    """A journalistic term longer than a year (获刑五年三个月) as 有期徒刑, see ``REPORTED_TERM``."""
    for m in REPORTED_TERM.finditer(text, lo, hi):
        months, end = _duration_at(text, m.end())
        if months is not None and months > 12:
            return Penalty("fixed_term", months, text[m.start():end], m.start(), end)
    return None


"""Defendants and their personal attributes, from the parties section.

A defendant entry opens with a role word (被告人, 被告单位, 上诉人（原审被告人）,
原审被告人, 罪犯) followed by the name; the attributes (sex, birth date,
ethnicity, education, occupation, prior punishments, detention) are read from
the text up to the next party entry. People 另案处理 are found in the whole text
and counted apart from the defendants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import field, replace
from functools import lru_cache
from importlib import resources

import regex

from .._frozen import frozen
from ..numerals import parse_date
from ..patterns import (
    ANONYMISED_AFTER,
    ANONYMISED_NAME,
    ANONYMISED_TAIL,
    BIRTH,
    COMPOUND_SURNAMES,
    DATE_MENTION,
    DETENTION,
    EDUCATION,
    ELSEWHERE,
    ELSEWHERE_NOT_A_NAME,
    ELSEWHERE_PREFIX,
    ETHNICITY,
    LIST_JUNK,
    LISTED_NAME,
    NAME_END,
    NAME_GOES_ON_WITH,
    NAME_SEPARATOR,
    NAME_THEN_CHARGE,
    NAME_WITH_ANONYMISED,
    NARRATIVE_NAME,
    NARRATIVE_ROLE,
    NOT_A_NAME,
    NOT_DEFENDANT_ROLE,
    OCCUPATION,
    OCCUPATION_LEAD,
    OTHER_CASE_BEFORE,
    OTHER_PARTY,
    PARTY,
    PRIOR,
    SEX,
    SPACE,
    UNIT_ALIAS,
    UNIT_NAME_END,
    UNIT_NAME_PLAUSIBLE,
    UNIT_WORDS,
)

__all__ = ["Party", "Detention", "find_parties", "find_narrative_parties", "settle", "find_elsewhere", "find_names", "age_at", "unit_name"]



@frozen
class Detention:
    """A step of custody or release in a defendant's entry (刑事拘留, 逮捕, 取保候审, …) and its date.

    ``text`` is the date as printed (2017年6月15日, 同年7月12日, 次日); ``date`` is that
    date resolved against the dates before it in the entry, None when it cannot be.

    Examples
    --------
    >>> p = find_parties("被告人张某，男，1990年5月1日出生。2017年6月14日被抓获，次日被刑事拘留，同月29日被逮捕。")[0]
    >>> [(d.kind, d.text, d.date.isoformat()) for d in p.detention]
    [('抓获', '2017年6月14日', '2017-06-14'), ('刑事拘留', '次日', '2017-06-15'), ('逮捕', '同月29日', '2017-06-29')]
    """

    kind: str
    text: str
    start: int
    end: int
    date: dt.date | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "date": self.date.isoformat() if self.date else None}


#: Detention steps that put a defendant in custody in this case (not bail, surveillance, a
#: surrender or an administrative detention).
CUSTODY_KINDS = frozenset({"刑事拘留", "拘留", "逮捕", "留置", "抓获", "捉获", "羁押"})


@frozen
class Party:
    """A defendant as introduced in the parties section.

    Examples
    --------
    >>> p = find_parties("被告人张某，男，1990年5月1日出生，汉族，初中文化，无业。")[0]
    >>> p.name, p.sex, p.birth_date, p.ethnicity, p.education, p.occupation
    ('张某', '男', datetime.date(1990, 5, 1), '汉族', '初中', '无业')
    """

    text: str
    start: int
    end: int
    name: str
    is_unit: bool
    role: str
    sex: str | None = None
    birth_date: dt.date | None = None
    ethnicity: str | None = None
    education: str | None = None
    occupation: str | None = None
    priors: tuple[str, ...] = ()
    detention: tuple[Detention, ...] = ()
    entry_end: int = field(default=0, repr=False)
    #: Where the last prior punishment in the entry ends: steps before it may belong to it.
    priors_end: int = field(default=0, repr=False)

    @property
    def custody_date(self) -> dt.date | None:
        """The first date of custody in this case (刑事拘留, 拘留, 逮捕, 留置, 抓获, 捉获, 羁押),
        after any prior punishment in the entry."""
        dates = [d.date for d in self.detention if d.kind in CUSTODY_KINDS and d.date and d.start >= self.priors_end]
        return min(dates) if dates else None

    @property
    def arrest_date(self) -> dt.date | None:
        """The date of formal arrest (逮捕) in this case."""
        return next((d.date for d in self.detention if d.kind == "逮捕" and d.date and d.start >= self.priors_end),
                    None)

    def to_dict(self) -> dict:
        return {"name": self.name, "is_unit": self.is_unit, "role": self.role, "start": self.start,
                "end": self.end, "sex": self.sex,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "ethnicity": self.ethnicity, "education": self.education, "occupation": self.occupation,
                "priors": list(self.priors), "detention": [d.to_dict() for d in self.detention],
                **{k: v.isoformat() if v else None
                   for k, v in (("custody_date", self.custody_date), ("arrest_date", self.arrest_date))}}


def _date(s: str) -> dt.date | None:
    try:
        return parse_date(s if "日" in s else s + "1日")
    except (ValueError, KeyError):
        return None


#: What may follow a name in a longer name that is another person (张某 / 张某某, 于某 / 于某2).
NAME_GOES_ON = "某甲乙丙丁0123456789X×*"


def unit_name(name: str, role: str) -> bool:
    """Whether a party of ``role`` called ``name`` is a unit: its role says so (被告单位), or its
    name does and is no anonymised person's (某某科技有限公司, not 王某).

    >>> unit_name("某某科技有限公司", "被告人"), unit_name("王某", "被告人"), unit_name("王某", "被告单位")
    (True, False, True)
    """
    return "单位" in role or (UNIT_WORDS.search(name) is not None and not ANONYMISED_NAME.match(name))


def _clean_name(name: str, is_unit: bool = False) -> str:
    for junk in ("（自报）", "(自报)", "自报", "自称"):
        name = name.replace(junk, "")
    if not is_unit:
        m = NAME_END.search(name)
        if m:
            name = name[:m.start()]
        # 王小明王某甲: a name printed with its anonymised form after it (some dumps keep both)
        m = NAME_WITH_ANONYMISED.match(name.strip())
        if m:
            name = m.group("name")
    return name.strip()


def _plausible(name: str, role: str) -> bool:
    """Person names are short (ethnic names with · excepted); units may be long."""
    if "单位" in role or UNIT_WORDS.search(name):
        return len(name) <= 40
    return len(name) <= (12 if "·" in name else 5)


#: Characters of a defendant's entry read for attributes. The longest entry in 801 real
#: judgements and our corpus is 556 characters; without a bound, text with no structure
#: (a megabyte with one 被告人) would be searched whole for dates of detention.
ENTRY_LIMIT = 2000


def _resolved_dates(entry: str) -> dict[int, dt.date | None]:
    """Each date mentioned in ``entry`` by where it starts, relative ones (同年…, 同月…, 次日,
    当日, and 6月1日 without a year) resolved against the date before; a birth date is no
    reference for the dates after it."""
    out: dict[int, dt.date | None] = {}
    cur: dt.date | None = None
    for m in DATE_MENTION.finditer(entry):
        g = m.groupdict()
        try:
            if g["next"]:
                value = cur + dt.timedelta(days=1) if cur else None
            elif g["same"]:
                value = cur
            elif g["day3"]:
                value = cur.replace(day=int(g["day3"])) if cur else None
            else:
                month, day = (g["month"], g["day"]) if g["month"] else (g["month2"], g["day2"])
                year = int(g["year"]) if g["year"] else cur.year if cur else None
                value = dt.date(year, int(month), int(day)) if year else None
        except ValueError:   # 2月30日: no such day
            value = None
        out[m.start()] = value
        if value is not None and not entry.startswith(("出生", "生"), m.end()):
            cur = value
    return out


def _attributes(entry: str, base: int = 0) -> dict:
    out: dict = {}
    m = SEX.search(entry[:60])
    if m:
        out["sex"] = m.group("sex")
    m = BIRTH.search(entry)
    if m:
        out["birth_date"] = _date(m.group("date") or m.group("date2") or m.group("date3"))
    m = ETHNICITY.search(entry[:120])
    if m:
        out["ethnicity"] = m.group("eth")
    m = EDUCATION.search(entry[:200])
    if m:
        out["education"] = m.group("edu")
    m = OCCUPATION.search(entry[:250])
    if m:
        out["occupation"] = OCCUPATION_LEAD.sub("", m.group("occ")) or m.group("occ")
    priors = list(PRIOR.finditer(entry))
    out["priors"] = tuple(p.group().lstrip("，, ") for p in priors)
    out["priors_end"] = base + priors[-1].end() if priors else 0
    steps = list(DETENTION.finditer(entry))
    if steps:
        out["detention"] = _detention(entry, steps, base)
    return out


def _detention(entry: str, steps: list, base: int) -> tuple[Detention, ...]:
    dates: dict[int, dt.date | None] = {}
    out = []
    for d in steps:
        printed = d.group("date")
        start = d.start("date") + len(printed) - len(printed.lstrip())   # the pattern allows a space first
        try:   # most dates are printed whole: no need to read the entry's other dates
            value = parse_date(printed)
        except ValueError:   # 同年…, 次日, 6月1日 (or no such day): resolved against the dates before
            if not dates:
                dates = _resolved_dates(entry[:steps[-1].end()])
            value = dates.get(start)
        out.append(Detention(d.group("kind"), printed, base + d.start("date"), base + d.end("date"), value))
    return tuple(out)


def find_parties(text: str, lo: int = 0, hi: int | None = None, lists: bool = False,
                 attributes: bool = True) -> list[Party]:
    """The defendants introduced in ``text[lo:hi]``, in order of first appearance.

    Repeated mentions of a name count once; units (被告单位) are marked
    ``is_unit``; legal representatives, guardians and counsel are skipped.
    With ``lists=True`` the names listed after one role word count too
    (指控被告人顾某、刘某犯…), for texts that have no parties paragraph. With
    ``attributes=False`` only names and roles are read (a decision has no attributes).

    Examples
    --------
    >>> ps = find_parties("被告单位某某科技有限公司。诉讼代表人王某。被告人李某某，男。"
    ...                   "上诉人（原审被告人）张3，女。辩护人赵某，律师。")
    >>> [(p.name, p.is_unit) for p in ps]
    [('某某科技有限公司', True), ('李某某', False), ('张3', False)]
    """
    hi = len(text) if hi is None else hi
    found: list[tuple[regex.Match, str, str]] = []   # (match, name, role)
    for m in PARTY.finditer(text, lo, hi):
        before = text[max(lo, m.start() - 8):m.start()]
        if NOT_DEFENDANT_ROLE.search(before[-6:]):
            continue
        unit_role = "单位" in m.group("role")
        raw = m.group("name")
        # 被告单位甲公司犯…罪 / 被告人李某犯伪造公司印章罪: the name ends before the charge,
        # whose words (公司) say nothing of a unit.
        charge = NAME_THEN_CHARGE.search(raw)
        if charge:
            raw = raw[:charge.start()]
        name = _clean_name(raw, unit_role or bool(UNIT_WORDS.search(raw)))
        if not name or NOT_A_NAME.search(name) or len(name) > 30:
            continue
        if not _plausible(name, m.group("role")):
            continue
        found.append((m, name, m.group("role")))
        if lists:
            # Continue only right after the cleaned name: 犯掩饰、隐瞒…罪 lists crimes, not people.
            pos = m.start("name") + m.group("name").find(name) + len(name)
            if (dup := ANONYMISED_AFTER.match(text, pos, hi)) is not None and dup.group("s") == name[0]:
                pos = dup.end()   # 王小明王某甲、…: past the anonymised form printed after the name
            role = m.group("role")
            while (more := LISTED_NAME.match(text, pos, hi)) is not None:
                extra = _clean_name(more.group("name"))
                # 被告单位甲公司、被告人乙某: a role word repeated in the list is the role from there on.
                role = more.group("role") or role
                # A list of defendants ends where anything else is listed: 被告人甲及其辩护人乙、丙
                # and 被告人甲及被害人乙、丙 name no more defendants after 甲.
                if not extra or not _plausible(extra, role) or NOT_A_NAME.search(extra) \
                        or LIST_JUNK.search(extra) or NOT_DEFENDANT_ROLE.search(extra):
                    break
                found.append((more, extra, role))
                pos = more.end()
    # next_other[i]: where the next mention of another name starts.
    next_other = [hi] * len(found)
    for i in range(len(found) - 2, -1, -1):
        nxt_m, nxt_name, _ = found[i + 1]
        next_other[i] = nxt_m.start() if nxt_name != found[i][1] else next_other[i + 1]
    parties: list[Party] = []
    seen: set[str] = set()
    for i, (m, name, role) in enumerate(found):
        # A later mention that runs on from a known name is that defendant again.
        if name in seen or any(name.startswith(s) and name[len(s)] not in NAME_GOES_ON for s in seen):
            continue
        seen.add(name)
        nxt = next_other[i]
        # The entry ends at the next party of any kind (counsel, representative).
        other = OTHER_PARTY.search(text, m.end(), nxt)
        end = other.start() if other else nxt
        role = SPACE.sub("", role or "被告人")
        is_unit = unit_name(name, role)
        attrs = {} if is_unit or not attributes else _attributes(text[m.end():min(end, m.end() + ENTRY_LIMIT)],
                                                                        m.end())
        parties.append(Party(m.group(), m.start(), m.end(), name, is_unit, role, entry_end=end, **attrs))
    return parties


def find_elsewhere(text: str, exclude: set[str] = frozenset()) -> list[tuple[str, int, int]]:
    """People said to be handled in another case (另案处理), not among ``exclude``.

    Examples
    --------
    >>> [n for n, _, _ in find_elsewhere("伙同王某、李某某（均另案处理）盗窃。")]
    ['王某', '李某某']
    >>> [n for n, _, _ in find_elsewhere("被告人指使员工，与李某（另案处理）一起作案。")]
    ['李某']
    >>> [n for n, _, _ in find_elsewhere("被告人纠集何志远、欧某（均另案处理）围殴他人。")]
    ['何志远', '欧某']
    """
    out: dict[str, tuple[int, int]] = {}
    for m in ELSEWHERE.finditer(text):
        names = m.group("names")
        base = m.start("names")
        pos = 0
        for k, part in enumerate(NAME_SEPARATOR.split(names)):
            start = base + names.index(part, pos)
            pos = names.index(part, pos) + len(part)
            # The first item starts where the match could start, which may be inside a
            # word (纠集何志远 gives 集何志远) unless something other than a letter is before it.
            bounded = k > 0 or start == 0 or not _is_han(text[start - 1])
            name = _elsewhere_name(part, bounded)
            if name and name not in exclude and not NOT_A_NAME.search(name) \
                    and not ELSEWHERE_NOT_A_NAME.search(name):
                # The span is the name's: the words removed before it come first.
                out.setdefault(name, (start + len(part) - len(name), start + len(part)))
    return [(n, a, b) for n, (a, b) in out.items()]


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _elsewhere_name(part: str, bounded: bool) -> str | None:
    """The name in one item of a list of co-offenders, or ``None``.

    An anonymised name is the surname and its mark at the item's end (员工蒋某某 →
    蒋某某, 伙同许建某 → 许建某). Any other name starts with a known surname (or 小/老/阿 and one: 小赵), after
    the words that may come before a name (纠集, 经, 出售给). When nothing marks where
    the item starts, the name is its longest ending that starts with a surname (员邵春林
    → 邵春林, 强从卜立 → 卜立); an item with none is not a name (卸设备时, 因打游戏).
    """
    surnames, compound = _surnames()
    tail = ANONYMISED_TAIL.search(part)
    if tail is not None:
        a = tail.start()
        # A given name's first character kept before the mark (许建某, 毛乙某): the surname is
        # the character before when the item or a word before a name starts there (伙同许建某),
        # not when another word ends there (业务主任桓某 is 桓某).
        head = part[:a - 1]
        if a > 0 and tail.group()[0] not in surnames and (
                ELSEWHERE_PREFIX.fullmatch(head) or (not head and (bounded or part[0] in surnames))
                or (tail.group()[0] in "甲乙丙丁" and part[a - 1] in surnames)):  # 车主张甲某
            a -= 1
        return part[a:]

    def starts_with_surname(cand: str) -> bool:
        return len(cand) >= 2 and (cand[:2] in compound or cand[0] in surnames
                                   or (cand[0] in "小老阿" and cand[1] in surnames))

    name = part
    while (prefix := ELSEWHERE_PREFIX.match(name)) is not None and starts_with_surname(name[prefix.end():]):
        name, bounded = name[prefix.end():], True
    if bounded:
        if "·" in name:  # 阿不都·艾力: no surname to look for
            return name if len(name) <= 12 else None
        fits = len(name) <= 3 or (name[:2] in compound and len(name) <= 4)
        return name if fits and starts_with_surname(name) else None
    for n in (4, 3, 2):
        cand = name[-n:]
        if len(cand) == n and (cand[:2] in compound if n == 4 else starts_with_surname(cand)):
            return cand
    return None


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames from ``data/surnames.txt``, compound surnames)."""
    text = resources.files("cjtext").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    words = frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return words, frozenset(COMPOUND_SURNAMES)


def find_narrative_parties(text: str, lo: int = 0, hi: int | None = None,
                           seed: Iterable[Party] = ()) -> list[Party]:
    """Defendants of a text with only a narrative: no parties paragraph, no decision to confirm them.

    After 被告人 a name runs into the next words (被告人王某依法…, 被告人林某淳驾驶…): see
    :func:`settle`. Names listed after the first (被告人甲某、乙某) count too; units
    (被告单位) are read as in a parties section, their names cut after 公司, 厂 and the like;
    a unit's short name (（以下简称甲公司）) is the same unit. ``seed``: defendants already
    found (settled), kept first when a name is found twice. Each name counts once.

    Examples
    --------
    >>> text = "经审理查明，被告人林某淳驾驶小车撞伤行人。被告人王某依法应予处罚，林某淳报警。"
    >>> [p.name for p in find_narrative_parties(text)]
    ['林某淳', '王某']
    """
    hi = len(text) if hi is None else hi
    out: dict[str, Party] = {p.name: p for p in reversed(list(seed))}   # the first of a name wins
    for p in find_parties(text, lo, hi, attributes=False):
        if "单位" in p.role and (q := settle(text, p)) is not None:
            out.setdefault(q.name, q)
    for m in NARRATIVE_ROLE.finditer(text, lo, hi):
        pos = m.end()
        while (name := _settled_name(text, text[pos:min(hi, pos + 12)])) is not None:
            out.setdefault(name, Party(text[m.start():pos + len(name)], m.start(), pos + len(name), name, False,
                                       "被告人"))
            pos += len(name)
            if not text.startswith("、", pos):
                break
            pos += 1
    # 被告单位甲有限公司（以下简称甲公司）: the short name is the same unit.
    units = [p.name for p in out.values() if p.is_unit]
    if not units:
        return sorted(out.values(), key=lambda p: p.start)
    aliases = {m.group("name") for m in UNIT_ALIAS.finditer(text, lo, hi)
               if any(text.startswith(u, m.start() - len(u)) and u != m.group("name") for u in units)}
    # …被告单位甲公司负责人: a known unit's name running into the next words is that unit.
    known = aliases.union(units)
    same = {p.name for p in out.values() if p.is_unit and (
        p.name in aliases or any(p.name != k and p.name.startswith(k) for k in known))}
    return sorted((p for p in out.values() if p.name not in same), key=lambda p: p.start)


def settle(text: str, p: Party) -> Party | None:
    """``p`` with the name its words start with when nothing confirms it, or ``None``.

    A person's name is its anonymised form (王某, 徐1某, 刘×) or, unmarked, two characters
    starting with a known surname, mentioned again; it goes on by one character while every
    one of two or more mentions in ``text`` does (林某 always 林某淳), never with a character
    that starts the next words (王某在…, 王某伙同…). A unit's name ends at 公司, 厂 and the like.
    Another case's defendant (该案主要被告人…, 另案被告人…) is none.
    """
    if OTHER_CASE_BEFORE.search(text, max(0, p.start - 8), p.start):
        return None
    if "单位" in p.role:
        end = UNIT_NAME_END.search(p.name)
        name = p.name[:end.end()] if end else p.name
        if end is None and not UNIT_NAME_PLAUSIBLE.search(name):
            return None   # 用于被告单位使用, 被告单位申请贷款资料: no unit's name
    else:
        name = _settled_name(text, p.name)
    return None if name is None else p if name == p.name else replace(p, name=name, is_unit=unit_name(name, p.role))


def _settled_name(text: str, raw: str) -> str | None:
    m = NARRATIVE_NAME.match(raw)
    if m is None or NOT_A_NAME.search(raw, 0, 4):
        return None
    name = m.group()
    surnames, compound = _surnames()
    if m.group("plain") and ((name[:2] not in compound and name[0] not in surnames) or text.count(name) < 2):
        return None  # 被告人陆续… is no name
    while len(name) < min(len(raw), 4) and NAME_GOES_ON_WITH.match(raw, len(name)):
        longer = name + raw[len(name)]
        mentions = text.count(name)
        if mentions < 2 or mentions != text.count(longer):
            return name
        name = longer
    return name


def age_at(birth: dt.date | None, when: dt.date | None) -> int | None:
    """Whole years between ``birth`` and ``when``.

    >>> age_at(dt.date(1998, 10, 2), dt.date(2016, 10, 1))
    17
    """
    if birth is None or when is None:
        return None
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def find_names(text: str, names, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """Every occurrence of the names in ``text[lo:hi]``, longest name first at a position.

    Plain ``str.find`` rather than a regex alternation: names change with
    every document, and compiling a pattern per document costs more than the search.

    >>> find_names("王某某与王某", ["王某", "王某某"])
    [(0, 3, '王某某'), (4, 6, '王某')]
    """
    hi = len(text) if hi is None else hi
    taken: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    for name in sorted(set(names), key=len, reverse=True):
        if not name:
            continue
        pos = text.find(name, lo, hi)
        while pos != -1:
            if pos not in covered:
                taken.append((pos, pos + len(name), name))
                covered.update(range(pos, pos + len(name)))
            pos = text.find(name, pos + len(name), hi)
    return sorted(taken)

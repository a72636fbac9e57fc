"""Every regular expression cjtext uses, compiled once, built from named fragments.

Patterns are written in verbose mode with named groups. Fragments (Chinese
numerals, brackets, names) are plain strings composed with f-strings so that a
fix to a fragment reaches every pattern that uses it. Patterns run on
*normalised* text (see :mod:`cjtext.normalize`): ASCII digits, one kind of
space, ``\\n`` line breaks; full-width punctuation is kept, so both forms of
brackets and colons are accepted.

Possessive quantifiers (``*+``) and bounded repeats keep the patterns linear on
adversarial input.
"""

from __future__ import annotations

import re
import warnings

import regex

__all__ = [
    "CN_DIGIT", "CN_NUMBER", "NUMBER", "OPEN", "CLOSE", "HAN", "NAME",
    "CASE_NUMBER", "DOC_TYPE", "COURT_BEFORE", "COURT_ANYWHERE", "CN_DATE",
    "SECTION_MARKERS", "SIGNATURE_ROLE", "SENTENCE_END", "PROVINCE_PREFIX",
    "compile_verbose",
]

# ---------------------------------------------------------------------------
# Fragments
# ---------------------------------------------------------------------------
#: One Chinese digit, including financial capitals and the zeros of dates.
CN_DIGIT = "[零〇○ＯO一壹二贰两三叁四肆五伍六陆七柒八捌九玖]"
#: A Chinese numeral with units: 二百八十五, 一千零五十, 两万.
CN_NUMBER = "[零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]++"
#: An Arabic or Chinese number.
NUMBER = rf"(?:[0-9]++(?:\.[0-9]++)?|{CN_NUMBER})"
#: Opening and closing brackets as printed around years in case numbers.
OPEN = r"[（(〔［\[【]"
CLOSE = r"[）)〕］\]】]"
#: A Han character (the ``regex`` module's script property).
HAN = r"\p{Han}"
#: A person's name as printed, including anonymised forms (张某, 张某某, 张3, 张×).
NAME = r"[\p{Han}·•]{1,6}?[0-9×ＸX*＊甲乙丙丁]{0,2}"
#: Characters allowed inside a court name: Han, but never 书/罪/审 (these mark
#: a title such as 张某盗窃一审刑事判决书 printed before the court's name).
_COURT_CHAR = r"[\p{Han}--[书罪审案诉称某]]"
_SP = r"\s?"  # headers are sometimes printed letter-spaced: 刑 事 判 决 书

SENTENCE_END = regex.compile(r"[。；;！？!?\n]")
#: The same, searched backwards: the last sentence end before a position.
SENTENCE_END_BACK = regex.compile(r"[。；;！？!?\n]", regex.REVERSE)


def compile_verbose(pattern: str) -> regex.Pattern:
    """Compile a pattern in verbose mode with the set operations of regex V1."""
    return regex.compile(pattern, regex.VERBOSE | regex.V1)


#: Every pattern made fast by :func:`compile_stdlib` or :class:`Anchored`, by
#: name, with its plain compiled form: the tests check both find the same matches.
FAST_FORMS: dict[str, tuple[object, regex.Pattern]] = {}


#: What ``\s`` means to ``regex``: the Unicode White_Space characters. The
#: stdlib's ``\s`` also takes the separators U+001C-U+001F.
_WHITE_SPACE = "\\t\\n\\x0b\\x0c\\r\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def _regex_spaces(pattern: str, verbose: bool) -> str | None:
    """``pattern`` with ``\\s`` and ``\\S`` spelt out as ``regex`` reads them, or ``None``
    for a ``\\S`` inside a class (a complement there cannot be spelt out)."""
    out: list[str] = []
    i, depth, n = 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            pair = pattern[i:i + 2]
            if pair == "\\s":
                out.append(_WHITE_SPACE if depth else f"[{_WHITE_SPACE}]")
            elif pair == "\\S":
                if depth:
                    return None
                out.append(f"[^{_WHITE_SPACE}]")
            else:
                out.append(pair)
            i += 2
            continue
        if c == "#" and verbose and not depth:  # a comment: its brackets open no class
            j = pattern.find("\n", i)
            j = n if j < 0 else j
            out.append(pattern[i:j])
            i = j
            continue
        if c == "[":
            depth += 1
        elif c == "]" and depth:
            depth -= 1
        out.append(c)
        i += 1
    return "".join(out)


def _stdlib(pattern: str, flags: int = 0, guarded: bool = False) -> re.Pattern | None:
    """``pattern`` compiled with the stdlib ``re`` with the meaning it has for
    ``regex`` V1, or ``None`` when ``re`` does not accept it (``\\p{…}``,
    a variable-width lookbehind, set operations, possessive repeats before 3.11).
    ``guarded`` puts the pattern behind its :func:`guard` when it has one."""
    source = _regex_spaces(pattern, bool(flags & re.VERBOSE))
    if source is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # FutureWarning: a nested set means something else in re
            lookahead = guard(source, flags) if guarded else None
            if lookahead is not None:  # in verbose mode a line break ends a trailing comment
                source = f"{lookahead}(?:{source}{chr(10) if flags & re.VERBOSE else ''})"
            return re.compile(source, flags)
    except (re.error, Warning):
        return None


def compile_stdlib(name: str, pattern: str, verbose: bool = True, guarded: bool = False
                   ) -> re.Pattern | regex.Pattern:
    r""":func:`compile_verbose`, run by the stdlib ``re`` when it accepts the pattern.

    The stdlib engine is 1.5-4x faster than ``regex`` on many of our patterns
    (measured per pattern on real judgements, see docs/performance.md); patterns
    it does not accept stay with ``regex``. ``verbose=False`` compiles a pattern
    written on one line, spaces included. ``guarded=True`` puts the pattern
    behind its :func:`guard`: faster where most positions fail the guard (a
    pattern starting with common characters is slower, as the guard replaces
    the stdlib's own search for a literal prefix). Both forms are registered in
    :data:`FAST_FORMS` under ``name``, so the tests check they find the same
    matches on every document.

    Examples
    --------
    >>> import re
    >>> isinstance(compile_stdlib("doctest: stdlib", r"判处\s?(?P<kind>拘役|管制)"), re.Pattern)
    True
    >>> isinstance(compile_stdlib("doctest: regex", r"[\p{Han}]{2}族"), regex.Pattern)
    True
    >>> del FAST_FORMS["doctest: stdlib"], FAST_FORMS["doctest: regex"]
    """
    plain = compile_verbose(pattern) if verbose else regex.compile(pattern)
    fast = _stdlib(pattern, re.VERBOSE if verbose else 0, guarded) or plain
    FAST_FORMS[name] = (fast, plain)
    return fast


def prefixes(pattern: str, k: int, flags: int = 0) -> frozenset[str] | None:
    """Every string of up to ``k`` characters a match of ``pattern`` can start with.

    A string shorter than ``k`` stands for a match that short (the empty
    string: the pattern can match nothing). Worked out from the stdlib parser's
    tree, so only for patterns the stdlib ``re`` accepts; ``None`` for anything
    it cannot bound (``.``, a negated or very wide class, regex-only syntax such
    as ``\\p{Han}``, case folding) or more than 20,000 strings. The set may
    hold strings no match starts with, never miss one.

    Examples
    --------
    >>> sorted(prefixes("自首|(?:系|属)?未成年|(?<!不)坦白", 2))
    ['坦白', '属未', '未成', '系未', '自首']
    >>> sorted(prefixes("[0-9]{1,2}名", 2))[:3], prefixes("[^。]罪", 2)
    (['00', '01', '02'], None)
    """
    try:
        from re import _constants as C  # noqa: N812 - the stdlib's own short names
        from re import _parser as P  # noqa: N812
    except ImportError:  # Python 3.10 names them sre_constants and sre_parse
        try:
            import sre_constants as C  # noqa: N812
            import sre_parse as P  # noqa: N812
        except ImportError:
            return None

    class Unbounded(Exception):
        pass

    def seq(items, heads: set[str]) -> set[str]:
        """The prefixes after ``items``, from the partial prefixes ``heads``."""
        done = {h for h in heads if len(h) >= k}
        heads = heads - done
        for op, av in items:
            if not heads:
                break
            heads = one(op, av, heads)
            done |= {h for h in heads if len(h) >= k}
            heads = {h for h in heads if len(h) < k}
            if len(done) + len(heads) > 20_000:
                raise Unbounded
        return done | heads

    def one(op, av, heads: set[str]) -> set[str]:
        if op is C.LITERAL:
            return {h + chr(av) for h in heads}
        if op is C.IN:
            chars: set[str] = set()
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a))
                elif o is C.RANGE and a[1] - a[0] < 256:
                    chars.update(chr(c) for c in range(a[0], a[1] + 1))
                else:  # NEGATE, CATEGORY, wide ranges
                    raise Unbounded
            return {h + c for h in heads for c in chars}
        if op is C.SUBPATTERN:
            if av[1] & C.SRE_FLAG_IGNORECASE:  # (?i:…): letters match in either case
                raise Unbounded
            return seq(av[-1], heads)
        if op is C.BRANCH:
            return set().union(*(seq(branch, heads) for branch in av[1]))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op.name == "POSSESSIVE_REPEAT":
            lo, hi, sub = av
            out: set[str] = set()
            last = min(hi, k)  # more than k repeats add no prefix shorter than k
            for i in range(last + 1):
                # The last round keeps what is left even below ``lo``: more strings, never fewer.
                if i >= lo or i == last:
                    out |= heads
                if not heads or i == hi:
                    break
                grown = seq(sub, heads)
                out |= {h for h in grown if len(h) >= k}
                heads = {h for h in grown if len(h) < k}
            return out
        if op.name == "ATOMIC_GROUP":
            return seq(av, heads)
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return heads  # zero-width: the next item decides
        raise Unbounded

    try:
        parsed = P.parse(pattern, flags)
        if parsed.state.flags & C.SRE_FLAG_IGNORECASE:
            return None
        return frozenset(seq(parsed, {""}))
    except Exception:  # unbounded, or a syntax the stdlib parser does not know: no guard, still correct
        return None


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """Every character a match of ``pattern`` can start with, or ``None`` when unknown
    (see :func:`prefixes`; also ``None`` when the pattern can match the empty string).

    Examples
    --------
    >>> first_chars("自首|如实(?:供述|交代)|(?<!不)坦白")
    '坦如自'
    >>> first_chars("[^。]{1,3}罪") is None
    True
    """
    heads = prefixes(pattern, 1, flags)
    if not heads or "" in heads:
        return None
    return "".join(sorted(heads))


def guard(pattern: str, flags: int = 0) -> str | None:
    """A lookahead every match of ``pattern`` passes, testing two characters when it can.

    ``(?=[AB][CD])`` when every match is at least two characters long (AB the
    first characters, CD the second ones), else ``(?=[AB])``, else ``None``
    (see :func:`prefixes`). A class test is cheap; on the factor vocabulary the
    two-character guard lets 2% of the positions of a judgement through
    against 14% for the first character alone, and the scan is 2.4x faster.

    Examples
    --------
    >>> guard("自首|(?<!不)坦白|如实供述")
    '(?=[坦如自][实白首])'
    >>> guard("立功|盲")
    '(?=[盲立])'
    """
    two = prefixes(pattern, 2, flags)
    if two and all(len(h) == 2 for h in two):
        firsts = "".join(sorted({h[0] for h in two}))
        seconds = "".join(sorted({h[1] for h in two}))
        return f"(?=[{_class_escape(firsts)}][{_class_escape(seconds)}])"
    first = first_chars(pattern, flags)
    return f"(?=[{_class_escape(first)}])" if first else None


def _class_escape(chars: str) -> str:
    # Only these mean something inside a class.
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


def compile_fast(pattern: str) -> re.Pattern | regex.Pattern:
    """Compile a vocabulary of alternatives for speed, with the same matches.

    The stdlib ``re`` behind a :func:`guard` scans an alternation of phrases
    5-7x faster than ``regex``; patterns ``re`` does not accept or cannot guard
    (regex-only syntax, a nested set, an unbounded first character) are
    compiled with ``regex`` (V1) as they are.

    Examples
    --------
    >>> import re
    >>> isinstance(compile_fast("自首|坦白"), re.Pattern)
    True
    >>> isinstance(compile_fast(r"[\\p{Han}]{2}族"), regex.Pattern)
    True
    """
    lookahead = guard(pattern)
    if lookahead is not None:
        fast = _stdlib(f"{lookahead}(?:{pattern})")
        if fast is not None:
            return fast
    return regex.compile(pattern, regex.V1)


def last_match(pattern, text: str, pos: int = 0, endpos: int | None = None):
    """The last of ``pattern``'s matches in ``text[pos:endpos]``, or ``None``.

    Examples
    --------
    >>> last_match(compile_fast("甲|乙"), "甲乙甲丙").start()
    2
    """
    m = None
    for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos):
        pass
    return m


class Anchored:
    r"""A pattern searched for only near a text every match contains.

    Some patterns can start almost anywhere (a court name is any run of Han
    characters), so the engine attempts a match at every position. Every match
    of such a pattern contains one of a few rare strings (the ``anchor``) that
    starts no more than ``reach`` characters after the match starts, and the
    match, with anything its lookaheads read, ends no more than ``tail``
    characters after the anchor starts. So matches start only in
    ``[a - reach, a]`` for some anchor ``a`` and end before ``a + tail``: the
    pattern is searched in those windows only, anchors closer together than
    ``reach + tail`` sharing one window, and finds exactly what a search of the
    whole text finds (lookbehinds still see the text before a window).

    The pattern must not use assertions that succeed at the end of the text
    (``$``, ``\Z``, ``\b``, a negative lookahead) at its end: the end of a
    window would satisfy them where the text goes on.

    Parameters
    ----------
    pattern : str
        The pattern, compiled with :func:`compile_verbose`.
    anchor : str
        A pattern for the strings every match contains.
    reach : int
        An upper bound on the distance from a match's start to its anchor.
    tail : int
        An upper bound on the distance from the anchor's start to the end of
        the match and of its lookaheads.
    stop : str, optional
        A character class (``[^…]`` included) of characters no match contains.
    name : str, optional
        Registers the pattern in :data:`FAST_FORMS` under this name.

    Examples
    --------
    >>> p = Anchored(r"[\p{Han}]{1,10}?人民法院认定", "人民法院认定", 10, 6)
    >>> p.search("经查，某某县人民法院认定").span()
    (3, 12)
    >>> [m.group() for m in p.finditer("甲县人民法院认定，乙县人民法院认定")]
    ['甲县人民法院认定', '乙县人民法院认定']
    """

    def __init__(self, pattern: str, anchor: str, reach: int, tail: int, stop: str | None = None,
                 name: str | None = None):
        # On the stdlib re when it accepts them (see compile_stdlib).
        self.pattern = _stdlib(pattern, re.VERBOSE) or compile_verbose(pattern)
        self.anchor = _stdlib(anchor, re.VERBOSE) or compile_verbose(anchor)
        self.reach, self.tail = reach, tail
        # Searched right to left: the last stop character before the anchor.
        self.stop = regex.compile(f"(?r){stop}", regex.V1) if stop else None
        if name:
            FAST_FORMS[name] = (self, compile_verbose(pattern))

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        reach, tail, anchor = self.reach, self.tail, self.anchor
        a = anchor.search(text, pos, endpos)
        while a is not None:
            lo = hi = a.start()
            # Later anchors close enough may belong to a match starting by ``hi``.
            a = anchor.search(text, hi + 1, endpos)
            while a is not None and a.start() <= hi + reach + tail:
                hi = a.start()
                a = anchor.search(text, hi + 1, endpos)
            start = max(pos, lo - reach)
            if self.stop is not None:
                # A match starting before a stop character would contain it.
                last = self.stop.search(text, start, lo)
                if last is not None:
                    start = last.end()
            m = self.pattern.search(text, start, min(endpos, hi + tail))
            if m is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        while pos <= endpos:
            m = self.search(text, pos, endpos)
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1


# ---------------------------------------------------------------------------
# Header: case number, document type, court
# ---------------------------------------------------------------------------
#: Case numbers in the 2016 format （2017）浙0683刑初811号 and the older
#: （2014）犍为刑初字第70号, （2012）深中法刑一终字第866号, （2014）中一法知刑初字第26号.
CASE_NUMBER = compile_verbose(
    rf"""
    (?P<case_number>
      {OPEN}\s?(?P<year>(?:19|20)[0-9]{{2}})\s?{CLOSE}\s?
      (?P<court_code>[\p{{Han}}0-9]{{0,12}}?)
      (?P<division>[少知未])?
      (?P<case_type>刑[一二三四五六七]?(?:再初|再终|初|终|更|再|申|核|复|监|医|没|他|辖|止|请|执|重|提|赔|抗))
      (?:字)?\s?(?:第)?\s?
      (?P<serial>[0-9]{{1,6}}(?:[-－之][0-9]{{1,3}})?)\s?号
    )
    """
)

#: The document type as printed in the header, possibly letter-spaced.
DOC_TYPE = compile_verbose(
    rf"""
    (?P<doc_type>
      (?:刑{_SP}事{_SP}(?:附{_SP}带{_SP}民{_SP}事{_SP})?)?
      (?:判{_SP}决|裁{_SP}定|决{_SP}定|调{_SP}解|通{_SP}知)
      {_SP}书
    )
    """
)

#: A court name ending right before a position (apply to the text before the
#: document type or case number).
COURT_BEFORE = compile_verbose(
    rf"""
    (?P<court>{_COURT_CHAR}{{2,40}}?(?:人民法院|法院|人民法庭|法庭))\s*$
    """
)
#: A court name anywhere (fallback when the header has no case number).
COURT_ANYWHERE = compile_verbose(
    rf"""
    (?P<court>{_COURT_CHAR}{{2,40}}?(?:人民法院|铁路运输法院|海事法院|军事法院|知识产权法院|互联网法院|金融法院))
    """
)

#: A date in Chinese or Arabic numerals: 二〇一六年十月二十一日, 2016年10月21日, 二〇一三年元月五日.
CN_DATE = compile_verbose(
    r"""
    (?P<date>
      (?P<year>[0-9零〇○ＯOo一二三四五六七八九]{4})\s?年\s?
      (?P<month>[0-9]{1,2}|[一二三四五六七八九十]{1,2}|元)\s?月\s?
      (?P<day>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s?日
    )
    """
)

#: Province-level names at the start of a court name.
PROVINCE_PREFIX = compile_stdlib(
    "PROVINCE_PREFIX",
    r"""
    ^(?P<province>北京市?|天津市?|上海市?|重庆市?|河北省?|山西省?|辽宁省?|吉林省?|黑龙江省?|江苏省?
     |浙江省?|安徽省?|福建省?|江西省?|山东省?|河南省?|湖北省?|湖南省?|广东省?|海南省?|四川省?
     |贵州省?|云南省?|陕西省?|甘肃省?|青海省?|内蒙古(?:自治区)?|广西(?:壮族自治区)?
     |西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆维吾尔自治区|新疆生产建设兵团|新疆)
    """
)

# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------
# "Not in mid-sentence": most markers must not follow a comma. Texts flattened
# without any separator (…审理终结经审理查明…) still match.
_NOT_MID = r"(?<![，,、“\"])"
_PARTY = r"(?:被告人|上诉人|原审被告人|被告单位|罪犯|申诉人|自诉人)"
# A name, or names joined with their role words (被告单位及被告人甲某、乙某). A role
# word only after a joiner: otherwise each of a long run of role words
# (被告人被告人…) would be tried with every length up to the limit.
_NAMEISH = rf"(?:[、及和与]{_PARTY}|(?!被告|上诉人|罪犯)[^，。；：:,\s]){{1,12}}?"

#: Start markers of sections, searched in order by :mod:`cjtext.sections`.
SECTION_MARKERS: dict[str, re.Pattern | regex.Pattern | Anchored] = {
    # The procedure paragraph: the sentence that brings the case to this court.
    "procedure": compile_verbose(
        r"""
        起诉书 | 提起公诉 | 提起自诉 | 自诉人[^。]{0,60}?(?:控诉|起诉|自诉) | 提出上诉 | 提起上诉 | 提出抗诉 | 提起抗诉
        | 不服[^。]{0,80}?(?:判决|裁定)
        | (?:减刑|假释)建议 | 提请[^。]{0,20}?(?:减刑|假释) | 报请[^。]{0,30}?(?:核准|复核)
        | 申请再审 | 提出申诉 | 决定再审 | 另行组成合议庭 | 发回重审 | 移送[^。]{0,10}?审查起诉
        """
    ),
    "procedure_end": compile_verbose(
        r"""(?:现已|已经|现|本案现已|已)?(?:审理|审查)(?:终结|完毕) [。.]? | 现已审结[。]?"""
    ),
    "prosecution": compile_verbose(
        rf"""
        {_NOT_MID}
        (?:
          (?:公诉机关|检察机关|公诉人|起诉书|抗诉机关|{_COURT_CHAR}{{0,30}}?人民检察院)
            (?:起诉书?|当庭|在起诉书中|以起诉书)?\s?(?:指控|起诉指控|指认|认为)(?:称|如下|[:：，,])?
          | 自诉人[^，。；：:,\s]{{1,40}}?(?:诉称|控诉|起诉称|指控)
        )
        """
    ),
    # A court's name can start at any Han character: searched near its ending.
    "original_judgement": Anchored(
        rf"""
        (?<![，,、“"：:])
        (?:原审(?:法院)?|原判(?:决)?|一审(?:法院|判决)?|{_COURT_CHAR}{{2,30}}?人民法院)
        (?:经审理|审理)?(?:查明|认定|确认)
        """,
        r"(?:原审|原判|一审|人民法院)(?:法院|决|判决)?(?:经审理|审理)?(?:查明|认定|确认)",
        34,
        16,
        name="SECTION_MARKERS.original_judgement",
    ),
    "defence": compile_stdlib(
        "SECTION_MARKERS.defence",
        rf"""
        {_NOT_MID}
        (?:
          {_PARTY}{_NAMEISH}
            (?:(?:及其|和|与)(?:辩护人|委托)[^。]{{0,20}}?)?
            (?:对(?:公诉机关|起诉书|检察机关|指控|上述|前述|本案)
              |辩称|辩解|当庭(?:自愿)?认罪|(?:上诉|申诉)(?:称|提出|理由|请求|的理由)|提出(?:的)?(?:辩解|上诉|申诉)|认罪认罚|
              (?:当庭|在庭审中|庭审中)?(?:表示|自愿)?(?:认罪|供认|无异议|没有异议))
          | (?:其|二审|一审|指定)?辩护人(?:{_NAMEISH})?(?:提出|认为|辩护|发表|称|对|的辩护意见|意见)
          | (?:辩护|辩解)意见(?:为|是|如下|认为)
        )
        """,
        guarded=True,
    ),
    "facts": Anchored(
        r"""
        (?<![，,、])
        (?<!原审法院|原审|原判|一审法院|一审|原审法院经|一审法院经|原审经|原判经|一审经)
        (?:
          (?:本院|经|法院)?(?:依法)?(?:公开)?(?:开庭)?(?:二审)?(?:审理|审查)(?:[，,]\s?)?(?:本院)?查明
          | (?:经审理|经审查)[，,]?\s?(?:本院)?(?:认定|确认)
          | (?:本院)?(?:审理|二审|经审理)?认定(?:的)?(?:案件|本案)?事实(?:如下|是)
          | 本院(?:二审)?(?:另)?查明
          | (?:本院)?(?:经)?(?:二审|再审)(?:审理)?(?:另)?查明
        )
        """,
        r"查明|认定|确认",
        24,
        16,
        name="SECTION_MARKERS.facts",
    ),
    "evidence": compile_stdlib(
        "SECTION_MARKERS.evidence",
        r"""
        (?<![，,、])
        (?:
          (?:上述|以上|上列|前述|前列)(?:犯罪|案件)?事实[^。]{0,120}?(?:证据|证实|证明|印证|佐证)
          | (?:认定|证实|证明)(?:上述|以上|前述)?(?:犯罪|案件)?事实的(?:主要)?证据
          | (?:本院|法院)?(?:确认|认定|采信)的?(?:下列|以下)?证据(?:有|如下)
          | (?:有|以)(?:以下|下列)证据(?:予以)?(?:证实|证明|为证)
          | 证据(?:如下|有)[:：]
        )
        """,
        guarded=True,
    ),
    "reasoning": compile_verbose(
        r"""(?<![，,、“"])本院(?:认为|(?:经审查|经审理|二审|审查|审理|再审)认为(?=[，,：:]))"""
    ),
    "judgment": compile_verbose(
        r"""(?:判决|裁定|决定)如下"""
    ),
    "legal_basis": compile_verbose(
        r"""(?:依照|依据|根据|按照|遵照)"""
    ),
    "appeal_notice": compile_verbose(
        r"""
        如(?:不服|对)本(?:判决|裁定|决定)
        | 本(?:判决|裁定)(?:为|是)终审(?:判决|裁定)
        | 本(?:判决|裁定)(?:书)?(?:送达后|自宣告之日起)?即(?:发生|具有)法律效力
        """
    ),
    "signature": compile_verbose(
        r"""
        (?:审\s?判\s?长|代理审判员|代\s?理\s?审\s?判\s?员|审\s?判\s?员|人民陪审员|陪\s?审\s?员
         |独任审判员|执\s?行\s?长|书\s?记\s?员)
        """
    ),
    "appendix": compile_verbose(
        r"""
        附\s?[:：]?\s?
          (?:本(?:案|判决|裁定)(?:书)?(?:所)?(?:依据|适用|援引|引用|涉及)的?)?
          (?:相关|有关|适用)?的?
          (?:法律|法条|条文|法规|《|[一1][、.．]|录|件)
        | (?:本(?:判决|裁定)(?:书)?(?:所)?(?:依据|适用|援引|引用)的?)(?:相关)?(?:法律|法条)
        | 相关法律条文
        """
    ),
}

#: A role word in the signature block, followed by the name.
SIGNATURE_ROLE = compile_verbose(
    r"""
    (?P<role>审\s?判\s?长|代\s?理\s?审\s?判\s?员|审\s?判\s?员|人\s?民\s?陪\s?审\s?员|陪\s?审\s?员
     |独任审判员|执\s?行\s?长|法\s?官\s?助\s?理|代\s?书\s?记\s?员|见习书记员|书\s?记\s?员)
    \s?[:：]?\s?
    (?P<name>(?:[\p{Han}·•]\s?){1,4}?)
    (?=\s|$|[（(0-9二〇○Ｏ一]{0,1}[〇○Ｏ0-9零]|附|审\s?判|代\s?理|人\s?民\s?陪|陪\s?审|法\s?官|书\s?记|代\s?书|见习|执\s?行|独任|本件|第[0-9一二三四五六七八九十]+页)
    """
)


# ---------------------------------------------------------------------------
# Extraction: citations of law provisions
# ---------------------------------------------------------------------------
#: An article, paragraph or item number: Arabic, Chinese, or in brackets (第（一）项).
_ORD = r"(?:[（(]\s?)?(?:[0-9]{1,4}|[零〇一二两三四五六七八九十百千]{1,8})(?:\s?[）)])?"
#: 第, or 笫, its look-alike, a misprint real judgements make (笫五十二条).
_DI = "[第笫]"
_LB = "[《<〈﹤«]"
_RB = "[》>〉﹥»]"
#: Issuers printed before a bracketed title: 最高人民法院《关于…的解释》.
_ISSUER = r"(?:最高人民法院|最高人民检察院|公安部|司法部|国家安全部|全国人民代表大会常务委员会|全国人大常委会)"

#: One token of a citation: a law title, a back-reference to the last law,
#: a bare law name, an article, a list of paragraphs, a list of items.
#: Scanned left to right by :mod:`cjtext.extract.articles`.
CITATION_TOKEN = compile_stdlib(
    "CITATION_TOKEN",
    rf"""
    # A cheap first-character test lets the engine skip most positions (6x faster).
    (?=[第笫《<〈﹤«同该本上中刑最公司国全一二两三四五六七八九十零〇百千0-9（(])
    (?:
      (?P<law>
        (?P<issuer>{_ISSUER}(?:[、和与及]{_ISSUER}){{0,3}})?
        {_LB}++(?P<title>[^《》<>〈〉﹤﹥«»\n]{{1,150}}(?:{_LB}[^《》<>〈〉﹤﹥«»\n]{{1,150}}{_RB}[^《》<>〈〉﹤﹥«»\n]{{0,20}})?){_RB}++
      )
    | (?P<same>同法|该法|本法|该解释|本解释|同一解释|上述解释)
    | (?P<bare>(?:中华人民共和国?)?(?:刑事诉讼法|刑法))(?=[第笫]|\s?[第笫])
    # 第 may be missing only right after the article (第三百八十四条一款).
    # After a list word, with or without a space: two lookbehinds of fixed width.
    | (?P<paras>(?:{_DI}|(?<=[条款项、和及，,])|(?<=[条款项、和及，,]\s))\s?(?P<paralist>{_ORD}(?:\s?[、和及,，]\s?{_DI}?{_ORD}){{0,6}})\s?款)
    | (?P<items>(?:{_DI}|(?<=[条款项、和及，,])|(?<=[条款项、和及，,]\s))\s?(?P<itemlist>{_ORD}(?:\s?[、和及,，]\s?{_DI}?{_ORD}){{0,6}})\s?项)
    # Articles that share one 第…条 (第二十五、二十六、二十七条) are one token; 第 may be
    # missing right after a law title or in a list (《刑法》二百六十四条, 第五十二条、五十三条),
    # which the scanner accepts only next to the citation before it; 条 may be missing
    # before the paragraphs (第六十七第三款, 第六十七第一、三款).
    | (?P<article>(?:{_DI}|(?<=[》>〉﹥»、和及])|(?<=[》>〉﹥»、和及]\s))\s?(?P<num>{_ORD}(?:\s?[、和及]\s?{_ORD}){{0,8}})
        \s?(?:条|(?={_DI}\s?{_ORD}(?:\s?[、和及,，]\s?{_DI}?{_ORD}){{0,6}}\s?[款项]))(?:\s?之\s?(?P<sub>[一二三四五六七八九十]))?)
    )
    """
)
#: The country's name before a law's title, 国 sometimes misprinted away (中华人民共和刑事诉讼法).
LAW_PREFIX = regex.compile(r"^中华人民共和国?")
#: One number inside a list of paragraphs or items.
ORD_NUMBER = regex.compile(r"[0-9]{1,4}|[零〇一二两三四五六七八九十百千]{1,8}")
#: The end of the court's legal-basis clause.
DECISION = regex.compile(r"(?:判决|裁定|决定)如下")
#: Words that open the legal-basis clause.
LEGAL_BASIS_START = regex.compile(r"依照|依据|根据|按照|遵照|适用")
#: The end of a legal-basis clause printed inside the decision (一、依照…之规定，被告人甲犯…).
BASIS_CLAUSE_END = regex.compile(r"规定|[。；;\n]")

# ---------------------------------------------------------------------------
# Extraction: parties
# ---------------------------------------------------------------------------
#: A defendant's entry in the parties section: 被告人张某，男，…; 上诉人（原审被告人）李某;
#: 被告单位某某公司. ``role`` tells people from units.
PARTY = compile_stdlib(
    "PARTY",
    r"""
    # not 二被告人 / 各被告人 (判处二被告人相应刑罚): a group, never a name's role
    # (but 、 may come before one: 指控被告人甲犯A罪、被告人乙犯B罪)
    (?<![的及和与系是二两三四五六七八九十各])
    (?P<role>
      (?:原审|原公诉机关)?被告单位 | 上诉单位(?:[（(]原审被告单位[）)])?
      | 上诉人\s?[（(]\s?原审被告人(?:暨(?:附带)?(?:民事)?(?:公益)?诉讼被告人?)?\s?[）)] | 上诉人(?=[^（(])
      | 原审被告人 | 被告人 | 罪犯 | 申诉人\s?[（(]原审被告人[）)]
      | 被申诉人\s?[（(]原审被告人[）)]
    )
    (?:暨(?:附带)?(?:民事)?(?:公益)?诉讼被告人?|\s?[（(]附带民事诉讼被告人[）)]|\s?[（(]原审被告人[）)])?
    (?![的]|及其|之)
    \s?[:：]?\s?(?:自报|自称|化名)?\s?
    # A name never holds a role word: a flattened list (被告人甲某被告人乙某，男) ends one
    # name at the next role word, which also keeps a run of role words linear.
    (?P<name>(?:(?!被告|上诉人|罪犯)[^，。；：:,;（(）)\s、]){1,40}?)
    (?=\s?[，。；,;（(、\s]|\s?[:：]|$|男|女|被告|上诉人|罪犯)
    """,
    guarded=True,
)
#: Entries in the parties section that are not defendants.
NOT_DEFENDANT_ROLE = regex.compile(
    r"法定代理人|诉讼代表人|法定代表人|辩护人|委托代理人|代理人|附带民事|被害人|公诉机关|翻译|监护人")
SEX = regex.compile(r"[，,]\s?(?P<sex>男|女)(?=[，,。；\s]|性)")
BIRTH = compile_verbose(
    r"""(?P<date>(?:19|20)[0-9]{2}\s?年\s?[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?日)\s?(?:出生|生)
      | (?:出生于|生于)\s?(?P<date2>(?:19|20)[0-9]{2}\s?年\s?[0-9]{1,2}\s?月(?:\s?[0-9]{1,2}\s?日)?)
      | (?P<date3>(?:19|20)[0-9]{2}\s?年\s?[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?日)出生于"""
)
#: The 56 ethnic groups of the official list, and the short forms judgements print (蒙族, 维族).
ETHNIC_GROUPS = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 "
    "黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 "
    "撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 "
    "京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 蒙族 维族"
).split()
#: An ethnic group in a parties entry, wherever it starts (…日出生汉族，…: no comma before it).
ETHNICITY = regex.compile(
    "(?P<eth>" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + r")(?=[，,。；\s])")
EDUCATION = compile_stdlib(
    "EDUCATION",
    # 中学 alone is a school's name (某中学教师) unless 文化 or 毕业 follows
    r"""(?P<edu>文盲|半文盲|小学|初中|高中|中专|职高|技校|大专|专科|大学本科|本科|大学|研究生|硕士|博士
          |中学(?=文化|毕业|学历|肄业))
        (?:文化|毕业|学历|肄业|文化程度)?"""
)
_ANONYMISED_FORM = r"某{1,2}[甲乙丙丁0-9]?"   # after a surname: 王某, 王某某, 王某甲, 王某2
#: A real name followed by its own anonymised form (王小明王某甲: some dumps print both).
NAME_WITH_ANONYMISED = regex.compile(rf"(?P<name>(?P<s>\p{{Han}})\p{{Han}}{{1,2}})(?P=s){_ANONYMISED_FORM}$")
#: That anonymised form alone, right after the name (its surname ``s`` is checked by the caller).
ANONYMISED_AFTER = regex.compile(rf"(?P<s>\p{{Han}}){_ANONYMISED_FORM}")
#: Words before an occupation that are not part of it (案发前系某公司员工, 任某村主任).
OCCUPATION_LEAD = regex.compile(r"^(?:案发前|案发时|捕前|原|现)?(?:系|任|为|是)")
OCCUPATION = compile_stdlib(
    "OCCUPATION",
    r"[，,]\s?(?P<occ>无业|农民|务农|个体(?:工商户|户|经营者?)?|无固定职业|[^，,。；]{1,20}?(?:员工|职员|工人|司机|学生|经理|法定代表人|负责人|主任|干部|教师|医生|厨师|店主|老板))(?=[，,。；])",
    verbose=False,
)
#: Both end in a word they must contain, searched for first (most entries have
#: no earlier conviction); a match starts at most 93 (PRIOR) or 47 (DETENTION)
#: characters before it and never contains a full stop.
PRIOR = Anchored(
    r"""(?:曾)?(?:于|在)?\s?(?:(?:19|20)[0-9]{2}\s?年[^，。；]{0,12}?)?(?:因|犯)[^。；]{1,40}?
        (?:被[^。；]{0,30}?)?(?:判处|判决|处以|行政拘留|劳动教养|强制隔离戒毒|罚款|决定劳动教养)""",
    r"判处|判决|处以|行政拘留|劳动教养|强制隔离戒毒|罚款|决定劳动教养",
    100,
    8,
    stop="[。；]",
    name="PRIOR",
)
#: A comma may follow the date (2020年4月27日，被告人甲因涉嫌…被刑事拘留), no other.
DETENTION = Anchored(
    r"""(?P<date>(?:(?:19|20)[0-9]{2}\s?年)?\s?[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?日|同年[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?日|同月[0-9]{1,2}\s?日|次日|翌日|当日|同日|当天)
        (?:\s?[，,])?[^，。；,;]{0,30}?
        (?P<kind>刑事拘留|逮捕|取保候审|监视居住|行政拘留|治安拘留|拘留|抓获|捉获|羁押|投案|归案|留置)""",
    r"刑事拘留|逮捕|取保候审|监视居住|行政拘留|治安拘留|拘留|抓获|捉获|羁押|投案|归案|留置",
    52,
    8,
    stop="[。；;]",
    name="DETENTION",
)
#: Dates in a defendant's entry, absolute or relative to the one before (同年, 同月, 次日, 当日),
#: read in order to give each detention step its date.
DATE_MENTION = compile_stdlib(
    "DATE_MENTION",
    r"""(?:(?P<year>(?:19|20)[0-9]{2})\s?年\s?)?(?P<month>[0-9]{1,2})\s?月\s?(?P<day>[0-9]{1,2})\s?日
      | 同年\s?(?P<month2>[0-9]{1,2})\s?月\s?(?P<day2>[0-9]{1,2})\s?日
      | 同月\s?(?P<day3>[0-9]{1,2})\s?日
      | (?P<next>次日|翌日)
      | (?P<same>当日|同日|当天)"""
)
#: Co-offenders handled in another case: 伙同王某、李某（均另案处理）. The list of names can
#: start anywhere, so it is searched near 另案, which no match reaches beyond
#: 13 names of 13 characters and the words before 另案 (reach 200), and after
#: the last character before 另案 that no list contains (a comma, a full stop).
#: A comma ends the list: what comes before it is another clause (2017年8月5日20时许，…;
#: 引燃屋内废纸，火势蔓延，进而将赵某某（另案处理）…).
ELSEWHERE = Anchored(
    r"""
    (?P<names>(?:(?:同案人|同案犯|同伙|犯罪嫌疑人|被告人)?[\p{Han}]{1,4}?[某甲乙丙丁0-9×Ｘ]{0,3}(?:以及|[、和及与])){0,12}
      (?:同案人|同案犯|同伙|犯罪嫌疑人|被告人)?[\p{Han}]{1,4}?[某甲乙丙丁0-9×Ｘ]{0,3})
    (?:等[0-9一二三四五六七八九十]{0,3}余?[人名]?)?
    \s?[（(]?\s?(?:均|都)?\s?(?:已)?\s?另案(?:处理|处置|起诉|审理|追诉|判决|侦查|另处)
    """,
    r"另案(?:处理|处置|起诉|审理|追诉|判决|侦查|另处)",
    200,
    8,
    stop=r"[^\p{Han}0-9×Ｘ、\s（(]",
    name="ELSEWHERE",
)

# ---------------------------------------------------------------------------
# Extraction: sentences, fines and money
# ---------------------------------------------------------------------------
#: A number as printed in an amount: 5000, 5,000, 1.5万, 一万五千, 壹万.
AMOUNT_NUMBER = r"(?:(?<![0-9])[0-9][0-9,，.]{0,17}+(?![0-9])(?:万|千|百)?(?:[0-9一二三四五六七八九]千)?|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]++)"
#: A sum of money: 人民币二万元, 1.5万元, 人民4000元 (a common typo).
MONEY = rf"(?:人民币|人民|RMB|￥|¥)?\s?(?P<amount>{AMOUNT_NUMBER})\s?元"
#: A term: 三年六个月, 一年零六个月, 六个月, 一个月十天, 十五日.
DURATION = compile_stdlib(
    "DURATION",
    rf"""
    (?P<duration>
      (?:(?P<years>{NUMBER})\s?年(?!\s?[0-9]{{1,2}}\s?月\s?[0-9]{{1,2}}\s?日))?\s?(?:零|又)?
      (?:(?P<months>{NUMBER})\s?(?:个\s?月|月(?!\s?[0-9]{{1,2}}\s?日)))?\s?(?:零|又)?
      (?:(?P<days>{NUMBER})\s?(?:日|天))?
    )
    """
)
#: A crime as printed: 犯盗窃罪, 犯生产、销售伪劣产品罪.
CHARGE = compile_stdlib(
    "CHARGE",
    r"""(?<!侵)犯\s?(?P<charge>(?!罪)[^，。；：:,;\s（()）“”]{1,40}?罪)(?=[，。；,;、与\s（(]|$|[,，]?(?:判处|决定|免予|免除|单处|处|并|数罪|一罪|二罪|两罪))"""
)
#: A further crime in a list after 犯…罪: 犯甲罪、乙罪, 犯甲罪与乙罪 (no crime's name has 罪 inside).
CHARGE_MORE = compile_verbose(
    r"""\s?[、和及与]\s?(?P<charge>(?!罪)[^，。；：:,;\s（()）“”、]{1,30}?罪)(?=[，。；,;、\s（(]|$|判处|决定)"""
)
#: A crime right after the name when 犯 is left out: 被告人甲滥伐林木罪，判处… (not a finding
#: that it is or is not one: 甲某(的行为)(不)构成诈骗罪，判处…).
CHARGE_AFTER_NAME = compile_verbose(
    r"""(?P<charge>(?![罪的])(?:(?!构成)[^，。；：:,;\s（()）“”、犯]){2,30}?罪)(?=[，,]\s?(?:判处|单处|免予|免除))"""
)
#: A crime named before the defendant: 以寻衅滋事罪分别判处罗某、何某…
CHARGE_NAMED = compile_verbose(
    r"""以\s?(?P<charge>(?!罪)[^，。；：:,;\s（()）“”]{1,30}?罪)(?=\s?(?:分别|对被告人|对|判处|判决|定罪))"""
)
UPHELD = regex.compile(r"维持原判|维持[^。；]{0,60}?(?:判决|裁定)")
#: A conviction stated in the reasoning: 其行为均已构成盗窃罪 (not 不构成, not 构成共同犯罪).
CONVICTED = compile_verbose(
    r"""(?<![不否])(?:已经|已|均已|均|亦|也)?构成\s?(?P<charge>(?!罪)[^，。；：:,;\s（()）“”、]{1,30}?(?<!犯)罪)(?=[，。；,;\s（(]|$)"""
)
#: An appeal court endorsing the earlier court's findings: 原判已考虑其如实供述的情节 /
#: 原判认定其为主犯正确. (A mere summary of the earlier reasoning, 原判认为…, is not the
#: appeal court's own finding.)
EARLIER_FINDING = compile_verbose(
    r"""
    (?:原判|原审(?:法院|判决)?|一审(?:法院|判决)?)(?:已经|已|均)?(?:充分|依法|综合)?
    (?:认定|考虑|综合|根据|据此|结合)(?![:：，,])
    # not 原判认定的事实清楚 / 原判认定上诉人…的事实清楚, about the facts and evidence
    (?![^。；;\n]{0,80}?(?:的事实|事实清楚))
    """
)
#: The principal penalty after 判处 / 决定执行 / 改判.
PENALTY = compile_verbose(
    r"""
      (?P<death_suspended>死刑\s?[，,]?\s?缓期(?:二|两|2)年执行)
    | (?P<death>死刑(?!\s?[，,]?\s?缓期))
    | (?P<life>无期徒刑)
    | (?P<fixed_term>有期徒刑)
    | (?P<criminal_detention>拘役)
    | (?P<public_surveillance>管制)
    | (?P<exempt>免予刑事处罚|免除刑事处罚|免于刑事处罚|免予刑事处分)
    | (?P<acquitted>无罪|不负刑事责任)
    """
)
PROBATION = regex.compile(r"缓刑")
#: 角 and 分 after 元 (人民币三千一百元五角, 四万五千六百元四角七分).
MONEY_FRACTION = r"(?:(?P<jiao>[0-9零〇一二三四五六七八九])\s?角)?(?:(?P<fen>[0-9零〇一二三四五六七八九])\s?分)?"
FINE = compile_stdlib(
    "FINE",
    rf"""(?P<kw>罚金)\s?(?:人民币|人民|RMB)?\s?(?P<amount>{AMOUNT_NUMBER})\s?元{MONEY_FRACTION}"""
)
#: A note on paying a fine (罚金人民币二千元已于庭前缴纳 / 罚金…，须于判决生效后十五日内缴纳): with the
#: amount of a fine already imposed, the same fine again, not another.
FINE_PAYMENT = compile_stdlib("FINE_PAYMENT", r"[^。；）)]{0,20}?(?:缴纳|交纳|缴清|预交|预缴|缴付)", verbose=False)
CONFISCATION = compile_stdlib(
    "CONFISCATION",
    rf"""没收(?:其|被告人)?(?:个人)?(?:全部)?财产(?:\s?(?:人民币|人民)?\s?(?P<amount>{AMOUNT_NUMBER})\s?元{MONEY_FRACTION})?"""
)
#: Illegal gains and their amount; not the words of a charge (掩饰、隐瞒犯罪所得、犯罪所得收益罪)
#: and not across a fine or other 罚 (…罪，判处拘役四个月，并处罚金人民币一万元).
ILLEGAL_GAINS = compile_stdlib(
    "ILLEGAL_GAINS",
    rf"""(?:违法所得|犯罪所得|非法所得|非法获利|违法所得款|赃款)(?<!隐瞒犯罪所得)(?!收益|罪)
         [^。；罚]{{0,20}}?(?:共计|合计)?\s?(?:人民币|人民)?\s?(?P<amount>{AMOUNT_NUMBER})\s?元{MONEY_FRACTION}
       | (?:人民币|人民)\s?(?P<amount2>{AMOUNT_NUMBER})\s?元[^。；，]{{0,6}}?(?:违法所得|犯罪所得|赃款)""",
    guarded=True,
)
POLITICAL_RIGHTS = compile_stdlib(
    "POLITICAL_RIGHTS",
    rf"""剥夺政治权利\s?(?:(?P<life>终身)|{DURATION.pattern})"""
)
#: A date of a term, in Arabic or Chinese numerals (2018年8月2日, 二〇一六年八月二十二日, 二Ｏ一六年…).
_TERM_DATE = r"""(?:(?:19|20)[0-9]{2}\s?年\s?[0-9]{1,2}\s?月\s?[0-9]{1,2}
                  |[一二][零〇○ＯOo0九][0-9零〇○ＯOo一二三四五六七八九]{2}\s?年\s?(?:[一二三四五六七八九十]{1,2}|元)\s?月
                   \s?[一二三四五六七八九十]{1,3})\s?日"""
#: The dates of a term or probation: 即自2016年8月22日起至2017年4月21日止 (从 for 自, a comma before 至).
TERM_DATES = compile_stdlib(
    "TERM_DATES",
    rf"""[自从]\s?(?P<start>{_TERM_DATE})\s?起\s?[，,]?\s?至\s?(?P<end>{_TERM_DATE})\s?止"""
)
#: A term served in parts: …自A起至B止，又自C起至D止 (released, then taken back): it ends at D.
TERM_DATES_MORE = compile_stdlib("TERM_DATES_MORE", r"[，,；;]?\s?(?:又|再)\s?(?=[自从])", verbose=False)
#: What a period of dates belongs to, the nearest word before it: the probation period
#: (缓刑考验期限，从判决确定之日起计算，即自…) or the term (刑期从判决执行之日起计算…即自…).
PERIOD_OF = compile_stdlib("PERIOD_OF", r"(?P<probation>考验期|缓刑)|(?P<term>刑期)", verbose=False)
#: The words of a custodial term, read or not (有期徒刑五个个月: misprinted, but not a fine alone).
TERM_WORD = compile_stdlib("TERM_WORD", r"有期徒刑|拘役", verbose=False)
#: The executed sentence after 数罪并罚 and its wordings (决定数罪并罚，执行…; 数罪并罚，判处…).
#: A total printed first (总和刑期…，决定执行…) is also one: the last with a penalty after it counts.
EXECUTED = compile_stdlib("EXECUTED", r"决定(?:合并)?执行|合并执行|总和刑期|并罚[，,]?\s?(?:执行|判处)",
                          verbose=False)
#: A sentence reported in a case report or news account (no decision section) has a court's
#: or a sentencing word (…法院以甲罪判处张某有期徒刑二年; 张某被判有期徒刑三年; 甲的刑期为…).
REPORTED_COURT = compile_stdlib(
    "REPORTED_COURT", r"法院|法庭|本院|一审|二审|终审|审判|判决|宣判|判处|判定|获刑|被判|刑期为", verbose=False)
#: What makes such a sentence no report of this case's sentence: a claim (应判处, 量刑建议), an
#: earlier conviction (因犯…罪被判处, 曾被, 刑满释放; not the surname 曾), or terms that are not
#: each one's (分别判处有期徒刑五年和二年, 有期徒刑三年至五年不等, 五年以上). 分别 with no
#: figure after it in its clause (…，并分别处以罚金) gives no ranges.
REPORTED_NOT = compile_stdlib(
    "REPORTED_NOT",
    r"应当?判处|量刑建议|[年月]以[上下]|不等|分别(?=[^，。；,;]*?[0-9一二两三四五六七八九十])"
    r"|曾(?:因|于|被|经)|刑满|释放|前科|假释"
    r"|因[^，。；,;]{0,20}?被[^，。；,;]{0,30}?判|至[0-9一二三四五六七八九十]",
    verbose=False,
)
#: A journalistic term with no penalty word (柏某因诈骗罪获刑五年三个月 / 被判刑三年): a term
#: longer than a year is 有期徒刑, as 拘役 is never longer (art. 69 caps it at one year) and 管制,
#: rare, is taken to be named when imposed; a shorter one could be either and is not read.
REPORTED_TERM = compile_stdlib(
    "REPORTED_TERM", rf"(?:获刑|被判刑|判刑)(?=\s?{NUMBER}\s?(?:年|个\s?月))", verbose=False)
#: The crime a case report gives beside a sentence: 认定甲某构成X罪 / 将二人行为定性为X罪 /
#: 罪名为X罪 / 因X罪获刑 (not 不构成X罪, nor 构成犯罪, which names no crime).
REPORTED_CHARGE = compile_verbose(
    r"""(?:(?<![不否未])构成|定性为|罪名为|因(?=[^，。；,;]{1,30}?罪\s?(?:获刑|被判)))
        \s?(?P<charge>(?!犯罪)[^，。；：:,;\s（()）“”、]{1,30}?(?<!犯)罪)
        (?=[，。；,;\s（(、]|获刑|被判|$)"""
)
#: The crime given to the defendant before in the same sentence (乙某犯同一罪名, 以同罪判处).
REPORTED_SAME_CHARGE = compile_stdlib("REPORTED_SAME_CHARGE", r"同一罪名?|同样罪名|同罪", verbose=False)
#: Defendants named as a group, each given the same (对二人各判处…, 三名被告人均被判处…).
REPORTED_GROUP = compile_stdlib(
    "REPORTED_GROUP", r"(?P<n>[二两三四五六七八九]|[2-9])\s?名?(?:被告人|被告|人)[^，。；,;]{0,6}?[各均]",
    verbose=False)
#: Who speaks before the penalty in such a sentence: the court (法院…判处), or a party whose
#: claim it is (检察院指控…, 辩护人提出…, 请法庭…). The last one before the penalty decides, and a claim
#: in the penalty's own clause always does (请求法院对其免予刑事处罚).
REPORTED_ACTOR = compile_stdlib(
    "REPORTED_ACTOR",
    r"(?P<claim>检察|公诉|指控|建议|请求|要求|辩护|辩称|[请望](?:法庭|法院|本院|贵院))|(?P<court>法院|本院|法庭|一审|二审|合议庭)",
    verbose=False)
#: Clauses of an appeal ruling that quote the overturned sentence.
SET_ASIDE = compile_stdlib("SET_ASIDE", r"撤销", verbose=False)
#: Clauses about an earlier conviction (parties section, procedure): not this sentence.
PRIOR_SENTENCE = compile_stdlib("PRIOR_SENTENCE", r"曾因|曾于|曾被|刑满释放|前科|(?<!不得)假释|因犯[^，。；]{1,20}?罪于", verbose=False)
#: Clauses of a decision that combine an earlier judgement's sentence with this one
#: (与前罪未执行的有期徒刑六个月并罚, 连同原犯甲罪所判处的…): its crime and term are not this
#: document's; only what follows 决定执行 in such a clause is read.
EARLIER_SENTENCE = compile_stdlib(
    "EARLIER_SENTENCE", r"前罪|之前犯|原犯|连同原|剩余刑期|余刑|尚未执行的|没有执行的|未执行的", verbose=False)


# ---------------------------------------------------------------------------
# Extraction: the court's stance on a sentencing factor (cjtext.extract.factors)
# ---------------------------------------------------------------------------
FACTOR_SENTENCE_END = SENTENCE_END
#: A quotation, inside which no sentence ends (辩护人所提“…有立功表现。”的意见予以采纳: one sentence).
FACTOR_QUOTED = regex.compile(r"“[^“”\n]{0,300}”")
#: The title of a rule (《…关于处理自首和立功若干问题的意见》): its words name no factor of the
#: case (but a case document's do: 签署《认罪认罚具结书》).
FACTOR_TITLE = regex.compile(r"[《〈﹤<«][^《》〈〉﹤﹥<>«»\n。]{0,40}关于[^《》〈〉﹤﹥<>«»\n。]{1,100}[》〉﹥>»]")
#: Searched backwards: the start of the clause a phrase sits in.
FACTOR_CLAUSE_BACK = regex.compile(r"[，,；;。：:]", regex.REVERSE)
# 未遂, 未成年, 非法 and 无异议 contain a negation character but negate nothing.
FACTOR_NEG_BEFORE = regex.compile(
    r"(?:不(?!满|影响)|没有|并无|无(?!异议)|并非|非(?!法)|未(?!遂|成年|满|得逞)|否认|难以|不属于?|不符合|不具有?|不构成|不是)"
    r"[^，,；;。、]{0,5}$")
# 责令退赔 / 尚未退赔的部分 / 应当退赔: an order or an outstanding debt, not a factor.
# 要求赔偿 / 尚有…未能退赔: a claim or an outstanding debt.
FACTOR_ORDER_BEFORE = regex.compile(
    r"(?:(?:责令|继续|尚未|应当|应予|依法|予以|拒不|仍未|未能|要求|请求|判令|申请)[^，,；;。]{0,6}|(?<![相某])应|尚有[^，,；;。]{0,16}未能?)$")
#: The court grants no leniency for what precedes (…，但…二审对此不再从轻 / 尚不足以从轻处罚).
FACTOR_NO_LENIENCY = regex.compile(
    r"不再(?:另行|予以|对其|因此)?(?:从轻|从宽|减轻)|(?:尚)?不足以(?:对其)?(?:从轻|从宽|改判|改变原判)")
#: …不影响自首的成立: whatever else is argued, the factor stands;
#: 原判已认定其系从犯: the appeal court states the earlier finding as settled.
FACTOR_AFFIRM_BEFORE = regex.compile(
    r"不影响(?:其|对其|本案)?(?:构成|认定|成立)?$|(?:原判|原审|一审)(?:法院|判决)?(?:已经|已)(?:依法)?认定[^，,；;。]{0,8}$")
FACTOR_NOT_NEG = regex.compile(r"(?:不满|未满|无异议|不影响)[^，,；;。]{0,6}$")
#: A refusal of the rest (…的辩护意见予以采纳，其余辩护意见不予采纳): not of what was just accepted.
FACTOR_REST_BEFORE = regex.compile(r"(?:其余|其他|其它|剩余)[^，,；;。]{0,10}$")
FACTOR_REJECT = regex.compile(
    r"不认定|不宜认定|不予采纳|不予支持|不能成立|不予认定|不应认定|不能认定|不予确认|不成立|不符合|不能采纳|不采纳|"
    r"不构成|不属实|不予采信|与(?:查明的)?(?:案件)?事实不符|没有(?:事实|法律)?(?:和法律)?依据|不足以认定|证据不足|理由不(?:能)?成立|不予考虑|"
    # …不再另行从轻 / 原判认定累犯不当，应予纠正
    r"不再(?:另行|予以|对其|因此)?(?:从轻|从宽|减轻)|不足以(?:对其)?(?:从轻|从宽|改判|改变原判)|"
    r"(?<!并无|没有|无)不当(?!得利)|适用法律错误|应予纠正|不再(?:予以)?考虑|不足以影响量刑")
FACTOR_ACCEPT = regex.compile(
    r"予以采纳|予以支持|本院采纳|可予采纳|酌情采纳|予以采信|予以确认|予以认定|本院予以|(?<!(?:未|不|没有)[^，。；]{0,4})属实|(?<!不|不能|未能)成立|可以采纳|应予采纳|"
    r"部分采纳|符合(?:法律规定|事实|客观事实)|与(?:查明的)?事实相符|本院认可|(?:可以|可|应当|应|依法|酌情|予以)(?:从轻|减轻|从重|免除)|"
    # 本院在量刑时一并予以考虑 / 本院认定其具有坦白情节 / 应当认定为自首
    r"(?<!不|不再)(?:予以|一并|酌情)考虑|(?<=认定[^，,。；;]{0,12})(?:正确|无误|并无不当)|(?:依法|予以|可以|可)?对其(?:从轻|减轻|从宽)|(?<![不难])(?:应当|应|可以|依法|本院)认定")
FACTOR_CLAIM = regex.compile(
    r"辩护人|辩护意见|辩称|辩解|上诉理由|上诉(?:[^，,。]{0,8}提出|称)|(?<!本院)提出(?![^，,。；;]{0,4}犯意)|公诉机关(?!指控[^。]{0,60}罪名成立)|"
    r"检察院|公诉人|检察员|量刑建议|请求|要求")
#: The earlier court as a subject (原判对此未予认定 is its omission, not this court's refusal).
FACTOR_EARLIER_COURT = regex.compile(r"原判|原审|一审(?:法院|判决)")
FACTOR_OMITTED_BEFORE = regex.compile(r"(?:未|没有)(?:予|能)?(?:认定|评价|考虑)[^，,；;。]{0,5}$")
FACTOR_CORRECTION = regex.compile(r"(?<!并无|没有|无)不当|错误|纠正|偏重|改判")
#: Right after a phrase: it is what a claim is about (关于自首的辩护意见, 所提初犯的意见).
_CLAIM_WORD = "(?:辩护意见|辩解意见|辩解|上诉理由|上诉意见|意见|主张)"
FACTOR_CLAIM_AFTER = regex.compile(rf"(?:情节)?的?{_CLAIM_WORD}")
#: Where a claim ends (…的辩护意见 / …的意见), and where a full sentence ends (not a ；).
FACTOR_CLAIM_END = regex.compile(rf"的{_CLAIM_WORD}")
FACTOR_FULL_STOP = regex.compile(r"[。！？!?\n]")

FACTOR_NEXT_RULING = regex.compile(r"\s?(?:经查|经审查|经审理|经核|该|上述|对此|对于|关于|本院|此|其)")
#: Subjects that stand for several defendants: 各被告人 (all), 二被告人 / 三人 (a number),
#: 其余被告人 (the rest), 被告单位 (the unit), 上诉人 (the appellants), when no name follows.
FACTOR_SUBJECT = compile_stdlib(
    "FACTOR_SUBJECT",
    r"""
      (?P<all>(?:各|全部|上述|前述|本案|以上|全体)(?:被告人|被告单位|上诉人|原审被告人)|被告人均)
    | (?P<rest>(?:其余|其他)(?:[二两三四五六七八九十0-9]{1,2}名?)?(?:被告人|上诉人|原审被告人)|其余[二两三四五六七八九十0-9]{0,2}名?人)
    | (?P<num>(?P<n>[二两三四五六七八九十]|[0-9]{1,2})名?(?:被告人|上诉人|原审被告人|人(?!民)))
    | (?P<unit>(?:原审)?被告单位|上诉单位)
    # 上诉人 with no name: the appellants (not 原审被告人 who did not appeal)
    | (?P<appellant>(?<![原审])上诉人(?![（(]))
    """,
    guarded=True,
)
#: 均 / 都 / 分别 after names: every defendant named so far in the sentence.
FACTOR_EACH = regex.compile(r"(?<![的])均|都|分别")
#: Clause boundaries: the first one named in a clause is its subject.
FACTOR_CLAUSE = regex.compile(r"[，,：:]")
#: Nothing or a role word between a title and a name (主犯被告人甲某).
FACTOR_ROLE = regex.compile(r"^\s?(?:被告人|上诉人|原审被告人)?$")
#: Words joining the members of one subject: 甲某、乙某 / 被告单位及二被告人 / 甲某和被告人乙某.
FACTOR_JOIN = compile_stdlib("FACTOR_JOIN", r"^(?:[、和及与]|以及|被告人|被告单位|上诉人|原审被告人){0,3}$", verbose=False)
#: Words before a name in an object position (甲某受乙某指使, 协助公安机关抓获/抓捕乙某, 向乙某行贿,
#: 按乙某安排): the name is not the subject of the clause.
FACTOR_OBJECT = compile_stdlib(
    "FACTOR_OBJECT",
    r"""
    (?:受|被|向|抓获|抓捕|捕获|缉拿|揭发|检举|伙同|指使|雇用|雇佣|按照|按|听从|由|替|给|让|使|跟随|跟
      |明知|知道|不知|得知|告知|通知|联系|介绍|帮助|协助|指派|安排|纠集|邀约|教唆|唆使|胁迫
      |大于|小于|高于|低于|多于|少于|(?:受雇|受聘|受雇佣|任职|就职)于|拉拢|依附于|其(?:与|和|同|跟)
      # 拉拢掌握账号的乙某: a name after an attribute is an object
      |(?<![其之])的)
    (?:了)?(?:同案犯|同案人|主犯|从犯|同伙|被告人|上诉人|原审被告人)?$
    """,
    guarded=True,
)
#: A turn (…不构成自首，但其如实供述…): rulings before it do not reach past it.
FACTOR_TURN = regex.compile(r"[，,；;]\s?(?:但是|但|然而|仍)")

# ---------------------------------------------------------------------------
# Extraction: small helpers
# ---------------------------------------------------------------------------
SPACE = compile_stdlib("SPACE", r"\s", verbose=False)
#: 缓刑二年, and the period named apart: 宣告缓刑，缓刑考验期限五年 / 缓刑考验期为二年.
PROBATION_WORD = compile_stdlib("PROBATION_WORD", r"缓刑(?:考验期限?(?:为|是)?)?", verbose=False)
ACQUITTAL_CONTEXT = regex.compile(r"宣告|无罪")
NAME_SEPARATOR = regex.compile(r"以及|[、和及与]")
#: Words before a co-offender's name: a role, a companion word, a verb or preposition
#: (纠集甲, 经乙介绍, 出售给丙); removed only when a surname follows (向东升 is a name).
ELSEWHERE_PREFIX = regex.compile(
    r"^(?:同案人|同案犯|同伙|犯罪嫌疑人|被告人|伙同|纠集|指使|安排|邀集|通过|联系|受雇于|雇佣|雇用|带领|告诉"
    r"|介绍|以及|与|和|及|同|经|给|向|从|由|让|将|把|对|请|找|叫|帮|替)")
#: Compound surnames (the single ones are data: cjtext/data/surnames.txt).
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "夏侯", "令狐", "独孤", "端木", "申屠", "澹台", "轩辕", "南宫", "万俟", "闻人", "钟离", "呼延",
                     "西门", "百里", "东郭", "第五")
_COMPOUND = "|".join(COMPOUND_SURNAMES)
#: Characters that start the words after a name (王某在…, 王某伙同…, 王某驾驶…), never a name's last.
_AFTER_NAME = "因在于的将被把以从为等已又也与和及称系是到经对向伙驾持拿用利携至去来回让叫找请帮替给跟同并即便就遂先后再还曾均都亦所未公住续"
#: Of those, the ones that are no surname either: never a name's first character (被告人在…).
_NEVER_FIRST = "在因的将被把以为等已又也称系是到经对"
#: An anonymised name at the end of a list item: the surname (one character, or two of a
#: compound surname) and the mark (员工蒋某某 → 蒋某某, 价格向刘× → 刘×).
ANONYMISED_TAIL = regex.compile(
    rf"(?:{_COMPOUND}|[\p{{Han}}--[某]])(?:某{{1,2}}(?:[0-9]{{1,2}}|[甲乙丙丁])?|[×Ｘ]{{1,3}}|[0-9]{{1,2}}|[甲乙丙丁])$",
    regex.V1)
#: A character a name in a narrative may go on with (林某 → 林某淳).
NAME_GOES_ON_WITH = regex.compile(rf"[\p{{Han}}--[{_AFTER_NAME}]]", regex.V1)
#: What says a 被告人 is another case's (导致该案主要被告人…潜逃, 另案被告人…供述).
_OTHER_CASE = "(?:该案|另案|他案)(?:中的|中|的)?(?:主要|其他|其余)?"
OTHER_CASE_BEFORE = regex.compile(_OTHER_CASE + "$")
#: 被告人 before a name in a narrative (not 二被告人, 各被告人, nor another case's; but
#: 在一旁的被告人甲某 is one).
NARRATIVE_ROLE = regex.compile(rf"(?<![及和与系是二两三四五六七八九十各])(?<!{_OTHER_CASE})被告人\s?[:：]?\s?")
#: The start of a defendant's name in a narrative: an anonymised name (王某, 王某某, 王某甲,
#: 徐1某, 刘×, 欧阳某) or two characters (``plain``: the first must be a surname of
#: cjtext/data/surnames.txt): the name may go on (林某淳), decided from the text.
NARRATIVE_NAME = regex.compile(
    rf"(?:{_COMPOUND}|[\p{{Han}}--[某{_NEVER_FIRST}]])"
    r"(?:[0-9]{1,2}某|某(?:某|[甲乙丙丁]|[0-9]{1,2}(?![0-9年月日时]))?|[×ＸxX]{1,3}[0-9]?"
    rf"|(?P<plain>[\p{{Han}}--[某{_AFTER_NAME}]]))",
    regex.V1)
#: Words that are never co-offenders' names: 他人, 二人, 以上三人, 将其.
ELSEWHERE_NOT_A_NAME = regex.compile(r"^(?:他人|其他|其|该|以上|上述|前述|同案)|[一二两三四五六七八九十几0-9][人名个]$|其$|他人$")
OTHER_PARTY = regex.compile(r"辩护人|诉讼代表人|法定代表人|法定代理人|委托代理人")

# Extraction: names and clauses (cjtext.extract.parties, .sentences)
UNIT_WORDS = compile_stdlib("UNIT_WORDS", r"公司|厂|店|中心|协会|银行|学校|医院|集团|合作社|研究所|事务所|委员会|局$|站$|部$|社$|场$|行$", verbose=False)
ANONYMISED_NAME = regex.compile(r"^[\p{Han}]{1,4}?(?:某{1,3}|[甲乙丙丁]|[0-9]{1,2}|某[0-9甲乙丙丁]|[×Ｘ*＊]{1,3})$")
# Names followed by these are the start of another phrase, not a name.
# (于 and 和 are surnames, so they are not on this list.)
# (被告人供述和辩解, 被告人前科材料: items of an evidence list.)
NOT_A_NAME = compile_stdlib("NOT_A_NAME", r"^(?:及|的|等|系|均|犯|因|在|对|与)|(?:及其|辩护人|诉称|辩称|上诉|提出|认为|供述|辩解|陈述|前科|《|》|[0-9]{3})", verbose=False)
#: The end of a unit's name that runs into the next words (上海某某针织有限公司在经营期间).
UNIT_NAME_END = regex.compile(r"有限责任公司|股份有限公司|有限公司|公司|厂|店|中心|协会|银行|学校|医院|集团|合作社|研究所|事务所|委员会")
#: A unit's name with none of those ends is still one when it has a place or an office's word
#: (某县扶贫办, 甲镇人民政府) or is anonymised (某某单位); 用于被告单位使用 names no unit.
UNIT_NAME_PLAUSIBLE = regex.compile(r"某|[省市县区镇乡村]|(?:办|局|所|部|站|处|社|队|室|院|会|政府)$")
#: A unit's short name defined after its full name: （以下简称“甲公司”）, (简称甲公司).
UNIT_ALIAS = compile_stdlib("UNIT_ALIAS", r"[（(](?:以下)?简称[“\"「]?(?P<name>[^”\"」）)]{2,30})[”\"」]?[）)]", verbose=False)
# A further name in a list: 被告人顾某、刘某犯…
# (A role word may repeat before it: 被告单位甲公司、被告人乙某犯…)
LISTED_NAME = regex.compile(r"[、和及]\s?(?P<role>被告人|被告单位|原审被告人|上诉人)?(?P<name>[\p{Han}·]{2,12}?[0-9×Ｘ甲乙丙丁]{0,2})(?=[、，,。；\s（(]|犯|因|到庭|等|及|和|$)")
#: The charge after a name (被告单位甲公司犯虚开发票罪, 被告人李某涉嫌…): cut before deciding from its
#: words whether a name is a unit's (…伪造公司印章罪 names no company).
NAME_THEN_CHARGE = compile_stdlib("NAME_THEN_CHARGE", r"(?<=.)(?:犯|涉嫌)", verbose=False)
# A name runs into the next words when no comma follows it (被告人王某因涉嫌…,
# 被告人万某之姐): cut at these, but never at the first character (于某, 因某).
NAME_END = compile_stdlib(
    "NAME_END",
    r"(?<=.)(?:因|犯|供述|之|的|父亲|母亲|之父|之母|系|涉嫌|于(?:19|20|同)|等|现|住|出生|曾|在|到案|归案|被|依照|适用|退|赔|宣告|判|罪|违法|人民币|以|到庭|及其|的辩护)",
    verbose=False,
)
#: Clause ends, also as plain characters for looking back with ``str.rfind``.
CLAUSE_END_CHARS = "；;。\n"
CLAUSE_END = compile_stdlib("CLAUSE_END", f"[{CLAUSE_END_CHARS}]", verbose=False)
#: Words that never occur in a person's name listed after 被告人…、 (其辩护人, 自愿认罪).
LIST_JUNK = regex.compile(r"[罪认审诉辩控告其]")

# ---------------------------------------------------------------------------
# Classification: the signals of a cybercrime case
# ---------------------------------------------------------------------------
#: The crimes of Criminal Law arts. 285–287 and 287-1/287-2 as printed in charges, and the
#: personal-information crimes of art. 253-1: the labelling guide counts citizens' personal data
#: among the internet resources, so such a conviction is never ``not_cyber``.
CYBER_CHARGE = compile_verbose(
    r"""
    (?P<charge>
      侵犯公民个人信息罪
    | 出售、?非法提供公民个人信息罪
    | 非法获取公民个人信息罪
    | 非法侵入计算机信息系统罪
    | 非法获取计算机信息系统数据、?(?:和|及)?(?:非法控制计算机信息系统)?罪
    | 非法控制计算机信息系统罪
    | 提供(?:侵入、?非法控制计算机信息系统(?:的)?程序、?工具|侵入计算机信息系统程序|非法控制计算机信息系统程序)罪
    | 破坏计算机信息系统罪
    | 拒不履行信息网络安全管理义务罪
    | 非法利用信息网络罪
    | 帮助信息网络犯罪活动罪
    )
    """
)
#: A citation of Criminal Law art. 285, 286 or 287 (and 之一/之二), or 253-1 (personal
#: information, see CYBER_CHARGE), within one clause of 刑法.
CYBER_ARTICLE = compile_verbose(
    r"""
    刑法》?[^。；;《]{0,80}?
    第\s?(?:
        (?P<article>二百八十[五六七]|28[5-7])\s?条(?P<suffix>之[一二])?
      | (?P<article>二百五十三|253)\s?条\s?(?P<suffix>之一)
    )
    """
)
#: An anonymised name inside running text: 张某, 李某某 (not 某公司, 在某小区).
ANONYMISED_IN_TEXT = regex.compile(r"(?<!某)(?![在于向对从到与和及至是为的一某])\p{Han}某{1,2}(?!某)")
#: …that is a person's: not a place or body named with 某 (经某区检察院起诉, 由某县公安局).
ANONYMISED_PERSON = regex.compile(
    r"(?<!某)(?![在于向对从到与和及至是为的一某])\p{Han}某{1,2}(?![某省市县区镇乡村街路公司厂店局院所处队站校])")


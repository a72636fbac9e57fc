"""Chinese numerals, amounts and dates as printed in judgements.

Judgements mix three ways of writing numbers, sometimes in one sentence:
positional digits (``二〇一六`` in dates), unit numerals (``二百八十五``,
``一千零五十``, ``两万``), financial capitals (``壹万元``) and Arabic digits with
Chinese units (``1.5万``, ``3万5千``). This module converts such *spans*; it is
deliberately not a whole-text transformer (``cn2an.transform`` rewrites street
names such as 文三路 into 文3路).

Amounts are computed with :class:`decimal.Decimal` so that ``1.15万`` is exactly
11500 rather than 11499.999....
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

__all__ = ["parse_number", "parse_int", "parse_date", "DIGIT_VALUES", "UNIT_VALUES"]

#: Chinese digit characters (including financial capitals and the forms used
#: for zero in dates) and their values.
DIGIT_VALUES: dict[str, int] = {}
for _chars, _value in (
    ("零〇○Ｏ0０", 0),  # 〇 U+3007, ○ U+25CB and Ｏ are all written for zero in dates
    ("一壹幺1１", 1),
    ("二贰貳两兩2２", 2),
    ("三叁參3３", 3),
    ("四肆4４", 4),
    ("五伍5５", 5),
    ("六陆陸6６", 6),
    ("七柒7７", 7),
    ("八捌8８", 8),
    ("九玖9９", 9),
):
    for _c in _chars:
        DIGIT_VALUES[_c] = _value

#: Unit characters and their multipliers.
UNIT_VALUES: dict[str, int] = {
    "十": 10, "拾": 10,
    "百": 100, "佰": 100,
    "千": 1000, "仟": 1000,
    "万": 10_000, "萬": 10_000,
    "亿": 100_000_000, "億": 100_000_000,
}
_BIG_UNITS = {10_000, 100_000_000}

# One token: an Arabic number (with optional decimal part and thousands
# separators), a single Chinese digit or a unit.  Thousands separators are only
# accepted between groups of exactly three digits, so "2，000" is 2000 while
# "2，3" is rejected rather than silently read as 23.
_TOKEN = regex.compile(
    r"""
    (?P<arabic>[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?
              |[0-9０-９]+(?:[.．][0-9０-９]+)?)
    |(?P<digit>[零〇○Ｏ一壹幺二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖])
    |(?P<unit>[十拾百佰千仟万萬亿億])
    """,
    regex.VERBOSE,
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_DATE = regex.compile(
    r"""
    (?P<year>[0-9０-９零〇○ＯOo一二三四五六七八九]{4})\s*年\s*
    (?P<month>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|元)\s*月\s*
    (?P<day>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日
    """,
    regex.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    s = "".join(text.split())
    pos, out = 0, []
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if m is None:
            raise ValueError(
                f"not a number: {text!r} (unexpected {s[pos]!r} at position {pos}); "
                "expected Chinese or Arabic numerals such as 二百八十五, 1.5万 or 5,000"
            )
        out.append((m.lastgroup, m.group()))
        pos = m.end()
    if not out:
        raise ValueError(f"not a number: {text!r} is empty")
    return out


def _to_result(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_number(text: str) -> int | float:
    """Convert a numeral span to a number.

    Accepts unit numerals (``二百八十五``), positional digit strings
    (``二〇一六``), financial capitals (``壹万贰仟``), Arabic digits with
    thousands separators (``2，000``) and Arabic numbers with Chinese units
    (``1.5万``). Whitespace inside the span is ignored.

    Parameters
    ----------
    text : str
        The numeral only, without a currency or unit word such as 元 or 年.

    Returns
    -------
    int or float
        An ``int`` when the value is whole, else a ``float``.

    Raises
    ------
    ValueError
        If the span contains anything that is not part of a numeral.

    Examples
    --------
    >>> parse_number("二百八十五"), parse_number("一千零五十"), parse_number("两万")
    (285, 1050, 20000)
    >>> parse_number("1.5万"), parse_number("壹万贰仟元".rstrip("元")), parse_number("二〇一六")
    (15000, 12000, 2016)
    >>> parse_number("0.5")
    0.5
    """
    if text.isdigit() and text.isascii():  # 264, 5000: most numerals in a judgement
        return int(text)
    return _parse_number(text)


# The same few hundred numerals (article numbers, terms, amounts) recur in every
# judgement; a cache makes parsing them a dict lookup. Errors are not cached.
@lru_cache(maxsize=4096)
def _parse_number(text: str) -> int | float:
    tokens = _tokens(text)
    kinds = {k for k, _ in tokens}
    if kinds == {"arabic"} and len(tokens) == 1:
        return _to_result(Decimal(tokens[0][1].translate(_FULLWIDTH).replace(",", "")))
    if kinds == {"digit"}:
        # Positional: 二〇一六 -> 2016.  A single digit is just itself.
        return int("".join(str(DIGIT_VALUES[t]) for _, t in tokens))

    total = Decimal(0)    # everything above the current 万/亿 section
    section = Decimal(0)  # the current section below 万
    number: Decimal | None = None
    last_unit = 0         # multiplier of the unit just seen, for 三万五 = 35000
    after_zero = False
    for kind, tok in tokens:
        if kind == "unit":
            unit = UNIT_VALUES[tok]
            if unit in _BIG_UNITS:
                bare = number is None and section == 0 and total == 0
                section += number if number is not None else Decimal(0)
                if bare:
                    section = Decimal(1)  # a bare 万 is ten thousand (but 0.0万 is zero)
                if unit > 10_000:
                    total = (total + section) * unit
                else:
                    total += section * unit
                section = Decimal(0)
            else:
                if number is None:
                    if unit != 10:
                        raise ValueError(f"not a number: {text!r} ({tok!r} has no digit before it)")
                    number = Decimal(1)  # 十五 = 15
                section += number * unit
            number, last_unit, after_zero = None, unit, False
        else:
            if number is not None:
                raise ValueError(f"not a number: {text!r} (two numbers in a row at {tok!r})")
            if kind == "arabic":
                try:
                    number = Decimal(tok.translate(_FULLWIDTH).replace(",", ""))
                except InvalidOperation as exc:  # pragma: no cover - the token regex forbids this
                    raise ValueError(f"not a number: {text!r}") from exc
            else:
                value = DIGIT_VALUES[tok]
                if value == 0:
                    after_zero = True
                    continue
                number = Decimal(value)
    if number is not None:
        # A trailing digit straight after a unit means the next lower unit:
        # 三万五 = 35000, 一百五 = 150; after 零 it is the digit itself.
        if last_unit >= 100 and not after_zero:
            number *= last_unit // 10
        section += number
    return _to_result(total + section)


def parse_int(text: str) -> int:
    """Like :func:`parse_number` but insist on a whole number.

    Examples
    --------
    >>> parse_int("第二百八十七".lstrip("第"))
    287
    """
    value = parse_number(text)
    if not isinstance(value, int):
        raise ValueError(f"not a whole number: {text!r} is {value}")
    return value


# Judgement dates, birth dates and terms recur across a corpus (dates are immutable).
@lru_cache(maxsize=4096)
def parse_date(text: str) -> _dt.date:
    """Parse a date written in Chinese or Arabic numerals.

    Examples
    --------
    >>> parse_date("二〇一六年十月二十一日")
    datetime.date(2016, 10, 21)
    >>> parse_date("二Ｏ一八年三月九日"), parse_date("二0一七年6月15日")
    (datetime.date(2018, 3, 9), datetime.date(2017, 6, 15))
    >>> parse_date("二〇一三年元月三十一日")
    datetime.date(2013, 1, 31)
    """
    m = _DATE.search(text)
    if m is None:
        raise ValueError(f"no date in {text!r}; expected a form such as 二〇一六年十月二十一日 or 2016年10月21日")
    # Years are positional and often mix scripts: 二0一八, 二O一八.
    year = int("".join(str(DIGIT_VALUES.get(c, 0)) for c in m["year"]))
    month = 1 if m["month"] == "元" else parse_int(m["month"])  # 元月: the first month
    day = parse_int(m["day"])
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"impossible date in {text!r}: {exc}") from None

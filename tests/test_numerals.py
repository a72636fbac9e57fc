import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjtext.numerals import parse_date, parse_int, parse_number


@pytest.mark.parametrize("text, expected", [
    ("二百八十五", 285), ("二百八十七", 287), ("一千零五十", 1050), ("两万", 20000),
    ("十五", 15), ("十", 10), ("一十二", 12), ("三百零六", 306), ("二千零一十", 2010),
    ("壹万贰仟", 12000), ("伍仟", 5000), ("叁拾", 30),
    ("二〇一六", 2016), ("二○一六", 2016), ("一九九五", 1995),
    ("1.5万", 15000), ("1.15万", 11500), ("0.8万", 8000), ("12.35万", 123500),
    ("5000", 5000), ("５０００", 5000), ("2，000", 2000), ("2,000", 2000), ("1,234,567", 1234567),
    ("3万5千", 35000), ("三万五", 35000), ("一百五", 150), ("一千零五", 1005),
    ("一亿二千万", 120_000_000), ("十万", 100_000), ("二十万", 200_000), ("一百二十万", 1_200_000),
    ("0.5", 0.5), ("2.50", 2.5), ("二 百", 200),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "元", "二百元", "2，3", "百", "1.5.3", "abc"])
def test_parse_number_rejects_non_numerals(text):
    with pytest.raises(ValueError, match="number"):
        parse_number(text)


def test_parse_int_rejects_fractions():
    with pytest.raises(ValueError, match="whole"):
        parse_int("1.5")


@pytest.mark.parametrize("text, expected", [
    ("二〇一六年十月二十一日", datetime.date(2016, 10, 21)),
    ("二〇二〇年七月二十四日", datetime.date(2020, 7, 24)),
    ("二0一八年三月九日", datetime.date(2018, 3, 9)),
    ("二O一八年十二月三十一日", datetime.date(2018, 12, 31)),
    ("2017年6月15日", datetime.date(2017, 6, 15)),
    ("二〇一九年 一月 一日", datetime.date(2019, 1, 1)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_date_impossible():
    with pytest.raises(ValueError, match="impossible"):
        parse_date("二〇一九年二月三十日")


# cn2an is right on whole numbers it writes itself: use it as an oracle for
# unit numerals (it is not used at run time; see docs/reading.md).
@settings(deadline=None)  # cn2an's first call loads its data
@given(st.integers(min_value=0, max_value=10**12))
def test_roundtrip_against_cn2an(n):
    cn2an = pytest.importorskip("cn2an")
    assert parse_number(cn2an.an2cn(n)) == n
    assert parse_number(cn2an.an2cn(n, "up")) == n  # financial capitals 壹贰叁


@given(st.integers(min_value=0, max_value=10**9))
def test_roundtrip_arabic_with_separators(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "，")) == n


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿0123456789.,，元年", max_size=30))
def test_never_crashes_with_other_errors(s):
    try:
        value = parse_number(s)
    except ValueError:
        return
    assert value >= 0

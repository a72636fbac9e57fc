"""Property tests (hypothesis) for the number parsers and for ``cjtext.extract``.

* ``parse_duration`` on terms generated from a grammar of numerals and units;
* ``parse_money`` on generated Arabic (and Chinese) amounts;
* ``cjtext.extract`` on random judgement-like and arbitrary text: it never
  raises (except :class:`cjtext.DocumentError` for empty text) and every span
  it reports points at its own text in ``document.text``;
* a ~100 KB document of long runs extracts without error (speed is measured
  in ``benchmarks/bench_extract.py``, not here).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cjtext
from cjtext.extract.sentences import parse_duration, parse_money
from cjtext.numerals import parse_number

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------------------
# Numerals
# ---------------------------------------------------------------------------
_CN_DIGITS = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """A whole number 0 <= n < 10**8 in Chinese unit numerals, as a court prints it."""
    if n == 0:
        return "零"

    def section(k: int) -> str:  # 0 < k < 10000
        out, zero = [], False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // unit_value % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out.append("零")
                zero = False
            out.append(_CN_DIGITS[d] + unit)
        return "".join(out)

    high, low = divmod(n, 10_000)
    s = section(high) + "万" if high else ""
    if low:
        s += ("零" if high and low < 1000 else "") + section(low)
    # 十五, not 一十五, at the start of a number.
    return s[1:] if s.startswith("一十") else s


def test_cn_int_helper():
    assert [cn_int(n) for n in (0, 6, 10, 15, 20, 105, 1050, 10500, 20005, 110000)] == [
        "零", "六", "十", "十五", "二十", "一百零五", "一千零五十", "一万零五百", "二万零五", "十一万"]


@SETTINGS
@given(st.integers(0, 99_999_999))
def test_parse_number_chinese_roundtrip(n):
    assert parse_number(cn_int(n)) == n


def numeral(n: int, draw_style: int) -> str:
    """``n`` as Arabic digits, Chinese unit numerals, or 两 for 2."""
    if draw_style == 0:
        return str(n)
    if draw_style == 2 and n == 2:
        return "两"
    return cn_int(n)


# A grammar of terms: (numeral unit)+, numerals well- or ill-formed.
_CN_NUMERAL_CHARS = "零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿"
_UNITS = ["年", "个月", "月", "日", "天", "年零", "年又"]
_well_formed = st.one_of(st.integers(0, 999).map(str), st.integers(0, 99_999).map(cn_int),
                         st.sampled_from(["两", "半"]))
_any_numeral = st.one_of(_well_formed, st.text(alphabet="0123456789.", min_size=1, max_size=6),
                         st.text(alphabet=_CN_NUMERAL_CHARS, min_size=1, max_size=6))


def _terms(numerals):
    return st.lists(st.tuples(numerals, st.sampled_from(_UNITS)), max_size=4).map(
        lambda parts: "".join(n + u for n, u in parts))


def _check_duration(text: str) -> None:
    value = parse_duration(text)
    assert value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0), \
        (text, value)


@SETTINGS
@given(_terms(_well_formed))
def test_parse_duration_wellformed_numerals_none_or_nonnegative(text):
    _check_duration(text)


@SETTINGS
@given(_terms(_any_numeral))
@example("百年")        # minimal failing examples, kept so that the failure is deterministic
@example("千个月")
@example("一年百个月")
def test_parse_duration_any_numerals_none_or_nonnegative(text):
    _check_duration(text)


@SETTINGS
@given(st.integers(0, 30), st.integers(0, 11), st.integers(0, 2), st.integers(0, 2),
       st.sampled_from(["", "零", "又"]), st.sampled_from(["个月", "个月", "月"]))
def test_parse_duration_years_and_months(x, y, sx, sy, link, month_word):
    text = f"{numeral(x, sx)}年{link}{numeral(y, sy)}{month_word}"
    assert parse_duration(text) == 12 * x + y, text


@SETTINGS
@given(st.integers(1, 30), st.integers(0, 2))
def test_parse_duration_years_only(x, style):
    assert parse_duration(f"{numeral(x, style)}年") == 12 * x


@SETTINGS
@given(st.integers(0, 30), st.integers(1, 11), st.integers(1, 29), st.integers(0, 2),
       st.sampled_from(["日", "天"]))
def test_parse_duration_months_and_days(x, y, z, style, day_word):
    # y >= 1: a court never prints 零个月 before days (parse_duration reads the 零 as a connector).
    text = f"{numeral(x, style)}年{numeral(y, style)}个月{numeral(z, style)}{day_word}" if x else \
        f"{numeral(y, style)}个月{numeral(z, style)}{day_word}"
    assert parse_duration(text) == pytest.approx(round(12 * x + y + z / 30, 2)), text


# 月 before a day number is a date (3月5日), but 个月 never is: the date guard applies to a bare 月 only.
@pytest.mark.parametrize("text, months", [("1个月15日", 1.5), ("1年1个月15日", 13.5), ("6个月1日", 6.03),
                                          ("2019年3月5日", None), ("3月5日", None)])
def test_parse_duration_arabic_months_days(text, months):
    assert parse_duration(text) == (pytest.approx(months) if months is not None else None)


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------
def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@SETTINGS
@given(st.integers(0, 10**12), st.sampled_from(["", ",", "，"]), st.sampled_from(["", ".", "，"]))
def test_parse_money_arabic_integers(n, sep, trailing):
    assert parse_money(_grouped(n, sep) + trailing) == n


@SETTINGS
@given(st.integers(0, 99_999), st.text(alphabet="0123456789", min_size=1, max_size=4), st.booleans())
def test_parse_money_decimals_with_wan(whole, frac, wan):
    printed = f"{whole}.{frac}" + ("万" if wan else "")
    expected = Decimal(f"{whole}.{frac}") * (10_000 if wan else 1)
    value = parse_money(printed)
    assert Decimal(str(value)) == expected, (printed, value)
    assert isinstance(value, int) == (expected == expected.to_integral_value()), (printed, value)


@SETTINGS
@given(st.integers(1, 99_999_999))
def test_parse_money_chinese(n):
    assert parse_money(cn_int(n)) == n


# ---------------------------------------------------------------------------
# extract on random text: no crash, every span points at its text
# ---------------------------------------------------------------------------
_ALPHABET = ("被告人某甲乙犯盗窃罪判处有期徒刑年个月缓刑罚金人民币元万第条款项之一、，。；"
             "依照《中华人民共和国刑法》判决如下0123456789\n ")
_FRAGMENTS = [
    "被告人", "被告人张某", "被告人某甲", "、乙", "，男，", "1990年1月2日出生", "本院认为，", "系自首，",
    "如实供述", "可以从轻处罚", "犯盗窃罪，", "犯诈骗罪", "判处", "有期徒刑", "拘役", "一年", "六个月", "二年",
    "缓刑", "并处罚金", "人民币", "五千元", "1.5万元", "5,000元", "元", "万", "第", "二百六十四条",
    "第六十七条第三款", "第七十二条第一款、第三款", "之一", "依照《中华人民共和国刑法》", "《刑法》",
    "之规定，", "判决如下：", "一、", "二、", "决定执行", "另案处理", "（2018）浙0101刑初1号",
    "某县人民法院\n刑事判决书\n", "。", "；", "\n", "，", "　", "１２", "（", "）",
]
_random_text = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=200),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(alphabet=_ALPHABET, max_size=8),
                       st.text(max_size=4)), max_size=60).map("".join),
    st.text(max_size=200),
)


_NAME = st.one_of(st.sampled_from(["张某", "李某某", "王1", "赵×", "甲某", "钱乙", "孙某甲"]),
                  st.text(alphabet="张王李赵钱孙某甲乙", min_size=2, max_size=3))
_NUM = st.one_of(st.integers(0, 30).map(str), st.integers(0, 30).map(cn_int), st.just("两"))
_TERM = st.one_of(
    st.tuples(_NUM, st.sampled_from(["年", "年零", "年又"]), _NUM, st.sampled_from(["个月", "月"])).map("".join),
    st.tuples(_NUM, st.sampled_from(["年", "个月", "日", "天"])).map("".join))
_AMOUNT = st.one_of(st.integers(0, 10**7).map(str), st.integers(1000, 10**7).map(lambda n: f"{n:,}"),
                    st.integers(1, 99_999_999).map(cn_int),
                    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]}万"))
_PENALTY = st.one_of(st.tuples(st.sampled_from(["有期徒刑", "拘役", "管制"]), _TERM).map("".join),
                     st.sampled_from(["无期徒刑", "死刑，缓期二年执行", "死刑", "免予刑事处罚", "无罪"]))
_CHARGE = st.sampled_from(["盗窃罪", "诈骗罪", "故意伤害罪", "危险驾驶罪", "生产、销售伪劣产品罪",
                           "非法获取计算机信息系统数据罪"])
_FACTOR = st.sampled_from(["系自首", "如实供述", "可以从轻处罚", "系累犯", "应当从重处罚", "系从犯",
                           "认罪认罚", "取得被害人谅解", "不构成自首", "辩护人提出其有自首情节的意见不予采纳"])
_ARTICLE = st.tuples(st.integers(1, 452).map(cn_int), st.one_of(st.just(""), st.integers(1, 5).map(
    lambda k: f"第{cn_int(k)}款")), st.sampled_from(["", "之一", "第（一）项"])).map(lambda t: f"第{t[0]}条{t[1]}{t[2]}")


@st.composite
def judgement_like(draw) -> str:
    """A judgement assembled from random parts, with random noise spliced in."""
    names = draw(st.lists(_NAME, min_size=1, max_size=3, unique=True))
    parts = [draw(st.sampled_from(["", "某县人民法院\n刑事判决书\n（2018）浙0101刑初1号\n"]))]
    for n in names:
        parts.append(f"被告人{n}，{draw(st.sampled_from(['男', '女']))}，1990年1月2日出生。")
    parts.append("本院认为，" + "，".join(f"被告人{draw(st.sampled_from(names))}{draw(_FACTOR)}"
                                      for _ in range(draw(st.integers(0, 4)))) + "。")
    arts = draw(st.lists(_ARTICLE, max_size=4))
    if arts:
        parts.append(f"依照{draw(st.sampled_from(['《中华人民共和国刑法》', '《刑法》', '']))}{'、'.join(arts)}之规定，")
    parts.append(draw(st.sampled_from(["判决如下：", "判决如下:\n", ""])))
    for i, n in enumerate(names):
        clause = f"{draw(st.sampled_from(['', f'{cn_int(i + 1)}、']))}被告人{n}犯{draw(_CHARGE)}，判处{draw(_PENALTY)}"
        if draw(st.booleans()):
            clause += f"，缓刑{draw(_TERM)}"
        if draw(st.booleans()):
            clause += f"，并处罚金人民币{draw(_AMOUNT)}元"
        if draw(st.booleans()):
            clause += f"，决定执行{draw(_PENALTY)}"
        parts.append(clause + draw(st.sampled_from(["。", "；", "\n"])))
    text = "".join(parts)
    for _ in range(draw(st.integers(0, 3))):  # noise
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3))) + text[pos:]
    return text



def _check_span(text: str, obj, *, kind: str) -> None:
    assert 0 <= obj.start <= obj.end <= len(text), (kind, obj)
    assert text[obj.start:obj.end] == obj.text, (kind, obj, text[obj.start:obj.end])


def _walk_dicts(value):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _walk_dicts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk_dicts(v)


def check_judgement(j) -> None:
    """Every span of ``j`` is inside ``j.document.text`` and covers its own text."""
    text = j.document.text
    for a in j.articles:
        _check_span(text, a, kind="article")
    for s in j.co_offenders_elsewhere:
        _check_span(text, s, kind="co_offender_elsewhere")
    for d in j.defendants:
        p = d.party
        assert 0 <= p.start <= p.end <= len(text), ("party", p)
        assert text[p.start:p.end] == p.text, ("party", p)
        s = d.sentence
        for c in s.charges:
            _check_span(text, c, kind="charge")
        if s.penalty.start >= 0:
            _check_span(text, s.penalty, kind="penalty")
        else:
            assert s.penalty.end < 0 or s.penalty.end == s.penalty.start, s.penalty
        for name in ("probation", "fine", "confiscation", "illegal_gains", "political_rights"):
            span = getattr(s, name)
            if span is not None:
                _check_span(text, span, kind=name)
        for f in d.factor_mentions:
            _check_span(text, f, kind="factor")
    d = j.to_dict()
    json.dumps(d, ensure_ascii=False)  # JSON-ready
    json.dumps(j.to_gold(), ensure_ascii=False)
    # Everything to_dict reports with text and offsets, however deep.
    for node in _walk_dicts(d):
        if {"text", "start", "end"} <= node.keys() and isinstance(node["start"], int):
            if node["start"] < 0:  # penalty_span of an unknown penalty
                assert node["end"] < 0 and node["text"] == "", node
                continue
            assert 0 <= node["start"] <= node["end"] <= len(text), node
            assert text[node["start"]:node["end"]] == node["text"], node


def _extract_or_document_error(text: str):
    try:
        j = cjtext.extract(text)
    except cjtext.DocumentError:
        assert not text.strip(), f"DocumentError on non-blank text {text!r}"
        return None
    assert text.strip(), f"no DocumentError on blank text {text!r}"
    assert j.document.text == text
    return j


@SETTINGS
@given(_random_text)
@example("")
@example(" \n\u3000\t")
@example("判决如下：被告人张某犯盗窃罪，判处有期徒刑一年六个月，缓刑二年，并处罚金人民币5,000元。")
@example("被告人张某，男。本院认为，被告人张某系自首，可以从轻处罚。依照《中华人民共和国刑法》第二百六十四条、"
         "第六十七条第一款之规定，判决如下：被告人张某犯盗窃罪，判处拘役六个月，并处罚金人民币一千元。")
def test_extract_random_text_spans(text):
    j = _extract_or_document_error(text)
    if j is not None:
        check_judgement(j)


@SETTINGS
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=80).map("".join))
def test_extract_fragment_soup_spans(text):
    j = _extract_or_document_error(text)
    if j is not None:
        check_judgement(j)


@SETTINGS
@given(judgement_like())
def test_extract_judgement_like_spans(text):
    j = _extract_or_document_error(text)
    if j is not None:
        check_judgement(j)


@SETTINGS
@given(st.sampled_from(["", "判决如下：", "被告人张某，男。判决如下：被告人张某犯盗窃罪，"]),
       st.sampled_from(["判处有期徒刑", "判处拘役", "缓刑", "并处罚金人民币", "剥夺政治权利"]),
       st.integers(0, 10**6), st.sampled_from(["年", "个月", "元", "万元"]))
def test_extract_arabic_terms_and_amounts(head, word, n, unit):
    j = cjtext.extract(f"{head}{word}{n}{unit}。")
    check_judgement(j)


@pytest.mark.parametrize("text", [
    "判决如下：被告人张某罚金1,00元",
    "判决如下：被告人张某犯盗窃罪，并处罚金人民币1,1元。",
    "判决如下：被告人张某违法所得1,1元",
    "判决如下：被告人张某犯盗窃罪，罚金百元。",
    "判决如下：被告人张某犯盗窃罪，判处有期徒刑百年。",
    "判决如下：被告人张某犯盗窃罪，判处有期徒刑一年，缓刑百年。",
    "判决如下：被告人张某犯盗窃罪，判处有期徒刑十五六年",
    "第十五六条",
    "依照第百条",
])
def test_extract_malformed_numbers_known_bug(text):
    check_judgement(cjtext.extract(text))


# ---------------------------------------------------------------------------
# Adversarial: ~100 KB of runs (no time assertion; see benchmarks/bench_extract.py)
# ---------------------------------------------------------------------------
_SIZE = 100_000  # bytes of UTF-8


def _fill(unit: str, head: str = "", tail: str = "") -> str:
    k = max(1, (_SIZE - len((head + tail).encode())) // len(unit.encode()))
    return head + unit * k + tail


@pytest.mark.parametrize("text", [
    _fill("第"), _fill("年"), _fill("元"), _fill("0123456789"), _fill("一二三四五六七八九十百千万亿零"),
    _fill("，,、"), _fill("《"), _fill("被告人"),
    _fill("第年元1二，《被告人,万"),
    _fill("第1年2元3万", "判决如下："),
    _fill("第一百二十三条第四款第五项、", "依照《中华人民共和国刑法》"),
    _fill("一年", "判决如下：被告人张某犯盗窃罪，判处有期徒刑", "个月"),
    _fill("123", "判决如下：被告人张某犯盗窃罪，并处罚金人民币", "元"),
    _fill("被告人张某犯盗窃罪，判处有期徒刑一年，缓刑一年，并处罚金人民币一千元；", "判决如下："),
], ids=["di", "nian", "yuan", "digits", "cn-numerals", "commas", "open-book-title", "beigaoren",
        "mixed", "mixed-decision", "citations", "duration-run", "money-digits", "decision-clauses"])
def test_extract_100kb_runs(text):
    assert len(text.encode()) >= 0.9 * _SIZE
    j = cjtext.extract(text)
    check_judgement(j)


@pytest.mark.parametrize("text, value", [("0.0万", 0), ("0万", 0), ("万", 10000), ("1.5万", 15000)])
def test_parse_money_zero_before_wan(text, value):
    # A bare 万 is ten thousand; a zero before it is zero.
    assert parse_money(text) == value

"""The fast forms of patterns (first-character guards, anchored searches) find what the plain forms find."""

from __future__ import annotations

import pytest
from conftest import SHARED, _jsonl, bundled_docs
from hypothesis import given
from hypothesis import strategies as st

from cjtext.normalize import normalize
from cjtext.patterns import FAST_FORMS, Anchored

# Sentences of our own that put each fast pattern's matches at the start, the
# middle and the end of a text, next to near misses.
SENTENCES = [
    "原审法院经审理查明，被告人甲某窃得手机一部。",
    "某某县人民法院审理查明：2019年1月，被告人甲某窃得手机。本院经审理查明，事实属实。",
    "经审理，本院认定如下事实。一审判决认定的事实清楚。",
    "上诉人甲某提出，原判认定事实错误；辩护人称甲某系从犯。",
    "各被告人均能如实供述；其余二名被告人系从犯；三人均系初犯；上诉人（原审被告人）乙某。",
    "被告单位某某公司及二被告人、上诉单位、原审被告单位、全体被告人、被告人均认罪。",
    "伙同王某、李某某（均另案处理），与同案人张某等三人（另案起诉）盗窃；另案",
    "赵某另案处理。钱某、孙某、李某、周某、吴某、郑某、王某、冯某、陈某、褚某、卫某、蒋某、沈某、韩某均已另案处理",
    "被告人甲某，男，1980年1月1日出生，曾于2010年5月因犯盗窃罪被判处有期徒刑一年；2015年3月因吸毒被行政拘留十日。"
    "因涉嫌诈骗罪于2019年3月1日被刑事拘留，同年4月2日被逮捕。次日投案，当日归案。判处",
    "人民法院认定",  # too short for a court name before it
    "，原审查明",  # a marker in mid-sentence
    "",
]


def _spans(pattern, text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


@pytest.mark.parametrize("name", sorted(FAST_FORMS))
@pytest.mark.parametrize("text", SENTENCES)
def test_fast_form_same_matches_on_sentences(name, text):
    fast, plain = FAST_FORMS[name]
    for pos in range(0, len(text) + 1, 3):
        assert _spans(fast, text, pos) == _spans(plain, text, pos)
        a, b = fast.search(text, pos), plain.search(text, pos)
        assert (a and a.span()) == (b and b.span())


@pytest.mark.parametrize("name", sorted(FAST_FORMS))
def test_fast_form_same_matches_on_bundled_corpus(name):
    fast, plain = FAST_FORMS[name]
    for doc_id, raw in bundled_docs():
        text = normalize(raw).text
        assert _spans(fast, text) == _spans(plain, text), doc_id
        assert _spans(fast, text, len(text) // 2) == _spans(plain, text, len(text) // 2), doc_id


@pytest.mark.parametrize("name", sorted(FAST_FORMS))
def test_fast_form_same_matches_on_real_judgements(name, shared_texts):
    fast, plain = FAST_FORMS[name]
    for text in shared_texts:
        text = normalize(text).text
        assert _spans(fast, text) == _spans(plain, text)


@given(st.text(alphabet="原审判一法院人民经理查明认定确认某县被告人上诉单位各其二三均，。：、", max_size=60),
       st.integers(0, 60))
def test_fast_form_same_matches_on_random_text(text, pos):
    for fast, plain in FAST_FORMS.values():
        assert _spans(fast, text, pos) == _spans(plain, text, pos)


def test_anchored_reach_and_tail_are_needed():
    # The reach and the tail are what make the anchored search exact: a match
    # starts up to ``reach`` characters before its anchor and ends up to
    # ``tail`` characters after the anchor starts.
    text = "经查，某某县人民法院认定"
    registered = dict(FAST_FORMS)
    pattern = r"[\p{Han}]{1,10}?人民法院认定(?:如下)?"
    short = Anchored(pattern, "人民法院认定", 0, 8)
    enough = Anchored(pattern, "人民法院认定", 10, 8)
    assert short.search(text) is None
    assert enough.search(text).span() == (3, 12)
    assert Anchored(pattern, "人民法院认定", 10, 6).search(text + "如下").span() == (3, 12)
    assert enough.search(text + "如下").span() == (3, 14)
    assert FAST_FORMS == registered  # unnamed patterns are not registered
    named = Anchored(pattern, "人民法院认定", 10, 8, name="test: named")
    try:
        assert FAST_FORMS["test: named"][0] is named
    finally:
        del FAST_FORMS["test: named"]


def test_anchored_searches_nearby_anchors_together():
    # 甲…乙 starts at the anchor 甲 but ends within the tail of the anchor 乙
    # only: the two anchors share one window.
    p = Anchored("甲(?:[^。]{0,10}乙)?", "甲|乙", 11, 1)
    assert p.search("甲四五六七乙").span() == (0, 6)
    assert [m.span() for m in p.finditer("甲。" + "，" * 30 + "甲四乙")] == [(0, 1), (32, 35)]
    # Anchors far apart get windows of their own, and a window without a
    # match does not end the search.
    q = Anchored("[某]{0,2}甲", "甲", 2, 1)
    assert [m.span() for m in q.finditer("乙" * 50 + "某甲" + "乙" * 50 + "甲")] == [(50, 52), (102, 103)]


def test_anchored_windows_start_after_stop_characters():
    import regex

    pattern = "[^，。]{0,9}乙"  # no match contains 。
    text = "一二。三四乙"
    assert Anchored(pattern, "乙", 9, 1, stop="[。]").search(text).span() == regex.search(pattern, text).span() == (3, 6)
    # The stop characters must be ones no match contains: 二 is not one.
    assert regex.search(pattern, "一二三四乙").span() == (0, 5)
    assert Anchored(pattern, "乙", 9, 1, stop="[二]").search("一二三四乙").span() == (2, 5)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("(?:系|属)?未成年", {"系未", "属未", "未成"}),
    ("a{3}b", {"aa"}),
    ("(?:a?){3}b", {"aa", "ab", "b"}),  # "b": a match can be one character long
    ("a{0,1}", {"", "a"}),
    ("(?<!不)坦白(?!从宽)", {"坦白"}),
    ("[甲乙]某?", {"甲", "乙", "甲某", "乙某"}),
    ("x|[^。]", None),
    (".罪", None),
    ("(?i)ab", None),
])
def test_prefixes_of_every_match(pattern, expected):
    import re

    from cjtext.patterns import prefixes
    heads = prefixes(pattern, 2)
    assert (set(heads) if heads is not None else None) == expected
    if heads is not None:  # every match starts with one of them
        for text in ("不坦白从宽，坦白。系属未成年", "aab aaab b ab", "甲某乙x"):
            for m in re.finditer(pattern, text):
                assert any(text.startswith(h, m.start()) for h in heads if len(h) == 2 or m.end() - m.start() < 2)


def test_first_chars_bounds_the_start_of_every_match():
    from cjtext.patterns import first_chars
    assert first_chars("自首|如实(?:供述|交代)|(?<!不)坦白") == "坦如自"
    assert first_chars("(?:系|属)?未成年") == "属未系"
    assert first_chars("[0-9]{1,2}名") == "0123456789"
    # Unbounded or unknown: no guard.
    for pattern in ("[^。]罪", ".罪", "(?:系)?", r"[\p{Han}]族", "罪|", "(?i)ab", "(?i:a)b"):
        assert first_chars(pattern) is None, pattern


def test_factor_vocabulary_fast_form_same_matches():
    # The bundled vocabulary runs on the stdlib re behind a first-character
    # guard; it must find what the regex module finds, label included.
    import regex

    from cjtext.extract.factors import default_vocabulary
    voc = default_vocabulary()
    plain = regex.compile(voc.source, regex.V1)
    assert voc.pattern is not plain
    real = [SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl"]
    texts = [normalize(t).text for _, t in bundled_docs()]
    texts += [normalize(d["text"]).text for p in real if p.exists() for d in _jsonl(p)]
    for text in texts:
        for lo in range(0, len(text), 500):  # windows like the sentences it runs on
            hi = min(len(text), lo + 700)
            assert [(m.span(), m.lastgroup) for m in voc.pattern.finditer(text, lo, hi)] == \
                [(m.span(), m.lastgroup) for m in plain.finditer(text, lo, hi)]


def test_factor_vocabulary_user_patterns_fall_back_to_regex():
    import regex

    from cjtext.extract.factors import FactorVocabulary
    voc = FactorVocabulary(extra={"restitution": [r"退赔[\p{Han}]{0,2}损失"]})
    assert isinstance(voc.pattern, regex.Pattern)
    assert [m.lastgroup for m in voc.pattern.finditer("已退赔全部损失，系自首")] == ["restitution", "voluntary_surrender"]


@pytest.mark.parametrize("text, kind", [
    ("《中华人民共和国刑法》", "law"), ("最高人民法院《关于审理案件的解释》", "law"), ("同法", "same"),
    ("刑法第", "bare"), ("第一、二款", "paras"), ("第三项", "items"), ("第二百六十四条之一", "article"),
    ("第（一）项", "items"), ("第2款", "paras"),
])
def test_citation_token_kind_is_its_last_group(text, kind):
    # extract.articles reads the kind of a token from Match.lastgroup: each
    # alternative is one named group that closes after the groups inside it.
    from cjtext.patterns import CITATION_TOKEN
    assert CITATION_TOKEN.search(text).lastgroup == kind


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    (r"甲\s乙", "甲 乙", True),
    (r"甲\s乙", "甲\u3000乙", True),
    (r"甲\s乙", "甲\x1c乙", False),  # a file separator: space to the stdlib, not to regex
    (r"甲[\s，]乙", "甲\x1f乙", False),
    (r"甲[\s，]乙", "甲，乙", True),
    (r"甲\S乙", "甲\x1d乙", True),
    (r"甲[^\s]乙", "甲\x1e乙", True),
])
def test_stdlib_form_keeps_the_regex_meaning_of_space(pattern, text, expected):
    import re

    from cjtext.patterns import FAST_FORMS, compile_stdlib
    fast = compile_stdlib("test: space", pattern, verbose=False)
    try:
        assert isinstance(fast, re.Pattern)
        assert (fast.fullmatch(text) is not None) is expected
        assert (FAST_FORMS["test: space"][1].fullmatch(text) is not None) is expected
    finally:
        del FAST_FORMS["test: space"]


def test_stdlib_form_falls_back_to_regex():
    import regex

    from cjtext.patterns import FAST_FORMS, compile_stdlib
    # regex-only syntax: a script property, a variable-width lookbehind, \S inside a class.
    for pattern in (r"[\p{Han}]族", r"(?<=[条款]\s?)款", r"[^\S，]"):
        try:
            assert isinstance(compile_stdlib("test: fallback", pattern, verbose=False), regex.Pattern), pattern
        finally:
            del FAST_FORMS["test: fallback"]


def test_stdlib_form_reads_verbose_comments_and_classes():
    import re

    from cjtext.patterns import FAST_FORMS, compile_stdlib
    # A bracket in a comment opens no class; a # in a class or a plain pattern is a character.
    verbose = compile_stdlib("test: comment", "甲 # a [ in a comment\n \\s 乙")
    plain = compile_stdlib("test: hash", "甲[#\\s]乙", verbose=False)
    try:
        assert isinstance(verbose, re.Pattern) and isinstance(plain, re.Pattern)
        assert verbose.fullmatch("甲 乙") and not verbose.fullmatch("甲\x1c乙")
        assert plain.fullmatch("甲#乙") and plain.fullmatch("甲\u3000乙") and not plain.fullmatch("甲\x1d乙")
    finally:
        del FAST_FORMS["test: comment"], FAST_FORMS["test: hash"]

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjtext.normalize import normalize


@pytest.mark.parametrize("text, expected", [
    ("（２０１７）浙０６８３刑初８１１号", "（2017）浙0683刑初811号"),   # full-width digits, brackets kept
    ("罚金人民币ＲＭＢ５０００元", "罚金人民币RMB5000元"),
    ("共计&nbsp;5000元&amp;", "共计 5000元&"),
    ("被告\u200b人张某", "被告人张某"),
    ("第一行\r\n\r\n\r\n第二行", "第一行\n第二行"),
    ("甲　　乙", "甲 乙"),                                   # ideographic spaces collapse
    ("  首尾  ", "首尾"),
    ("\u2f08\u6c11法院", "人民法院"),                           # Kangxi radical ⼈ -> 人
    ("金额为1．5万元", "金额为1.5万元"),
    ("经审理查明：", "经审理查明："),                        # full-width colon kept
    ("行 \n  行", "行\n行"),
])
def test_normalize(text, expected):
    assert normalize(text).text == expected


def test_offsets_point_back_into_the_original():
    original = "共计&nbsp;&nbsp;５０００元，\r\n\r\n被告人\u200b张某"
    n = normalize(original)
    i = n.text.index("被告人张某")
    a, b = n.original_span(i, i + 5)
    assert original[a:b] == "被告人\u200b张某"
    i = n.text.index("5000")
    a, b = n.original_span(i, i + 4)
    assert original[a:b] == "５０００"


def test_identity_map_for_clean_text():
    n = normalize("被告人张某犯盗窃罪。")
    assert n.text == "被告人张某犯盗窃罪。" and n.map.is_identity


def test_rejects_bytes():
    with pytest.raises(TypeError):
        normalize(b"abc")


_ALPHABET = st.sampled_from(list("被告人张某罪。，（）0１2３ Ａa\n\r\t\u3000\u00a0\u200b&;nbsp#x") +
                            ["&nbsp;", "&amp;", "&#20154;", "\u2f08"])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_map_is_monotone_and_in_bounds(text):
    n = normalize(text)
    prev = 0
    for i in range(len(n.text) + 1):
        j = n.map.to_original(i)
        assert 0 <= j <= len(text)
        assert j >= prev
        prev = j
    assert n.map.to_original(len(n.text)) <= len(text)


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_unchanged_han_characters_map_to_themselves(text):
    n = normalize(text)
    for i, ch in enumerate(n.text):
        if ch in "被告人张某罪":
            j = n.map.to_original(i)
            # The original holds the same character there, or the entity/radical it came from.
            assert text[j] == ch or text[j] in "&\u2f08"


@given(st.text(alphabet="被告人罪。，（）0１2３ Ａa\n\r\t\u3000\u00a0\u200b\u00ad\u2f08", max_size=60))
def test_normalize_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once


@given(st.lists(st.sampled_from(["a", "罪", " ", "\n", "\u200b", "\u00ad", "\u3000", "&nbsp;", "&#160;",
                                 "&#8203;", "&shy;", "&emsp;", "&#x200B;", "&#10;", "&#32;", "&amp;", "&lt;"]),
                max_size=12))
def test_normalize_is_idempotent_with_entities(pieces):
    # Spaces, zero-width characters and their entities merge in one run, whatever
    # their order. (A double-encoded entity such as &amp;nbsp; decodes one level
    # per pass, as HTML does, so "&" followed by a name is not in this alphabet.)
    n = normalize("".join(pieces))
    assert normalize(n.text).text == n.text
    assert all(0 <= n.map.to_original(i) <= len(n.original) for i in range(len(n.text) + 1))

import pytest
from conftest import bundled_docs

from cjtext.segment import Segmenter, cut, load_words


@pytest.fixture(scope="module")
def engines():
    return Segmenter("jieba"), Segmenter("rjieba")


@pytest.mark.parametrize("text, words", [
    ("被告人犯非法获取计算机信息系统数据罪", ["被告人", "犯", "非法获取计算机信息系统数据罪"]),
    ("判处有期徒刑三年，缓刑四年", ["判处", "有期徒刑", "三年", "，", "缓刑", "四年"]),
    ("提供侵入、非法控制计算机信息系统程序、工具罪", None),
])
def test_legal_words_kept_whole(engines, text, words):
    for seg in engines:
        out = seg.cut(text)
        assert "".join(out) == text
        if words is not None:
            assert out == words


def test_engines_agree_on_ascii_runs(engines):
    text = "出售cc_attack.zip等工具，血液中乙醇含量为83.21mg/100ml，（2012-3137号）"
    a, b = engines
    assert a.cut(text) == b.cut(text)


# Known disagreement: in "业余时间常在某技术论坛上" jieba's HMM cuts the unknown run 常在 as
# 常 / 在 and jieba-rs keeps 常在 (one token in one document). Listed so that any new one fails.
KNOWN_DISAGREEMENTS = ["cj-128"]


def test_engines_agree_on_bundled_corpus(engines):
    a, b = engines
    docs = bundled_docs()
    assert docs, "bundled corpus missing"
    differ = [doc_id for doc_id, text in docs if a.cut(text) != b.cut(text)]
    assert differ == KNOWN_DISAGREEMENTS


@pytest.mark.shared
def test_engines_agree_on_real_judgements(engines, shared_texts):
    a, b = engines
    differ = [i for i, t in enumerate(shared_texts) if a.cut(t) != b.cut(t)]
    assert differ == []


def test_private_dictionary_leaves_global_jieba_alone():
    import jieba

    word = "示例专用词汇甲乙"
    Segmenter("jieba", words=[word])
    assert word not in jieba.lcut("这是示例专用词汇甲乙")
    assert word in Segmenter("jieba", words=[word]).cut("这是示例专用词汇甲乙")


def test_user_dictionary_file(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my words\n撞库攻击手法 5 n\n\n", encoding="utf-8")
    assert load_words(path) == ["撞库攻击手法"]
    for engine in ("jieba", "rjieba"):
        assert "撞库攻击手法" in Segmenter(engine, user_dict=path).cut("采用撞库攻击手法获取账号")


def test_tokens_have_offsets():
    seg = Segmenter()
    text = "被告人 张某\n判处拘役"
    for t in seg.tokenize(text):
        assert text[t.start:t.end] == t.text


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        Segmenter("thulac")


def test_module_level_cut():
    assert cut("判处有期徒刑")[-1] == "有期徒刑"

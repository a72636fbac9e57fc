import pytest
from conftest import bundled_docs

from cjtext import nlp


@pytest.fixture(scope="module")
def pipe():
    return nlp()


def test_tokens_cover_text_exactly(pipe):
    text = "被告人张某，男。\n本院认为，被告人张某构成盗窃罪。"
    doc = pipe(text)
    assert doc.text == text
    assert "被告人" in [t.text for t in doc]


def test_section_spans_match_parse(pipe):
    import cjtext

    doc_id, text = bundled_docs()[0]
    doc = pipe(text)
    parsed = cjtext.parse(text)
    spans = doc.spans["sections"]
    assert [s.label_ for s in spans] == parsed.labels
    for span, sec in zip(spans, parsed.sections):
        assert span.start_char <= sec.start and span.end_char >= sec.end
    assert doc._.cj_metadata.case_number == parsed.metadata.case_number
    assert doc._.cj_document.id == "<text>"


def test_pipeline_without_sections():
    p = nlp(sections=False, facts=False)
    assert p.pipe_names == []
    assert len(p("判处有期徒刑三年")) >= 2


def test_jieba_engine_pipeline():
    p = nlp(engine="jieba")
    assert [t.text for t in p("判处有期徒刑三年")][:2] == ["判处", "有期徒刑"]


FACTS_TEXT = ("某某县人民法院\n刑事判决书\n（2020）浙0101刑初9号\n被告人陈某，男，1990年1月1日出生。\n"
              "本院认为，被告人陈某构成非法获取计算机信息系统数据罪。辩护人提出陈某系自首，经查，陈某系被抓获归案，"
              "不构成自首，该意见不予采纳。陈某到案后如实供述，可以从轻处罚。\n"
              "依照《中华人民共和国刑法》第二百八十五条第二款、第六十七条第三款之规定，判决如下：\n"
              "被告人陈某犯非法获取计算机信息系统数据罪，判处有期徒刑一年，缓刑二年，并处罚金人民币五千元。")


def test_facts_component_spans_and_values():
    doc = nlp()(FACTS_TEXT)

    def value(label, text):
        # Spans snap outwards to token boundaries (并处罚金 is one word), so match by containment.
        found = [s._.cj_value for s in doc.spans["facts"] if s.label_ == label and text in s.text]
        assert len(found) == 1, (label, text, [(s.label_, s.text) for s in doc.spans["facts"]])
        return found[0]

    assert value("PENALTY", "有期徒刑一年") == "fixed_term 12"
    assert value("PROBATION", "缓刑二年") == 24
    assert value("FINE", "罚金人民币五千元") == 5000
    assert value("ARTICLE_APPLIED", "第二百八十五条第二款") == "刑法第285条第2款"
    labels = {s.label_ for s in doc.spans["facts"]}
    assert {"DEFENDANT", "CHARGE", "FACTOR", "FACTOR_REJECTED"} <= labels
    assert doc._.cj_judgement.defendants[0].factors == ("confession",)


def test_facts_component_reuses_parsed_document():
    p = nlp()
    doc = p(FACTS_TEXT)
    assert doc._.cj_judgement.document is doc._.cj_document


def test_render_highlights_facts():
    from cjtext.pipeline import render

    html = render(FACTS_TEXT)
    assert html.startswith("<!DOCTYPE html>") or "<html" in html
    for label in ("PENALTY", "FINE", "FACTOR_REJECTED", "ARTICLE_APPLIED"):
        assert label in html

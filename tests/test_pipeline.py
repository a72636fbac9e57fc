import pytest

from cjtext import nlp

from conftest import bundled_docs


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
    p = nlp(sections=False)
    assert p.pipe_names == []
    assert len(p("判处有期徒刑三年")) >= 2


def test_jieba_engine_pipeline():
    p = nlp(engine="jieba")
    assert [t.text for t in p("判处有期徒刑三年")][:2] == ["判处", "有期徒刑"]

import csv
import json
import types
from pathlib import Path

import pytest

import cjtext
from cjtext.errors import DocumentError, ErrorLog
from cjtext.io import detect_encoding, html_to_text, read

DATA = Path(__file__).parent / "data"
TEXT = "示例市人民法院\n刑事判决书\n（2019）示0101刑初1号\n被告人王某，男。\n本院认为，被告人王某构成盗窃罪。"


def test_plain_text_utf8(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    [rec] = read(tmp_path / "a.txt")
    assert rec.id == "a" and rec.text == TEXT and rec.source.endswith("a.txt")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings_detected(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes(TEXT.encode(encoding))
    [rec] = read(tmp_path / "a.txt")
    assert rec.text == TEXT


def test_detect_encoding_on_truncated_utf8_sample():
    data = "被告人".encode("utf-8")[:-1]
    assert detect_encoding(data) == "utf-8"


def test_undecodable_bytes_named(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x81\x30\x81" + b"\xff" * 4)
    with pytest.raises(DocumentError, match=r"bad\.txt.*cannot decode"):
        list(read(tmp_path / "bad.txt"))


def test_empty_document(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n ", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"empty\.txt: document is empty"):
        list(read(tmp_path / "empty.txt"))


def test_html_page_from_judgements_online():
    [rec] = read(DATA / "cjo_page.html")
    lines = rec.text.split("\n")
    assert lines[0] == "王某某盗窃一审刑事判决书"          # content container only
    assert "首页" not in rec.text and "track()" not in rec.text and "caseinfo" not in rec.text
    assert "窃得手机一部" in rec.text                        # inline <span> does not break a line
    assert "审判员\xa0\xa0刘某" in lines and "二〇一九年三月二十日" in lines   # <br> breaks
    doc = cjtext.parse(rec)
    md = doc.metadata
    assert md.court == "示例省示例市东城区人民法院"
    assert md.doc_type == "刑事判决书"
    assert md.case_number.text == "（2019）示0101刑初45号"
    assert md.judgement_date == "2019-03-20"
    assert "facts" in doc.labels and "signature" in doc.labels


def test_html_to_text_without_container():
    assert html_to_text("<p>甲</p><p>乙<br/>丙</p>") == "甲\n乙\n丙"


def test_jsonl_with_bad_lines_reports_each(tmp_path):
    lines = [
        json.dumps({"id": "d1", "qw": TEXT}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "d3", "title": "no text here"}, ensure_ascii=False),
        "",
        json.dumps({"全文": TEXT}, ensure_ascii=False),
        json.dumps({"id": "d6", "text": "   "}, ensure_ascii=False),
        json.dumps({"id": "d7", "qwContent": "<div><p>被告人张某。</p></div>"}, ensure_ascii=False),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = ErrorLog()
    recs = list(read(path, on_error=log))
    assert [r.id for r in recs] == ["d1", "dump:5", "d7"]
    assert recs[2].text == "被告人张某。"                      # HTML inside JSON reduced to text
    sources = [e["source"] for e in log.entries]
    assert [s.rsplit(":", 1)[1] for s in sources] == ["2", "3", "6"]
    assert "not valid JSON" in log.entries[0]["error"]
    assert "no text field" in log.entries[1]["error"] and "text_field" in log.entries[1]["error"]
    assert "empty" in log.entries[2]["error"] and log.entries[2]["id"] == "d6"


def test_jsonl_without_on_error_raises_first_bad(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    it = read(path)
    assert next(it).id == "a"
    with pytest.raises(DocumentError, match=r"dump\.jsonl:2"):
        next(it)


def test_explicit_fields(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"key": "k1", "body_text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    [rec] = read(path, text_field="body_text", id_field="key")
    assert rec.id == "k1" and rec.text == TEXT and rec.meta == {"key": "k1"}
    with pytest.raises(DocumentError, match="no text field 'nope'"):
        list(read(path, text_field="nope"))


def test_jsonl_gbk_line_undecodable(tmp_path):
    path = tmp_path / "g.jsonl"
    good = json.dumps({"id": "g1", "text": TEXT}, ensure_ascii=False).encode("gbk")
    path.write_bytes(good + b"\n" + b'{"id": "g2", "text": "\x81"}' + b"\n" + good.replace(b"g1", b"g3") + b"\n")
    errors = []
    recs = list(read(path, on_error=errors.append))
    assert [r.id for r in recs] == ["g1", "g3"]
    assert len(errors) == 1 and errors[0].source.endswith("g.jsonl:2")


def test_json_file_single_and_list(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "x", "content": TEXT}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": TEXT}, {"text": TEXT}], ensure_ascii=False), encoding="utf-8")
    ids = sorted(r.id for r in read(tmp_path))
    assert ids == ["many:0", "many:1", "x"]


def test_csv_dump_with_long_texts_and_gbk(tmp_path):
    path = tmp_path / "dump.csv"
    long_text = TEXT + "事实。" * 60_000  # longer than csv's default field limit
    with open(path, "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["案号", "法院", "全文"])
        w.writerow(["（2019）示0101刑初1号", "示例市人民法院", long_text])
        w.writerow(["（2019）示0101刑初2号", "示例市人民法院", ""])
        w.writerow(["（2019）示0101刑初3号", "示例市人民法院", "多行\n文本"])
    errors = []
    recs = list(read(path, on_error=errors.append))
    assert [r.id for r in recs] == ["（2019）示0101刑初1号", "（2019）示0101刑初3号"]
    assert recs[0].text == long_text and recs[1].text == "多行\n文本"
    assert recs[0].meta["法院"] == "示例市人民法院"
    assert len(errors) == 1 and "empty" in errors[0].reason


def test_directories_and_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    assert sorted(r.id for r in read(tmp_path)) == ["a", "b"]
    assert [r.id for r in read(str(tmp_path / "**" / "b.txt"))] == ["b"]


def test_missing_paths_reported(tmp_path):
    errors = []
    assert list(read([tmp_path / "nope.txt", str(tmp_path / "*.jsonl")], on_error=errors.append)) == []
    assert "no such file" in errors[0].reason and "no files match" in errors[1].reason


def test_read_is_lazy(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(1000):
            fh.write(json.dumps({"id": str(i), "text": TEXT}, ensure_ascii=False) + "\n")
    it = read(path)
    assert isinstance(it, types.GeneratorType)
    assert next(it).id == "0"


def test_unknown_format_rejected():
    with pytest.raises(ValueError, match="unknown format"):
        list(read("x", format="docx"))

import json
import subprocess
import sys

import pytest
from conftest import CORPUS

from cjtext.cli import main


def test_parse_json_lines(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(CORPUS / "judgements"), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(list((CORPUS / "judgements").glob("*.txt")))
    first = rows[0]
    assert {"id", "case_number", "court", "doc_type", "judgement_date", "sections"} <= set(first)
    assert "documents parsed, 0 failed" in capsys.readouterr().err


def test_parse_with_text_and_errors_file(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "某某县人民法院 刑事判决书 （2019）示0101刑初1号 被告人张某。"}\n{broken\n',
                   encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert main(["parse", str(src), "--with-text", "--errors", str(errors)]) == 0
    captured = capsys.readouterr()
    row = json.loads(captured.out.splitlines()[0])
    assert row["sections"][0]["text"].startswith("某某县人民法院")
    [err] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert err["source"].endswith("in.jsonl:2") and "JSON" in err["error"]
    assert "1 documents parsed, 1 failed" in captured.err


def test_all_bad_input_fails(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "missing.txt")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_table(capsys):
    assert main(["parse", str(CORPUS / "judgements"), "--table"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("id") and "人民法院" in out


@pytest.mark.parametrize("args", [["--help"], ["parse", "--help"]])
def test_help(args):
    proc = subprocess.run([sys.executable, "-m", "cjtext", *args], capture_output=True, text=True)
    assert proc.returncode == 0 and "usage: cjtext" in proc.stdout


def test_extract_writes_gold_format_plus_extras(tmp_path, capsys):
    out = tmp_path / "facts.jsonl"
    assert main(["extract", str(CORPUS / "judgements"), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(list((CORPUS / "judgements").glob("*.txt")))
    row = rows[0]
    assert {"n_defendants", "defendants", "articles_applied", "articles", "co_offenders_elsewhere"} <= set(row)
    d = row["defendants"][0]
    assert {"penalty", "fine_yuan", "factors", "factor_mentions", "sex", "age", "charge_spans"} <= set(d)


def test_extract_then_evaluate_round_trip(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    with open(gold, "w", encoding="utf-8") as fh:
        for p in sorted((CORPUS / "gold").glob("*.json")):
            fh.write(json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False) + "\n")
    pred = tmp_path / "pred.jsonl"
    assert main(["extract", str(CORPUS / "judgements"), "--gold-only", "-o", str(pred)]) == 0
    report = tmp_path / "score.json"
    assert main(["evaluate", str(gold), "--predictions", str(pred), "--json", str(report)]) == 0
    table = capsys.readouterr().out
    assert "articles_applied" in table and "penalty.months" in table
    fields = {r["field"]: r for r in json.loads(report.read_text(encoding="utf-8"))["fields"]}
    assert fields["n_defendants"]["accuracy"] >= 0.99
    # and straight from the documents
    assert main(["evaluate", str(gold), "--docs", str(CORPUS / "judgements")]) == 0
    assert "documents: 38" in capsys.readouterr().out


def test_extract_records_bad_documents_and_goes_on(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "被告人张某。判决如下：被告人张某犯盗窃罪，判处拘役一个月。"}\n'
                   '{"id": "b", "text": "   "}\n', encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--errors", str(errors)]) == 0
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a"]
    [err] = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert "empty" in err["error"]


def test_show_writes_html(tmp_path, capsys):
    page = tmp_path / "show.html"
    assert main(["show", str(CORPUS / "judgements" / "cj-001.txt"), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "ARTICLE_APPLIED" in html and "PENALTY" in html


@pytest.mark.parametrize("command", ["extract", "evaluate", "show"])
def test_new_subcommands_have_help(command):
    r = subprocess.run([sys.executable, "-m", "cjtext", command, "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "usage" in r.stdout


def test_extract_table_one_row_per_defendant(capsys):
    assert main(["extract", str(CORPUS / "judgements" / "cj-014.txt"), "--table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id")
    assert len(lines) == 1 + 4 and "fixed_term 42m" in lines[1]

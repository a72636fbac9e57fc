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

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


@pytest.mark.parametrize("command", ["extract", "evaluate", "show", "train", "classify", "evaluate-classifier", "suggest"])
def test_new_subcommands_have_help(command):
    r = subprocess.run([sys.executable, "-m", "cjtext", command, "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "usage" in r.stdout


def test_extract_table_one_row_per_defendant(capsys):
    assert main(["extract", str(CORPUS / "judgements" / "cj-014.txt"), "--table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id")
    assert len(lines) == 1 + 4 and "fixed_term 42m" in lines[1]


# ---------------------------------------------------------------------------
# Classifier commands
# ---------------------------------------------------------------------------
TRAIN = [
    ("经审理查明，被告人用木马盗取他人网络游戏账号内的装备并在交易平台出售。", "游戏"),
    ("经审理查明，被告人利用游戏漏洞刷取元宝，转卖给其他玩家获利。", "游戏"),
    ("经审理查明，被告人窃取玩家的游戏币和点券后低价出售。", "游戏"),
    ("经审理查明，被告人盗取玩家游戏装备，在平台上架出售。", "游戏"),
    ("经审理查明，被告人趁夜撬开商店卷闸门，窃得现金二千元。", "盗窃"),
    ("经审理查明，被告人在公交车上扒窃乘客钱包一个。", "盗窃"),
    ("经审理查明，被告人翻窗入户，窃得金项链一条。", "盗窃"),
    ("经审理查明，被告人在超市窃取香烟十条。", "盗窃"),
]


@pytest.fixture()
def labelled(tmp_path):
    path = tmp_path / "train.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, (text, label) in enumerate(TRAIN):
            fh.write(json.dumps({"id": f"d{i}", "body": text, "meta": {"label": [label]}}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "u1", "body": "经审理查明，被告人盗取玩家的装备。"}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "u2", "body": "经审理查明，被告人窃取游戏里的现金。"}, ensure_ascii=False) + "\n")
    return path


def test_train_classify_evaluate_suggest(labelled, tmp_path, capsys):
    model = tmp_path / "m.skops"
    opts = ["--text-field", "body", "--label-field", "meta.label"]
    assert main(["train", str(labelled), *opts, "--cv", "2", "-o", str(model)]) == 0
    out = capsys.readouterr()
    assert "precision" in out.out and "confusion" in out.out and "2 records without a label skipped" in out.err
    for name in ("m.skops", "m.card.json", "m.cv.json", "m.cv.png"):
        assert (tmp_path / name).stat().st_size > 0, name
    card = json.loads((tmp_path / "m.card.json").read_text(encoding="utf-8"))
    assert card["labels"] == ["游戏", "盗窃"] and card["training_data"]["n"] == 8

    preds = tmp_path / "p.jsonl"
    assert main(["classify", str(labelled), "--text-field", "body", "--model", str(model), "-o", str(preds)]) == 0
    rows = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [f"d{i}" for i in range(8)] + ["u1", "u2"]
    assert rows[0]["label"] == "游戏" and rows[4]["label"] == "盗窃"
    assert all(abs(sum(r["probabilities"].values()) - 1) < 1e-3 for r in rows)
    capsys.readouterr()

    assert main(["evaluate-classifier", str(labelled), *opts, "--model", str(model),
                 "--report", str(tmp_path / "eval.json")]) == 0
    out = capsys.readouterr().out
    assert "accuracy 1.000" in out and (tmp_path / "eval.png").exists()
    assert json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))["n"] == 8

    assert main(["suggest", str(labelled), *opts, "--model", str(model), "-n", "5"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    # Only the unlabelled records, most uncertain first.
    assert {r["id"] for r in rows} == {"u1", "u2"}
    assert rows[0]["uncertainty"] >= rows[1]["uncertainty"]


def test_train_with_wrong_label_field_says_so(labelled, tmp_path, capsys):
    code = main(["train", str(labelled), "--text-field", "body", "--label-field", "nope",
                 "-o", str(tmp_path / "m.skops")])
    assert code == 2
    err = capsys.readouterr().err
    assert "no labelled records" in err and "--label-field" in err


def test_classify_with_default_model(capsys):
    assert main(["classify", str(CORPUS / "judgements" / "cj-001.txt")]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "cj-001" and set(row["probabilities"]) >= {"real_assets", "not_cyber"}
    assert row["evidence"]


def test_classify_refuses_untrusted_model(tmp_path, capsys):
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"PK not really")
    assert main(["classify", str(CORPUS / "judgements" / "cj-001.txt"), "--model", str(bad)]) == 2
    assert "not a skops model file" in capsys.readouterr().err

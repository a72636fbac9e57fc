"""cjtext.corpus: the case and defendant tables, filters, writers and trends."""

import json

import pandas as pd
import pytest
from conftest import CORPUS, ROOT, bundled_gold

import cjtext
from cjtext import corpus
from cjtext.cli import main

# Two short judgements of our own: one cybercrime with a unit and a co-offender elsewhere, one theft.
CYBER = """某某省某某市某某区人民法院
刑事判决书
（2015）某0101刑初12号
公诉机关某某区人民检察院。
被告单位某某网络科技有限公司。
被告人王某某，男，1990年5月1日出生，汉族，大学文化，该公司经理。
某某区人民检察院指控被告单位某某网络科技有限公司、被告人王某某犯破坏计算机信息系统罪。
经审理查明，被告人王某某指使员工，与李某（另案处理）一起篡改他人服务器数据，违法所得人民币三万元。
本院认为，被告单位某某网络科技有限公司、被告人王某某的行为均已构成破坏计算机信息系统罪。被告人王某某到案后如实供述自己的罪行，可以从轻处罚。依照《中华人民共和国刑法》第二百八十六条第二款、第三十一条、第六十七条第三款之规定，判决如下：
一、被告单位某某网络科技有限公司犯破坏计算机信息系统罪，判处罚金人民币十万元。
二、被告人王某某犯破坏计算机信息系统罪，判处有期徒刑二年六个月。
审判长　赵某
二〇一五年六月一日
书记员　钱某"""
THEFT = """某某省某某市某某区人民法院
刑事判决书
（2016）某0102刑初7号
公诉机关某某区人民检察院。
被告人张某，女，1995年3月3日出生，汉族，初中文化，无业。
经审理查明，被告人张某在商场窃取他人钱包一个，内有现金二千元。
本院认为，被告人张某的行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条、第七十二条第一款之规定，判决如下：
被告人张某犯盗窃罪，判处拘役四个月，缓刑六个月，并处罚金人民币二千元。
审判员　孙某
二〇一六年九月九日
书记员　周某"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    empty = tmp_path_factory.mktemp("docs") / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    return corpus.extract([cjtext.parse(CYBER, id="c1"), cjtext.parse(THEFT, id="c2"), empty], classify=True)


def test_case_rows(tables):
    cases, _ = tables
    assert list(cases.columns) == list(corpus.CASE_COLUMNS)
    c1, c2 = cases.set_index("case_id").loc["c1"], cases.set_index("case_id").loc["c2"]
    assert (c1["year"], c1["procedure"], c1["case_type"], c1["case_serial"]) == (2015, "first_instance", "刑初", "12")
    assert c1["n_defendants"] == 2 and c1["n_units"] == 1 and c1["n_elsewhere"] == 1 and c1["n_offenders"] == 3
    assert c1["cyber_articles"] and not c2["cyber_articles"]
    assert c1["articles_applied"] == "刑法第286条第2款；刑法第31条；刑法第67条第3款"
    assert c1["total_fine_yuan"] == 100000 and c1["is_cyber"] and c2["value_chain"] == "not_cyber"
    probs = [c1[f"p_{x}"] for x in (*corpus.CHAINS, "not_cyber")]
    assert abs(sum(probs) - 1) < 1e-3 and c1["p_not_cyber"] == 0.0


def test_bad_document_is_reported_not_dropped(tables):
    cases, _ = tables
    assert cases.attrs["n_errors"] == 1 and "empty" in cases.attrs["errors"][0]["error"]
    assert cases.attrs["errors"][0]["source"].endswith("empty.txt") and len(cases) == 2


def test_defendant_rows(tables):
    _, defs = tables
    assert list(defs.columns) == list(corpus.DEFENDANT_COLUMNS)
    unit, wang, zhang = (defs.iloc[i] for i in range(3))
    assert unit["is_unit"] and unit["penalty_kind"] == "fine_only" and pd.isna(unit["prison_months"])
    assert wang["prison_months"] == 30 and wang["custodial"] and not wang["probation"] and wang["f_confession"]
    assert wang["age"] == 25 and wang["sex"] == "男" and wang["defendant_index"] == 2
    assert zhang["penalty_kind"] == "criminal_detention" and zhang["probation_months"] == 6 and zhang["probation"]
    assert zhang["fine_yuan"] == 2000 and zhang["occupation"] == "无业" and not zhang["f_confession"]


@pytest.mark.parametrize("clause, joint", [
    ("三、被告人甲某、乙某的违法所得人民币六千元予以追缴。", [True, True]),
    ("三、追缴被告人甲某违法所得人民币四千元，被告人乙某违法所得人民币二千元。", [False, False]),
    ("三、追缴被告人甲某违法所得人民币四千元。", [False, None]),
])
def test_illegal_gains_stated_jointly(clause, joint):
    text = ("某某县人民法院\n刑事判决书\n被告人甲某，男，1990年2月3日出生。\n被告人乙某，男，1992年5月6日出生。\n"
            "本院认为，被告人甲某、乙某构成诈骗罪。依照《中华人民共和国刑法》第二百六十六条之规定，判决如下：\n"
            "一、被告人甲某犯诈骗罪，判处有期徒刑一年。\n二、被告人乙某犯诈骗罪，判处有期徒刑十个月。\n"
            f"{clause}\n二〇一八年三月一日")
    _, defs = corpus.rows(cjtext.extract(text))
    assert [d["illegal_gains_joint"] for d in defs] == joint


@pytest.mark.parametrize("article, specs, expected", [
    ("刑法第285条第2款", ["刑法第285条"], True),
    ("刑法第285条", ["刑法第285条"], True),
    ("刑法第287条之一第1款", ["刑法第287条"], False),
    ("刑法第287条之一第1款", ["刑法第287条之一"], True),
    ("刑法第2850条", ["刑法第285条"], False),
])
def test_article_filter_semantics(article, specs, expected):
    assert corpus._matches(article, specs) is expected


def test_select(tables):
    cases, defs = tables
    c, d = corpus.select(cases, defs, articles=corpus.CYBER_ARTICLES)
    assert list(c["case_id"]) == ["c1"] and list(d["case_id"]) == ["c1", "c1"]
    assert list(corpus.select(cases, charges=["盗窃罪"])["case_id"]) == ["c2"]
    assert list(corpus.select(cases, years=(2016, 2020))["case_id"]) == ["c2"]
    assert list(corpus.select(cases, cyber=False)["case_id"]) == ["c2"]
    assert len(corpus.select(cases, courts=["不存在"])) == 0


@pytest.mark.parametrize("ext", ["parquet", "csv", "dta"])
def test_write_round_trip(tables, tmp_path, ext):
    cases, defs = tables
    pc, pd_ = corpus.write(cases, defs, tmp_path / f"study.{ext}")
    assert pc.name == f"study.cases.{ext}" and pd_.name == f"study.defendants.{ext}"
    read = {"parquet": pd.read_parquet, "csv": pd.read_csv, "dta": pd.read_stata}[ext]
    back = read(pd_)
    assert list(back["name"]) == list(defs["name"])
    assert float(back.loc[1, "prison_months"]) == 30.0
    assert int(back.loc[1, "f_confession"]) == 1 and int(back.loc[2, "f_confession"]) == 0


def test_trends_agree_with_direct_computation(tables):
    cases, defs = tables
    t = corpus.trends(cases, defs)
    assert list(t.index) == [2015, 2016]
    assert t.loc[2015, "mean_prison_months"] == 30 and t.loc[2016, "probation_share"] == 1.0
    assert t.loc[2015, "defendants"] == 1          # the unit is not a person
    assert t.loc[2015, "max_offenders_per_case"] == 3
    assert t.loc[2016, "share_not_cyber"] == 1.0


def test_bundled_corpus_tables_match_gold():
    """Every defendant row agrees with extraction and the case table with the gold counts."""
    cases, defs = corpus.extract([CORPUS / "judgements"], classify=False)
    gold = bundled_gold()
    assert len(cases) == len(gold) and cases.attrs["n_errors"] == 0
    n = cases.set_index("case_id")["n_defendants"]
    agree = sum(int(n[i]) == g["n_defendants"] for i, g in gold.items())
    assert agree / len(gold) >= 0.99
    assert len(defs) == int(n.sum())


def test_data_dictionary_page_is_current():
    page = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert page == corpus.data_dictionary(), "regenerate: python -c \"import cjtext.corpus as c; " \
        "open('docs/data-dictionary.md','w').write(c.data_dictionary())\""


def test_cli_extract_tables_with_filters(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["extract", str(CORPUS / "judgements"), "--no-classify", "-o", str(out),
                 "--articles", "刑法第285条", "刑法第286条", "--years", "2012-2016"]) == 0
    cases = pd.read_csv(tmp_path / "r.cases.csv")
    assert len(cases) > 0 and cases["year"].between(2012, 2016).all()
    assert cases["articles_applied"].str.contains("刑法第28[56]条").all()
    assert "cases kept by the filters" in capsys.readouterr().err
    assert json.loads(json.dumps(list(cases.columns))) == list(corpus.CASE_COLUMNS)


def test_cli_extract_to_a_folder_writes_parquet_datasets(tmp_path):
    out = tmp_path / "results"
    assert main(["extract", str(CORPUS / "judgements" / "cj-003.txt"), "--no-classify", "-o", str(out),
                 "-j", "1", "-q"]) == 0
    assert pd.read_parquet(out / "defendants").loc[0, "prison_months"] == 36
    assert len(pd.read_parquet(out / "cases")) == 1

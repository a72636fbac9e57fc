"""The scorer follows the gold format's scoring rules."""

from __future__ import annotations

import json

import pytest

from cjtext.score import evaluate, load_jsonl

GOLD = {"id": "a", "case_number": "（2020）浙0101刑初1号", "court": "某某县人民法院", "doc_type": "刑事判决书",
        "judgement_date": "2020-05-01", "n_defendants": 2, "articles_applied": ["刑法第264条", "刑法第67条第3款"],
        "defendants": [
            {"name": "甲某", "charges": ["盗窃罪"], "penalty": {"kind": "fixed_term", "months": 6},
             "probation_months": None, "fine_yuan": 2000, "factors": ["confession", "restitution"]},
            {"name": "乙某", "charges": ["盗窃罪"], "penalty": {"kind": "criminal_detention", "months": 1.33},
             "probation_months": 3, "fine_yuan": 1000, "factors": []}]}


def _copy(**changes):
    d = json.loads(json.dumps(GOLD))
    d.update(changes)
    return d


def test_perfect_prediction():
    s = evaluate([GOLD], [_copy()])
    assert all(c.accuracy == 1.0 for c in s.accuracy.values())
    assert s.prf["articles_applied"].f1 == 1.0 and s.prf["factors"].f1 == 1.0
    assert s.errors == []


def test_articles_are_a_set():
    s = evaluate([GOLD], [_copy(articles_applied=["刑法第67条第3款", "刑法第264条", "刑法第52条"])])
    a = s.prf["articles_applied"]
    assert (a.tp, a.fp, a.fn) == (2, 1, 0)
    assert a.precision == pytest.approx(2 / 3) and a.recall == 1.0


def test_defendants_matched_by_name_not_order():
    p = _copy()
    p["defendants"] = list(reversed(p["defendants"]))
    assert evaluate([GOLD], [p]).accuracy["penalty.months"].accuracy == 1.0


def test_missing_defendant_is_wrong_on_every_field():
    p = _copy()
    p["defendants"] = p["defendants"][:1]
    s = evaluate([GOLD], [p])
    assert s.accuracy["fine_yuan"].correct == 1 and s.accuracy["fine_yuan"].total == 2
    assert any(e["predicted"] == "(defendant not found)" for e in s.errors)


def test_charges_compare_as_sets_and_numbers_exactly():
    p = _copy()
    p["defendants"][0]["charges"] = ["盗窃罪", "诈骗罪"]
    p["defendants"][1]["penalty"]["months"] = 1.3
    s = evaluate([GOLD], [p])
    assert s.accuracy["charges"].correct == 1
    assert s.accuracy["penalty.months"].correct == 1


def test_factors_micro_prf():
    p = _copy()
    p["defendants"][0]["factors"] = ["confession", "plea_in_court"]
    f = evaluate([GOLD], [p]).prf["factors"]
    assert (f.tp, f.fp, f.fn) == (1, 1, 1)


def test_missing_document_counts_as_wrong():
    s = evaluate([GOLD], [])
    assert s.n_missing == 1 and s.accuracy["court"].accuracy == 0.0


def test_load_jsonl_names_the_bad_line(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "a"}\n{not json}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"g.jsonl:2"):
        load_jsonl(p)

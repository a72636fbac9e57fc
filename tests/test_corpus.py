"""The bundled corpus: gold keys valid in the shared format, and our metadata matching them."""

import json

import pytest
from conftest import CORPUS, bundled_docs, bundled_gold

import cjtext
from cjtext.classifier import LABELS as CHAIN_LABELS
from cjtext.extract.factors import LABELS as FACTOR_LABELS
from cjtext.extract.sentences import PENALTY_KINDS

KINDS = set(PENALTY_KINDS)
FACTORS = set(FACTOR_LABELS)
LABELS = set(CHAIN_LABELS)

DOCS = dict(bundled_docs())
GOLD = bundled_gold()


def test_corpus_size_and_mix():
    assert len(DOCS) >= 30 and set(DOCS) == set(GOLD)
    labels = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (CORPUS / "labels").glob("*.json")}
    assert set(labels) == set(DOCS)
    cyber = sum(l["label"] != "not_cyber" for l in labels.values())
    assert cyber >= len(DOCS) / 2
    assert {l["procedure"] for l in labels.values()} >= {"first_instance", "appeal"}
    assert any(g["n_defendants"] > 1 for g in GOLD.values()) and any(g["n_defendants"] == 1 for g in GOLD.values())
    for l in labels.values():
        assert l["label"] in LABELS and l["labels"][0] == l["label"]


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_gold_record_is_well_formed(doc_id):
    g = GOLD[doc_id]
    assert g["id"] == doc_id
    assert set(g) >= {"case_number", "court", "doc_type", "judgement_date", "n_defendants", "defendants",
                      "articles_applied", "notes"}
    text = DOCS[doc_id]
    assert g["case_number"] in text and g["court"] in text
    assert g["n_defendants"] == len(g["defendants"])
    for d in g["defendants"]:
        assert d["name"] in text
        assert d["penalty"]["kind"] in KINDS
        assert set(d["factors"]) <= FACTORS
        assert all(c.endswith("罪") for c in d["charges"])
    assert len(set(g["articles_applied"])) == len(g["articles_applied"])


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_metadata_matches_bundled_gold(doc_id):
    g = GOLD[doc_id]
    doc = cjtext.parse(DOCS[doc_id], id=doc_id)
    d = doc.to_dict()
    for field in ("case_number", "court", "doc_type", "judgement_date"):
        assert d[field] == g[field], field
    assert {"facts", "reasoning", "judgment"} <= set(doc.labels)

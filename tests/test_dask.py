"""Cluster mode on a real distributed.LocalCluster of two worker processes."""

import json

import pandas as pd
import pytest
from conftest import CORPUS

from cjtext import corpus
from cjtext.batch import read_dataset

distributed = pytest.importorskip("distributed")
from cjtext import dask as cjdask  # noqa: E402


def _sorted(df):
    keys = ["case_id"] + (["defendant_index"] if "defendant_index" in df.columns else [])
    return df.sort_values(keys).reset_index(drop=True)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_units_cut_jsonl_at_lines(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text("".join(json.dumps({"id": str(i), "text": f"文{i}"}) + "\n" for i in range(7)), encoding="utf-8")
    us = cjdask.units([p], chunk_size=3)
    assert [(u[0], u[4]) for u in us] == [("jsonl", 1), ("jsonl", 4), ("jsonl", 7)]
    recs = [r for u in us for r in cjdask._read_unit(u, {})]
    assert [r.id for r in recs] == [str(i) for i in range(7)] and recs[5].source == f"{p}:6"


def test_cluster_equals_in_memory_and_resumes(client, tmp_path):
    ref_cases, ref_defs = corpus.extract([CORPUS / "judgements"], classify=True)
    out = tmp_path / "out"
    s = cjdask.extract([CORPUS / "judgements"], out, client=client, chunk_size=60)
    assert s == {"documents": 387, "extracted": 387, "failed": 0, "partitions": 7}
    cases, defendants, errors = read_dataset(out)
    pd.testing.assert_frame_equal(_sorted(cases), _sorted(ref_cases), check_exact=False, atol=1e-4)
    pd.testing.assert_frame_equal(_sorted(defendants), _sorted(ref_defs))
    # A rerun finds every partition done (markers) and writes nothing new.
    before = {p: p.stat().st_mtime_ns for p in (out / "cases").iterdir()}
    assert cjdask.extract([CORPUS / "judgements"], out, client=client, chunk_size=60)["documents"] == 387
    assert {p: p.stat().st_mtime_ns for p in (out / "cases").iterdir()} == before


def test_bag_of_texts_with_a_bad_one(client, tmp_path):
    import dask.bag as db

    good = (CORPUS / "judgements" / "cj-003.txt").read_text(encoding="utf-8")
    bag = db.from_sequence([good, "   ", {"id": "x", "text": good}], npartitions=2)
    s = cjdask.extract(bag, tmp_path / "out", client=client, classify=False)
    assert (s["documents"], s["extracted"], s["failed"]) == (3, 2, 1)
    cases, _, errors = read_dataset(tmp_path / "out")
    assert sorted(cases["case_id"]) == ["doc-0-0", "x"] and "empty" in errors.iloc[0]["error"]


def test_cli_scheduler_option(client, tmp_path, capsys):
    from cjtext.cli import main

    out = tmp_path / "res"
    assert main(["extract", str(CORPUS / "judgements" / "cj-003.txt"), str(CORPUS / "judgements" / "cj-025.txt"),
                 "-o", str(out), "--scheduler", client.scheduler.address, "--no-classify"]) == 0
    assert "2 documents" in capsys.readouterr().err
    assert sorted(pd.read_parquet(out / "cases")["case_id"]) == ["cj-003", "cj-025"]


def test_cli_report_on_the_cluster_and_from_its_tables(client, tmp_path, capsys):
    from cjtext.cli import main

    docs = [str(CORPUS / "judgements" / f"cj-0{i:02d}.txt") for i in range(1, 9)]
    out = tmp_path / "rep"
    assert main(["report", *docs, "-o", str(out), "--scheduler", client.scheduler.address, "--no-classify"]) == 0
    assert "8 documents, 0 failed, 8 cases reported" in capsys.readouterr().err
    # The cluster wrote the tables (its _done markers, no batch journal); a report from them agrees.
    assert (out / "tables" / "_done").is_dir() and not (out / "tables" / "_journal.jsonl").exists()
    again = tmp_path / "again"
    assert main(["report", "--tables", str(out / "tables"), "-o", str(again)]) == 0
    assert (again / "trends.csv").read_text() == (out / "trends.csv").read_text()


def test_model_loaded_in_the_callers_process_leaves_its_collector_alone(client):
    # Worker processes quieten their collector once the model is loaded; the
    # caller's own process (a threaded scheduler) is left as it is.
    import gc

    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    saved = cjdask._MODELS.pop(None, None)
    try:
        cjdask._model(None)
        assert gc.get_threshold() == before and gc.get_freeze_count() == frozen
    finally:
        cjdask._MODELS.pop(None, None)
        if saved is not None:
            cjdask._MODELS[None] = saved
    # In the cluster's worker processes it is quietened.
    from cjtext.batch import GC_THRESHOLDS

    def load_and_report():
        cjdask._model(None)
        return gc.get_threshold(), gc.get_freeze_count() > 0

    assert set(client.run(load_and_report).values()) == {(GC_THRESHOLDS, True)}

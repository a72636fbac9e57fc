"""The batch engine: same results as in memory, any number of jobs, errors kept, resumable after kill -9."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import CORPUS, ROOT

from cjtext import corpus
from cjtext.batch import count_documents, read_dataset, run
from cjtext.errors import CjtextError


def _sorted(df):
    keys = ["case_id"] + (["defendant_index"] if "defendant_index" in df.columns else [])
    return df.sort_values(keys).reset_index(drop=True)


@pytest.fixture(scope="module")
def reference():
    return corpus.extract([CORPUS / "judgements"], classify=False)


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_equals_in_memory(tmp_path, reference, jobs):
    s = run([CORPUS / "judgements"], tmp_path / "out", jobs=jobs, classify=False, chunk_size=60, progress=False)
    assert s.documents == s.extracted == len(reference[0]) and s.failed == 0 and s.chunks == 7
    cases, defendants, errors = read_dataset(tmp_path / "out")
    pd.testing.assert_frame_equal(_sorted(cases), _sorted(reference[0]))
    pd.testing.assert_frame_equal(_sorted(defendants), _sorted(reference[1]))
    assert len(errors) == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_read_jsonl_themselves_and_a_csv_dump_streams(tmp_path, jobs):
    # JSONL is cut at line offsets and read in the workers; a CSV dump is read as a
    # stream by the main process. Both give the same tables.
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "judgements").glob("cj-1*.txt"))][:25]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs),
                     encoding="utf-8")
    csv = tmp_path / "in.csv"
    pd.DataFrame(docs, columns=["id", "text"]).to_csv(csv, index=False)
    tables = {}
    for src in (jsonl, csv):
        out = tmp_path / src.suffix[1:]
        s = run([src], out, jobs=jobs, classify=False, chunk_size=10, progress=False)
        assert (s.documents, s.extracted, s.chunks) == (25, 25, 3)
        assert s.megabytes == pytest.approx(sum(len(t.encode("utf-8")) for _, t in docs) / 1e6, abs=1e-3)
        layout = json.loads((out / "_run.json").read_text(encoding="utf-8"))["chunks"]
        assert layout == ("units" if src == jsonl else "stream")
        tables[src.suffix] = read_dataset(out)[0].drop(columns=["source"])
    pd.testing.assert_frame_equal(_sorted(tables[".jsonl"]), _sorted(tables[".csv"]))


def test_errors_are_recorded_and_counted(tmp_path):
    src = tmp_path / "in.jsonl"
    good = (CORPUS / "judgements" / "cj-003.txt").read_text(encoding="utf-8")
    src.write_text(json.dumps({"id": "a", "text": good}, ensure_ascii=False) + "\n{broken\n"
                   + json.dumps({"id": "c", "text": "  "}) + "\n", encoding="utf-8")
    s = run([src], tmp_path / "out", jobs=1, classify=False, progress=False)
    assert (s.documents, s.extracted, s.failed) == (3, 1, 2)
    _, _, errors = read_dataset(tmp_path / "out")
    assert sorted(errors["source"]) == [f"{src}:2", f"{src}:3"]
    assert "JSON" in errors.iloc[0]["error"] or "JSON" in errors.iloc[1]["error"]


def test_rerun_skips_done_chunks_and_refuses_a_different_run(tmp_path):
    out = tmp_path / "out"
    run([CORPUS / "judgements"], out, jobs=1, classify=False, chunk_size=100, progress=False)
    again = run([CORPUS / "judgements"], out, jobs=1, classify=False, chunk_size=100, progress=False)
    assert again.chunks == 0 and again.skipped_chunks == 4 and again.documents == 387
    with pytest.raises(CjtextError, match="different run"):
        run([CORPUS / "judgements"], out, jobs=1, classify=False, chunk_size=50, progress=False)


def test_lost_chunk_is_redone_once(tmp_path, reference):
    out = tmp_path / "out"
    run([CORPUS / "judgements"], out, jobs=1, classify=False, chunk_size=100, progress=False)
    # As after a crash between writing a part and committing it: the journal lacks chunk 2.
    lines = (out / "_journal.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [x for x in lines if '"chunk": 2,' not in x and '"chunk": 3,' not in x]
    (out / "_journal.jsonl").write_text("\n".join(kept) + "\n" + '{"chunk": 3, "docu',   # and a torn last line
                                        encoding="utf-8")
    s = run([CORPUS / "judgements"], out, jobs=1, classify=False, chunk_size=100, progress=False)
    assert s.chunks == 2 and s.documents == 387
    cases, _, _ = read_dataset(out)
    assert cases["case_id"].is_unique and len(cases) == 387
    # The journal stays readable after the torn line: a third run has nothing to do.
    assert run([CORPUS / "judgements"], out, jobs=1, classify=False, chunk_size=100, progress=False).chunks == 0


def test_count_documents(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"text": "x"}\n{"text": "y"}\n', encoding="utf-8")
    assert count_documents([p, CORPUS / "judgements" / "cj-001.txt"]) == 3


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    """kill -9 a real two-worker run mid-way, rerun it, and compare with an uninterrupted run."""
    src = tmp_path / "docs.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "judgements").glob("*.txt"))]
    with open(src, "w", encoding="utf-8") as fh:
        for copy in range(3):
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": f"d{copy}-{i}", "text": t}, ensure_ascii=False) + "\n")
    n = 3 * len(texts)
    out = tmp_path / "out"
    code = (f"from cjtext.batch import run; run([{str(src)!r}], {str(out)!r}, jobs=2, classify=False, "
            f"chunk_size=20, progress=False)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    journal = out / "_journal.jsonl"
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 4:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be killed: " + proc.stderr.read().decode()[-500:]
    os.killpg(proc.pid, signal.SIGKILL)     # the parent and its workers, no clean-up
    proc.wait()
    done_before = journal.read_text(encoding="utf-8").count("\n")
    assert 4 <= done_before < n // 20

    s = run([src], out, jobs=2, classify=False, chunk_size=20, progress=False)
    assert s.skipped_chunks >= done_before - 1 and s.documents == n and s.failed == 0
    cases, defendants, _ = read_dataset(out)
    assert cases["case_id"].is_unique and len(cases) == n
    clean = tmp_path / "clean"
    run([src], clean, jobs=1, classify=False, chunk_size=20, progress=False)
    ref_cases, ref_defendants, _ = read_dataset(clean)
    pd.testing.assert_frame_equal(_sorted(cases), _sorted(ref_cases))
    pd.testing.assert_frame_equal(_sorted(defendants), _sorted(ref_defendants))


def test_one_job_run_gives_the_garbage_collector_back(tmp_path, monkeypatch):
    # A one-job run works in the caller's process: it freezes what is loaded and
    # collects less often while it runs, and restores both afterwards.
    import gc

    import cjtext.batch as batch

    before = gc.get_threshold()
    assert before != batch.GC_THRESHOLDS
    during = []
    original = batch._chunk_to_parts

    def spy(*args):
        during.append((gc.get_threshold(), gc.get_freeze_count() > 0))
        return original(*args)

    monkeypatch.setattr(batch, "_chunk_to_parts", spy)
    run([CORPUS / "judgements"], tmp_path / "out", jobs=1, classify=False, chunk_size=100, progress=False)
    assert during and set(during) == {(batch.GC_THRESHOLDS, True)}
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    # A caller that froze objects itself: they stay frozen, only the thresholds change.
    calls = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 5)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    during.clear()
    run([CORPUS / "judgements"], tmp_path / "again", jobs=1, classify=False, chunk_size=100, progress=False)
    assert calls == [] and during and gc.get_threshold() == before

"""Every example runs on the bundled corpus (a smoke test each; CI runs them all)."""

import subprocess
import sys

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "examples"


def run(name: str, *args: str, cwd) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_quickstart(tmp_path):
    out = run("quickstart.py", cwd=tmp_path)
    assert "刑法第285条第2款" in out and "value chain:" in out and "fine as printed" in out


def test_corpus_to_parquet(tmp_path):
    out = run("corpus_to_parquet.py", "-o", "r.parquet", cwd=tmp_path)
    assert (tmp_path / "r.cases.parquet").exists() and (tmp_path / "r.defendants.parquet").exists()
    assert "0 documents failed" in out


def test_reproduce_cybercrime_study(tmp_path):
    out = run("reproduce_cybercrime_study.py", "-o", "study", cwd=tmp_path)
    assert "cases apply arts. 285-287" in out and "value-chain shares" in out
    assert (tmp_path / "study" / "report.html").exists() and (tmp_path / "study" / "figures" / "prison.png").exists()


def test_retrain_classifier(tmp_path):
    out = run("retrain_classifier.py", "--sample", "120", "--cv", "2", "-o", "m.skops", cwd=tmp_path)
    assert (tmp_path / "m.skops").exists() and (tmp_path / "m.card.json").exists()
    assert "cross-validated" in out and "top features" in out


def test_spacy_pipeline(tmp_path):
    out = run("spacy_pipeline.py", "-o", "page.html", cwd=tmp_path)
    assert "PENALTY" in out and (tmp_path / "page.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.py")))
def test_every_example_is_tested(path):
    assert f'"{path.name}"' in (ROOT / "tests" / "test_examples.py").read_text(encoding="utf-8")

"""The corpus report: figures, the self-contained page, a real browser, and its numbers on real judgements."""

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from statistics import mean, median

import pandas as pd
import pytest
from conftest import CORPUS, SHARED

from cjtext import corpus
from cjtext.cli import main
from cjtext.report import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _direct_trends(defendants: pd.DataFrame, cases: pd.DataFrame) -> dict:
    """Per-year figures computed row by row in plain Python, independently of corpus.trends()."""
    prison, unsusp, probation, fines = (defaultdict(list) for _ in range(4))
    for r in defendants.to_dict("records"):
        if r["is_unit"] is True or pd.isna(r["year"]):
            continue
        y = int(r["year"])
        if r["penalty_kind"] in ("fixed_term", "criminal_detention") and not pd.isna(r["prison_months"]):
            prison[y].append(float(r["prison_months"]))
            probation[y].append(1.0 if r["probation"] is True else 0.0)
            if r["probation"] is not True:
                unsusp[y].append(float(r["prison_months"]))
        if not pd.isna(r["fine_yuan"]):
            fines[y].append(float(r["fine_yuan"]))
    offenders = defaultdict(list)
    for r in cases.to_dict("records"):
        if not pd.isna(r["year"]):
            offenders[int(r["year"])].append(int(r["n_offenders"]))
    return {
        "mean_prison_months": {y: mean(v) for y, v in prison.items()},
        "median_prison_months": {y: median(v) for y, v in prison.items()},
        "mean_prison_months_unsuspended": {y: mean(v) for y, v in unsusp.items()},
        "probation_share": {y: mean(v) for y, v in probation.items()},
        "mean_fine_yuan": {y: mean(v) for y, v in fines.items()},
        "median_fine_yuan": {y: median(v) for y, v in fines.items()},
        "mean_offenders_per_case": {y: mean(v) for y, v in offenders.items()},
        "max_offenders_per_case": {y: max(v) for y, v in offenders.items()},
    }


def _assert_agree(trends_csv: Path, defendants: pd.DataFrame, cases: pd.DataFrame):
    t = pd.read_csv(trends_csv, index_col=0)
    direct = _direct_trends(defendants, cases)
    checked = 0
    for col, per_year in direct.items():
        for y, v in per_year.items():
            assert t.loc[y, col] == pytest.approx(v), (col, y)
            checked += 1
    assert checked > 20


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    assert main(["report", str(CORPUS / "judgements"), "-o", str(out), "--title", "测试报告 test"]) == 0
    return out


def test_report_files(bundled_report):
    out = bundled_report
    names = {p.stem for p in (out / "figures").glob("*.png")}
    assert names >= {"cases", "chains", "prison", "probation", "fine", "offenders", "factors", "chain_prison",
                     "chain_fine"}
    assert (out / "tables" / "cases").exists() and (out / "trends.csv").exists()
    page = (out / "report.html").read_text(encoding="utf-8")
    # Self-contained: every image is inline, nothing is fetched.
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) == len(names)
    assert not re.search(r'(?:src|href)="(?!data:)', page)
    assert "<title>测试报告 test</title>" in page


def test_report_numbers_agree_with_the_defendant_table(bundled_report):
    cases = pd.read_parquet(bundled_report / "tables" / "cases")
    defendants = pd.read_parquet(bundled_report / "tables" / "defendants")
    _assert_agree(bundled_report / "trends.csv", defendants, cases)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt install chromium)")
def test_report_renders_in_headless_chromium(bundled_report, tmp_path):
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1000,1400"]
    url = (bundled_report / "report.html").resolve().as_uri()
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0 and dom.stdout.count("<figure>") >= 9 and "By year" in dom.stdout
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", url], capture_output=True, timeout=120, check=True)
    from PIL import Image

    img = Image.open(shot).convert("L")
    assert img.size == (1000, 1400)
    # The figures drew: a good part of the page is not background white.
    inked = sum(img.histogram()[:200]) / (img.size[0] * img.size[1])
    assert inked > 0.02


def test_report_reads_only_its_columns_and_gets_the_same_numbers(bundled_report):
    # `cjtext report` loads REPORT_*_COLUMNS only; the tables computed from all columns agree.
    from cjtext.batch import read_dataset
    from cjtext.corpus import trends
    from cjtext.report import REPORT_CASE_COLUMNS, REPORT_DEFENDANT_COLUMNS, by_chain

    full = read_dataset(bundled_report / "tables")
    few = read_dataset(bundled_report / "tables", case_columns=REPORT_CASE_COLUMNS,
                       defendant_columns=REPORT_DEFENDANT_COLUMNS)
    assert list(few[0].columns) == list(REPORT_CASE_COLUMNS) and len(few[0]) == len(full[0])
    assert list(few[1].columns) == list(REPORT_DEFENDANT_COLUMNS) and len(few[1]) == len(full[1])
    pd.testing.assert_frame_equal(trends(*few[:2]), trends(*full[:2]))
    pd.testing.assert_frame_equal(by_chain(*few[:2]), by_chain(*full[:2]))


def test_report_without_value_chains(tmp_path):
    cases, defendants = corpus.extract([CORPUS / "judgements" / "cj-025.txt", CORPUS / "judgements" / "cj-003.txt"],
                                       classify=False)
    page = write_report(cases, defendants, tmp_path).read_text(encoding="utf-8")
    assert "No value chains" in page and not (tmp_path / "by_value_chain.csv").exists()


@pytest.mark.shared
def test_report_on_real_judgements_agrees_with_direct_computation(tmp_path):
    paths = [SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl"]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared/corpora not present")
    assert main(["report", *map(str, paths), "-o", str(tmp_path), "--no-classify"]) == 0
    cases = pd.read_parquet(tmp_path / "tables" / "cases")
    defendants = pd.read_parquet(tmp_path / "tables" / "defendants")
    assert len(cases) == 801
    _assert_agree(tmp_path / "trends.csv", defendants, cases)


def test_cli_report_never_loads_the_whole_tables(tmp_path, monkeypatch):
    # `cjtext report` tallies the parts one at a time (cjtext.tally); the whole-table reader is not used.
    from cjtext import batch

    def whole_tables(*a, **k):
        raise AssertionError("cjtext report loaded the whole tables")

    monkeypatch.setattr(batch, "read_dataset", whole_tables)
    docs = [str(CORPUS / "judgements" / f"cj-00{i}.txt") for i in (1, 2, 3)]
    assert main(["report", *docs, "-o", str(tmp_path), "--no-classify", "--chunk-size", "1", "--jobs", "1"]) == 0
    t = pd.read_csv(tmp_path / "trends.csv", index_col=0)
    assert t["cases"].sum() == 3


def test_cli_report_from_the_tables_of_an_earlier_run(bundled_report, tmp_path, capsys):
    out = tmp_path / "again"
    assert main(["report", "--tables", str(bundled_report / "tables"), "-o", str(out), "--title", "again"]) == 0
    assert "tables of an earlier run" in capsys.readouterr().err
    # Nothing extracted again, and the same numbers.
    assert not (out / "tables").exists()
    assert (out / "trends.csv").read_text() == (bundled_report / "trends.csv").read_text()
    assert (out / "by_value_chain.csv").read_text() == (bundled_report / "by_value_chain.csv").read_text()


@pytest.mark.parametrize("argv, message", [
    (["report", "-o", "OUT"], "nothing to report on"),
    (["report", "x.txt", "--tables", "T", "-o", "OUT"], "not both"),
    (["report", "--tables", "NOWHERE", "-o", "OUT"], "no cases/ folder"),
    (["report", "--tables", "T", "--years", "2015-2016", "-o", "OUT"], "filters apply while extracting"),
])
def test_cli_report_input_errors(argv, message, tmp_path, capsys):
    (tmp_path / "T" / "cases").mkdir(parents=True)
    argv = [str(tmp_path / a) if a in ("OUT", "T", "NOWHERE") else a for a in argv]
    assert main(argv) != 0
    assert message in capsys.readouterr().err

"""The one-pass tallies behind `cjtext report`: same numbers as pandas on whole tables, bounded memory."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from conftest import CORPUS, SHARED
from hypothesis import given
from hypothesis import strategies as st

from cjtext import batch
from cjtext.corpus import CHAINS, FACTOR_LABELS
from cjtext.tally import Tally, quantile

# Float64 means summed in another order differ in the last bits; nothing else may differ.
CLOSE = dict(check_exact=False, rtol=1e-9, check_column_type=False)


def reference_trends(cases, defendants, by="year"):
    """The per-year table with pandas group-bys over whole tables (how cjtext computed it before tallies)."""
    persons = defendants[~defendants["is_unit"].fillna(False).astype(bool)]
    custodial = persons[persons["custodial"].fillna(False).astype(bool) & persons["prison_months"].notna()]
    unsuspended = custodial[~custodial["probation"].fillna(False).astype(bool)]
    fined = persons[persons["fine_yuan"].notna()]
    g = cases.groupby(by)
    out = pd.DataFrame({
        "cases": g.size(), "defendants": persons.groupby(by).size(),
        "mean_prison_months": custodial.groupby(by)["prison_months"].mean(),
        "median_prison_months": custodial.groupby(by)["prison_months"].median(),
        "mean_prison_months_unsuspended": unsuspended.groupby(by)["prison_months"].mean(),
        "median_prison_months_unsuspended": unsuspended.groupby(by)["prison_months"].median(),
        "probation_share": custodial.groupby(by)["probation"].mean(),
        "mean_fine_yuan": fined.groupby(by)["fine_yuan"].mean(),
        "median_fine_yuan": fined.groupby(by)["fine_yuan"].median(),
        "mean_offenders_per_case": g["n_offenders"].mean(), "max_offenders_per_case": g["n_offenders"].max(),
    })
    if cases["value_chain"].notna().any():
        out = out.join(pd.crosstab(cases[by], cases["value_chain"], normalize="index").add_prefix("share_"))
    factors = persons.groupby(by)[[f"f_{f}" for f in FACTOR_LABELS]].mean()
    out = out.join(factors.rename(columns=lambda c: "prevalence_" + c[2:]))
    out.index.name = by
    return out.astype("Float64")


def reference_by_chain(cases, defendants):
    persons = defendants[~defendants["is_unit"].fillna(False).astype(bool)]
    custodial = persons[persons["custodial"].fillna(False).astype(bool) & persons["prison_months"].notna()]
    fined = persons[persons["fine_yuan"].notna()]
    out = pd.DataFrame({
        "cases": cases.groupby("value_chain").size(), "persons": persons.groupby("value_chain").size(),
        "mean_prison_months": custodial.groupby("value_chain")["prison_months"].mean(),
        "median_prison_months": custodial.groupby("value_chain")["prison_months"].median(),
        "probation_share": custodial.groupby("value_chain")["probation"].mean(),
        "mean_fine_yuan": fined.groupby("value_chain")["fine_yuan"].mean(),
        "median_fine_yuan": fined.groupby("value_chain")["fine_yuan"].median(),
    })
    return out.loc[[c for c in (*CHAINS, "not_cyber") if c in out.index]].astype("Float64")


def chunked(cases, defendants, seed: int, most: int) -> Tally:
    """A tally fed in chunks of random size, each case with its own defendants."""
    rng = np.random.default_rng(seed)
    t, i = Tally(), 0
    while i < len(cases):
        n = int(rng.integers(1, most + 1))
        part = cases.iloc[i:i + n]
        t.add(part, defendants[defendants["case_id"].isin(set(part["case_id"]))])
        i += n
    return t


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled corpus extracted and classified by a batch run in chunks of 40 (10 parts)."""
    out = tmp_path_factory.mktemp("tally")
    batch.run([CORPUS / "judgements"], out, jobs=1, chunk_size=40, progress=False)
    cases, defendants, _ = batch.read_dataset(out)
    assert cases["value_chain"].notna().all() and len(cases) > 300
    return out, cases, defendants


@pytest.mark.parametrize("seed, most", [(0, 3), (1, 7), (2, 60), (3, 1000)])
def test_tally_in_chunks_equals_pandas_on_the_whole_tables(bundled, seed, most):
    _, cases, defendants = bundled
    t = chunked(cases, defendants, seed, most)
    pd.testing.assert_frame_equal(t.trends(), reference_trends(cases, defendants), **CLOSE)
    pd.testing.assert_frame_equal(t.by_chain(), reference_by_chain(cases, defendants), **CLOSE)
    assert (t.n_cases, t.n_persons + t.n_units) == (len(cases), len(defendants))
    assert t.years == (int(cases["year"].min()), int(cases["year"].max()))


def test_tally_by_another_column(bundled):
    _, cases, defendants = bundled
    got = chunked(cases, defendants, 5, 30)
    by_province = Tally("province")
    by_province.add(cases, defendants)
    pd.testing.assert_frame_equal(by_province.trends(), reference_trends(cases, defendants, by="province"), **CLOSE)
    assert got.trends().index.name == "year"


def test_from_dataset_reads_part_by_part_and_agrees(bundled, monkeypatch):
    out, cases, defendants = bundled
    seen = []
    real = Tally.add

    def spy(self, c=None, d=None):
        seen.append(len(c))
        return real(self, c, d)

    monkeypatch.setattr(Tally, "add", spy)
    t = Tally.from_dataset(out, rows=100)
    # Parts of 40 cases are grouped up to ~100 rows, never the whole table at once.
    assert max(seen) < 160 and sum(seen) == len(cases) and len(seen) >= 3
    pd.testing.assert_frame_equal(t.trends(), reference_trends(cases, defendants), **CLOSE)
    assert t.errors == 0


def test_from_dataset_counts_errors_and_skips_uncommitted_parts(tmp_path):
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"id": "ok", "text": "' + (CORPUS / "judgements" / "cj-003.txt").read_text(encoding="utf-8")
                   .replace("\n", "\\n").replace('"', '\\"') + '"}\n{"id": "empty", "text": ""}\n', encoding="utf-8")
    out = tmp_path / "out"
    summary = batch.run([bad], out, jobs=1, classify=False, progress=False)
    t = Tally.from_dataset(out)
    assert (t.n_cases, t.errors) == (summary.extracted, summary.failed) == (1, 1)
    # A part without a journal entry (a run killed while writing it) is not counted.
    (out / "_journal.jsonl").write_text("", encoding="utf-8")
    assert Tally.from_dataset(out).n_cases == 0


def test_tallies_grow_with_distinct_values_not_with_rows(bundled):
    _, cases, defendants = bundled

    def size(t: Tally) -> int:
        return (sum(len(c) for c in t._count.values()) + sum(len(c) for c in t._sum.values())
                + sum(len(v) for per_key in t._values.values() for v in per_key.values()))

    once = Tally().add(cases, defendants)
    many = Tally()
    for _ in range(20):
        many.add(cases, defendants)
    assert size(many) == size(once) > 100
    assert many.n_cases == 20 * once.n_cases
    # Twenty copies of the same tables: every share, mean and median is unchanged.
    pd.testing.assert_frame_equal(many.trends().drop(columns=["cases", "defendants"]),
                                  once.trends().drop(columns=["cases", "defendants"]), **CLOSE)


@pytest.mark.parametrize("counts, q, expected", [
    ({5.0: 1}, 0.5, 5.0),
    ({1.0: 1, 2.0: 1}, 0.5, 1.5),                 # even count: the mean of the two middle values
    ({1.0: 2, 5.0: 1, 9.0: 1}, 0.5, 3.0),
    ({1.0: 3, 100.0: 1}, 0.5, 1.0),
    ({12.0: 2, 36.0: 2}, 0.25, 12.0),
    ({0.0: 1, 10.0: 1}, 0.25, 2.5),               # linear interpolation, as numpy.percentile
    ({3.0: 0, 4.0: 2}, 0.5, 4.0),                 # a zero count is no value
])
def test_quantile_table(counts, q, expected):
    assert quantile(counts, q) == pytest.approx(expected)


def test_quantile_of_nothing_is_nan():
    assert np.isnan(quantile({}, 0.5))


@given(st.lists(st.integers(0, 400).map(lambda x: x / 4), min_size=1, max_size=60),
       st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
def test_quantile_equals_numpy_percentile(values, q):
    assert quantile(Counter(values), q) == pytest.approx(float(np.percentile(values, q * 100)), rel=1e-12, abs=1e-12)


def test_boxes_equal_matplotlib_boxplot_stats(bundled):
    from matplotlib.cbook import boxplot_stats

    _, cases, defendants = bundled
    t = chunked(cases, defendants, 9, 25)
    persons = defendants[~defendants["is_unit"].fillna(False).astype(bool)]
    checked = 0
    for col, pick in (("prison_months", persons["custodial"].fillna(False).astype(bool)),
                      ("fine_yuan", persons["fine_yuan"].notna())):
        boxes = t.boxes(col)
        assert boxes, col
        for chain, got in boxes:
            x = persons[pick & (persons["value_chain"] == chain)][col].dropna().astype(float).to_numpy()
            ref = boxplot_stats(x)[0]
            for k in ("med", "q1", "q3", "whislo", "whishi", "mean"):
                assert got[k] == pytest.approx(ref[k], rel=1e-12), (col, chain, k)
            # Each outlying value once: the drawing is the same, the memory bounded.
            assert got["fliers"] == sorted(set(ref["fliers"])) and got["n"] == len(x)
            checked += 1
    assert checked >= 6


@pytest.mark.shared
def test_tally_on_real_judgements(tmp_path):
    paths = [SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl"]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared/corpora not present")
    batch.run(paths, tmp_path, jobs=1, chunk_size=100, progress=False)
    cases, defendants, _ = batch.read_dataset(tmp_path)
    t = Tally.from_dataset(tmp_path, rows=250)
    assert t.n_cases == 801
    pd.testing.assert_frame_equal(t.trends(), reference_trends(cases, defendants), **CLOSE)
    pd.testing.assert_frame_equal(t.by_chain(), reference_by_chain(cases, defendants), **CLOSE)

"""The figures of a sentencing study, computed in one pass over the tables.

A :class:`Tally` takes the case and defendant tables a chunk at a time (the
Parquet parts of a batch output, or DataFrames) and keeps only tallies: per year
(or per value chain) the number of cases and persons, the sums behind every share
and mean, and for prison terms and fines the count of each distinct value. Medians
and box-plot quartiles come exactly from those counts. Memory therefore grows with
the number of distinct years, terms and fines (hundreds to a few thousand), not
with the number of judgements: ``cjtext report`` over a hundred million judgements
needs no more memory than over ten thousand.

:func:`cjtext.corpus.trends` and :func:`cjtext.report.by_chain` are this class
applied to whole tables, so the streaming and the in-memory figures are the same
computation.

Examples
--------
>>> import pandas as pd
>>> cases = pd.DataFrame({"case_id": ["a", "b"], "year": [2015, 2016], "value_chain": ["real_assets", None],
...                       "n_offenders": [3, 1]})
>>> defendants = pd.DataFrame({"case_id": ["a", "a", "b"], "year": [2015, 2015, 2016],
...                            "value_chain": ["real_assets", "real_assets", None],
...                            "is_unit": [False, False, False], "custodial": [True, True, False],
...                            "prison_months": [12.0, 30.0, None], "probation": [True, False, False],
...                            "fine_yuan": [5000.0, 20000.0, 3000.0]})
>>> s = Tally().add(cases[:1], defendants[:2]).add(cases[1:], defendants[2:])
>>> t = s.trends()
>>> t.loc[2015, ["cases", "median_prison_months", "probation_share", "median_fine_yuan"]].tolist()
[1.0, 21.0, 0.5, 12500.0]
>>> t.loc[2016, "median_prison_months"] is pd.NA      # nobody sentenced to prison in 2016
True
"""

from __future__ import annotations

import math
import os
from collections import Counter, defaultdict

from .corpus import CHAIN_LABELS, FACTOR_LABELS

__all__ = ["Tally", "quantile"]


def quantile(counts: dict, q: float) -> float:
    """The ``q`` quantile (linear interpolation, as ``numpy.percentile``) of values given as ``{value: count}``.

    Examples
    --------
    >>> quantile({1.0: 2, 5.0: 1, 9.0: 1}, 0.5)    # the values 1, 1, 5, 9
    3.0
    """
    items = sorted((v, c) for v, c in counts.items() if c)
    n = sum(c for _, c in items)
    if not n:
        return math.nan
    pos = q * (n - 1)
    lo, frac = int(pos), pos - int(pos)

    def at(rank: int) -> float:
        seen = 0
        for v, c in items:
            seen += c
            if rank < seen:
                return float(v)
        return float(items[-1][0])

    a = at(lo)
    if not frac:
        return a
    b = at(lo + 1)
    # (a + b) / 2 for a median of an even count, as pandas and the statistics module give it.
    return (a + b) / 2 if frac == 0.5 else a + (b - a) * frac


def _tally(counter: Counter, series) -> None:
    for k, v in series.items():
        counter[k] += v


class Tally:
    """Tallies of the case and defendant tables, filled a chunk at a time.

    Parameters
    ----------
    by : str
        The column the per-group figures are grouped by (``year`` by default; any
        column both tables have, such as ``province``).

    Attributes
    ----------
    n_cases, n_persons, n_units : int
        Rows seen: cases, defendants who are persons, defendants that are units.
    years : tuple of (int, int) or None
        The first and last year among the cases.
    has_chains : bool
        Some case has a value chain (the tables were classified).
    errors : int
        Documents that could not be read or extracted (:meth:`from_dataset` counts them).

    Examples
    --------
    >>> import pandas as pd
    >>> s = Tally().add(pd.DataFrame({"year": [2016, 2016, None], "n_offenders": [2, 4, 1],
    ...                                 "value_chain": [None, None, None]}))
    >>> s.n_cases, s.years, s.trends()["max_offenders_per_case"].tolist()
    (3, (2016, 2016), [4.0])
    """

    def __init__(self, by: str = "year"):
        self.by = by
        self.n_cases = self.n_persons = self.n_units = self.errors = 0
        self.years: tuple[int, int] | None = None
        self.has_chains = False
        self._count: defaultdict[str, Counter] = defaultdict(Counter)   # name -> {key: rows}
        self._sum: defaultdict[str, Counter] = defaultdict(Counter)     # name -> {key: sum of a column}
        self._values: defaultdict[str, defaultdict] = defaultdict(lambda: defaultdict(Counter))  # name -> {key: {value: n}}
        self._max: dict = {}
        self._dtypes: dict = {}   # grouping column -> dtype, for the index of the tables

    # -- filling ------------------------------------------------------------
    def add(self, cases=None, defendants=None) -> "Tally":
        """Tally a chunk of the case table and/or of the defendant table; returns ``self``."""
        if cases is not None and len(cases):
            self._add_cases(cases)
        if defendants is not None and len(defendants):
            self._add_defendants(defendants)
        return self

    def _mean_parts(self, name: str, grouped) -> None:
        """Sum and count of non-missing values per group, for a mean."""
        agg = grouped.agg(["sum", "count"])
        _tally(self._sum[name], agg["sum"])
        _tally(self._count[name], agg["count"])

    def _value_counts(self, name: str, frame, key: str, column: str) -> None:
        for (k, v), n in frame.groupby([key, column]).size().items():
            self._values[name][k][float(v)] += n

    def _add_cases(self, cases) -> None:
        by = self.by
        self.n_cases += len(cases)
        self._dtypes.setdefault(by, cases[by].dtype)
        if "year" in cases:
            years = cases["year"].dropna()
            if len(years):
                lo, hi = int(years.min()), int(years.max())
                self.years = (min(lo, self.years[0]), max(hi, self.years[1])) if self.years else (lo, hi)
        g = cases.groupby(by)
        _tally(self._count["cases"], g.size())
        self._mean_parts("offenders", g["n_offenders"])
        for k, m in g["n_offenders"].max().dropna().items():
            self._max[k] = max(m, self._max.get(k, m))
        chains = cases["value_chain"]
        if chains.notna().any():
            self.has_chains = True
            self._dtypes.setdefault("value_chain", chains.dtype)
            _tally(self._count["chain_cases"], cases.groupby("value_chain").size())
            _tally(self._count["chain_by_key"], cases.groupby([by, "value_chain"]).size())

    def _add_defendants(self, defendants) -> None:
        by = self.by
        self._dtypes.setdefault(by, defendants[by].dtype)
        persons = defendants[~defendants["is_unit"].fillna(False).astype(bool)]
        self.n_persons += len(persons)
        self.n_units += len(defendants) - len(persons)
        custodial = persons[persons["custodial"].fillna(False).astype(bool) & persons["prison_months"].notna()]
        unsuspended = custodial[~custodial["probation"].fillna(False).astype(bool)]
        fined = persons[persons["fine_yuan"].notna()]
        _tally(self._count["persons"], persons.groupby(by).size())
        self._value_counts("prison", custodial, by, "prison_months")
        self._value_counts("prison_unsuspended", unsuspended, by, "prison_months")
        self._value_counts("fine", fined, by, "fine_yuan")
        self._mean_parts("probation", custodial.groupby(by)["probation"])
        factors = [f"f_{f}" for f in FACTOR_LABELS if f"f_{f}" in persons]
        if factors:   # one group-by for all factors: each has a fixed cost
            agg = persons.groupby(by)[factors].agg(["sum", "count"])
            for f in factors:
                _tally(self._sum[f], agg[(f, "sum")])
                _tally(self._count[f], agg[(f, "count")])
        if persons["value_chain"].notna().any():
            _tally(self._count["chain_persons"], persons.groupby("value_chain").size())
            self._value_counts("chain_prison", custodial, "value_chain", "prison_months")
            self._value_counts("chain_fine", fined, "value_chain", "fine_yuan")
            self._mean_parts("chain_probation", custodial.groupby("value_chain")["probation"])

    @classmethod
    def from_dataset(cls, output: str | os.PathLike, *, by: str = "year", rows: int = 50_000) -> "Tally":
        """Summarise a :func:`cjtext.batch.run` output folder, reading about ``rows`` cases at a time.

        Only the columns the figures use are read, a few Parquet parts at a time;
        the lines of the errors files are counted, not parsed. Parts of chunks the
        journal does not record as finished (a run still going, or killed) are left out.

        Examples
        --------
        >>> Tally.from_dataset("no-such-folder").n_cases     # an empty or missing output: nothing
        0
        """
        import pandas as pd

        from .batch import iter_dataset
        from .report import REPORT_CASE_COLUMNS, REPORT_DEFENDANT_COLUMNS

        s = cls(by)
        cols_c = list(dict.fromkeys((*REPORT_CASE_COLUMNS, by)))
        cols_d = list(dict.fromkeys((*REPORT_DEFENDANT_COLUMNS, by)))
        pending: list = []

        def flush():
            if pending:
                s.add(pd.concat([c for c, _ in pending], ignore_index=True),
                      pd.concat([d for _, d in pending], ignore_index=True))
                pending.clear()

        held = 0
        for cases, defendants, errors in iter_dataset(output, case_columns=cols_c, defendant_columns=cols_d):
            s.errors += errors
            pending.append((cases, defendants))
            held += len(cases)
            if held >= rows:    # group small parts: each pandas groupby has a fixed cost
                flush()
                held = 0
        flush()
        return s

    # -- reading ------------------------------------------------------------
    def _ratio(self, name: str) -> dict:
        counts = self._count[name]
        return {k: self._sum[name][k] / n for k, n in counts.items() if n}

    def _index(self, keys, name: str, ordered: bool = False):
        import pandas as pd

        idx = pd.Index(list(keys) if ordered else sorted(keys), name=name)
        return idx.astype(self._dtypes[name]) if name in self._dtypes else idx

    def trends(self):
        """Per-group figures: the table of :func:`cjtext.corpus.trends` (same columns, same numbers)."""
        import pandas as pd

        prison, unsusp, fine = (self._values[n] for n in ("prison", "prison_unsuspended", "fine"))
        columns = {
            "cases": dict(self._count["cases"]),
            "defendants": dict(self._count["persons"]),
            "mean_prison_months": {k: _mean(v) for k, v in prison.items()},
            "median_prison_months": {k: quantile(v, 0.5) for k, v in prison.items()},
            "mean_prison_months_unsuspended": {k: _mean(v) for k, v in unsusp.items()},
            "median_prison_months_unsuspended": {k: quantile(v, 0.5) for k, v in unsusp.items()},
            "probation_share": self._ratio("probation"),
            "mean_fine_yuan": {k: _mean(v) for k, v in fine.items()},
            "median_fine_yuan": {k: quantile(v, 0.5) for k, v in fine.items()},
            "mean_offenders_per_case": self._ratio("offenders"),
            "max_offenders_per_case": dict(self._max),
        }
        keys = set(columns["cases"]) | set(columns["defendants"])
        if self.has_chains:
            per_key = self._count["chain_by_key"]
            totals = Counter()
            for (k, _), n in per_key.items():
                totals[k] += n
            for c in sorted({c for _, c in per_key}):
                columns[f"share_{c}"] = {k: per_key.get((k, c), 0) / totals[k] for k in totals}
        for f in FACTOR_LABELS:
            columns[f"prevalence_{f}"] = self._ratio(f"f_{f}")
        index = self._index(keys, self.by)
        out = pd.DataFrame({name: [col.get(k, math.nan) for k in index] for name, col in columns.items()},
                           index=index)
        return out.astype(float).astype("Float64")

    def by_chain(self):
        """Per value chain: cases, persons, mean/median prison months, probation share, mean/median fine."""
        import pandas as pd

        prison, fine = self._values["chain_prison"], self._values["chain_fine"]
        columns = {
            "cases": dict(self._count["chain_cases"]),
            "persons": dict(self._count["chain_persons"]),
            "mean_prison_months": {k: _mean(v) for k, v in prison.items()},
            "median_prison_months": {k: quantile(v, 0.5) for k, v in prison.items()},
            "probation_share": self._ratio("chain_probation"),
            "mean_fine_yuan": {k: _mean(v) for k, v in fine.items()},
            "median_fine_yuan": {k: quantile(v, 0.5) for k, v in fine.items()},
        }
        present = set().union(*columns.values())
        order = [c for c in CHAIN_LABELS if c in present]
        return pd.DataFrame({name: [col.get(c, math.nan) for c in order] for name, col in columns.items()},
                            index=self._index(order, "value_chain", ordered=True)).astype(float).astype("Float64")

    def boxes(self, column: str, whis: float = 1.5) -> list[tuple[str, dict]]:
        """Box-plot statistics per value chain of ``prison_months`` or ``fine_yuan``.

        Returns ``[(chain, stats)]`` in chain order, ``stats`` as
        :func:`matplotlib.cbook.boxplot_stats` gives them (``med``, ``q1``, ``q3``,
        ``whislo``, ``whishi``, ``mean``, ``fliers`` once per distinct value) plus
        ``n``, for :meth:`matplotlib.axes.Axes.bxp`.

        Examples
        --------
        >>> import pandas as pd
        >>> d = pd.DataFrame({"year": [2016] * 5, "value_chain": ["other"] * 5, "is_unit": [False] * 5,
        ...                   "custodial": [True] * 5, "prison_months": [6.0, 8.0, 8.0, 10.0, 60.0],
        ...                   "probation": [False] * 5, "fine_yuan": [None] * 5})
        >>> chain, box = Tally().add(defendants=d).boxes("prison_months")[0]
        >>> chain, box["med"], box["whishi"], box["fliers"], box["n"]
        ('other', 8.0, 10.0, [60.0], 5)
        """
        values = self._values[{"prison_months": "chain_prison", "fine_yuan": "chain_fine"}[column]]
        out = []
        for chain in CHAIN_LABELS:
            counts = values.get(chain)
            if not counts:
                continue
            q1, med, q3 = (quantile(counts, q) for q in (0.25, 0.5, 0.75))
            lo_lim, hi_lim = q1 - whis * (q3 - q1), q3 + whis * (q3 - q1)
            # As matplotlib: the whiskers reach the furthest values within the limits, never inside the box.
            hi = max((v for v in counts if v <= hi_lim), default=q3)
            lo = min((v for v in counts if v >= lo_lim), default=q1)
            hi, lo = max(hi, q3), min(lo, q1)
            out.append((chain, {"med": med, "q1": q1, "q3": q3, "whislo": lo, "whishi": hi, "mean": _mean(counts),
                                "fliers": sorted(v for v in counts if v < lo or v > hi),
                                "n": sum(counts.values())}))
        return out


def _mean(counts: dict) -> float:
    n = sum(counts.values())
    return sum(v * c for v, c in counts.items()) / n if n else math.nan

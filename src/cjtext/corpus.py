"""From many judgements to research tables: one row per case, one row per defendant.

:func:`extract` runs reading, extraction and (optionally) value-chain
classification over any number of inputs and returns two pandas DataFrames whose
columns are documented in :data:`CASE_COLUMNS` and :data:`DEFENDANT_COLUMNS` (and
in ``docs/data-dictionary.md``, generated from them). :func:`select` filters both
tables consistently (by article, charge, year, court, province); :func:`write`
saves them as Parquet, CSV or Stata; :func:`trends` gives the per-year figures of
a sentencing study.

Examples
--------
>>> cases, defendants = extract(["corpora/judgements/cj-003.txt"], classify=False)  # doctest: +SKIP
>>> cases.loc[0, "court"], defendants.loc[0, "prison_months"]                       # doctest: +SKIP
('广东省深圳市南山区人民法院', 36.0)
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from .errors import DocumentError, ErrorLog
from .extract.factors import LABELS as FACTOR_LABELS

__all__ = ["extract", "rows", "select", "write", "trends", "CASE_COLUMNS", "DEFENDANT_COLUMNS",
           "CYBER_ARTICLES", "FACTOR_LABELS"]

#: The cybercrime provisions of the Criminal Law (arts. 285–287 with 286-1, 287-1, 287-2).
CYBER_ARTICLES = ("刑法第285条", "刑法第286条", "刑法第286条之一", "刑法第287条", "刑法第287条之一",
                  "刑法第287条之二")
CHAINS = ("real_assets", "virtual_assets", "internet_resources", "government_systems", "other")
#: The value chains and not_cyber, in the order of tables and figures.
CHAIN_LABELS = (*CHAINS, "not_cyber")
#: Penalty kinds that carry a term in months.
TERM_KINDS = ("fixed_term", "criminal_detention", "public_surveillance")

# name: (dtype, unit, meaning). dtypes: string, Int64 (nullable integer), Float64, boolean, date.
CASE_COLUMNS: dict[str, tuple[str, str, str]] = {
    "case_id": ("string", "", "document id (file name, record id or 文书ID)"),
    "source": ("string", "", "where the document was read from (path, with :line for JSONL/CSV)"),
    "court": ("string", "", "court name from the header"),
    "province": ("string", "", "province of the court (from its name or the case-number code)"),
    "court_level": ("string", "", "basic / intermediate / high / supreme / special"),
    "year": ("Int64", "year", "year of the judgement date, else of the case number"),
    "date": ("string", "ISO date", "signature date of the judgement"),
    "doc_type": ("string", "", "document type as printed (刑事判决书, 刑事裁定书, …)"),
    "procedure": ("string", "", "first_instance / appeal / retrial / … from the case number"),
    "case_number": ("string", "", "case number as printed"),
    "case_year": ("Int64", "year", "year in the case number"),
    "case_court_code": ("string", "", "court code in the case number (浙0106, 杭余, …)"),
    "case_type": ("string", "", "case-type word in the case number (刑初, 刑终, …)"),
    "case_serial": ("string", "", "serial number in the case number"),
    "charges": ("string", "", "distinct charges of all defendants, in order, joined by ；"),
    "articles_applied": ("string", "", "provisions of the legal-basis clause (canonical form), joined by ；"),
    "cyber_articles": ("boolean", "", "a cybercrime provision (arts. 285–287, 286-1, 287-1, 287-2) is applied"),
    "is_cyber": ("boolean", "", "the classifier's decision that this is a cybercrime case (not not_cyber)"),
    "value_chain": ("string", "", "most probable value chain, or not_cyber (see docs/classifier.md)"),
    "value_chains": ("string", "", "value chain and secondary chains, joined by ；"),
    **{f"p_{c}": ("Float64", "probability", f"probability of {c}") for c in CHAIN_LABELS},
    "n_defendants": ("Int64", "persons/units", "defendants tried in this document"),
    "n_units": ("Int64", "units", "of which units (被告单位)"),
    "n_elsewhere": ("Int64", "persons", "co-offenders named as handled in another case (另案处理)"),
    "n_offenders": ("Int64", "persons/units", "n_defendants + n_elsewhere: the size of the group"),
    "total_fine_yuan": ("Float64", "yuan", "sum of the defendants' fines"),
    "illegal_gains_yuan": ("Float64", "yuan", "largest illegal-gains (违法所得) amount stated for a defendant"),
    "chars": ("Int64", "characters", "length of the document text"),
}

DEFENDANT_COLUMNS: dict[str, tuple[str, str, str]] = {
    "case_id": ("string", "", "document id, joins the case table"),
    "defendant_index": ("Int64", "", "order of the defendant in the parties section, from 1"),
    "name": ("string", "", "name as printed (anonymised forms kept)"),
    "is_unit": ("boolean", "", "a unit (被告单位), not a person"),
    "year": ("Int64", "year", "year of the case (copied from the case table)"),
    "court": ("string", "", "court (copied from the case table)"),
    "province": ("string", "", "province of the court (copied from the case table)"),
    "procedure": ("string", "", "procedure of the case (copied from the case table)"),
    "value_chain": ("string", "", "value chain of the case (copied from the case table)"),
    "sex": ("string", "", "男 / 女 as printed in the parties section"),
    "age": ("Int64", "years", "age at the judgement date, from the birth date"),
    "birth_date": ("string", "ISO date", "birth date"),
    "ethnicity": ("string", "", "ethnicity (汉族, …)"),
    "education": ("string", "", "education as printed (初中文化, …)"),
    "occupation": ("string", "", "occupation as printed (无业, …)"),
    "n_priors": ("Int64", "", "prior convictions or administrative punishments stated in the parties section"),
    "custody_date": ("string", "ISO date", "first custody in this case (刑事拘留, 拘留, 逮捕, 留置, 抓获, 羁押) as stated in the "
                                           "parties section, relative dates (同年…, 次日) resolved"),
    "arrest_date": ("string", "ISO date", "formal arrest (逮捕) in this case"),
    "charges": ("string", "", "charges this defendant is convicted of, joined by ；"),
    "n_charges": ("Int64", "", "number of charges"),
    "penalty_kind": ("string", "", "fixed_term / criminal_detention / public_surveillance / life / death / "
                                   "death_suspended / fine_only / exempt / acquitted / unknown "
                                   "(also 剥夺政治权利 imposed alone: see `political_rights`)"),
    "prison_months": ("Float64", "months", "term of fixed_term, criminal_detention or public_surveillance "
                                           "(days as day/30); empty for other kinds"),
    "custodial": ("boolean", "", "fixed-term imprisonment or criminal detention (not 管制)"),
    "probation": ("boolean", "", "the sentence is suspended (缓刑)"),
    "probation_months": ("Float64", "months", "probation period"),
    "fine_yuan": ("Float64", "yuan", "criminal fine (罚金); the executed fine after 数罪并罚"),
    "confiscation": ("boolean", "", "confiscation of personal property (没收个人财产) imposed"),
    "illegal_gains_yuan": ("Float64", "yuan", "illegal gains (违法所得) confiscated or ordered returned, when an "
                                              "amount is stated"),
    "illegal_gains_joint": ("boolean", "", "that amount is stated once for this defendant and others together "
                                           "(甲某、乙某违法所得…予以追缴): count it once per case, not per defendant"),
    "political_rights": ("boolean", "", "deprivation of political rights (剥夺政治权利) imposed"),
    "term_start": ("string", "ISO date", "start of the term as stated"),
    "term_end": ("string", "ISO date", "end of the term as stated"),
    "probation_start": ("string", "ISO date", "start of the probation period as stated"),
    "probation_end": ("string", "ISO date", "end of the probation period as stated"),
    **{f"f_{f}": ("boolean", "", f"the court accepts the sentencing factor {f}") for f in FACTOR_LABELS},
    "n_factors_rejected": ("Int64", "", "factor mentions the court rejects"),
}


def _joined(xs) -> str:
    return "；".join(dict.fromkeys(x for x in xs if x))


def _num(x):
    return float(x) if isinstance(x, (int, float)) else None


def rows(judgement, prediction=None) -> tuple[dict, list[dict]]:
    """The case row and the defendant rows of one :class:`~cjtext.Judgement`.

    ``prediction`` is a :class:`cjtext.classifier.Prediction` for the case, or None.
    """
    md = judgement.metadata
    cn = md.case_number
    year = int(md.judgement_date[:4]) if md.judgement_date else (cn.year if cn else None)
    articles = judgement.articles_applied
    defendants = judgement.defendants
    gains = [d.sentence.illegal_gains.value for d in defendants
             if d.sentence.illegal_gains is not None and isinstance(d.sentence.illegal_gains.value, (int, float))]
    fines = [d.fine_yuan for d in defendants if d.fine_yuan is not None]
    n_else = len(judgement.co_offenders_elsewhere)
    case = {
        "case_id": judgement.id, "source": judgement.document.source, "court": md.court,
        "province": md.province, "court_level": md.court_level, "year": year, "date": md.judgement_date,
        "doc_type": md.doc_type, "procedure": md.procedure,
        "case_number": cn.text if cn else None, "case_year": cn.year if cn else None,
        "case_court_code": cn.court_code if cn else None, "case_type": cn.case_type if cn else None,
        "case_serial": cn.serial if cn else None,
        "charges": _joined(c for d in defendants for c in d.charges),
        "articles_applied": _joined(articles),
        "cyber_articles": any(_matches(a, CYBER_ARTICLES) for a in articles),
        "is_cyber": None, "value_chain": None, "value_chains": None,
        **{f"p_{c}": None for c in CHAIN_LABELS},
        "n_defendants": len(defendants), "n_units": sum(d.is_unit for d in defendants),
        "n_elsewhere": n_else, "n_offenders": len(defendants) + n_else,
        "total_fine_yuan": float(sum(fines)) if fines else None,
        "illegal_gains_yuan": float(max(gains)) if gains else None,
        "chars": len(judgement.document.text),
    }
    if prediction is not None:
        case.update({"is_cyber": prediction.label != "not_cyber", "value_chain": prediction.label,
                     "value_chains": _joined(prediction.labels)})
        for c, p in prediction.probabilities.items():
            if f"p_{c}" in case:
                case[f"p_{c}"] = p
    out = []
    # One amount read for several defendants (the same words of the decision) is theirs jointly.
    gains_at = Counter((g.start, g.end) for d in defendants if (g := d.sentence.illegal_gains) is not None)
    for i, d in enumerate(defendants, 1):
        s, party, pen = d.sentence, d.party, d.penalty
        accepted = set(d.factors)
        out.append({
            "case_id": judgement.id, "defendant_index": i, "name": d.name, "is_unit": d.is_unit,
            "year": year, "court": md.court, "province": md.province, "procedure": md.procedure,
            "value_chain": case["value_chain"],
            "sex": party.sex, "age": d.age, "birth_date": party.birth_date.isoformat() if party.birth_date else None,
            "ethnicity": party.ethnicity, "education": party.education, "occupation": party.occupation,
            "n_priors": len(party.priors),
            **{k: v.isoformat() if v else None
               for k, v in (("custody_date", party.custody_date), ("arrest_date", party.arrest_date))},
            "charges": _joined(d.charges), "n_charges": len(d.charges),
            "penalty_kind": pen.kind,
            "prison_months": _num(pen.months) if pen.kind in TERM_KINDS else None,
            "custodial": pen.kind in ("fixed_term", "criminal_detention"),
            "probation": d.probation_months is not None,
            "probation_months": _num(d.probation_months),
            "fine_yuan": _num(d.fine_yuan),
            "confiscation": s.confiscation is not None,
            "illegal_gains_yuan": _num(s.illegal_gains.value) if s.illegal_gains is not None else None,
            "illegal_gains_joint": (gains_at[s.illegal_gains.start, s.illegal_gains.end] > 1
                                    if s.illegal_gains is not None else None),
            "political_rights": s.political_rights is not None,
            "term_start": s.term_start.isoformat() if s.term_start else None,
            "term_end": s.term_end.isoformat() if s.term_end else None,
            "probation_start": s.probation_start.isoformat() if s.probation_start else None,
            "probation_end": s.probation_end.isoformat() if s.probation_end else None,
            **{f"f_{f}": f in accepted for f in FACTOR_LABELS},
            "n_factors_rejected": sum(m.status == "rejected" for m in d.factor_mentions),
        })
    return case, out


def _frame(records: list[dict], columns: dict):
    import pandas as pd

    df = pd.DataFrame.from_records(records, columns=list(columns))
    for name, (dtype, _, _) in columns.items():
        df[name] = df[name].astype("string" if dtype in ("string", "date") else dtype)
    return df


def _documents(inputs, on_error, **read_options) -> Iterator:
    from .document import Document, parse, read_documents
    from .io import Record

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths, items = [], []
    for x in inputs:
        (paths if isinstance(x, (str, os.PathLike)) else items).append(x)
    if paths:
        yield from read_documents(paths, on_error=on_error, **read_options)
    for n, x in enumerate(items):
        if isinstance(x, Document):
            yield x
            continue
        try:
            yield parse(x) if isinstance(x, Record) else parse(x, id=f"doc-{n + 1}")
        except DocumentError as exc:
            on_error(exc)


def extract(inputs, *, classify: bool = True, model=None, on_error=None, batch_size: int = 256,
            **read_options):
    """Read, extract and classify judgements into ``(cases, defendants)`` DataFrames.

    Parameters
    ----------
    inputs : path, or iterable of paths, texts, Records or Documents
        Files or folders in any format :func:`cjtext.read` reads, or documents in memory.
    classify : bool
        Add the value chain and its probabilities (default model unless ``model``).
    on_error : callable, optional
        Receives a :class:`cjtext.DocumentError` for each document that could not be
        read or extracted; by default they are collected and listed in
        ``cases.attrs["errors"]``. No document is dropped silently.
    **read_options
        ``text_field``, ``id_field``, ``encoding``, ``format`` as for :func:`cjtext.read`.

    Returns
    -------
    cases, defendants : pandas.DataFrame
        Columns as in :data:`CASE_COLUMNS` and :data:`DEFENDANT_COLUMNS`.
    """
    log = on_error if on_error is not None else ErrorLog()
    case_rows: list[dict] = []
    def_rows: list[dict] = []
    for cases, defs in _iter_rows(inputs, classify=classify, model=model, on_error=log,
                                  batch_size=batch_size, **read_options):
        case_rows += cases
        def_rows += defs
    cases, defendants = _frame(case_rows, CASE_COLUMNS), _frame(def_rows, DEFENDANT_COLUMNS)
    if isinstance(log, ErrorLog):
        cases.attrs["errors"] = list(log.entries)
        cases.attrs["n_errors"] = len(log)
    return cases, defendants


def _iter_rows(inputs, *, classify: bool, model, on_error, batch_size: int, **read_options):
    """Batches of (case rows, defendant rows); a document that fails is reported and skipped.

    The batches go through :func:`cjtext.batch.process_chunk`, the same code the batch engine
    and the Dask mode run, here in this process.
    """
    from .batch import process_chunk

    if classify and model is None:
        from .classifier import Model

        model = Model.load()

    def flush(chunk):
        _, cases, defs, errors = process_chunk(0, chunk, classify=classify, model=model)
        for e in errors:
            on_error(DocumentError(e["source"], e["error"], e["id"]))
        return cases, defs

    batch: list = []
    for doc in _documents(inputs, on_error, **read_options):
        batch.append(doc)
        if len(batch) >= batch_size:
            yield flush(batch)
            batch = []
    if batch:
        yield flush(batch)


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------
def _matches(article: str, specs: Iterable[str]) -> bool:
    """Does a canonical article string fall under one of ``specs``?

    ``刑法第287条`` covers its paragraphs and items (刑法第287条第1款) but not
    刑法第287条之一, a different crime.

    Examples
    --------
    >>> _matches("刑法第285条第2款", ["刑法第285条"]), _matches("刑法第287条之一", ["刑法第287条"])
    (True, False)
    """
    for spec in specs:
        if article == spec or (article.startswith(spec) and article[len(spec)] == "第"):
            return True
    return False


def select(cases, defendants=None, *, articles: Iterable[str] | None = None, charges: Iterable[str] | None = None,
           years: tuple[int, int] | None = None, courts: Iterable[str] | None = None,
           provinces: Iterable[str] | None = None, value_chains: Iterable[str] | None = None,
           cyber: bool | None = None):
    """Filter the case table (and the defendant table to the same cases).

    Parameters
    ----------
    articles : iterable of str
        Keep cases applying any of these provisions (canonical form, e.g. ``CYBER_ARTICLES``).
    charges : iterable of str
        Keep cases with any of these charges (exact, e.g. ``盗窃罪``).
    years : (int, int)
        Inclusive range of ``year``.
    courts, provinces : iterable of str
        Keep cases whose court name contains one of ``courts`` / whose province is listed.
    value_chains : iterable of str
        Keep cases with one of these ``value_chain`` labels.
    cyber : bool
        Keep cybercrime cases: a cybercrime provision applied or classified as cyber (True), or neither (False).

    Returns
    -------
    DataFrame, or (DataFrame, DataFrame) when ``defendants`` is given.
    """
    keep = cases["case_id"].notna()
    if articles is not None:
        specs = list(articles)
        keep &= cases["articles_applied"].fillna("").map(lambda s: any(_matches(a, specs) for a in s.split("；") if a))
    if charges is not None:
        wanted = set(charges)
        keep &= cases["charges"].fillna("").map(lambda s: bool(wanted & set(s.split("；"))))
    if years is not None:
        keep &= cases["year"].between(years[0], years[1]).fillna(False)
    if courts is not None:
        names = list(courts)
        keep &= cases["court"].fillna("").map(lambda c: any(n in c for n in names))
    if provinces is not None:
        keep &= cases["province"].isin(list(provinces)).fillna(False)
    if value_chains is not None:
        keep &= cases["value_chain"].isin(list(value_chains)).fillna(False)
    if cyber is not None:
        is_cyber = cases["cyber_articles"].fillna(False) | cases["is_cyber"].fillna(False)
        keep &= is_cyber if cyber else ~is_cyber
    out = cases[keep.astype(bool)].reset_index(drop=True)
    if defendants is None:
        return out
    return out, defendants[defendants["case_id"].isin(out["case_id"])].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
FORMATS = {".parquet": "parquet", ".csv": "csv", ".dta": "stata"}


def table_paths(output: str | os.PathLike, format: str | None = None) -> tuple[Path, Path]:
    """Where :func:`write` puts the two tables: ``out.parquet`` → ``out.cases.parquet``, ``out.defendants.parquet``.

    A directory (or a path without a known extension) gets ``cases.<ext>`` and ``defendants.<ext>`` inside.

    Examples
    --------
    >>> [p.name for p in table_paths("results/study.dta")]
    ['study.cases.dta', 'study.defendants.dta']
    """
    p = Path(output)
    if p.suffix in FORMATS and format in (None, FORMATS[p.suffix]):
        return p.with_name(f"{p.stem}.cases{p.suffix}"), p.with_name(f"{p.stem}.defendants{p.suffix}")
    ext = {v: k for k, v in FORMATS.items()}.get(format or "parquet")
    if ext is None:
        raise ValueError(f"unknown table format {format!r}; expected one of {sorted(FORMATS.values())}")
    return p / f"cases{ext}", p / f"defendants{ext}"


def write(cases, defendants, output: str | os.PathLike, format: str | None = None) -> tuple[Path, Path]:
    """Write both tables as Parquet (default), CSV (UTF-8 with BOM, for Excel) or Stata 118 (.dta).

    Stata has no boolean or nullable types: booleans become 1/0 and missing values
    Stata's missing value ``.``; strings stay Unicode (format 118, Stata 14 or later).
    """
    paths = table_paths(output, format)
    fmt = FORMATS[paths[0].suffix]
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    for df, path in zip((cases, defendants), paths):
        if fmt == "parquet":
            df.to_parquet(path, index=False)
        elif fmt == "csv":
            df.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            _to_stata(df, path)
    return paths


def _to_stata(df, path: Path) -> None:
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    for name in df.columns:
        col = df[name]
        if str(col.dtype) == "boolean":
            out[name] = col.astype("Float64").astype("float")   # 1/0, missing as Stata's "."
        elif str(col.dtype) in ("Int64", "Float64"):
            out[name] = col.astype("float")
        else:
            out[name] = col.astype("object").where(col.notna(), "")
    labels = {n: (CASE_COLUMNS.get(n) or DEFENDANT_COLUMNS.get(n) or ("", "", ""))[2][:80] for n in out.columns}
    out.to_stata(path, write_index=False, version=118, variable_labels=labels)


# ---------------------------------------------------------------------------
# Trends
# ---------------------------------------------------------------------------
def trends(cases, defendants, by: str = "year"):
    """Per-year (or per ``by``) figures of a sentencing study, as a DataFrame.

    Columns: cases, defendants (persons), mean and median prison months of persons with a
    custodial sentence, the same excluding suspended sentences, probation share (of
    custodial sentences), mean and median fine (of persons fined), mean and maximum
    offenders per case, the share of each value chain among cases, and the prevalence
    of each accepted sentencing factor among persons. Medians of an even count are the
    mean of the two middle values. For tables too large for memory use
    :meth:`cjtext.tally.Tally.from_dataset`, which gives the same table.

    Examples
    --------
    >>> import pandas as pd
    >>> cases = pd.DataFrame({"case_id": ["a"], "year": [2016], "value_chain": [None], "n_offenders": [2]})
    >>> defendants = pd.DataFrame({"case_id": ["a", "a"], "year": [2016, 2016], "value_chain": [None, None],
    ...                            "is_unit": [False, False], "custodial": [True, True],
    ...                            "prison_months": [6.0, 10.0], "probation": [True, False],
    ...                            "fine_yuan": [2000.0, None]})
    >>> trends(cases, defendants).loc[2016, ["mean_prison_months", "probation_share", "mean_fine_yuan"]].tolist()
    [8.0, 0.5, 2000.0]
    """
    from .tally import Tally

    # One computation for the in-memory and the streaming report (cjtext.tally).
    return Tally(by).add(cases, defendants).trends()


def data_dictionary() -> str:
    """``docs/data-dictionary.md``: every column of both tables with type, unit and meaning (Markdown)."""
    types = {"string": "text", "Int64": "integer", "Float64": "number", "boolean": "true/false", "date": "date"}
    parts = ["# Data dictionary\n",
             "The two tables of `cjtext extract -o results.parquet` (or `.csv`, `.dta`) and of "
             "`cjtext.corpus.extract()`. Empty cells mean *not stated in the document* (or, for the "
             "value-chain columns, *not classified*). In Stata files true/false are 1/0. Generated from "
             "`cjtext.corpus.CASE_COLUMNS` and `DEFENDANT_COLUMNS`; a test keeps this page in step.\n"]
    for title, cols in (("Cases (`*.cases.*`): one row per judgement", CASE_COLUMNS),
                        ("Defendants (`*.defendants.*`): one row per defendant", DEFENDANT_COLUMNS)):
        parts.append(f"\n## {title}\n\n| column | type | unit | meaning |\n|---|---|---|---|\n")
        factor_done = False
        for name, (dtype, unit, meaning) in cols.items():
            if name.startswith("f_"):
                if not factor_done:
                    parts.append("| `f_<factor>` | true/false | | the court accepts this sentencing factor; one "
                                 "column per factor of the gold vocabulary: "
                                 + ", ".join(f"`f_{f}`" for f in FACTOR_LABELS) + " |\n")
                    factor_done = True
                continue
            parts.append(f"| `{name}` | {types[dtype]} | {unit} | {meaning} |\n")
    return "".join(parts)

"""The corpus report: trend figures (PNG) and one self-contained HTML page.

:func:`figures` draws, from the two tables of :func:`cjtext.corpus.extract`, the
per-year figures of a sentencing study (cases and value chains, prison terms with
and without suspended sentences, probation share, fines, offenders per case,
sentencing factors) and the sentence and fine distributions by value chain;
:func:`write_report` saves them with the tables behind them and an HTML page
that embeds everything (it can be mailed or archived as one file).

Labels are bilingual when a CJK font is installed (see :mod:`cjtext.plotting`),
English otherwise.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import os
from pathlib import Path

from .corpus import CHAIN_LABELS, FACTOR_LABELS

__all__ = ["figures", "write_report", "by_chain"]

#: One colour per value chain in every figure.
CHAIN_COLORS = {"real_assets": "#c44e52", "virtual_assets": "#8172b2", "internet_resources": "#4c72b0",
                "government_systems": "#55a868", "other": "#ccb974", "not_cyber": "#a0a0a0"}
#: Axis and title texts: (English, 中文).
TEXT = {
    "cases": ("Cases per year", "每年案件数"),
    "chains": ("Value chains (share of cases)", "价值链（案件占比）"),
    "prison": ("Prison term, months (persons sentenced to prison or detention)", "刑期（月）"),
    "probation": ("Share of prison/detention sentences suspended", "缓刑比例"),
    "fine": ("Fine, yuan (persons fined)", "罚金（元）"),
    "offenders": ("Offenders per case (defendants + co-offenders tried elsewhere)", "每案犯罪人数"),
    "factors": ("Sentencing factors accepted (share of persons)", "量刑情节（人数占比）"),
    "chain_prison": ("Prison term by value chain, months", "各价值链刑期（月）"),
    "chain_fine": ("Fine by value chain, yuan", "各价值链罚金（元）"),
    "year": ("year", "年份"),
}


#: The columns the report reads (``cjtext report`` loads only these from its tables).
REPORT_CASE_COLUMNS = ("case_id", "year", "value_chain", "n_offenders")
REPORT_DEFENDANT_COLUMNS = ("case_id", "year", "value_chain", "is_unit", "custodial", "prison_months", "probation",
                            "fine_yuan", *(f"f_{f}" for f in FACTOR_LABELS))


def _t(key: str, bilingual: bool) -> str:
    en, zh = TEXT[key]
    return f"{en} · {zh}" if bilingual else en


def _as_tally(cases, defendants=None):
    """A :class:`~cjtext.tally.Tally` as given, or one of the two tables."""
    from .tally import Tally

    return cases if isinstance(cases, Tally) else Tally().add(cases, defendants)


def by_chain(cases, defendants=None):
    """Per value chain: cases, persons, mean/median prison months, probation share, mean/median fine.

    ``cases`` is the case table (with ``defendants``) or a :class:`~cjtext.tally.Tally`.
    """
    return _as_tally(cases, defendants).by_chain()


def figures(cases, defendants=None, *, trend_table=None) -> dict:
    """Draw the report's figures; returns ``{name: matplotlib Figure}``.

    ``cases`` is the case table (with ``defendants``) or a :class:`~cjtext.tally.Tally`.
    """
    from .plotting import cjk_font, pyplot

    plt = pyplot()
    bi = cjk_font() is not None
    tally = _as_tally(cases, defendants)
    t = trend_table if trend_table is not None else tally.trends()
    years = [int(y) for y in t.index]
    figs = {}

    def new(key, ylabel=None, size=(7.5, 3.6)):
        fig, ax = plt.subplots(figsize=size)
        ax.set_title(_t(key, bi), fontsize=10)
        ax.set_xlabel(_t("year", bi))
        if ylabel:
            ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        figs[key] = fig
        return ax

    ax = new("cases")
    ax.bar(years, t["cases"].fillna(0).astype(float), color="#4c72b0")

    order = [c for c in CHAIN_LABELS if f"share_{c}" in t.columns]
    if order:
        import numpy as np

        ax = new("chains", size=(8.5, 3.6))
        bottom = np.zeros(len(years))
        for c in order:
            v = t[f"share_{c}"].fillna(0).astype(float).to_numpy()
            ax.bar(years, v, bottom=bottom, label=c, color=CHAIN_COLORS.get(c))
            bottom += v
        ax.set_ylim(0, 1)
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))

    ax = new("prison", "months")
    for col, style, label in (("mean_prison_months", "-o", "mean, all"),
                              ("median_prison_months", "--o", "median, all"),
                              ("mean_prison_months_unsuspended", "-s", "mean, not suspended"),
                              ("median_prison_months_unsuspended", "--s", "median, not suspended")):
        ax.plot(years, t[col].astype(float), style, label=label, markersize=3)
    ax.legend(fontsize=7)

    ax = new("probation", "share")
    ax.plot(years, t["probation_share"].astype(float), "-o", markersize=3)
    ax.set_ylim(0, 1)

    ax = new("fine", "yuan")
    ax.plot(years, t["mean_fine_yuan"].astype(float), "-o", label="mean", markersize=3)
    ax.plot(years, t["median_fine_yuan"].astype(float), "--o", label="median", markersize=3)
    ax.set_ylim(bottom=0)
    _plain_numbers(ax)
    ax.legend(fontsize=7)

    ax = new("offenders", "persons")
    ax.plot(years, t["mean_offenders_per_case"].astype(float), "-o", label="mean", markersize=3)
    ax.plot(years, t["max_offenders_per_case"].astype(float), "--^", label="maximum", markersize=3)
    ax.legend(fontsize=7)

    # Every factor of the vocabulary, present or not: an empty row (disability, say) is a finding too.
    prev = t[[f"prevalence_{f}" for f in FACTOR_LABELS]].astype(float)
    if prev.shape[1]:
        fig, ax = plt.subplots(figsize=(7.5, 0.28 * prev.shape[1] + 1.4))
        im = ax.imshow(prev.T.fillna(0).to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1)
        ax.set_yticks(range(prev.shape[1]), [c[len("prevalence_"):] for c in prev.columns], fontsize=7)
        ax.set_xticks(range(len(years)), years, fontsize=7, rotation=90)
        ax.set_title(_t("factors", bi), fontsize=10)
        fig.colorbar(im, ax=ax, fraction=0.03)
        fig.tight_layout()
        figs["factors"] = fig

    for key, col in (("chain_prison", "prison_months"), ("chain_fine", "fine_yuan")):
        boxes = tally.boxes(col)
        if not boxes:
            continue
        fig, ax = plt.subplots(figsize=(7.5, 3.6))
        # Statistics from the tallies (exact quartiles, each outlying value once): no row is held in memory.
        ax.bxp([b for _, b in boxes], showmeans=True)
        ax.set_xticks(range(1, len(boxes) + 1), [f"{c}\n(n={b['n']})" for c, b in boxes], fontsize=7)
        ax.set_title(_t(key, bi), fontsize=10)
        if col == "fine_yuan":
            ax.set_yscale("log")
            _plain_numbers(ax)
        ax.grid(alpha=0.3)
        fig.tight_layout()
        figs[key] = fig
    for name, fig in figs.items():
        if name not in ("factors", "chain_prison", "chain_fine"):
            fig.tight_layout()
    return figs


def _plain_numbers(ax) -> None:
    """Axes labelled 10,000 rather than 1e4 or 10^4: readers compare yuan, not exponents."""
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def _table_html(df, digits: int = 2) -> str:
    df = df.astype(float)
    # Counts print as counts (10, not 10.0); everything else with ``digits`` decimals.
    fmt = {c: ("{:,.0f}".format if (df[c].dropna() % 1 == 0).all() and not c.startswith(("share_", "prevalence_"))
               else ("{:,.%df}" % digits).format) for c in df.columns}
    return df.to_html(na_rep="–", border=0, classes="tbl", formatters=fmt)


def write_report(cases, defendants=None, outdir: str | os.PathLike = "report", *,
                 title: str = "cjtext corpus report", errors: int | None = None) -> Path:
    """Write ``report.html`` (self-contained), ``figures/*.png`` and the tables behind them (CSV).

    ``cases`` is the case table (with ``defendants``) or a :class:`~cjtext.tally.Tally`
    (``cjtext report`` passes :meth:`~cjtext.tally.Tally.from_dataset`, so that a report
    over any number of judgements holds no table in memory). ``errors`` is the number
    of documents that failed (default: the tally's count). Returns the path of the HTML page.
    """
    from . import __version__
    from .plotting import pyplot

    out = Path(outdir)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    tally = _as_tally(cases, defendants)
    errors = tally.errors if errors is None else errors
    t = tally.trends()
    chains = tally.by_chain() if tally.has_chains else None
    t.to_csv(out / "trends.csv")
    if chains is not None:
        chains.to_csv(out / "by_value_chain.csv")
    figs = figures(tally, trend_table=t)
    plt = pyplot()
    blocks = []
    for name, fig in figs.items():
        png = _png(fig)
        (out / "figures" / f"{name}.png").write_bytes(png)
        b64 = base64.b64encode(png).decode("ascii")
        blocks.append(f'<figure><img alt="{html.escape(TEXT[name][0])}" src="data:image/png;base64,{b64}">'
                      f"<figcaption>{html.escape(TEXT[name][0])} · {html.escape(TEXT[name][1])}</figcaption>"
                      "</figure>")
        plt.close(fig)
    span = f"{tally.years[0]}–{tally.years[1]}" if tally.years else "–"
    summary = (f"<p><b>{tally.n_cases}</b> cases, <b>{tally.n_persons}</b> defendants who are persons "
               f"(+ {tally.n_units} units), years {span}"
               + (f"; <b>{errors}</b> documents could not be read or extracted (see the errors file)" if errors
                  else "") + ".</p>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; max-width: 980px; margin: 2em auto;
       padding: 0 1em; color: #222; }}
figure {{ margin: 1.5em 0; }} img {{ max-width: 100%; }} figcaption {{ font-size: 0.9em; color: #555; }}
.tbl {{ border-collapse: collapse; font-size: 0.8em; }} .tbl td, .tbl th {{ padding: 2px 6px; text-align: right; }}
.tbl tr:nth-child(even) {{ background: #f3f5f8; }} .scroll {{ overflow-x: auto; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
{summary}
<p>Prison terms are those of persons sentenced to fixed-term imprisonment or criminal detention, in months
(days as day/30); "not suspended" leaves out suspended sentences. Fines are criminal fines (罚金) of persons
fined. Offenders per case counts the defendants and the co-offenders said to be tried elsewhere (另案处理).
Factors are those the court accepts. Columns are defined in docs/data-dictionary.md.</p>
<h2>By year · 按年份</h2>
{''.join(b for b, n in zip(blocks, figs) if not n.startswith("chain_"))}
<h2>By value chain · 按价值链</h2>
{''.join(b for b, n in zip(blocks, figs) if n.startswith("chain_")) or "<p>No value chains (classification off).</p>"}
<h2>Tables · 数据表</h2>
<h3>Per year (trends.csv)</h3><div class="scroll">{_table_html(t)}</div>
{f'<h3>Per value chain (by_value_chain.csv)</h3><div class="scroll">{_table_html(chains)}</div>'
 if chains is not None else ''}
<p style="color:#777;font-size:0.8em">cjtext {__version__}, {dt.date.today().isoformat()}.</p>
</body></html>
"""
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path

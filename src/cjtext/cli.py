"""Command line: ``cjtext parse``, ``extract``, ``evaluate``, ``show``, and the classifier's
``train``, ``classify``, ``evaluate-classifier`` and ``suggest``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from typing import Sequence

from . import __version__
from .document import read_documents
from .errors import CjtextError, ErrorLog

__all__ = ["main"]


def _pad(text: str, width: int) -> str:
    """Pad to a display width: CJK characters take two terminal columns."""
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)


def _add_read_options(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument("paths", nargs=nargs, metavar="PATH",
                   help="files, directories or glob patterns (text, HTML, JSON, JSONL, CSV)")
    p.add_argument("--text-field", help="record field holding the text (JSON/JSONL/CSV); "
                                        "default: try text, qw, qwContent, content, 全文 …")
    p.add_argument("--id-field", help="record field holding the id; default: try id, doc_id, 文书ID …")
    p.add_argument("--encoding", help="force an encoding (default: detect UTF-8 / GB18030 per file)")
    p.add_argument("--format", choices=["text", "html", "json", "jsonl", "csv", "tsv"],
                   help="force the input format (default: by file extension)")
    p.add_argument("--errors", metavar="FILE",
                   help="write one JSON line per failed document here (default: summary on stderr)")


def _cmd_parse(args: argparse.Namespace) -> int:
    err_stream = open(args.errors, "w", encoding="utf-8") if args.errors else None
    log = ErrorLog(stream=err_stream)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n = 0
    try:
        docs = read_documents(args.paths, on_error=log, text_field=args.text_field,
                              id_field=args.id_field, encoding=args.encoding, format=args.format)
        if args.table:
            out.write(f"{_pad('id', 14)} {_pad('court', 30)} {_pad('case number', 30)} "
                      f"{_pad('date', 10)}  sections\n")
        for doc in docs:
            n += 1
            if args.table:
                md = doc.metadata
                cn = md.case_number.text if md.case_number else "-"
                out.write(f"{_pad(doc.id, 14)} {_pad(md.court or '-', 30)} {_pad(cn, 30)} "
                          f"{_pad(md.judgement_date or '-', 10)}  {' '.join(doc.labels)}\n")
            else:
                out.write(json.dumps(doc.to_dict(text=args.with_text), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if err_stream:
            err_stream.close()
    _report_errors("parse", "parsed", n, log, args.errors)
    return 0 if n or not len(log) else 1


def _report_errors(command: str, verb: str, n: int, log: ErrorLog, errors_path: str | None) -> None:
    """The run's summary on stderr; failures listed there unless they went to ``--errors``."""
    print(f"cjtext {command}: {n} documents {verb}, {len(log)} failed"
          + (f" (see {errors_path})" if errors_path and len(log) else ""), file=sys.stderr)
    if len(log) and not errors_path:
        for e in log.entries[:20]:
            print(f"  {e['source']}: {e['error']}", file=sys.stderr)
        if len(log) > 20:
            print(f"  … and {len(log) - 20} more (use --errors FILE)", file=sys.stderr)


def _years(text: str) -> tuple[int, int]:
    a, _, b = text.partition("-")
    try:
        return int(a), int(b or a)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year or a range such as 2012-2016, got {text!r}") from None


def _wants_tables(args: argparse.Namespace) -> bool:
    """Tables unless JSON lines are asked for: --to jsonl, -o X.jsonl / X.json, or no -o (stdout)."""
    from pathlib import Path

    if args.to:
        return args.to != "jsonl"
    if args.output is None or args.table:
        return False
    return Path(args.output).suffix not in (".jsonl", ".json", ".ndjson")


def _is_folder_output(path: str) -> bool:
    from pathlib import Path

    p = Path(path)
    return p.is_dir() or p.suffix == "" or path.endswith(("/", os.sep))


def _dask_extract(args: argparse.Namespace, output) -> dict:
    """``cjtext.dask.extract`` on the cluster at ``--scheduler`` (``extract -o DIR`` and ``report``)."""
    from distributed import Client

    from . import dask as cjdask

    if _filters(args):
        raise CjtextError("filters are not applied in the Dask mode; filter the tables afterwards "
                          "(cjtext.corpus.select)")
    with Client(args.scheduler) as client:
        return cjdask.extract(args.paths, output, client=client, classify=not args.no_classify,
                              chunk_size=args.chunk_size, text_field=args.text_field, id_field=args.id_field,
                              encoding=args.encoding, format=args.format)


def _cmd_extract_dask(args: argparse.Namespace) -> int:
    s = _dask_extract(args, args.output)
    print(f"cjtext extract: {s['documents']} documents in {s['partitions']} partitions, {s['extracted']} extracted, "
          f"{s['failed']} failed (see {args.output}/errors/); tables in {args.output}/cases and "
          f"{args.output}/defendants", file=sys.stderr)
    return 0 if s["extracted"] or not s["failed"] else 1


def _run_batch(args: argparse.Namespace, output):
    """``cjtext.batch.run`` with the options shared by ``extract -o DIR`` and ``report``."""
    from .batch import run

    return run(args.paths, output, jobs=args.jobs, classify=not args.no_classify, chunk_size=args.chunk_size,
               progress=False if args.quiet else None, filters=_filters(args), text_field=args.text_field,
               id_field=args.id_field, encoding=args.encoding, format=args.format)


def _cmd_extract_batch(args: argparse.Namespace) -> int:
    if args.scheduler:
        return _cmd_extract_dask(args)
    summary = _run_batch(args, args.output)
    rate = summary.megabytes / summary.seconds if summary.seconds else 0.0
    print(f"cjtext extract: {summary.documents} documents, {summary.extracted} extracted, {summary.failed} "
          f"failed (see {args.output}/errors/), {summary.skipped_chunks} chunks already done; this run "
          f"{summary.megabytes} MB in {summary.seconds} s ({rate:.2f} MB/s); tables in {args.output}/cases and "
          f"{args.output}/defendants", file=sys.stderr)
    if args.errors:
        _copy_errors(args.output, args.errors)
    return 0 if summary.extracted or not summary.failed else 1


def _copy_errors(output: str, errors_path: str) -> None:
    from pathlib import Path

    with open(errors_path, "w", encoding="utf-8") as fh:
        for part in sorted((Path(output) / "errors").glob("part-*.jsonl")):
            fh.write(part.read_text(encoding="utf-8"))


def _cmd_extract_tables(args: argparse.Namespace) -> int:
    from . import corpus

    if args.output and _is_folder_output(args.output) and args.to in (None, "parquet"):
        return _cmd_extract_batch(args)
    if not args.output:
        raise CjtextError("tables need an output: -o results.parquet (or .csv, .dta, or a folder with --to)")
    err_stream = open(args.errors, "w", encoding="utf-8") if args.errors else None
    log = ErrorLog(stream=err_stream)
    try:
        cases, defendants = corpus.extract(args.paths, classify=not args.no_classify, on_error=log,
                                           text_field=args.text_field, id_field=args.id_field,
                                           encoding=args.encoding, format=args.format)
    finally:
        if err_stream:
            err_stream.close()
    n = len(cases)
    if filters := _filters(args):
        cases, defendants = corpus.select(cases, defendants, **filters)
        print(f"cjtext extract: {len(cases)} of {n} cases kept by the filters", file=sys.stderr)
    fmt = {"stata": "stata", "csv": "csv", "parquet": "parquet"}.get(args.to or "")
    paths = corpus.write(cases, defendants, args.output, fmt)
    print(f"cjtext extract: {len(cases)} cases, {len(defendants)} defendants -> {paths[0]}, {paths[1]}",
          file=sys.stderr)
    _report_errors("extract", "extracted", n, log, args.errors)
    return 0 if n or not len(log) else 1


def _filters(args: argparse.Namespace) -> dict:
    filters = {"articles": args.articles, "charges": args.charges, "years": args.years, "courts": args.courts,
               "provinces": args.provinces, "cyber": args.cyber}
    return {k: v for k, v in filters.items() if v is not None}


def _add_filter_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--articles", nargs="+", metavar="ARTICLE",
                   help=f"{what}keep cases applying any of these provisions, e.g. 刑法第285条 刑法第286条 "
                        "(a provision covers its paragraphs, not 之一/之二)")
    p.add_argument("--charges", nargs="+", metavar="CHARGE", help=f"{what}keep cases with any of these charges")
    p.add_argument("--years", type=_years, metavar="Y1-Y2", help=f"{what}keep cases of these years")
    p.add_argument("--courts", nargs="+", metavar="TEXT", help=f"{what}keep cases whose court name contains TEXT")
    p.add_argument("--provinces", nargs="+", metavar="PROVINCE", help=f"{what}keep cases of these provinces")
    p.add_argument("--cyber", action="store_true", default=None,
                   help=f"{what}keep cybercrime cases (arts. 285–287 applied or classified as cyber)")


def _cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .report import write_report
    from .tally import Tally

    if args.tables:
        if args.paths:
            raise CjtextError("give either judgements to extract or --tables of an earlier run, not both")
        if _filters(args):
            raise CjtextError("filters apply while extracting; with --tables, filter the tables of that run "
                              "(cjtext.corpus.select) or extract again with the filters")
        tables = Path(args.tables)
        if not (tables / "cases").is_dir():
            raise CjtextError(f"{tables}: not the output of `cjtext extract -o DIR` (no cases/ folder in it)")
        ran = "tables of an earlier run"
    elif not args.paths:
        raise CjtextError("nothing to report on: give judgements (files, folders, patterns) or --tables DIR, "
                          "the output folder of `cjtext extract -o DIR`")
    else:
        tables = Path(args.output) / "tables"
        if args.scheduler:
            s = _dask_extract(args, tables)
            ran = f"{s['documents']} documents, {s['failed']} failed"
        else:
            summary = _run_batch(args, tables)
            ran = f"{summary.documents} documents, {summary.failed} failed"
    # One pass over the Parquet parts: the report never holds the tables in memory.
    tally = Tally.from_dataset(tables)
    if args.errors:
        _copy_errors(str(tables), args.errors)
    if not tally.n_cases:
        raise CjtextError(f"no cases to report on in {tables} (check the inputs and the filters)")
    path = write_report(tally, outdir=args.output, title=args.title)
    print(f"cjtext report: {ran}, {tally.n_cases} cases reported: {path} (figures in {path.parent / 'figures'}, "
          f"tables in {tables})", file=sys.stderr)
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from .errors import DocumentError
    from .extract import extract

    if _wants_tables(args):
        return _cmd_extract_tables(args)

    err_stream = open(args.errors, "w", encoding="utf-8") if args.errors else None
    log = ErrorLog(stream=err_stream)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n = 0
    try:
        if args.table:
            out.write(f"{_pad('id', 10)} {_pad('defendant', 10)} {_pad('charges', 34)} {_pad('penalty', 22)} "
                      f"{_pad('probation', 9)} {_pad('fine', 8)} factors\n")
        for doc in read_documents(args.paths, on_error=log, text_field=args.text_field,
                                  id_field=args.id_field, encoding=args.encoding, format=args.format):
            try:
                j = extract(doc)
            except Exception as exc:  # one bad document must not end the batch
                log(DocumentError(doc.source or doc.id, f"extraction failed: {type(exc).__name__}: {exc}", doc.id))
                continue
            n += 1
            if args.table:
                for d in j.defendants:
                    pen = d.penalty.kind + (f" {d.penalty.months}m" if d.penalty.months is not None else "")
                    out.write(f"{_pad(j.id, 10)} {_pad(d.name, 10)} {_pad('、'.join(d.charges) or '-', 34)} "
                              f"{_pad(pen, 22)} {_pad(str(d.probation_months or '-'), 9)} "
                              f"{_pad(str(d.fine_yuan or '-'), 8)} {' '.join(d.factors)}\n")
                continue
            record = j.to_gold() if args.gold_only else j.to_dict()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if err_stream:
            err_stream.close()
    _report_errors("extract", "extracted", n, log, args.errors)
    return 0 if n or not len(log) else 1


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .extract import extract
    from .score import evaluate, load_jsonl

    gold = load_jsonl(args.gold)
    if args.predictions:
        predicted = load_jsonl(args.predictions)
    else:
        wanted = {g["id"] for g in gold}
        predicted = []
        log = ErrorLog()
        for doc in read_documents(args.docs, on_error=log, text_field=args.text_field, id_field=args.id_field):
            if doc.id in wanted:
                predicted.append(extract(doc).to_gold())
        for e in log.entries:
            print(f"  {e['source']}: {e['error']}", file=sys.stderr)
    score = evaluate(gold, predicted)
    print(score.format())
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(score.to_dict(), fh, ensure_ascii=False, indent=1)
    if args.show_errors:
        for e in score.errors:
            print(json.dumps(e, ensure_ascii=False))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from .pipeline import render

    doc = next(iter(read_documents([args.path], text_field=args.text_field)), None)
    if doc is None:
        print(f"cjtext show: no document in {args.path}", file=sys.stderr)
        return 1
    html = render(doc.text)
    with open(args.html, "w", encoding="utf-8") as fh:
        fh.write(html)
    print(f"cjtext show: wrote {args.html} ({doc.id})", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# Classifier commands
# ---------------------------------------------------------------------------
def _labelled(args: argparse.Namespace, need_labels: bool = True):
    from .classifier import load_labelled

    log = ErrorLog()
    texts, labels, ids = load_labelled(args.data, text_field=args.text_field, label_field=args.label_field,
                                       id_field=args.id_field, on_error=log)
    if len(log):
        _report_errors(args.command, "read", len(texts), log, None)
    if need_labels:
        keep = [i for i, y in enumerate(labels) if y is not None]
        if len(keep) < len(labels):
            print(f"cjtext {args.command}: {len(labels) - len(keep)} records without a label skipped",
                  file=sys.stderr)
        texts, labels, ids = ([x[i] for i in keep] for x in (texts, labels, ids))
        if not texts:
            raise CjtextError(f"{args.data}: no labelled records; is the label in field {args.label_field!r}? "
                              f"(use --label-field, a dotted path such as labels.accusation works)")
    return texts, labels, ids


def _write_report(report: dict, stem: str) -> None:
    from .classifier import plot_confusion

    with open(stem + ".json", "w", encoding="utf-8") as fh:
        json.dump(report, fh, ensure_ascii=False, indent=2)
    plot_confusion(report, stem + ".png")
    print(f"report: {stem}.json, confusion matrix: {stem}.png", file=sys.stderr)


def _cmd_train(args: argparse.Namespace) -> int:
    from collections import Counter

    from .classifier import format_report, train

    texts, labels, ids = _labelled(args)
    if args.min_count > 1:
        counts = Counter(labels)
        keep = [i for i, y in enumerate(labels) if counts[y] >= args.min_count]
        dropped = sorted(y for y in counts if counts[y] < args.min_count)
        if dropped:
            print(f"cjtext train: {len(dropped)} labels with fewer than {args.min_count} records dropped "
                  f"({len(labels) - len(keep)} records)", file=sys.stderr)
        texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
    print(f"cjtext train: {len(texts)} documents, {len(set(labels))} labels, design {args.design!r}, "
          f"{args.cv}-fold cross-validation", file=sys.stderr)
    model = train(texts, labels, design=args.design, cv=args.cv, C=args.C,
                  **({"class_weight": "balanced"} if args.balanced else {}))
    path = model.save(args.output)
    if model.card.get("cv"):
        print(format_report(model.card["cv"]))
        _write_report(model.card["cv"], str(path.with_suffix("")) + ".cv")
    print(f"model: {path} (card {path.with_suffix('')}.card.json)", file=sys.stderr)
    return 0


def _load_model(path):
    from .classifier import Model

    return Model.load(path)


def _cmd_classify(args: argparse.Namespace) -> int:
    from .errors import DocumentError

    model = _load_model(args.model)
    err_stream = open(args.errors, "w", encoding="utf-8") if args.errors else None
    log = ErrorLog(stream=err_stream)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n = 0
    batch: list = []

    def flush():
        nonlocal n
        try:
            preds = model.classify_many(batch)
        except Exception:   # find the bad one rather than lose the batch
            preds = []
            for doc in batch:
                try:
                    preds += model.classify_many([doc])
                except Exception as exc:
                    log(DocumentError(doc.source or doc.id, f"classification failed: {type(exc).__name__}: {exc}",
                                      doc.id))
        for p in preds:
            out.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
        n += len(preds)
        batch.clear()

    try:
        for doc in read_documents(args.paths, on_error=log, text_field=args.text_field,
                                  id_field=args.id_field, encoding=args.encoding, format=args.format):
            batch.append(doc)
            if len(batch) >= 256:
                flush()
        if batch:
            flush()
    finally:
        if out is not sys.stdout:
            out.close()
        if err_stream:
            err_stream.close()
    _report_errors("classify", "classified", n, log, args.errors)
    return 0 if n or not len(log) else 1


def _cmd_evaluate_classifier(args: argparse.Namespace) -> int:
    from .classifier import classification_report, format_report

    model = _load_model(args.model)
    texts, labels, _ = _labelled(args)
    proba = model.predict_proba(texts)
    report = classification_report(labels, proba, model.classes_)
    print(format_report(report))
    if args.report:
        _write_report(report, args.report.removesuffix(".json"))
    return 0


def _cmd_suggest(args: argparse.Namespace) -> int:
    from .classifier import margin

    model = _load_model(args.model)
    texts, labels, ids = _labelled(args, need_labels=False)
    todo = [i for i, y in enumerate(labels) if y is None or args.all]
    if not todo:
        print("cjtext suggest: every record already has a label (use --all to rank them anyway)", file=sys.stderr)
        return 0
    proba = model.predict_proba([texts[i] for i in todo])
    unsure = margin(proba)
    classes = model.classes_
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for k in sorted(range(len(todo)), key=lambda k: -unsure[k])[:args.n]:
            top = proba[k].argsort()[::-1][:2]
            out.write(json.dumps({"id": ids[todo[k]], "uncertainty": round(float(unsure[k]), 4),
                                  "candidates": {classes[j]: round(float(proba[k, j]), 4) for j in top}},
                                 ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"cjtext suggest: the {min(args.n, len(todo))} of {len(todo)} unlabelled documents the model "
          f"is least sure of, most uncertain first", file=sys.stderr)
    return 0


def _add_batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="worker processes for a folder output (default: all cores)")
    p.add_argument("--chunk-size", type=int, default=500, help="documents per chunk and part file (default 500)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster (tcp://host:8786) into a folder all workers can reach; "
                        "needs cjtext[dask]")


def _add_labelled_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("data", metavar="DATA.jsonl",
                   help="labelled records (JSONL), or a corpus folder with judgements/ and labels/")
    p.add_argument("--text-field", default="text", help="record field holding the text (default: text)")
    p.add_argument("--label-field", default="label",
                   help="record field holding the label; a dotted path (labels.accusation) and lists "
                        "(first element) work (default: label)")
    p.add_argument("--id-field", default="id", help="record field holding the id (default: id)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cjtext", description="Turn Chinese court judgements into research data.")
    parser.add_argument("--version", action="version", version=f"cjtext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("parse", help="print each document's metadata and sections as JSON lines",
                       description="Read judgements and print each one's metadata and sections "
                                   "(offsets into the text as read) as one JSON object per line.")
    _add_read_options(p)
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.add_argument("--with-text", action="store_true", help="include each section's text")
    p.add_argument("--table", action="store_true", help="print a readable table instead of JSON")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("extract", help="extract defendants, sentences, fines, factors and articles",
                       description="Extract each judgement's facts. With -o, write two tables (Parquet by "
                                   "default; CSV or Stata by the file's extension or --to), one row per case "
                                   "and one per defendant, columns as in docs/data-dictionary.md, with the value "
                                   "chain of each case. With -o X.jsonl or no -o, write one JSON object per "
                                   "document: the "
                                   "gold-format fields plus spans, attributes, every citation and every factor "
                                   "mention with its status.")
    _add_read_options(p)
    p.add_argument("-o", "--output", help="X.parquet, X.csv or X.dta: the two tables (X.cases.*, X.defendants.*); "
                                          "a folder: cases.parquet and defendants.parquet in it; X.jsonl: JSON "
                                          "lines (default without -o: JSON lines on standard output)")
    p.add_argument("--to", choices=["parquet", "csv", "stata", "jsonl"],
                   help="output format when the file name does not say (tables go into a folder)")
    p.add_argument("--no-classify", action="store_true", help="tables: leave out the value-chain columns")
    _add_filter_options(p, "tables: ")
    _add_batch_options(p)
    p.add_argument("--gold-only", action="store_true", help="write only the gold-format fields")
    p.add_argument("--table", action="store_true",
                   help="print one readable row per defendant instead of JSON")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("report", help="an HTML report with trend figures from a folder of judgements",
                       description="Extract and classify the judgements and write OUT/report.html (one "
                                   "self-contained page), OUT/figures/*.png, the per-year and per-value-chain "
                                   "tables as CSV and the case and defendant tables as Parquet datasets in "
                                   "OUT/tables (streamed, multi-core and resumable, as `cjtext extract -o DIR`); "
                                   "or, with --tables, report on the output folder of an earlier "
                                   "`cjtext extract -o DIR` (local or Dask) without extracting again.")
    _add_read_options(p, nargs="*")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="folder to write the report into")
    p.add_argument("--tables", metavar="DIR", help="report on this `cjtext extract -o DIR` output instead of "
                                                   "extracting judgements")
    p.add_argument("--title", default="cjtext corpus report", help="title of the report")
    p.add_argument("--no-classify", action="store_true", help="leave out value chains")
    _add_filter_options(p, "")
    _add_batch_options(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("evaluate", help="score extraction against a gold answer key",
                       description="Score extraction against gold answer keys (JSONL, gold format): "
                                   "document fields and per-defendant fields as accuracy, articles "
                                   "and factors as precision/recall/F1.")
    p.add_argument("gold", metavar="GOLD.jsonl", help="the answer key")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--docs", nargs="+", metavar="PATH", help="the judgements to extract and score")
    src.add_argument("--predictions", metavar="PRED.jsonl", help="score an earlier `cjtext extract` output")
    p.add_argument("--text-field", help="record field holding the text")
    p.add_argument("--id-field", help="record field holding the id")
    p.add_argument("--json", metavar="FILE", help="also write the scores and every disagreement as JSON")
    p.add_argument("--show-errors", action="store_true", help="print every disagreement")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("show", help="write an HTML page with a judgement's facts highlighted",
                       description="Render one judgement with its extracted facts highlighted "
                                   "(displaCy span style) and write the page.")
    p.add_argument("path", metavar="FILE", help="a judgement (the first document in the file)")
    p.add_argument("--html", required=True, metavar="OUT.html", help="where to write the page")
    p.add_argument("--text-field", help="record field holding the text")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("train", help="train a text classifier on any labelled corpus",
                       description="Cross-validate and train a classifier (value chains or any label set); "
                                   "prints per-class precision/recall/F1 and the confusion matrix and writes "
                                   "them as JSON and PNG beside the model.")
    _add_labelled_options(p)
    p.add_argument("-o", "--output", required=True, metavar="MODEL.skops", help="where to save the model")
    p.add_argument("--design", default="words+chars+legal",
                   help="features and model: chars, words, words+chars, words+chars+legal (default) or "
                        "svm+legal; compared in docs/classifier.md")
    p.add_argument("--cv", type=int, default=5, help="cross-validation folds (0: none; default 5)")
    p.add_argument("--C", type=float, default=10.0, help="inverse regularisation strength (default 10)")
    p.add_argument("--min-count", type=int, default=1, help="drop labels with fewer records than this")
    p.add_argument("--balanced", action="store_true",
                   help="weight labels inversely to their frequency (raises rare labels' recall)")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("classify", help="classify judgements (value chain by default)",
                       description="Write one JSON line per document: label, secondary labels, the "
                                   "probability of every label and the evidence.")
    _add_read_options(p)
    p.add_argument("--model", help="a model from `cjtext train` (default: the bundled value-chain model)")
    p.add_argument("-o", "--output", help="write JSON lines here instead of standard output")
    p.set_defaults(func=_cmd_classify)

    p = sub.add_parser("evaluate-classifier", help="score a classifier on a labelled corpus",
                       description="Per-class precision/recall/F1, accuracy, macro-F1, expected calibration "
                                   "error and the confusion matrix.")
    _add_labelled_options(p)
    p.add_argument("--model", help="a model from `cjtext train` (default: the bundled value-chain model)")
    p.add_argument("--report", metavar="FILE.json", help="also write the report as JSON and the matrix as PNG")
    p.set_defaults(func=_cmd_evaluate_classifier)

    p = sub.add_parser("suggest", help="list the unlabelled documents the model is least sure of",
                       description="Active learning: rank the records without a label by the model's "
                                   "uncertainty (1 - margin between the two most probable labels).")
    _add_labelled_options(p)
    p.add_argument("--model", help="a model from `cjtext train` (default: the bundled value-chain model)")
    p.add_argument("-n", type=int, default=50, help="how many to list (default 50)")
    p.add_argument("--all", action="store_true", help="rank labelled records too")
    p.add_argument("-o", "--output", help="write JSON lines here instead of standard output")
    p.set_defaults(func=_cmd_suggest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import gc

    from .batch import quiet_gc

    args = build_parser().parse_args(argv)
    # Rarer collections while the command runs: extraction makes many short-lived objects.
    previous = quiet_gc(freeze=False)
    try:
        return args.func(args)
    except BrokenPipeError:  # `cjtext parse … | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except CjtextError as exc:
        print(f"cjtext {args.command}: error: {exc}", file=sys.stderr)
        return 2
    finally:
        gc.set_threshold(*previous)

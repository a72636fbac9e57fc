"""Command line: ``cjtext parse``, ``extract``, ``evaluate`` and ``show``."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from typing import Sequence

from . import __version__
from .document import read_documents
from .errors import ErrorLog

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


def _add_read_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
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


def _cmd_extract(args: argparse.Namespace) -> int:
    from .errors import DocumentError
    from .extract import extract

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
                       description="Extract each judgement's facts and write one JSON object per line: "
                                   "the gold-format fields (docs/gold-format) plus spans, attributes, "
                                   "every citation and every factor mention with its status.")
    _add_read_options(p)
    p.add_argument("-o", "--output", help="write JSON lines here instead of standard output")
    p.add_argument("--gold-only", action="store_true", help="write only the gold-format fields")
    p.add_argument("--table", action="store_true",
                   help="print one readable row per defendant instead of JSON")
    p.set_defaults(func=_cmd_extract)

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `cjtext parse … | head`
        return 0
    except KeyboardInterrupt:
        return 130

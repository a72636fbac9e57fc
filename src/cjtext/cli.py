"""Command line: ``cjtext parse PATH...`` (more subcommands come with later stages)."""

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
    print(f"cjtext parse: {n} documents parsed, {len(log)} failed"
          + (f" (see {args.errors})" if args.errors and len(log) else ""), file=sys.stderr)
    if len(log) and not args.errors:
        for e in log.entries[:20]:
            print(f"  {e['source']}: {e['error']}", file=sys.stderr)
        if len(log) > 20:
            print(f"  … and {len(log) - 20} more (use --errors FILE)", file=sys.stderr)
    return 0 if n or not len(log) else 1


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `cjtext parse … | head`
        return 0
    except KeyboardInterrupt:
        return 130

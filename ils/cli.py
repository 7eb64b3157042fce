"""The `ils` command: report import and checks, and every Django management command.

    ils import FILE... [--committee NAME] [--replace] [--dry-run] [--json] [--strict] [--max-mb N]
    ils review FILE...
    ils check [--deploy] | migrate | runserver | demo | backup | restore | ...   (Django's commands)

A file that cannot be read, or that would replace a locked report (or a draft, without
--replace), exits with status 2 and a line `error: FILE:LINE: problem` on stderr; the database
is left as it was: all files are stored in one transaction. Warnings go to stderr and never stop
an import (under --strict they are errors). Each file's account of its lines (read into the
report, page furniture, warned) is printed with it, under "lines" in --json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from ils.importers import ReportError, parse_file, read_report

EXIT_BAD_INPUT = 2


def _import(args: argparse.Namespace) -> int:
    results = []
    for path in args.files:
        try:
            results.append(read_report(path, committee=args.committee, max_bytes=args.max_bytes,
                                       require_committee=not args.dry_run))
        except ReportError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    documents = [result.document for result in results]
    for doc in documents:
        for warning in doc.warnings:
            kind = "error" if args.strict else "warning"
            print(f"{kind}: {doc.source}:{warning.line}: {warning.message}", file=sys.stderr)
    if args.strict and any(doc.warnings for doc in documents):
        return EXIT_BAD_INPUT
    if args.json:
        from ils.renderers.json_document import document_to_dict

        payload = [document_to_dict(r.document) | {"lines": r.account.summary()} for r in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    if args.dry_run:
        if not args.json:
            for result in results:
                print(f"{result.document.source}: {result.account.describe()}")
        return 0
    _setup_django()
    from django.db import transaction

    from ils.persistence.store import StoreRefused, save_document

    try:
        with transaction.atomic():  # every file or none, as a crash midway must leave nothing behind
            for result in results:
                doc = result.document
                try:
                    report = save_document(doc, committee=args.committee, replace=args.replace)
                except StoreRefused as refused:
                    print(f"error: {doc.source}: {refused}", file=sys.stderr)
                    raise
                if not args.json:
                    print(f"{doc.source}: {report} ({len(doc.goals)} mål, {len(doc.indicators)} indikatorer, "
                          f"{len(doc.activities)} aktiviteter, {len(doc.economy)} ekonomitabeller; "
                          f"{result.account.describe()})", flush=True)
    except StoreRefused:
        return EXIT_BAD_INPUT
    return 0


def _review(args: argparse.Namespace) -> int:
    from ils.domain.checks import check_document

    found = 0
    for path in args.files:
        try:
            doc = parse_file(path, committee=args.committee)
        except ReportError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        for finding in check_document(doc):
            found += 1
            print(f"{doc.source}:{finding.line}: {finding.kind.label}: {finding.message}")
    print(f"{found} avvikelser funna" if found != 1 else "1 avvikelse funnen", file=sys.stderr)
    return 1 if found else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ils", description="Integrerat ledningssystem")
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import", help="importera rapporter (text, HTML, PDF, DOCX)")
    importing.add_argument("files", nargs="+", metavar="FILE")
    importing.add_argument("--committee", help="nämndens namn, om filen inte anger den")
    importing.add_argument("--replace", action="store_true",
                           help="ersätt ett utkast för samma nämnd, år och period (en låst rapport ersätts aldrig)")
    importing.add_argument("--dry-run", action="store_true", help="tolka men spara inget")
    importing.add_argument("--json", action="store_true", help="skriv det tolkade dokumentet som JSON")
    importing.add_argument("--strict", action="store_true",
                           help="varningar är fel: inget sparas om någon rad inte kunde läsas säkert")
    importing.add_argument("--max-mb", dest="max_bytes", type=lambda mb: int(float(mb) * 1048576),
                           default=None, help="största filstorlek i MB (standard 50)")
    importing.set_defaults(run=_import)
    reviewing = commands.add_parser("review", help="granska rapporters inre överensstämmelse")
    reviewing.add_argument("files", nargs="+", metavar="FILE")
    reviewing.add_argument("--committee")
    reviewing.set_defaults(run=_review)
    return parser


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ils.web.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("import", "review"):
        args = _parser().parse_args(argv)
        return args.run(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ils.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ils", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())

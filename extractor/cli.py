"""The ``extractor`` command: a thin layer over the library.

Exit codes: 0 every document became a record; 1 some failed (see the errors file); 2 bad usage
(or the output is being written by another live run); 3 every document failed; 4 an output could not
be written (full disk, read-only file system, permission denied, quota, a folder in the way).
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import json
import logging
import os
import sys

from .errors import ExtractorError, OutputError, UsageError

log = logging.getLogger("extractor")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="count", default=0, help="-v for progress, -vv for debugging")


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ner-model", nargs="?", const="", default=None, metavar="DIR", dest="ner_model",
                   help="also run the NER model before the rules (the shipped one, or the model folder DIR); "
                        "default: rules only")


def _add_syntax(p: argparse.ArgumentParser) -> None:
    p.add_argument("--syntax", action="store_true",
                   help="add the syntax stage (Stanza): actions, who did what to whom; needs the syntax extra")
    p.add_argument("--stanza-dir", metavar="DIR",
                   help="with --syntax: Stanza's official Indonesian models in DIR instead of the shipped ones")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description=__doc__.splitlines()[0])
    from . import __version__
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from files, folders, globs or stdin")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt, .html, .jsonl files, folders, globs, or - for stdin")
    run.add_argument("-o", "--output", required=True,
                     help="output: a .jsonl path, - for stdout, or a .parquet/folder path for Parquet tables")
    run.add_argument("--format", choices=("jsonl", "parquet"),
                     help="jsonl (records) or parquet (records as JSONL beside a folder of flat tables); "
                          "default: from the output path")
    run.add_argument("--errors", help="errors file (default: OUTPUT with .errors.jsonl)")
    run.add_argument("--force", action="store_true", help="overwrite existing output files")
    run.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    run.add_argument("--id-field", default="id", help="JSONL field holding the document id (default: id)")
    run.add_argument("--url-field", default="url", help="JSONL field holding the source URL (default: url)")
    run.add_argument("--published-field", default="published", help="JSONL field holding the publication date")
    run.add_argument("--html-field", action="store_true", help="the JSONL text field holds HTML")
    run.add_argument("--stdin-format", choices=("txt", "html", "jsonl"), default="txt", help="what '-' reads")
    run.add_argument("--workers", type=int, default=None,
                     help="worker processes (default: the cores available; 0 runs in this process)")
    run.add_argument("--resume", action="store_true",
                     help="continue an interrupted run with the same arguments: skip documents already written")
    run.add_argument("--doc-timeout", type=float, default=60.0,
                     help="seconds one document may take before it becomes an error row (default 60; 0 = none)")
    run.add_argument("--dask", metavar="ADDRESS",
                     help="run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'")
    _add_model(run)
    run.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show a progress bar (default: only when stderr is a terminal)")
    run.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    _add_syntax(run)
    _add_common(run)

    ev = sub.add_parser("evaluate", help="score the pipeline on a gold folder")
    ev.add_argument("--gold", action="append", metavar="DIR", help="gold folder of releases (repeatable)")
    ev.add_argument("--ner", action="append", metavar="FILE.tsv",
                    help="score the NER model on a BIO file (token TAB tag; repeatable): strict P/R/F1 per label")
    ev.add_argument("--part", action="append", metavar="NAME=GLOB",
                    help="score the documents of a gold folder whose names match GLOB as a part of their own "
                         "(repeatable; e.g. --part tuned='d0*' --part fresh='d1*'); baseline name FOLDER:NAME")
    ev.add_argument("--no-compare-ner", dest="compare_ner", action="store_false",
                    help="with --gold: do not also run the pipeline with the NER model beside the default (rules only)")
    ev.add_argument("--label-map", metavar="FILE", help="with --ner: FROM<TAB>TO lines mapping the file's labels")
    ev.add_argument("--model", metavar="DIR",
                    help="the NER model folder for --ner and for the comparison (default: the shipped model)")
    ev.add_argument("--events", action="append", metavar="DIR",
                    help="score event grouping on a folder of releases with clusters.tsv (repeatable)")
    ev.add_argument("--distractors", action="append", metavar="DIR",
                    help="with --events: folders of further releases, each its own event")
    ev.add_argument("--records", action="append", metavar="FILE",
                    help="with --events: the records of those releases (default: extract them now)")
    ev.add_argument("--syntax", action="append", metavar="FILE.conllu",
                    help="score the Stanza models on a CoNLL-U file (gold tokenisation; repeatable): UPOS, UAS, LAS")
    ev.add_argument("--stanza-dir", metavar="DIR", help="with --syntax: Stanza's official models in DIR")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--misses", action="store_true", help="also print what each document missed")
    ev.add_argument("--baseline", help="a baseline file of floors: check against it")
    ev.add_argument("--update-baseline", action="store_true", help="pin the current figures as floors (raises only)")
    ev.add_argument("--allow-lower", action="store_true", help="with --update-baseline, allow lowering floors")
    _add_common(ev)

    show = sub.add_parser("show", help="one document's facts with their evidence")
    show.add_argument("file", help="a .txt or .html document")
    show.add_argument("--published", help="publication date (ISO) to anchor relative dates")
    show.add_argument("--json", action="store_true", help="print the record as JSON instead")
    show.add_argument("--no-text", action="store_true", help="do not print the text with officials highlighted")
    _add_model(show)
    _add_syntax(show)
    _add_common(show)

    off = sub.add_parser("officials", help="a register of officials across records, with evidence and flags")
    off.add_argument("records", nargs="+", metavar="RECORDS", help="records .jsonl files (from extractor run)")
    off.add_argument("-o", "--output", required=True, help="output file: .jsonl, .html, .csv or .parquet")
    off.add_argument("--format", choices=("jsonl", "html", "csv", "parquet"),
                     help="default: from the output's suffix")
    off.add_argument("--texts", metavar="DIR", help="folder of the documents, for evidence sentences")
    off.add_argument("--no-source-path", action="store_true",
                     help="do not read documents from the records' source paths for evidence")
    off.add_argument("--title", default="Officials register", help="title of the HTML report")
    off.add_argument("--force", action="store_true", help="overwrite an existing output")
    _add_common(off)

    evs = sub.add_parser("events", help="group the records that report the same event (several outlets)")
    evs.add_argument("records", nargs="+", metavar="RECORDS",
                     help="records .jsonl files or run Parquet folders (from extractor run)")
    evs.add_argument("-o", "--output", required=True,
                     help="events: a .jsonl path, - for stdout, or a .parquet/folder path for tables")
    evs.add_argument("--format", choices=("jsonl", "parquet"), help="default: from the output path")
    evs.add_argument("--force", action="store_true", help="overwrite existing output")
    evs.add_argument("--threshold", type=float, help="score at which two records are one event (default 3.5)")
    evs.add_argument("--max-records", type=int,
                     help="records grouped in memory at once; more are spilled to disk by province (default 100000)")
    evs.add_argument("--spill-dir", help="folder for the spilled sketches (default: the system's temp folder)")
    evs.add_argument("--no-source-path", action="store_true",
                     help="compare only the text the records hold, not the documents at their source paths")
    evs.add_argument("--dask", metavar="ADDRESS", help="sketch and group on a Dask cluster (or 'local')")
    evs.add_argument("--workers", type=int, default=2, help="with --dask local: worker processes (default 2)")
    _add_common(evs)
    return parser


def _logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _with_settings(cmd):
    """The pipeline settings the command's flags ask for (``--ner-model``, ``--syntax``), for this
    process and the workers forked from it while ``cmd`` runs; the previous settings come back after."""
    def wrapped(args: argparse.Namespace) -> int:
        from .pipeline import configure, default_settings

        if args.stanza_dir and not args.syntax:
            raise UsageError("--stanza-dir goes with --syntax")
        settings = default_settings()
        if args.ner_model is not None:
            settings = replace(settings, ner=True, ner_path=args.ner_model or None)
        if args.syntax:
            from . import syntax

            syntax.require()
            if args.stanza_dir and not os.path.isdir(args.stanza_dir):
                raise UsageError(f"--stanza-dir {args.stanza_dir!r} is not a folder")
            settings = replace(settings, syntax=True, stanza_dir=args.stanza_dir)
        previous = configure(settings)
        try:
            return cmd(args)
        finally:
            configure(previous)
    return wrapped


@_with_settings
def cmd_run(args: argparse.Namespace) -> int:
    from .inputs import JsonlFields
    from .runner import run

    if args.syntax and args.dask:
        raise UsageError("--syntax does not run on --dask yet: Dask workers build the default pipeline")
    fields = JsonlFields(args.text_field, args.id_field, args.url_field, args.published_field, args.html_field)
    if args.workers is not None and args.workers < 0:
        raise UsageError(f"--workers must be 0 or more, not {args.workers}")
    output, tables = output_paths(args.output, args.format)
    if tables and not args.force and not args.resume and os.path.exists(tables):
        raise UsageError(f"{tables} exists; use --force to overwrite it")
    summary = run(args.inputs, output, args.errors, args.force, fields, args.stdin_format,
                  workers=args.workers, resume=args.resume, doc_timeout=args.doc_timeout or None,
                  progress=args.progress, dask=args.dask, tables=tables)
    print(summary.line(), file=sys.stderr)
    if tables:
        print(f"records: {output}; tables: {tables}/", file=sys.stderr)
    return summary.exit_code


def output_paths(output: str, fmt: str | None) -> tuple[str, str | None]:
    """(records JSONL path, Parquet tables folder or None) for an -o value and --format.

    "out/run.parquet" or "out/run/" (or an existing folder) means Parquet: tables in that folder,
    the canonical records beside it in "out/run.jsonl".
    """
    looks_parquet = output.endswith((".parquet", "/", os.sep)) or os.path.isdir(output)
    if fmt == "jsonl" and os.path.isdir(output):
        raise OutputError(output, IsADirectoryError(21, os.strerror(21)), "--format jsonl needs a file path")
    if fmt == "jsonl" or (fmt is None and not looks_parquet):
        if looks_parquet:
            raise UsageError(f"-o {output!r} names a folder or .parquet: use --format parquet, or a .jsonl path")
        return output, None
    if output == "-":
        raise UsageError("Parquet tables need an output path, not stdout")
    path = output.rstrip("/" + os.sep)
    if path.endswith(".jsonl"):  # "--format parquet -o run.jsonl": records there, tables in run.parquet/
        return path, path[:-6] + ".parquet"
    base = path[:-8] if path.endswith(".parquet") else path
    return f"{base}.jsonl", path


def _gold_name(folder: str) -> str:
    return os.path.basename(os.path.normpath(folder))


def _gold_units(folder: str, parts: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """(baseline name, glob or None) for each part of a gold folder that has documents; the whole
    folder when no part matches any of them (so data/samples is scored whole beside a split devset)."""
    import fnmatch

    stems = [os.path.splitext(n)[0] for n in os.listdir(folder) if n.endswith(".json")] if os.path.isdir(folder) else []
    units = [(f"{_gold_name(folder)}:{name}", pattern) for name, pattern in parts
             if any(fnmatch.fnmatchcase(s, pattern) for s in stems)]
    return units or [(_gold_name(folder), None)]


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import baseline as B
    from .evaluate import evaluate, format_comparison, format_table, gold_hash, parse_part
    from .pipeline import Settings, load

    if not args.gold and not args.ner and not args.syntax and not args.events:
        raise UsageError("give --gold DIR (releases with gold facts), --ner FILE.tsv (BIO file), "
                         "--syntax FILE.conllu (treebank) and/or --events DIR (releases with clusters.tsv)")
    if args.stanza_dir and not args.syntax:
        raise UsageError("--stanza-dir goes with --syntax FILE.conllu")
    status, report = 0, {}
    for folder in args.events or []:
        report[f"events:{_gold_name(folder)}"] = _evaluate_events(folder, args)
    if args.syntax:
        from . import syntax, syntax_eval

        syntax.require()
        for path in args.syntax:
            if not os.path.isfile(path):
                raise UsageError(f"--syntax {path!r} does not exist")
            result = syntax_eval.score_file(path, args.stanza_dir)
            report[f"syntax:{path}"] = result.as_dict()
            if not args.json:
                print(syntax_eval.format_scores(result))
    if args.ner:
        from pathlib import Path

        from . import ner

        model = ner.load_model(args.model)
        override = ner.load_label_map(args.label_map) if args.label_map else None
        for path in args.ner:
            if not os.path.isfile(path):
                raise UsageError(f"--ner {path!r} does not exist")
            result = ner.score_bio(model, path, ner.label_map_for(Path(path).parent.name, override))
            report[f"ner:{path}"] = result
            if not args.json:
                print(ner.format_scores(result, path))
    parts = [parse_part(p) for p in args.part or []]
    nlp = load()
    with_model = None
    if args.gold and args.compare_ner:
        with_model = load(Settings(ner=True, ner_path=args.model))
    for folder in args.gold or []:
        units = _gold_units(folder, parts)
        for name, pattern in units:
            title = folder if pattern is None else f"{folder} [{name.split(':', 1)[1]}: {pattern}]"
            scores = evaluate(folder, nlp, pattern)
            report[name] = {"documents": scores.docs, "figures": scores.table()}
            if args.misses:
                report[name]["misses"] = scores.misses
            if not args.json:
                print(format_table(scores, title))
                if args.misses:
                    for m in scores.misses:
                        if len(m) > 1:
                            print("  ", json.dumps(m, ensure_ascii=False))
            if with_model is not None:
                model_scores = evaluate(folder, with_model, pattern)
                report[name]["with_ner_model"] = model_scores.table()
                if not args.json:
                    print(f"{title}: the same pipeline with the NER model")
                    print(format_comparison(scores, model_scores))
            if args.baseline:
                digest = gold_hash(folder, pattern)
                if args.update_baseline:
                    for change in B.update(args.baseline, name, digest, scores.headline(), args.allow_lower):
                        print(change, file=sys.stderr)
                else:
                    problems = B.check(B.read(args.baseline), name, digest, scores.headline())
                    for problem in problems:
                        print(f"BELOW FLOOR: {problem}", file=sys.stderr)
                    status = max(status, 1 if problems else 0)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return status


def _evaluate_events(folder: str, args: argparse.Namespace) -> dict:
    from .grouping.output import EventsOutputError, read_records
    from .grouping.score import EventsGoldError, evaluate_events, format_scores

    try:
        records = list(read_records(args.records)) if args.records else None
        scores = evaluate_events(folder, args.distractors or [], records)
    except (EventsGoldError, EventsOutputError) as exc:
        raise UsageError(str(exc)) from exc
    if not args.json:
        print(format_scores(scores, f"events {folder}"))
    return scores.table()


def cmd_events(args: argparse.Namespace) -> int:
    from .grouping import GroupSettings, group_files
    from .grouping.output import EventsOutputError

    jsonl, tables = output_paths(args.output, args.format)
    options = {k: v for k, v in (("threshold", args.threshold), ("max_records", args.max_records)) if v is not None}
    try:
        settings = GroupSettings(use_source_path=not args.no_source_path, **options)
        counts = group_files(args.records, jsonl, tables, settings, overwrite=args.force, dask=args.dask,
                             workers=args.workers, spill_dir=args.spill_dir)
    except (ValueError, EventsOutputError) as exc:
        raise UsageError(str(exc)) from exc
    print(f"{counts['records']} records, {counts['events']} events ({counts['multi']} with several records)"
          + (f"; events: {jsonl}" if jsonl != "-" else "") + (f"; tables: {tables}/" if tables else ""),
          file=sys.stderr)
    return 0


@_with_settings
def cmd_show(args: argparse.Namespace) -> int:
    from .inputs import parse_date, read_file
    from .pipeline import load
    from .show import render

    doc = read_file(args.file)
    if args.published:
        doc.published = parse_date(args.published)
        if doc.published is None:
            raise UsageError(f"--published {args.published!r} is not an ISO date (YYYY-MM-DD)")
    record = load().process(doc)
    if args.json:
        print(record.to_json())
        return 0
    color = sys.stdout.isatty()
    if not args.no_text:
        from .report import highlight

        print(highlight(doc.text, record.as_dict(), color=color), end="\n\n")
    print(render(record, doc.text, color=color))
    return 0


def cmd_officials(args: argparse.Namespace) -> int:
    from . import officials, report

    fmt = args.format or os.path.splitext(args.output)[1].lstrip(".").lower()
    if fmt not in ("jsonl", "html", "csv", "parquet"):
        raise UsageError(f"cannot tell the format of {args.output!r}: use --format jsonl|html|csv|parquet")
    if os.path.exists(args.output) and not args.force:
        raise UsageError(f"{args.output} exists; use --force to overwrite it")
    for path in args.records:
        if not os.path.isfile(path):
            raise UsageError(f"records file {path!r} does not exist")
    try:
        reg = officials.build_register(officials.read_records(args.records), texts=args.texts,
                                       use_source_path=not args.no_source_path)
        if fmt == "html":
            size = report.write_html(reg, args.output, title=args.title)
            print(f"{len(reg.officials)} officials, {len(reg.flags)} flags; report {args.output} ({size / 1e6:.1f} MB)",
                  file=sys.stderr)
        elif fmt == "jsonl":
            path, flags = officials.write_jsonl(reg, args.output)
            print(f"{len(reg.officials)} officials -> {path}; {len(reg.flags)} flags -> {flags}", file=sys.stderr)
        else:
            path = officials.write_table(reg, args.output)
            print(f"{len(reg.officials)} officials -> {path}; {len(reg.flags)} flags beside it", file=sys.stderr)
    except (officials.RegisterError, report.ReportError) as exc:
        raise UsageError(str(exc)) from exc
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _logging(args.verbose)
    try:
        return {"run": cmd_run, "evaluate": cmd_evaluate, "show": cmd_show,
                "officials": cmd_officials, "events": cmd_events}[args.command](args)
    except OutputError as exc:
        print(f"extractor {args.command}: {exc}", file=sys.stderr)
        return 4
    except UsageError as exc:
        print(f"extractor {args.command}: {exc}", file=sys.stderr)
        return 2
    except ExtractorError as exc:
        print(f"extractor {args.command}: {exc}", file=sys.stderr)
        return 2 if args.command != "run" else 3
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

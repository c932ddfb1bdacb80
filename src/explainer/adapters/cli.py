"""Command line: `explainer check` validates the story, `explainer export DIR` writes its pages
and data files, `explainer schema` prints the editor schema, `explainer new DIR` starts a story
project, `explainer diff OLD NEW` tells what changed between two versions of a story."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explainer.adapters.export import CONFIG, DOCS, GENERATORS, ExportError, export_project
from explainer.adapters.scaffold import ScaffoldError, new_project
from explainer.catalog.diff import story_diff
from explainer.pipeline.compile import check_story
from explainer.render.diff_report import diff_json, diff_markdown, diff_text
from explainer.render.pages import plural
from explainer.site.publish import PublishError
from explainer.story.problems import StoryError
from explainer.story.schema import SCHEMA_PATH, schema_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer",
        description="Compile a story's facts (events.yaml) into an explainer site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the story file; list every problem")
    check.add_argument(
        "file",
        nargs="?",
        default="events.yaml",
        type=Path,
        help="the story file (default: events.yaml)",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings (garbled text) too, as `mkdocs build --strict` does",
    )
    export = commands.add_parser(
        "export",
        help="write the site as a project that builds without the plugin (MkDocs, Zensical)",
    )
    export.add_argument("directory", type=Path, help="folder to write mkdocs.yml and docs/ into")
    export.add_argument(
        "--file",
        default="events.yaml",
        type=Path,
        dest="file",
        help="the story file (default: events.yaml)",
    )
    export.add_argument(
        "--config",
        type=Path,
        default=None,
        help="the project's mkdocs.yml, whose settings and docs/ files go along "
        "(default: the one beside the story file, if any)",
    )
    export.add_argument(
        "--site-url",
        default=None,
        help="where the site will be published, for absolute links in the data files "
        "(as site_url in mkdocs.yml)",
    )
    export.add_argument(
        "--for",
        choices=GENERATORS,
        default="zensical",
        dest="generator",
        help="the site generator that will build it; they treat links in raw HTML "
        "differently (default: zensical; mkdocs also means ProperDocs)",
    )
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of events.yaml, for editors (or write it to a file)"
    )
    schema.add_argument(
        "-o", "--output", type=Path, help=f"write it to this file (such as {SCHEMA_PATH})"
    )
    diff = commands.add_parser(
        "diff", help="what changed between two versions of a story, as an editor reads it"
    )
    diff.add_argument("old", type=Path, help="the earlier story file")
    diff.add_argument("new", type=Path, help="the later story file")
    output = diff.add_mutually_exclusive_group()
    output.add_argument(
        "--markdown", action="store_true", help="write Markdown, for a pull-request comment"
    )
    output.add_argument("--json", action="store_true", help="write JSON, for programs")
    new = commands.add_parser(
        "new", help="start a story project: events.yaml, mkdocs.yml, docs/ and scripts"
    )
    new.add_argument("directory", type=Path, help="a new or empty folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            if args.output is None:
                sys.stdout.write(schema_text())
            else:
                args.output.parent.mkdir(parents=True, exist_ok=True)
                args.output.write_text(schema_text(), encoding="utf-8")
                print(f"wrote {args.output}")
            return 0
        if args.command == "new":
            new_project(args.directory)
            print(f"created a story project in {args.directory}")
            print(f"next: cd {args.directory} && ./scripts/serve  (edit events.yaml)")
            return 0
        if args.command == "diff":
            return _diff(
                args.old, args.new, "markdown" if args.markdown else "json" if args.json else "text"
            )
        if args.command == "check":
            checked = check_story(args.file)
            catalog = checked.catalog
            for warning in checked.warnings:
                print(checked.format_warning(warning), file=sys.stderr)
            counts = ", ".join(
                plural(len(table), noun)
                for table, noun in (
                    (catalog.actors, "actor"),
                    (catalog.events, "event"),
                    (catalog.sources, "source"),
                )
            )
            if checked.warnings and args.strict:
                count = len(checked.warnings)
                print(
                    f"{args.file}: {count} warning{'s' if count != 1 else ''} in strict mode",
                    file=sys.stderr,
                )
                return 1
            status = plural(len(checked.warnings), "warning") if checked.warnings else "OK"
            print(f"{args.file}: {status} — {counts}")
            return 0
        exported = export_project(
            args.file, args.directory, args.config, args.site_url, args.generator
        )
        for warning in exported.compiled.warnings:
            print(exported.compiled.format_warning(warning), file=sys.stderr)
        print(
            f"wrote {len(exported.compiled.pages)} pages and {exported.data_files} data files"
            f" into {args.directory / DOCS}, and the settings into {args.directory / CONFIG}"
        )
        return 0
    except (StoryError, ExportError, PublishError) as error:
        print(error, file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"explainer: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder or file to write cannot be written
        print(f"explainer: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1


#: `explainer diff` exits with this when either story has problems (0: it compared them,
#: with or without changes), so that a script can tell "changed" from "cannot tell".
DIFF_PROBLEMS = 2
DIFF_WRITERS = {"text": diff_text, "markdown": diff_markdown, "json": diff_json}


def _diff(old: Path, new: Path, output: str) -> int:
    """Compare two stories; every problem of both is reported before giving up."""
    catalogs = []
    for path in (old, new):
        try:
            checked = check_story(path)
        except StoryError as error:
            print(error, file=sys.stderr)
            continue
        for warning in checked.warnings:
            print(checked.format_warning(warning), file=sys.stderr)
        catalogs.append(checked.catalog)
    if len(catalogs) < 2:
        return DIFF_PROBLEMS
    sys.stdout.write(DIFF_WRITERS[output](story_diff(*catalogs), str(old), str(new)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

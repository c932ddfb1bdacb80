"""Command line: `explainer check` validates the story, `explainer export DIR` writes its pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .compile import check_story, compile_story
from .problems import StoryError


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
    export = commands.add_parser("export", help="write the generated Markdown pages into a folder")
    export.add_argument("directory", type=Path, help="folder to write the pages into")
    export.add_argument(
        "--file",
        default="events.yaml",
        type=Path,
        dest="file",
        help="the story file (default: events.yaml)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            catalog = check_story(args.file)
            print(
                f"{args.file}: OK — {len(catalog.actors)} actors, {len(catalog.events)} events, "
                f"{len(catalog.sources)} sources"
            )
            return 0
        compiled = compile_story(args.file)
        out: Path = args.directory
        for path, text in compiled.pages.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        print(f"wrote {len(compiled.pages)} pages to {out}")
        return 0
    except StoryError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

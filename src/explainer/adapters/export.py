"""`explainer export DIR`: the story as a MkDocs project that needs no plugin.

    DIR/mkdocs.yml   the project's settings, without the `explainer` plugin but with what
                     it adds at build time (Markdown extensions, the stylesheet)
    DIR/docs/        the generated pages, the stylesheet, the data files (story JSON,
                     CSV, calendar, TimelineJS), and the project's own docs/ files, with
                     their `actor:`/`event:`/`source:` links resolved

Zensical, which runs no MkDocs plugins, reads mkdocs.yml as it is. It resolves links in
raw HTML (the pictures' marks) from the Markdown file, where MkDocs takes them as
written, so the pages are written for one of them: `zensical` (the default) or `mkdocs`
(MkDocs, ProperDocs, or any generator that leaves raw HTML alone). Tags such as
`site_url: !ENV SITE_URL` are kept as written: each generator reads them itself.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from explainer.pipeline.compile import Compiled, compile_story
from explainer.pipeline.site_files import (
    ASSET_FILES,
    SiteFiles,
    links_that_lead_nowhere,
    site_files,
)
from explainer.render.html_page import without_mark
from explainer.render.pages import (
    REQUIRED_EXTENSIONS,
    SCRIPT,
    STYLESHEET,
)
from explainer.site.publish import only_if_marked, replaced_whole

CONFIG = "mkdocs.yml"
GENERATORS = ("zensical", "mkdocs")
DOCS = "docs"
PLUGIN = "explainer"
HEADER = (
    "# Written by `explainer export`: the site without the explainer plugin. Build it with\n"
    "# `mkdocs build`, `properdocs build` or `zensical build` in this folder.\n"
)
#: Settings for a story exported without a project around it.
NOT_IN_NAV = (
    "/actors/*.md\n/events/*.md\n/timeline/*.md\n/sources/*.md\n"
    "/tags/\n/timeline/status/\n/timeline/kind/\n"
)


class ExportError(Exception):
    """The project's configuration or hand-written pages stop the export (message says where)."""


@dataclass(frozen=True)
class Exported:
    compiled: Compiled
    #: Files written under DIR/docs, relative to it.
    files: list[str]
    #: How many of them are data files.
    data_files: int


@dataclass(frozen=True)
class Tagged:
    """A YAML value with an application tag (`!ENV SITE_URL`), written back unchanged."""

    tag: str
    value: Any


def export_project(
    story: Path,
    out: Path,
    config: Path | None = None,
    site_url: str | None = None,
    generator: str = "zensical",
) -> Exported:
    """Write the project into `out` for `generator` (one of GENERATORS). `config` is the
    project's mkdocs.yml; by default the one beside the story file, if there is one.
    `site_url` makes the data files' links absolute. `out` is replaced whole once the export
    is complete, so a re-export leaves no stale files; a folder that holds anything but an
    earlier export is left alone. Raises StoryError, ExportError or PublishError."""
    earlier = only_if_marked(CONFIG, HEADER.split(":")[0], "`explainer export`")
    with replaced_whole(out, earlier) as staging:
        return _export_into(story, staging, config, site_url, generator)


def _export_into(
    story: Path, out: Path, config: Path | None, site_url: str | None, generator: str
) -> Exported:
    if config is None and (story.parent / CONFIG).is_file():
        config = story.parent / CONFIG
    settings = read_config(config) if config else {}
    directory_urls = settings.get("use_directory_urls", True) is not False
    compiled = compile_story(
        story, directory_urls=directory_urls, html_links_from_source=generator == "zensical"
    )
    hand_written = config.parent / settings.get("docs_dir", DOCS) if config else None
    if hand_written is not None and hand_written.is_dir():
        problems = links_that_lead_nowhere(hand_written, compiled, str(hand_written))
        if problems:
            raise ExportError(
                "hand-written pages have links that lead nowhere:\n" + "\n".join(problems)
            )

    docs = out / DOCS
    files = site_files(compiled, directory_urls=directory_urls, site_url=site_url)
    written = _write_files({path: without_mark(page) for path, page in files.pages.items()}, docs)
    for asset, package_copy in ASSET_FILES:
        (docs / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package_copy, docs / asset)
        written.append(asset)
    written += _write_files(files.data, docs)
    for path, processed in files.media.items():  # the pictures, processed
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(processed, docs / path)
        written.append(path)
    # A very long story's events have no pages: their old addresses still lead to their
    # entries, through small static pages that any builder copies as they are.
    written += _write_files(files.redirects, docs)
    if hand_written is not None and hand_written.is_dir():
        written += _copy_hand_written(hand_written, docs, files)
    (out / CONFIG).write_text(
        HEADER
        + yaml.dump(
            plain_config(settings, compiled.catalog.story.title, compiled.catalog.story.summary),
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return Exported(compiled, sorted(set(written)), len(files.data))


def plain_config(settings: dict[str, Any], title: str, summary: str = "") -> dict[str, Any]:
    """The project's settings for a build without the plugin."""
    config = dict(settings) or {
        "theme": {"name": "material", "font": False},  # no Google Fonts
        "plugins": ["search"],
        "not_in_nav": NOT_IN_NAV,
    }
    # As the plugin does: an empty site_name (the scaffold's) is the story's title, and a
    # missing site_description its summary. Themes put both into the HTML as they are,
    # and these are the story's plain text.
    if _blank(config.get("site_name")):
        config["site_name"] = html.escape(title, quote=True)
    if _blank(config.get("site_description")) and summary:
        config["site_description"] = html.escape(summary, quote=True)
    config["docs_dir"] = DOCS
    config["site_dir"] = "site"
    if "plugins" in config:
        config["plugins"] = [p for p in config["plugins"] if _name(p) != PLUGIN]
    extensions = list(config.get("markdown_extensions") or [])
    present = {_name(e) for e in extensions}
    extensions += [e for e in REQUIRED_EXTENSIONS if e not in present]
    config["markdown_extensions"] = extensions
    stylesheets = list(config.get("extra_css") or [])
    config["extra_css"] = stylesheets if STYLESHEET in stylesheets else [*stylesheets, STYLESHEET]
    scripts = list(config.get("extra_javascript") or [])
    config["extra_javascript"] = scripts if SCRIPT in scripts else [*scripts, SCRIPT]
    return config


def read_config(path: Path) -> dict[str, Any]:
    try:
        settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise ExportError(f"{path}: cannot read the file: {error.strerror}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ExportError(f"{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(settings, dict):
        raise ExportError(f"{path}: expected the MkDocs settings (a mapping) at the top")
    return settings


def _write_files(files: Mapping[str, str | bytes], docs: Path) -> list[str]:
    for path, content in files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            # newline="" keeps the CSV files' CRLF line ends as they are.
            target.write_text(content, encoding="utf-8", newline="")
    return list(files)


def _copy_hand_written(source: Path, docs: Path, files: SiteFiles) -> list[str]:
    """Copy the project's docs/ files; a hand-written page replaces a generated one, as in
    the plugin."""
    copied = []
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        path = file.relative_to(source).as_posix()
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.suffix == ".md":
            text = files.hand_written(file.read_text(encoding="utf-8"), path)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(file, target)
        copied.append(path)
    return copied


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _name(entry: Any) -> Any:
    """The name of a plugin or extension entry: `search` or `{toc: {...}}`."""
    return next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else entry


class _Loader(yaml.SafeLoader):
    """Safe, but keeps application tags (`!ENV`, `!!python/name:`) for writing back."""


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    # Multi-line settings such as not_in_nav stay readable blocks.
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    )


_Dumper.add_representer(Tagged, _represent_tagged)
_Dumper.add_representer(str, _represent_text)

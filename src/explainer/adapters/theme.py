"""The theme's language from the story's: which of the theme's translations fits the story's
language tag, and what mkdocs.yml itself writes about the theme (which wins)."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils.yaml import yaml_load

from explainer.story.language import locale

log = get_plugin_logger(__name__)


def primary_language(tag: str) -> str:
    """The language of a tag, without script or region: 'ar-EG' → 'ar'."""
    return tag.replace("_", "-").split("-")[0].lower()


def theme_options_written(config: MkDocsConfig) -> dict[str, object]:
    """The theme options mkdocs.yml (with what it inherits) writes out, as opposed to the
    theme's defaults, which MkDocs' own config object no longer tells apart."""
    try:
        with open(config.config_file_path, "rb") as file:
            written = yaml_load(file)
    except (OSError, TypeError):  # a config made in code, with no file
        return {}
    theme = written.get("theme")
    return dict(theme) if isinstance(theme, dict) else {}


def theme_language(theme_dirs: list[str], tag: str) -> str:
    """The most specific of the theme's own translations for `tag` (Material has 'ar',
    not 'ar-EG'); English when the theme has none, its words being the fallback."""
    loc = locale(tag)
    candidates = [tag, f"{loc.language}-{loc.script}" if loc.script else "", loc.language]
    for candidate in filter(None, candidates):
        for folder in theme_dirs:
            if (Path(folder) / "partials" / "languages" / f"{candidate}.html").is_file():
                return candidate
    for folder in theme_dirs:
        if (Path(folder) / "partials" / "languages").is_dir():
            log.info(f"the theme has no translation for '{tag}': its own words stay English")
            return "en"
    return tag


_HTML_OPENING = re.compile(r"<html(?:\s+(?:lang|dir)=\"[^\"]*\")*")


def with_language(output: str, language: str | None, direction: str | None) -> str:
    """The page with the site's language and direction on its <html>. Material puts
    the direction on <body> only; on <html> it also places the scrollbar and tells
    tools (and readers' browsers) the page's direction at once."""
    if language is None or direction is None:
        return output
    opening = f'<html lang="{language}" dir="{direction}"'
    return _HTML_OPENING.sub(lambda _: opening, output, count=1)

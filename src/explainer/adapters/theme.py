"""The theme's language from the story's: which of the theme's translations fits the story's
language tag, and what mkdocs.yml itself writes about the theme (which wins)."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils.yaml import yaml_load

from explainer.story.language import locale
from explainer.story.model import Story

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


#: Each installed theme folder's files, listed once per process (see `list_theme_once`).
_LISTED: dict[str, list[str]] = {}


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's templates, where an installed theme's folder is listed once: MkDocs lists
    every file of the theme on every build to copy its assets, and Material's folder holds
    some ten thousand icons (a fifth of a rebuild of a small story while serving)."""

    def __init__(self, folders: list[str], changing: str | None) -> None:
        super().__init__(folders)
        self._changing = changing

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if folder == self._changing:  # the site's own overrides: always as they are now
                found.update(_listed(folder))
                continue
            if folder not in _LISTED:
                _LISTED[folder] = _listed(folder)
            found.update(_LISTED[folder])
        return sorted(found)


def _listed(folder: str) -> list[str]:
    # Without hidden files and folders (Material's .icons/), which MkDocs leaves out of
    # the site anyway ('.*' and '*/.*'): its filter then looks at a few hundred names.
    names = jinja2.FileSystemLoader(folder).list_templates()
    return [name for name in names if not name.startswith(".") and "/." not in name]


def list_theme_once(config: MkDocsConfig) -> None:
    """While serving: the theme's environment lists installed themes' files once."""
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _ThemeLoader(list(theme.dirs), theme.custom_dir)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def story_language(config: MkDocsConfig, story: Story) -> tuple[str, str]:
    """The theme's language and direction from the story's, unless mkdocs.yml sets
    them: the site owner's explicit choice wins, with a warning when it contradicts
    the story (the page text would be in one language, the <html lang> in another).
    Returns the language and direction for every page's <html>."""
    written = theme_options_written(config)
    theme = config.theme
    if "language" in written:
        language = str(written["language"])
        if primary_language(language) != primary_language(story.language):
            log.warning(
                f"mkdocs.yml sets theme.language: {language}, but the story's "
                f"language is '{story.language}': remove theme.language from mkdocs.yml "
                "to follow the story, or make them agree"
            )
    else:
        language = story.language
        theme["language"] = theme_language(theme.dirs, story.language)
    if written.get("direction"):
        direction = str(written["direction"])
        if direction != story.direction:
            log.warning(
                f"mkdocs.yml sets theme.direction: {direction}, but the story is "
                f"written {story.direction}: remove theme.direction from mkdocs.yml "
                "to follow the story, or make them agree"
            )
    else:
        direction = story.direction
        theme["direction"] = direction
    return language, direction

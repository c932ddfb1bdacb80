"""The templates' Jinja environment, and how text is written into a page: in Markdown (`esc`,
`url`), in HTML (`h`), in front matter (`meta`, `page_title`)."""

from __future__ import annotations

import functools
import html
import json

import jinja2

from explainer.markdown.prose import escape, plain_excerpt, url


@functools.cache
def template_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("explainer.render", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # text is escaped by the `esc` (Markdown) or `h` (HTML) filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["esc"] = escape  # text in Markdown
    env.filters["h"] = _html  # text in HTML, in an element or an attribute
    env.filters["url"] = url
    env.filters["plain"] = plain_excerpt
    env.filters["meta"] = front_matter_value
    env.filters["page_title"] = front_matter_title
    return env


def _html(text: str) -> str:
    # Plain text has no line structure (a title written over two lines in the YAML).
    return html.escape(" ".join(str(text).split()), quote=True)


def front_matter_value(text: str) -> str:
    """A YAML front-matter value for the theme: themes insert page metadata into HTML
    unescaped (<meta content="…">), so it is HTML-escaped first, then quoted for YAML."""
    return json.dumps(html.escape(text, quote=True), ensure_ascii=False)


def front_matter_title(text: str) -> str:
    """A page title for the front matter. Themes put it into <title> through Jinja's
    `striptags`, which turns an escaped "&lt;" back into "<": so a title such as
    "x</title><script>" keeps its angle brackets as look-alike quotation marks instead.
    (The MkDocs plugin does the same for every page; this keeps a build without it, such
    as Zensical's of `explainer export`, just as safe.)"""
    return front_matter_value(look_alike_brackets(text))


def look_alike_brackets(text: str) -> str:
    return text.replace("<", "‹").replace(">", "›")

"""Pages whose templates write HTML: their headings, and the mark that tells the adapter so.

A page from an `.html.j2` template is HTML after its front matter: MkDocs' Markdown pass
never runs over it (adapters/plugin.py hands its body to the theme as it is). What that
pass gave a page, the template's headings give here, the way Python-Markdown's `toc`
extension (with `permalink: true`, as mkdocs.yml sets it) gives them: the same ids, from
the same slug rules, so that every address with a #fragment stays where it was; the same
permalink after the words; the same table of contents for the theme's sidebar and the
search index's sections.

The headings travel with the page's text, in a comment on its last line, so that whatever
keeps a page's text (the render memo while serving, the compressed pages of a clean build,
a forked child) keeps its table of contents too. Any other reader of the file (another
generator, `explainer export`) sees a comment.
"""

from __future__ import annotations

import html
import json
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique

from explainer.markdown.sanitize import clean_html

#: Starts the last line of a page written as HTML; its table of contents follows as JSON.
MARK = "<!-- explainer:html "
_END = " -->\n"


class Headings:
    """A page's headings as its template writes them (`heading(2, text)` in a template):
    each one's HTML, and the table of contents they make."""

    def __init__(self) -> None:
        self._found: list[tuple[int, str, str]] = []
        self._ids: set[str] = set()
        self._counters: dict[str, int] = {}

    def __call__(
        self, level: int, words: str, id: str | None = None, cls: str | None = None
    ) -> str:
        """A heading of `level` holding `words` (HTML); `id` fixes its anchor, otherwise
        the anchor is made from its words as Python-Markdown's `toc` makes it."""
        name = strip_tags(words)
        if id is None:
            anchor = unique(slugify(html.unescape(name), "-"), self._ids, self._counters)
        else:
            anchor = id
            self._ids.add(id)
        self._found.append((level, anchor, name))
        at = html.escape(anchor, quote=True)
        attributes = f' id="{at}"' + (f' class="{cls}"' if cls else "")
        return (
            f"<h{level}{attributes}>{words}"
            f'<a class="headerlink" href="#{at}" title="Permanent link">&para;</a></h{level}>'
        )

    def finish(self, text: str) -> str:
        """The page's text (front matter, then HTML) as the site gets it: its HTML cleaned
        (sanitize.clean_html, the last line of defence, here once per page rendered rather
        than on every build that shows it), its table of contents on its last line."""
        # "<" and ">" as JSON escapes: nothing in the comment can close it.
        toc = json.dumps(self._found, ensure_ascii=False, separators=(",", ":"))
        toc = toc.replace("<", "\\u003c").replace(">", "\\u003e")
        front, body = split_front_matter(text)
        return f"{front}{clean_html(body).rstrip()}\n{MARK}{toc}{_END}"


def split_front_matter(text: str) -> tuple[str, str]:
    """A template's output as its front matter (with its two "---" lines) and the rest."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[: end + 5], text[end + 5 :]
    return "", text


def without_mark(text: str) -> str:
    """A page's text for another generator (`explainer export`): without the comment that
    carries its table of contents, which only the plugin reads."""
    start = text.rfind("\n" + MARK)
    return text[: start + 1] if start >= 0 and text.endswith(_END) else text


def html_body(text: str) -> tuple[str, list[Any]] | None:
    """A page written as HTML: its body and its table of contents (Python-Markdown's
    nested tokens); None for a page written in Markdown. `text` is without front matter."""
    if not text.endswith(_END):
        return None
    start = text.rfind("\n" + MARK)
    if start < 0:
        return None
    found = json.loads(text[start + 1 + len(MARK) : -len(_END)])
    tokens: list[Any] = [
        {"level": level, "id": anchor, "name": name, "html": name, "data-toc-label": ""}
        for level, anchor, name in found
    ]
    return text[: start + 1], list(nest_toc_tokens(tokens))

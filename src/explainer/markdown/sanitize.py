"""Keep what the story file says from becoming code in the published site.

The story file may come from contributors nobody fully trusts, or be pasted from the web.
Two layers, so that one mistake is not enough:

1. The parser of the Markdown fields (markup.py) neutralises as it renders: raw HTML is
   shown as text, attribute lists (`{ onclick=… }`) are text, and links or images whose
   target is not http(s), mailto, a page of the site or an `actor:`/`event:`/`source:` id
   lose their target (judged with `is_safe_target` here). Images from other hosts become
   links (opening a page must not make a request to a third party). The generated pages
   hold that HTML, so this also protects `explainer export`.
2. `clean_html`, on the HTML MkDocs makes of each generated page: an allow-list of tags
   and attributes (nh3, the Rust `ammonia` sanitiser) removes whatever slipped through.
"""

from __future__ import annotations

import html
import re

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "actor", "event", "source"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (entities decoded, blanks ignored)."""
    decoded = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    match = _SCHEME.match(decoded)
    return match.group(1).lower() if match else None


def is_safe_target(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def is_remote(url: str) -> bool:
    decoded = html.unescape(url).strip().lower()
    return decoded.startswith(("http:", "https:", "//"))


# What the generated pages use, and ordinary Markdown: nothing that runs or embeds. The
# SVG pictures are drawn by explainer itself, from escaped text, with these elements only.
_SVG_TAGS = {"svg", "g", "title", "desc", "line", "rect", "circle", "path", "text"}
_SVG_ATTRIBUTES = {
    "viewBox",
    "viewbox",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "width",
    "height",
    "d",
    "text-anchor",
    "direction",  # a label in a right-to-left script (svg.anchored)
    "stroke-width",
    "color",  # a tag's colour on a chart mark, painted as currentColor
    "focusable",
    "aria-labelledby",
    "aria-describedby",
}
#: The filters' data (filters.js): on each timeline entry what it matches on, on each
#: filter link its key and value, on each chart mark its event. Ids and words only.
_DATA_ATTRIBUTES = {
    "data-tags",
    "data-status",
    "data-actors",
    "data-kinds",
    "data-filter",
    "data-value",
    "data-event",
    "data-shown",
    "data-none",
    "data-clear",
}
# <picture> and <source> carry the story's processed pictures (render/pictures.py).
_TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map"}) | _SVG_TAGS | {"picture", "source"}
_ATTRIBUTES: dict[str, set[str]] = {
    # data-search-exclude keeps charts and pagers out of the search index (Material).
    "*": {"class", "id", "title", "dir", "lang", "role", "aria-label", "aria-hidden"}
    | {"data-search-exclude"}
    | _DATA_ATTRIBUTES
    | _SVG_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "sizes", "type"},
    "time": {"datetime"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
}


_COLOUR = re.compile(r"#[0-9a-f]{6}")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and is_remote(value):
        return None  # no request to another host when a page opens
    if attribute == "color" and not _COLOUR.fullmatch(value):
        return None  # a tag's colour on a chart mark, as the reader checked it
    if attribute == "srcset" and any(
        is_remote(candidate.split()[0]) for candidate in value.split(",") if candidate.strip()
    ):
        return None
    return value


def clean_html(fragment: str) -> str:
    """HTML reduced to an allow-list of tags and attributes; links only to safe schemes."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )

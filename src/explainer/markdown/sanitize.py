"""Keep what the story file says from becoming code in the published site.

The story file may come from contributors nobody fully trusts, or be pasted from the web.
Two layers, so that one mistake is not enough:

1. `neutralise_markdown`, on every Markdown field before it enters a page: raw HTML is
   shown as text, attribute lists (`{ onclick=… }`) are shown as text, and links or images
   whose target is not http(s), mailto, a page of the site or an `actor:`/`event:`/
   `source:` id lose their target. Images from other hosts become links (opening a page
   must not make a request to a third party). This also protects `explainer export`.
2. `clean_html`, on the HTML MkDocs makes of each generated page: an allow-list of tags
   and attributes (nh3, the Rust `ammonia` sanitiser) removes whatever slipped through.
"""

from __future__ import annotations

import html
import re

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "actor", "event", "source"})

# Code (left exactly as written: Markdown shows it as text anyway) and everything else.
# Only a closed fence is code: an unclosed one would otherwise shelter raw HTML from here
# to the end of the text.
_CODE = re.compile(r"(^|\n)(```|~~~)[^\n]*\n.*?\n\2[^\n]*(?=\n|$)|`+[^`]*`+", re.DOTALL)
# The start of an HTML tag or comment, but not of an autolink such as <https://…>.
_HTML_START = re.compile(r"<(?!(?:https?|mailto):[^\s<>]+>)(?=[A-Za-z/!?])")
# [label](target "title"), the label with one level of brackets, the target with one level
# of parentheses, as Markdown allows.
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
_REFERENCE = re.compile(r"(?m)^( {0,3}\[[^\]\n]+\]:[ \t]*)(\S+)(.*)$")
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


def neutralise_markdown(text: str) -> str:
    """Author Markdown with raw HTML, attribute lists and unsafe link targets disarmed."""
    out: list[str] = []
    position = 0
    for code in _CODE.finditer(text):
        out.append(_neutralise_prose(text[position : code.start()]))
        out.append(code.group(0))
        position = code.end()
    out.append(_neutralise_prose(text[position:]))
    return "".join(out)


def _neutralise_prose(text: str) -> str:
    text = _HTML_START.sub("&lt;", text)
    text = text.replace("{", "\\{")
    text = _INLINE_LINK.sub(_disarm_link, text)
    return _REFERENCE.sub(_disarm_reference, text)


def _disarm_link(match: re.Match[str]) -> str:
    bang, label, inside = match.groups()
    target = inside.strip().split(maxsplit=1)[0] if inside.strip() else ""
    target = target.strip("<>")
    if not is_safe_target(target):
        return label  # the words stay, the link goes
    if bang and is_remote(target):
        return f"[{label or target}]({inside})"  # a link to the picture, not a request
    return match.group(0)


def _disarm_reference(match: re.Match[str]) -> str:
    start, target, rest = match.groups()
    return match.group(0) if is_safe_target(target) else f"{start}#{rest}"


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
    "focusable",
    "aria-labelledby",
    "aria-describedby",
}
_TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map"}) | _SVG_TAGS
_ATTRIBUTES: dict[str, set[str]] = {
    # data-search-exclude keeps charts and pagers out of the search index (Material).
    "*": {"class", "id", "title", "dir", "lang", "role", "aria-label", "aria-hidden"}
    | {"data-search-exclude"}
    | _SVG_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and is_remote(value):
        return None  # no request to another host when a page opens
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

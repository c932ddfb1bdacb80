"""The story's own links in Markdown prose: `[text](actor:hamas)`, `[text](event:id)`,
`[text](source:id)`, found for the cross-reference stage to check and for the pages to
resolve."""

from __future__ import annotations

import re

#: Explicit links in Markdown prose: [text](actor:hamas), [text](event:doha-talks "title"),
#: [text](source:axios-report). The target is resolved to the page, and checked.
EXPLICIT_LINK = re.compile(r'\]\(\s*(actor|event|source):([^)\s]*)(\s+"[^"]*")?\s*\)')
_CODE = re.compile(r"(?ms:^(```|~~~)[^\n]*\n.*?^\1[^\n]*$)|(`+)(?:(?!\2).)+?\2")


def explicit_links(text: str) -> list[re.Match[str]]:
    """The explicit links in Markdown `text`, except those shown as code (in a code span
    or a fenced block, where they are examples, not links). Offsets are `text`'s own."""
    masked = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return list(EXPLICIT_LINK.finditer(masked))

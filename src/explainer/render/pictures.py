"""The story's pictures as HTML for one page: figures with caption and credit, timeline
thumbnails, actors' card pictures, and cards for video and posts on other sites.

Every picture is a <picture> with a WebP source and a JPEG (or PNG) fallback at each width
made (media/images.py), `srcset` and `sizes` so that the browser fetches the width the
layout needs, `width` and `height` so that nothing moves while it loads, and its alt text.
Pictures below the first screen load lazily. An embed is a link with a local poster: the
page never loads anything from the other site.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from explainer.i18n.words import Words
from explainer.media.images import Variant
from explainer.media.library import Media, Picture, file_of
from explainer.site.urls import PageLinks
from explainer.story.model import Embed, Image

#: How wide each use shows a picture, for `sizes` (the content column of Material's
#: layout is at most about 45rem, 720 pixels; a phone's is its whole width).
FIGURE_SIZES = "(min-width: 60em) 720px, 100vw"
THUMBNAIL_SIZES = "8rem"
CARD_SIZES = "4rem"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class PagePictures:
    """The pictures for one page, their files' addresses relative to it."""

    def __init__(self, media: Media, links: PageLinks, words: Words):
        self.media, self.links, self.t = media, links, words

    def _picture(self, image: Image | Embed) -> Picture:
        return self.media.pictures[file_of(image).path]

    def _srcset(self, picture: Picture, variants: tuple[Variant, ...]) -> str:
        return ", ".join(f"{self.links.file_href(picture.path(v))} {v.width}w" for v in variants)

    def _element(self, image: Image | Embed, *, sizes: str, lazy: bool, css: str = "") -> str:
        picture = self._picture(image)
        made = picture.processed
        # The fallback's own `src`: the middle width, for browsers that ignore srcset.
        middle = made.fallback[min(1, len(made.fallback) - 1)]
        loading = ' loading="lazy" decoding="async"' if lazy else ' decoding="async"'
        classes = f' class="{css}"' if css else ""
        return (
            f"<picture{classes}>"
            f'<source type="{made.modern[0].mime}" srcset="{self._srcset(picture, made.modern)}"'
            f' sizes="{sizes}">'
            f'<img src="{self.links.file_href(picture.path(middle))}"'
            f' srcset="{self._srcset(picture, made.fallback)}" sizes="{sizes}"'
            f' width="{made.width}" height="{made.height}" alt="{_e(image.alt)}"{loading}>'
            "</picture>"
        )

    def credit(self, image: Image | Embed) -> str:
        parts = [f"{self.t('Credit:')} {_e(image.credit)}"]
        if isinstance(image, Image):
            if image.license:
                parts.append(_e(image.license))
            if image.source:
                parts.append(f'<a href="{_e(image.source)}">{self.t("Original")}</a>')
        return f'<span class="xp-credit">{" · ".join(parts)}</span>'

    def figure(self, image: Image | None, *, lazy: bool = True) -> str:
        """The picture with its caption and credit, as wide as the text."""
        if image is None:
            return ""
        caption = f"{_e(image.caption)} " if image.caption else ""
        return (
            f'<figure class="xp-figure">{self._element(image, sizes=FIGURE_SIZES, lazy=lazy)}'
            f"<figcaption>{caption}{self.credit(image)}</figcaption></figure>"
        )

    def thumbnail(self, image: Image | None) -> str:
        """A small copy beside a timeline entry (its credit is on the event's page)."""
        if image is None:
            return ""
        return self._element(image, sizes=THUMBNAIL_SIZES, lazy=True, css="xp-thumb")

    def card(self, image: Image | None) -> str:
        """An actor's picture on a card."""
        if image is None:
            return ""
        return self._element(image, sizes=CARD_SIZES, lazy=True, css="xp-card-picture")

    def embed(self, embed: Embed | None, *, lazy: bool = True) -> str:
        """A card for a video or post on another site: its poster and a link that opens the
        original there. No iframe, no script: nothing is asked of that site until the
        reader follows the link."""
        if embed is None:
            return ""
        host = (urlsplit(embed.url).hostname or "").removeprefix("www.")
        caption = f"{_e(embed.caption)} " if embed.caption else ""
        return (
            f'<figure class="xp-embed"><a class="xp-embed__link" href="{_e(embed.url)}">'
            f"{self._element(embed, sizes=FIGURE_SIZES, lazy=lazy)}"
            f'<span class="xp-embed__open"><span aria-hidden="true">▶ </span>'
            f"{self.t('Open on {site}', site=_e(host))}</span></a>"
            f"<figcaption>{caption}{self.credit(embed)}</figcaption></figure>"
        )

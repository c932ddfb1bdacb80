"""The story's pictures in the data files (story.json, the CSV files, TimelineJS): each
picture's address in the site with its alt text, caption and credit, so that whoever reuses
the data can show and credit it as the site does."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.media.library import Media, file_of
from explainer.site.urls import SiteUrls
from explainer.story.model import Embed, Event, Image

#: The CSV columns of an image, after each record's own.
IMAGE_COLUMNS = ["image", "image_alt", "image_caption", "image_credit", "image_license"]


@dataclass(frozen=True)
class PictureData:
    media: Media
    urls: SiteUrls

    def url(self, picture: Image | Embed) -> str | None:
        """The address of the picture's widest JPEG (or PNG), which any program reads:
        absolute with a site_url, else from the site's root."""
        found = self.media.pictures.get(file_of(picture).path)
        if found is None:
            return None
        path = found.path(found.processed.fallback[-1])
        return self.urls.base + path if self.urls.base else path

    def image(self, image: Image | None) -> dict[str, object] | None:
        if image is None:
            return None
        found = self.media.pictures.get(image.file.path)
        return {
            "url": self.url(image),
            "width": found.processed.width if found else None,
            "height": found.processed.height if found else None,
            "alt": image.alt,
            "caption": image.caption,
            "credit": image.credit,
            "license": image.license,
            "source": image.source,
        }

    def embed(self, embed: Embed | None) -> dict[str, object] | None:
        if embed is None:
            return None
        return {
            "url": embed.url,
            "poster": self.url(embed),
            "alt": embed.alt,
            "caption": embed.caption,
            "credit": embed.credit,
        }

    def timeline_media(self, event: Event) -> dict[str, object] | None:
        """TimelineJS's `media` of a slide: the event's image, else its embed's poster
        linked to the original (TimelineJS would otherwise load the other site in a frame)."""
        if event.image is not None:
            media: dict[str, object] = {
                "url": self.url(event.image),
                "alt": event.image.alt,
                "credit": event.image.credit,
            }
            if event.image.caption:
                media["caption"] = event.image.caption
            return media
        if event.embed is not None:
            media = {
                "url": self.url(event.embed),
                "alt": event.embed.alt,
                "credit": event.embed.credit,
                "link": event.embed.url,
            }
            if event.embed.caption:
                media["caption"] = event.embed.caption
            return media
        return None

    def cells(self, image: Image | None) -> list[str]:
        if image is None:
            return [""] * len(IMAGE_COLUMNS)
        return [
            self.url(image) or "",
            image.alt,
            image.caption or "",
            image.credit,
            image.license or "",
        ]

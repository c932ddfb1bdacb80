"""Cutting an ordered run of things (a month's events, a kind's actors) into as few pages
as fit, by count and by weight, the same way wherever a list grows past one page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def in_parts(
    items: list[T], fits: Callable[[Sequence[T]], bool], weights: list[int]
) -> list[tuple[T, ...]]:
    """`items` (a month's events, a kind's actors) in as few parts as `fits`, in order: of
    equal counts when those fit (the parts a count alone once gave, so their addresses
    hold), else of about equal weights."""
    count = 2
    while True:
        size = -(-len(items) // count)
        chunks = [tuple(items[i : i + size]) for i in range(0, len(items), size)]
        if all(fits(chunk) for chunk in chunks):
            return chunks
        chunks = _balanced(items, weights, count)
        if all(fits(chunk) for chunk in chunks):
            return chunks
        count += 1  # at worst an item a part, which always fits


def _balanced(items: list[T], weights: list[int], count: int) -> list[tuple[T, ...]]:
    """`items` in `count` runs of about equal weight: a run ends before the item whose
    middle passes the next `count`th of the whole."""
    total = sum(weights) or 1
    chunks: list[tuple[T, ...]] = []
    start, before = 0, 0
    for i, weight in enumerate(weights):
        if i > start and (before + weight / 2) * count > total * (len(chunks) + 1):
            chunks.append(tuple(items[start:i]))
            start = i
        before += weight
    chunks.append(tuple(items[start:]))
    return chunks

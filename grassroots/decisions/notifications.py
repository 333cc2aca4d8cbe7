"""Placeholder delivery until the notifications module lands: counts the representatives to tell."""

from __future__ import annotations


def send_for_matter(matter_id: int, kind: str) -> int:
    return 0

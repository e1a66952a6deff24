"""The internal mask that stands in for a protected span while other steps run.

``XQ7QX``: ASCII letters and digits only, so OpenCC leaves it alone, jieba keeps it in one
alphanumeric run, and a sentencepiece round trip gives it back (no ``_``, which Argos decoding
turns into a space; no symbols a vocabulary may lack). If a post already contains text of this
shape, ``protect`` masks that text too, so restoring is never ambiguous.
"""

from __future__ import annotations

import re

PLACEHOLDER_RE = re.compile(r"XQ(\d+)QX")


def make_placeholder(number: int) -> str:
    return f"XQ{number}QX"

"""Placeholders a translation model's tokenizer keeps intact.

The pipeline masks entities and glossary terms with its internal form (``XQ7QX``, see
:mod:`localize.placeholders`). Whether a model's tokenizer gives that back unchanged depends on
its vocabulary (a piece may be ``<unk>``, or normalization may rewrite a symbol), so at load time
each candidate form goes through an encode/decode round trip in several contexts and the first
one that survives all of them is used for that model. No candidate contains ``_``: Argos-style
decoding turns it into a space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from localize.errors import ModelError
from localize.placeholders import PLACEHOLDER_RE, make_placeholder

# Tried in order; the internal form first, so most models need no mapping at all.
CANDIDATES: tuple[str, ...] = (
    "XQ{n}QX",
    "ZZ{n}ZZ",
    "QX{n}XQ",
    "<{n}>",
    "[{n}]",
    "{{{n}}}",
    "#{n}#",
)
_PROBE_NUMBERS = (0, 7, 12, 305)


@dataclass(frozen=True)
class PlaceholderForm:
    """One placeholder spelling, e.g. ``ZZ{n}ZZ``, and the conversions to and from it."""

    template: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        before, after = self.template.split("{n}")
        unescape = before.replace("{{", "{"), after.replace("}}", "}")
        return re.compile(re.escape(unescape[0]) + r"(\d+)" + re.escape(unescape[1]))

    def make(self, number: int | str) -> str:
        return self.template.format(n=number)

    @property
    def is_internal(self) -> bool:
        return self.template == "XQ{n}QX"

    def to_model(self, text: str) -> str:
        if self.is_internal:
            return text
        return PLACEHOLDER_RE.sub(lambda m: self.make(m.group(1)), text)

    def from_model(self, text: str) -> str:
        if self.is_internal:
            return text
        return self.pattern.sub(lambda m: make_placeholder(int(m.group(1))), text)

    def count(self, text: str) -> Counter[str]:
        """How often each placeholder number occurs in model-form ``text``."""
        return Counter(m.group(1) for m in self.pattern.finditer(text))

    def remove(self, text: str) -> str:
        """Remove placeholders a model invented (they must never reach the output)."""
        return self.pattern.sub("", text)


def _probes(form: PlaceholderForm) -> list[str]:
    out = []
    for n in _PROBE_NUMBERS:
        p, q = form.make(n), form.make(n + 1)
        out += [p, f"前{p}后。", f"Hello {p} world.", f"{p}{q}", f"({p}), {q}!", f"“{p}”"]
    return out


def choose_form(
    roundtrip: Callable[[str], str | None],
    candidates: Sequence[str] = CANDIDATES,
    *,
    model: str = "model",
) -> PlaceholderForm:
    """The first candidate that ``roundtrip`` (encode then decode; None on ``<unk>``) keeps."""
    for template in candidates:
        form = PlaceholderForm(template)
        if all(roundtrip(text) == text for text in _probes(form)):
            return form
    raise ModelError(
        f"no placeholder form survives the tokenizer of {model} (tried {', '.join(candidates)})",
        hint="Use a different package, or run the pipeline without `protect`/`terms` masking.",
    )

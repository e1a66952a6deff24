"""Placeholders a translation model's tokenizer keeps intact.

The pipeline masks entities and glossary terms with its internal form (``XQ7QX``, see
:mod:`localize.text.placeholders`). Whether a model's tokenizer gives that back unchanged depends on
its vocabulary (a piece may be ``<unk>``, or normalization may rewrite a symbol), so at load time
each candidate form goes through an encode/decode round trip in several contexts and the first
one that survives all of them is used for that model. The candidates and their conversions
live in :mod:`localize.text.placeholders`, where QA reads them too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from localize.errors import ModelError
from localize.text.placeholders import CANDIDATES, PlaceholderForm

_PROBE_NUMBERS = (0, 7, 12, 305)


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

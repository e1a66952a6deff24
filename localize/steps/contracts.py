"""Step order, checked when a pipeline is built: each step's contract against the steps before.

Walks the steps in order, keeping the facts that hold for the working text (entities protected,
placeholders in the text; see :mod:`localize.steps.base`). A step whose
``requires`` are missing or whose ``forbids`` hold is refused with a located error that names
the missing or misplaced step and the fix, and so is a pipeline that would end with
placeholders in its output. Nothing runs before the whole order is known to be sound.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from localize.errors import ConfigError
from localize.steps.base import MASKED, PROTECTED, Step

# Which steps establish each fact, for the messages.
PROVIDERS = {PROTECTED: "protect", MASKED: "protect or terms"}
# Why a step needs a fact, and how to give it.
_WHY_REQUIRED = {
    PROTECTED: "it would rewrite Weibo entities (URLs, @mentions, #topics#) that protect masks",
    MASKED: "there is nothing to restore",
}
_WHY_FORBIDDEN = {
    MASKED: "it would see placeholders (XQ1QX) instead of the text they stand for",
}
# How to make a forbidden fact go away before the step.
_FIX_FORBIDDEN = {MASKED: "Put `restore` before `{step}`."}


def check_order(
    steps: Sequence[Step], lines: Sequence[int | None], keys: Sequence[str], path: Path | None
) -> None:
    """Raise a ConfigError for the first step whose contract the steps before it break."""
    holds: set[str] = set()
    last_masker: int | None = None

    def fail(i: int, message: str, hint: str) -> ConfigError:
        return ConfigError(message, path=path, line=lines[i], key=keys[i], hint=hint)

    names = [s.name for s in steps]
    for i, step in enumerate(steps):
        contract = step.contract()
        for fact in sorted(contract.requires - holds):
            provider = PROVIDERS.get(fact, fact)
            later = next((n for n in names[i + 1 :] if n in provider.split(" or ")), None)
            where = (
                f"`{later}` comes after it"
                if later
                else f"the pipeline has no {' or '.join(f'`{p}`' for p in provider.split(' or '))}"
            )
            fix = (
                f"Move `{later}` before `{step.name}`."
                if later
                else f"Add `{provider.split(' or ')[0]}` before `{step.name}`"
                + (", or remove it." if fact == MASKED else ".")
            )
            raise fail(
                i,
                f"step `{step.name}` needs `{provider}` before it ({_WHY_REQUIRED.get(fact, fact)})"
                f", but {where}",
                fix,
            )
        for fact in sorted(contract.forbids & holds):
            raise fail(
                i,
                f"step `{step.name}` cannot run here: {_WHY_FORBIDDEN.get(fact, fact)}",
                _FIX_FORBIDDEN.get(fact, f"Reorder the steps before `{step.name}`.").format(
                    step=step.name
                ),
            )
        holds -= contract.removes
        holds |= contract.provides
        if MASKED in contract.provides:
            last_masker = i
    if MASKED in holds and last_masker is not None:
        masker = steps[last_masker].name
        raise fail(
            last_masker,
            f"the pipeline would leave placeholders (XQ1QX) in its output: `{masker}` masks text "
            "and no `restore` comes after it",
            f"Add `restore` after `{masker}` (before `check`, if any).",
        )

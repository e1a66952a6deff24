"""Translation memory: human translations of sentences, reused before machine translation.

A memory is the team's work, unlike the MT cache (:mod:`localize.mt.cache`), which is
disposable: a run only reads it; ``localize tm import`` is the only writer.
"""

from localize.tm.key import MaskedSegment, language_pair, mask_key, unmask
from localize.tm.memory import MemoryEntry, TranslationMemory

__all__ = [
    "MaskedSegment",
    "MemoryEntry",
    "TranslationMemory",
    "language_pair",
    "mask_key",
    "unmask",
]

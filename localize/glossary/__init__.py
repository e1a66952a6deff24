"""Variant-aware glossaries: model, YAML/CSV/TBX/jieba formats, matching, lint and suggestions.

Public API (what steps, MT and checks use)::

    from localize.glossary import load_glossary, load_glossaries

    glossary = load_glossaries(["glossaries/canada-tourism.yaml", "team.yaml"])  # later wins
    glossary.fingerprint                  # sha256 hex of the content (for signatures, MT cache)
    glossary.entries                      # list[Entry] in file order
    entry = glossary.get("montreal")      # Entry | None
    glossary.term_for(entry, "zh-Hant-TW")   # '蒙特婁': region -> zh-Hant -> OpenCC of zh-Hans
    glossary.resolve(entry, "zh-Hant")       # Resolved(text, from_locale, via='s2t' | None, ...)
    glossary.approved_forms(entry, "zh-Hant-HK")  # preferred + admitted forms (missing_term)
    glossary.forbidden_forms(entry, "zh-Hans")    # forms a zh-Hans target must not use
    glossary.forbidden_matches(text, "zh-Hant-TW")  # TermMatch list (forbidden_term check)
    glossary.region_mismatches(text, "zh-Hant-TW")  # HK-only forms in a TW text, etc.
    glossary.dnt_forms(entry)                       # forms a dnt entry keeps (dnt_changed)
    glossary.jieba_words()                # [(word, freq | None, pos | None)] for jieba
    matcher = glossary.matcher("zh-Hans")            # cached per locale
    matcher.find(text, target_locale="en")           # list[localize.post.TermMatch]
    matcher.find_all(texts, target_locale="en")      # the same per text, in one scan

``Matcher.find`` is leftmost-longest and never overlaps placeholders or Weibo entities; it
finds Traditional spellings of Simplified-only terms (and the reverse) and fills
``TermMatch.target`` with the target locale's form. See :mod:`localize.glossary.matcher`.

``Entry``: ``id``, ``terms`` (tuple of :class:`Term`), ``domain``, ``note``, ``dnt``, ``hashtag``.
``Term``: ``text``, ``locale`` (en, zh-Hans, zh-Hant, zh-Hant-TW, zh-Hant-HK), ``status``
(preferred, admitted, forbidden), ``case_sensitive`` (None = auto), ``pos`` (jieba tag), ``note``.

Loading is all-or-nothing: any problem raises :class:`localize.errors.GlossaryError` with the
file and line (XPath for TBX). ``parse_glossary`` returns the valid entries plus every problem,
for ``lint``.
"""

from __future__ import annotations

from localize.glossary.formats import (
    READ_FORMATS,
    WRITE_FORMATS,
    detect_format,
    dump_glossary,
    load_glossaries,
    load_glossary,
    parse_glossary,
    save_glossary,
)
from localize.glossary.matcher import Matcher
from localize.glossary.merge import merge_glossaries
from localize.glossary.model import (
    LOCALES,
    STATUSES,
    Entry,
    Glossary,
    Resolved,
    Term,
)

__all__ = [
    "LOCALES",
    "READ_FORMATS",
    "STATUSES",
    "WRITE_FORMATS",
    "Entry",
    "Glossary",
    "Matcher",
    "Resolved",
    "Term",
    "detect_format",
    "dump_glossary",
    "load_glossaries",
    "load_glossary",
    "merge_glossaries",
    "parse_glossary",
    "save_glossary",
]

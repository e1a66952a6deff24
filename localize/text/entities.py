"""Weibo entities: the parts of a post that no step may rewrite.

One combined pattern finds them all in a single left-to-right scan; at any position the
alternatives are tried in priority order (a URL before the ``@`` inside it, an e-mail before a
mention, ``//@user:`` before ``@user``). ``protect`` masks them, ``normalize`` skips them and
``check`` compares them between source and target, so all three agree on what an entity is.

We use the ``regex`` module rather than ``re`` for ``\\p{Extended_Pictographic}`` and ``\\p{Han}``:
emoji sequences (ZWJ families, skin tones, keycaps, flags, tag flags) have no ``re`` spelling.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache, partial
from typing import NamedTuple

import regex

KINDS = ("url", "email", "repost", "mention", "hashtag", "emoticon", "emoji", "number")
DEFAULT_KINDS = ("url", "email", "repost", "mention", "hashtag", "emoticon", "emoji")

# Zero-width and directional marks are never part of an entity (Weibo pads posts with U+200B).
_ZW = "\u200b-\u200f\u2060-\u2064\ufeff"
# CJK punctuation and full-width forms end a URL, as Weibo's own linker does.
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_URL_CHAR = rf"[^\s<>\"'{_ZW}{_CJK_PUNCT}]"
# Short-link hosts use ASCII paths, and Chinese text often follows them with no space.
_SHORT_HOSTS = r"(?:t\.cn|url\.cn|dwz\.cn|bit\.ly|weibo\.cn/s|sourl\.cn)"

_PATTERNS = {
    "url": (
        rf"(?:https?://)?{_SHORT_HOSTS}/[A-Za-z0-9_\-]+"
        rf"|(?:https?://|www\.){_URL_CHAR}+(?<![.,;:!?)\]}}'\"])"
    ),
    "email": r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    # Weibo writes "//@user:"; some clients put spaces before the colon ("//@user :").
    "repost": r"//@[\w\-·]{1,30}[ \u3000]{0,3}[:：]",
    # Weibo links a mention after anything: Chinese (和@某人), letters (via@某人), digits and
    # punctuation (via.@某人). An e-mail address is tried first at an earlier position, so
    # name@example.com stays one e-mail.
    "mention": r"@[\w\-·]{1,30}",
    # Weibo topics: #话题# with a hash on both sides. Without Han inside, a closing hash that is
    # followed by a letter is really the start of the next #tag ("#Travel and #Food").
    "hashtag": (
        r"#(?=[^#\s])(?:[^#\n]{0,80}?\p{Han}[^#\n]{0,80}?|[^#\n]{0,80}?(?<=[^#\s]))"
        r"#(?:(?<=\p{Han}[^#\n]{0,80}#)|(?![A-Za-z0-9_]))"
        r"|(?<![\w&/#])#(?=\w*[^\W\d_])\w{1,100}"
    ),
    # [哈哈], [给你小心心], [doge], [笑cry]: short bracketed codes (Weibo's longest Chinese codes
    # have five characters); pure numbers are citations, longer brackets are text.
    "emoticon": r"\[(?!\d+\])(?:\w{1,5}|[A-Za-z]{6,10})\]",
    "emoji": (
        r"(?:\p{Regional_Indicator}{2}"
        r"|[0-9#*]\ufe0f?\u20e3"
        r"|\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"
        r"|\p{Extended_Pictographic}[\ufe0e\ufe0f]?[\U0001F3FB-\U0001F3FF]?"
        r"(?:\u200d\p{Extended_Pictographic}[\ufe0e\ufe0f]?[\U0001F3FB-\U0001F3FF]?)*)"
    ),
    "number": r"(?<![\w.])[-+]?\d+(?:[.,:]\d+)*%?",
}


class Entity(NamedTuple):
    """One entity of a text: its kind, its span and the text of that span.

    A named tuple, as :class:`~localize.post.TermMatch` is: every step and check that looks at
    entities makes them, several per post, and a tuple is built in C (``tuple.__new__``), where
    a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``:
    find_entities over 8,930 Weibo-style texts took 93 ms with the dataclass, 45 ms so (35-42
    ms of it the scan).
    """

    kind: str
    start: int
    end: int
    text: str


_new_entity = partial(tuple.__new__, Entity)  # an Entity from a row, without Python's __new__


@cache
def _pattern(kinds: tuple[str, ...]) -> regex.Pattern[str]:
    ordered = [k for k in KINDS if k in kinds]
    return regex.compile("|".join(f"(?P<{k}>{_PATTERNS[k]})" for k in ordered), regex.V0)


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Validate entity kind names and return them in priority order."""
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown entity kind(s) {sorted(unknown)}; valid: {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in wanted)


@cache
def _pattern_for(kinds: tuple[str, ...]) -> regex.Pattern[str]:
    return _pattern(check_kinds(kinds))


def entity_pattern(kinds: Iterable[str] = DEFAULT_KINDS) -> regex.Pattern[str]:
    """The compiled pattern; each match's ``lastgroup`` is its kind."""
    return _pattern_for(kinds if isinstance(kinds, tuple) else tuple(kinds))


# What may go from the ends of a text without touching an entity: Unicode whitespace but the
# controls \x1c-\x1f (a URL may end in one: the patterns' \s leaves them to it), and the
# zero-width marks the patterns do not read as letters (ZWNJ and ZWJ are \w to them, as Unicode
# says). No entity starts or ends with one, and the look-arounds read one next to an entity as
# they read the edge of the text: the entities of a text are those of the text stripped of them,
# moved by what was stripped from its start (a property test holds this).
BLANK_ENDS = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\u200b\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)


def find_entities(text: str, kinds: Iterable[str] = DEFAULT_KINDS) -> tuple[Entity, ...]:
    """The non-overlapping entities of ``text``, left to right."""
    kinds = kinds if isinstance(kinds, tuple) else tuple(kinds)
    core = text.strip(BLANK_ENDS)
    if len(core) == len(text) or not core:
        return _find(text, kinds)
    # The scan of the stripped text, which ``normalize`` hands to ``protect`` as the post's
    # text: a check that compares the post as it came in finds that scan cached.
    found = _find(core, kinds)
    lead = len(text) - len(text.lstrip(BLANK_ENDS))
    if not found or not lead:
        return found
    return tuple(
        [_new_entity((kind, start + lead, end + lead, part)) for kind, start, end, part in found]
    )


# normalize, protect and check usually scan the same text one after the other.
@lru_cache(maxsize=512)
def _find(text: str, kinds: tuple[str, ...]) -> tuple[Entity, ...]:
    return tuple(
        [
            _new_entity((m.lastgroup or "", m.start(), m.end(), m.group()))
            for m in _pattern_for(kinds).finditer(text)
        ]
    )


# What an entity is replaced by where its characters must not count but offsets must stay.
BLANK = "\ufffc"


def blank_spans(text: str, spans: Sequence[Entity]) -> str:
    """``text`` with each entity replaced by as many U+FFFC, so offsets stay valid.

    ``spans`` as :func:`find_entities` gives them: sorted, none overlapping, none empty. So
    the pieces are cut in one loop, with none of ``qa.base.blank_ranges``'s sorting and clipping
    (which took 2.7x as long over a post's entities: the segment's plain texts, every post).
    """
    if not spans:
        return text
    pieces = []
    last = 0
    for _, start, end, _ in spans:
        pieces += [text[last:start], BLANK * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def entity_texts(text: str, kinds: Iterable[str] = DEFAULT_KINDS) -> list[tuple[str, str]]:
    """``(kind, text)`` of every entity, for comparing a source with its translation."""
    return [(e.kind, e.text) for e in find_entities(text, kinds)]


# Every url, e-mail, repost, mention, hashtag and emoticon contains one of these characters, and
# before the first of them holds only ASCII from _LEAD_RUN (a scheme or host, an e-mail's local
# part). So these kinds can only start a little before a trigger character.
TRIGGERED_KINDS = frozenset({"url", "email", "repost", "mention", "hashtag", "emoticon"})
_TRIGGER = re.compile(r"[@#\[./]")
_LEAD_RUN = frozenset(string.ascii_letters + string.digits + "._%+-:/")


def iter_entity_matches(text: str, kinds: tuple[str, ...]) -> Iterator[regex.Match[str]]:
    """The same matches as ``entity_pattern(kinds).finditer(text)``, found faster.

    Written by hand because no regex engine skips ahead for us here: ``regex`` tries the whole
    alternation at every position (~45 MB/s on Chinese text), while trigger characters are rare
    in Chinese posts. For kinds in :data:`TRIGGERED_KINDS` the pattern is tried only at the
    positions an entity can start from: each trigger and the ASCII run before it, left to right,
    each position at most once, so the first match found is the one ``finditer`` finds.
    """
    pattern = entity_pattern(kinds)
    if not TRIGGERED_KINDS.issuperset(kinds):
        yield from pattern.finditer(text)
        return
    match = pattern.match
    pos = 0  # the next match starts here or later (finditer goes on from the last match's end)
    untried = 0  # every position before this one has been tried and starts no match
    for trigger in _TRIGGER.finditer(text):
        k = trigger.start()
        if k < pos:
            continue
        start = k
        while start > pos and text[start - 1] in _LEAD_RUN:
            start -= 1
        for position in range(max(start, untried), k + 1):
            found = match(text, position)  # lookbehinds still see the text before position
            if found is not None:
                yield found
                pos = untried = found.end()
                break
        else:
            untried = k + 1

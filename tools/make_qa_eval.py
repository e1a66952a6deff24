"""Write tests/data/qa-eval/pairs.jsonl: zh<->en pairs with one error injected per kind, and as
many left clean, for benchmarks/bench_checks.py.

    python tools/make_qa_eval.py cmn.txt

``cmn.txt`` is the Tatoeba English-Mandarin export (manythings.org format, CC BY 2.0 FR), e.g.
github.com/13luoyu/Transformer-machine-translation, path ``cmn.txt``, commit aa43963. Every row
keeps the tatoeba.org sentence ids and contributors of its pair.

Each base pair is used once, in one direction (zh->en and en->zh alternate). Kinds:

- ``number``: a number of the target changed or dropped. Tatoeba's short sentences rarely hold
  one, so where the pair has none, a line from ``NUMBER_LINES`` is added to both sides first.
- ``entity``: a Weibo entity (hashtag, mention, link, emoticon) added to the source and dropped
  from the target, or added to both and altered in the target (never a hashtag: its text may
  be translated).
- ``empty``: the target emptied (or left as spaces and zero-width spaces).
- ``untranslated``: the target replaced by the source, or the source's last clause left in it.
- ``doubled``: a word of the target written twice. Words whose doubling can be grammatical are
  never chosen: English "had" and "that", Chinese single characters (看看) and verbs or
  adjectives (研究研究), so every injected double is an error.
- ``sentence_type``: the target's final "?" made "." (or "。" made "？", "!" made "?").
- ``clean``: as many pairs untouched, half of them given the same added entity or number line
  (on both sides) so that clean and injected pairs look alike.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import jieba
import jieba.posseg

from localize.text.script import traditional_only_chars

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "qa-eval" / "pairs.jsonl"
KINDS = ("number", "entity", "empty", "untranslated", "doubled", "sentence_type")
PER_KIND = 60
# (Chinese, English) lines with one number, added to pairs that hold none.
NUMBER_LINES = [
    ("限时{n}天。", "For {n} days only."),
    ("转发抽{n}位送礼品。", "Repost to win: {n} winners."),
    ("航班延误了{n}个小时。", "The flight was {n} hours late."),
    ("门票{n}元一张。", "Tickets cost {n} yuan each."),
    ("我们{n}点出发。", "We leave at {n} o'clock."),
    ("全程{n}公里。", "The whole route is {n} km."),
]
ENTITIES = ["#旅行#", "@旅游达人", "http://t.cn/A6xYz12", "[哈哈]", "#遇见加拿大#", "@加拿大旅游局"]
_EN_NUMBER_WORDS = {
    "two": "three", "three": "four", "four": "five", "five": "six", "six": "seven",
    "seven": "eight", "eight": "nine", "nine": "ten", "ten": "eleven", "twelve": "thirteen",
}  # fmt: skip
_CN_NUMERALS = "两二三四五六七八九"
_EN_WORD = re.compile(r"\b[A-Za-z][a-z']*\b")
_GRAMMATICAL_EN_DOUBLES = {"had", "that"}
_REDUPLICATING = ("v", "a", "b", "z")


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    traditional = traditional_only_chars()
    seen: set[str] = set()
    pairs = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        en, zh, attribution = parts[0].strip(), parts[1].strip(), parts[2].strip()
        if en in seen or zh in seen or not 20 <= len(en) <= 160:
            continue
        if not traditional.isdisjoint(zh) or '"' in en or "“" in zh:
            continue  # Traditional lines and dialogue pairs would blur the measure
        seen.update((en, zh))
        pairs.append((en, zh, attribution.replace("CC-BY 2.0 (France) Attribution: ", "")))
    return pairs


def _has_number(text: str) -> bool:
    if re.search(r"\d", text):
        return True
    if re.search(r"[" + _CN_NUMERALS + "十百千万]", text):
        return True
    return any(re.search(rf"\b{w}\b", text, re.IGNORECASE) for w in _EN_NUMBER_WORDS)


def change_number(target: str, rng: random.Random) -> str | None:
    """The target with one number changed or dropped; None if it holds no number to change."""
    drop = rng.random() < 0.5
    m = re.search(r"\d+", target)
    if m:
        new = "" if drop else str(int(m.group()) + rng.randint(1, 9))
        return (target[: m.start()] + new + target[m.end() :]).replace("  ", " ")
    for word, other in _EN_NUMBER_WORDS.items():
        m = re.search(rf"\b{word}\b", target, re.IGNORECASE)
        if m:
            new = "" if drop else other
            return (target[: m.start()] + new + target[m.end() :]).replace("  ", " ")
    m = re.search(f"[{_CN_NUMERALS}](?=[个天点本只位次年岁小元公])", target)
    if m:
        new = "" if drop else _CN_NUMERALS[(_CN_NUMERALS.index(m.group()) + 2) % 9]
        return target[: m.start()] + new + target[m.end() :]
    return None


def double_word(target: str, chinese: bool, rng: random.Random) -> str | None:
    if chinese:
        words = [
            (w.word, f)
            for w, f in _positions(list(jieba.posseg.cut(target)))
            if len(w.word) >= 2
            and re.fullmatch(r"[\u4e00-\u9fff]+", w.word)
            and not w.flag.startswith(_REDUPLICATING)
        ]
        if not words:
            return None
        word, start = rng.choice(words)
        return target[:start] + word + target[start:]
    matches = [
        m for m in _EN_WORD.finditer(target) if m.group().lower() not in _GRAMMATICAL_EN_DOUBLES
    ]
    if not matches:
        return None
    m = rng.choice(matches)
    return target[: m.end()] + " " + m.group() + target[m.end() :]


def _positions(tokens: list[jieba.posseg.pair]) -> list[tuple[jieba.posseg.pair, int]]:
    out, at = [], 0
    for token in tokens:
        out.append((token, at))
        at += len(token.word)
    return out


_FLIP = {"?": ".", ".": "?", "？": "。", "。": "？", "!": "?", "！": "？"}


def flip_type(source: str, target: str) -> str | None:
    if not source or source[-1] not in _FLIP or not target or target[-1] not in _FLIP:
        return None
    return target[:-1] + _FLIP[target[-1]]


def untranslated(source: str, target: str, chinese_target: bool, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return source  # the model returned its input
    if chinese_target:
        words = source.rstrip(".?!").split()
        return target.rstrip("。？！") + "，" + " ".join(words[-4:]).lower() + "。"
    clause = re.split(r"[，。？！、]", source.rstrip("。？！"))[-1] or source
    return target.rstrip(".?!") + ", " + clause + "."


def decorate(zh: str, en: str, rng: random.Random) -> tuple[str, str, str]:
    """Both sides with the same entity or number line added (clean decoration)."""
    if rng.random() < 0.5:
        entity = rng.choice(ENTITIES)
        return f"{zh} {entity}", f"{en} {entity}", f"added {entity} to both sides"
    line_zh, line_en = rng.choice(NUMBER_LINES)
    n = rng.randint(2, 48)
    return zh + line_zh.format(n=n), f"{en} {line_en.format(n=n)}", f"added number {n} to both"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tatoeba", type=Path, help="cmn.txt, the Tatoeba English-Mandarin export")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    jieba.setLogLevel(60)
    rng = random.Random(args.seed)
    pairs = read_pairs(args.tatoeba)
    rng.shuffle(pairs)
    rows: list[dict[str, str]] = []
    direction = 0

    def add(kind: str, en: str, zh: str, origin: str, make: object) -> bool:
        nonlocal direction
        zh_to_en = direction % 2 == 0
        source, target = (zh, en) if zh_to_en else (en, zh)
        result = make(source, target, not zh_to_en)  # type: ignore[operator]
        if result is None:
            return False
        source, new_target, note = result
        direction += 1
        rows.append(
            {
                "id": f"{kind}-{sum(1 for r in rows if r['kind'] == kind) + 1:03d}",
                "kind": kind,
                "source": source,
                "target": new_target,
                "source_locale": "zh-Hans" if zh_to_en else "en",
                "target_locale": "en" if zh_to_en else "zh-Hans",
                "note": note,
                "tatoeba": origin,
            }
        )
        return True

    def number(source: str, target: str, chinese: bool) -> tuple[str, str, str] | None:
        note = ""
        if not (_has_number(source) and _has_number(target)):
            line_zh, line_en = rng.choice(NUMBER_LINES)
            n = rng.randint(2, 48)
            zh_line, en_line = line_zh.format(n=n), f" {line_en.format(n=n)}"
            source += zh_line if not chinese else en_line
            target += zh_line if chinese else en_line
            note = f"added number {n} to both; "
        changed = change_number(target, rng)
        if changed is None or changed == target:
            return None
        return source, changed, note + "number changed or dropped"

    def entity(source: str, target: str, chinese: bool) -> tuple[str, str, str] | None:
        ent = rng.choice(ENTITIES)
        source = f"{source} {ent}"
        # A hashtag's text may be translated (weibo-zh-en does), so only its loss is an error.
        if ent.startswith("#") or rng.random() < 0.5:
            return source, target, f"{ent} added to the source only (dropped from the target)"
        altered = ent.replace("旅", "旋").replace("t.cn/A6", "t.cn/B6").replace("哈哈", "嘻嘻")
        altered = altered.replace("加拿大", "加拿")
        return source, f"{target} {altered}", f"{ent} altered to {altered} in the target"

    handlers = {
        "number": number,
        "entity": entity,
        "empty": lambda s, t, c: (s, rng.choice(["", "  ", "\u200b"]), "target emptied"),
        "untranslated": lambda s, t, c: (s, untranslated(s, t, c, rng), "source text left in"),
        "doubled": lambda s, t, c: (
            (s, d, "a word doubled") if (d := double_word(t, c, rng)) is not None else None
        ),
        "sentence_type": lambda s, t, c: (
            (s, f, "final mark flipped") if (f := flip_type(s, t)) is not None else None
        ),
    }
    it = iter(pairs)
    for kind in KINDS:
        made = 0
        while made < PER_KIND:
            en, zh, origin = next(it)
            made += add(kind, en, zh, origin, handlers[kind])
    for _ in range(PER_KIND * len(KINDS)):
        en, zh, origin = next(it)
        note = "untouched"
        if rng.random() < 0.5:
            zh, en, note = decorate(zh, en, rng)
        add("clean", en, zh, origin, lambda s, t, c, note=note: (s, t, note))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

"""``number_mismatch``: numbers of the source missing from the target, or added to it.

Every number is read into the values it can stand for, whatever the script: ``2,000``, ``两千``,
``2千``, ``2 thousand`` and ``two thousand`` are all 2000; ``15:30``, ``下午3点半`` and ``3:30 pm``
share the hour 15 ≡ 3; ``May 1`` and ``5月1日`` share the month 5. A source number is missing when
no target number shares a value with it, and vice versa.

Chinese numerals are only read as numbers where Chinese uses them as numbers: several numeral
characters together (十五, 两千, 二〇二四), or one followed by a measure word or unit (三天, 五个,
第三). Idioms (一心一意, 三天两头, 七上八下), weekdays (星期三) and fixed words (千万 "by all
means", 万一 "in case") are skipped first. The value 1 is never reported on its own: 一 and
"one" are as often an article or an idiom as a count. Vague amounts (十几, 上千, 三四) may match
but are never reported either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import regex

from localize.qa.base import CheckEnv, Hit, Segment, blank_ranges, quote, register
from localize.qa.placeholders import mask_spans
from localize.qa.terms import source_matches, target_matches

if TYPE_CHECKING:
    from localize.post import TermMatch

ONE = Decimal(1)


def _words(text: str) -> list[str]:
    return text.split()


# -- Chinese ---------------------------------------------------------------------------------

_CN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_CHARS = "".join([*_CN_DIGITS, *_CN_UNITS, *_CN_BIG])
_CN_DECIMAL_DIGITS = "〇零一二三四五六七八九"

# Measure words and units that make a single numeral a count: 三天, 五个, 八折, 九点.
_MEASURES = tuple(
    _words(
        """
    个 個 位 名 人 口 次 遍 回 趟 天 日 号 號 月 年 岁 歲 周 週 星期 小时 小時 钟头 鐘頭 时 時
    点 點 分 秒 刻 元 块 塊 毛 角 美元 加元 港元 港币 港幣 台币 台幣 欧元 歐元 英镑 英鎊 镑
    米 公里 千米 公尺 英里 里 公斤 斤 克 吨 噸 升 度 层 層 楼 樓 倍 成 折 张 張 本 只 隻 条
    條 件 家 座 间 間 辆 輛 架 班 站 份 杯 瓶 碗 双 雙 对 對 套 场 場 部 集 届 屆 项 項 所 款 种
    種 道 篇 首 句 晚 夜 餐 顿 頓 匹 头 頭 棵 朵 片 颗 顆 枚 台 期 季 代 幅 级 級 星级 星級 样
    樣 分钟 分鐘 公顷 平方 英尺 加仑 % ％ 余 餘 多 来 來 几 幾 大 路 线 線 栋 棟 所 台 寸
    """
    )
)
# Numerals that are not numbers here. Patterns, so 十分 "very" can spare 十分钟 "ten minutes".
_NOT_NUMBERS = regex.compile(
    "|".join(
        [
            "百分之",  # read separately as a percentage
            "(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]",
            "十分(?![钟鐘])",
            "千万(?![元人个次])|千萬(?![元人個次])",
            "万一|萬一|一一|一些|一样|一樣|一起|一切|一直|一定|一般|一下|一点儿|一點兒",
            # 一点 "a little" (有一点不同, 一点点), unless a clock time: 下午一点, 一点半, 一点钟.
            "(?<!上午|下午|晚上|凌晨|中午|早上|夜里|夜裡)一[点點]"
            "(?![钟鐘半整零〇一二三四五六七八九十0-9])",
            "三明治|八卦|四川|五金|九寨沟|九寨溝|七夕|十一假期|双十一|雙十一|双11|雙11",
            "五台山|九华山|九華山|十三陵|十渡|七星潭|五大湖",
            "五一|十一黄金周|十一黃金週|二维码|二維碼|三星|万达|萬達|一带一路|一帶一路",
            *_words(
                """
            一心一意 三心二意 一模一样 一模一樣 独一无二 獨一無二 七上八下 乱七八糟 亂七八糟
            五颜六色 五顏六色 四面八方 千方百计 千方百計 十全十美 五湖四海 三番五次 三番两次
            接二连三 接二連三 一石二鸟 一石二鳥 九牛一毛 三言两语 三言兩語 千千万万 千千萬萬
            一干二净 一乾二淨 三长两短 三長兩短 四分五裂 七嘴八舌 五花八门 五花八門 万无一失
            萬無一失 百发百中 百發百中 百里挑一 千里迢迢 一日千里 三天两头 三天兩頭 九死一生
            十有八九 三五成群 三五成羣 一五一十 八九不离十 八九不離十 四平八稳 四平八穩 六神无主
            六神無主 七零八落 一举两得 一舉兩得 一路平安 一路顺风 一路順風 一见钟情 一見鍾情
            一帆风顺 一帆風順 万事如意 萬事如意 百闻不如一见 百聞不如一見 千载难逢 千載難逢
            千变万化 千變萬化 千军万马 千軍萬馬 千丝万缕 千絲萬縷 万水千山 萬水千山 千山万水
            千山萬水 万紫千红 萬紫千紅 千姿百态 千姿百態 百花齐放 百花齊放 百战百胜 百戰百勝
            一言为定 一言為定 一言九鼎 一诺千金 一諾千金 一刻千金 一寸光阴一寸金 一寸光陰一寸金
            三生有幸 三思而行 三顾茅庐 三顧茅廬 四季如春 五体投地 五體投地 六六大顺 六六大順
            七七八八 八面玲珑 八面玲瓏 九霄云外 九霄雲外 十拿九稳 十拿九穩 百年好合 百感交集
            万众一心 萬眾一心 万家灯火 萬家燈火 万古长青 萬古長青 万里长城 萬里長城 千岛湖 千島湖
            一日三秋 一日之计在于晨 一日之計在於晨 说一不二 說一不二 不三不四 略知一二 数一数二
            數一數二 三三两两 三三兩兩 一时 一時 一向 一旦 一致 一边 一邊 统一 統一 唯一 第一时间
            第一時間 一会儿 一會兒
            """
            ),
        ]
    )
)
# Vague amounts: 十几, 上千, 数百, 近万, 三四天. They may match, but are never reported.
_VAGUE_BEFORE = "几幾数數上近约約好"
_VAGUE_AFTER = "几幾多余餘来來"
# Discounts: 八折, 七五折, 8折, 7.5折 ("pay 80%" = "20% off"); 半价/半價 is half price.
_DISCOUNT = regex.compile(
    rf"(?P<cn>[{_CN_DECIMAL_DIGITS}]{{1,2}})折|(?<![\d.])(?P<ar>\d(?:\.\d)?)折|(?P<half>半[价價])"
)
# Fractions: 四分之三 is 3/4 (百分之 is a percentage, read on its own).
_CN_FRACTION = regex.compile(rf"(?P<d>[{_CN_CHARS}]+)分之(?P<n>[{_CN_CHARS}]+)")
# A numeral whose word is as often not a count: 四周 "all around", 三方 "three-party", 双方.
_WEAK = regex.compile(r"四周|[一二两兩三四五六七八九十]方")
_CN_NUMBER = regex.compile(
    rf"(?P<int>[{_CN_CHARS}]+)(?:[点點](?P<dec>[{_CN_DECIMAL_DIGITS}]+)(?![{_CN_CHARS}分钟鐘]))?"
)

# -- Arabic digits and English words ----------------------------------------------------------

_ARABIC = regex.compile(
    r"(?<![\d.,])(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:\s?(?P<mult>[万萬亿億]|千(?![米克瓦])|thousand\b|million\b|billion\b|[kK]\b|mn\b|bn\b))?",
    regex.IGNORECASE,
)
_TIME = regex.compile(r"(?<![\d.:])(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?(?![\d:])")
_MULTIPLIERS = {
    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 1000, "thousand": 1000,
    "k": 1000, "million": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9,
}  # fmt: skip
_HOUR_AFTER = regex.compile(r"\s?(?:[点點时時]|[ap]\.?m\b\.?|o'clock)", regex.IGNORECASE)

_EN_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_EN_ORDINALS = {
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_EN_WORD = "|".join(sorted([*_EN_SMALL, *_EN_SCALES, *_EN_ORDINALS], key=len, reverse=True))
_EN_NUMBER = regex.compile(
    rf"\b(?:{_EN_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_EN_WORD}))*\b", regex.IGNORECASE
)
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = regex.compile(
    r"\b(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
    r"(?=\s+\d)|(?<=\d(?:st|nd|rd|th)?\s+(?:of\s+)?)\b(?P<m2>jan(?:uary)?|feb(?:ruary)?"
    r"|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\b",
    regex.IGNORECASE,
)
_EN_DENOMINATORS = {
    "half": 2, "halve": 2, "third": 3, "fourth": 4, "quarter": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "hundredth": 100,
}  # fmt: skip
_EN_FRACTION = regex.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(?P<d>halves|half|thirds?|fourths?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?"
    r"|tenths?|hundredths?)\b",
    regex.IGNORECASE,
)
_WEAK_EN = regex.compile(r"\b(?:second|half)\b", regex.IGNORECASE)
# Full-width digits and the marks inside numbers (not the full-width comma, which separates).
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．：％"}


@dataclass(frozen=True)
class Number:
    """A number as written, and every value it may stand for."""

    text: str
    start: int
    values: frozenset[Decimal]
    reportable: bool = True


def _num(text: str, start: int, *values: Decimal | int, reportable: bool = True) -> Number:
    vals = frozenset(Decimal(v) for v in values)
    # 1 is as often "a"/"the only" as a count: it may match but is never reported.
    return Number(text, start, vals, reportable and vals != {ONE})


def _hours(value: Decimal) -> list[Decimal]:
    """An hour on either clock: 3 o'clock may be 15:00."""
    if 0 <= value <= 24 and value == value.to_integral_value():
        return [value, value + 12 if value < 12 else value - 12]
    return [value]


def parse_chinese(numeral: str) -> Decimal | None:
    """十五 -> 15, 两千 -> 2000, 三亿五千万 -> 350000000, 二〇二四 -> 2024; None if not a number."""
    if not numeral:
        return None
    if all(ch in _CN_DIGITS for ch in numeral):
        # Digit by digit, as years and codes are read: 二〇二四.
        return Decimal("".join(str(_CN_DIGITS[ch]) for ch in numeral))
    result = section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in _CN_DIGITS:
            if digit and _CN_DIGITS[ch]:
                return None  # two digits in a row inside a unit number: 三四十 is vague
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = None
        elif _CN_BIG[ch] == 10**4:
            result += (section + (digit or 0) or 1) * 10**4
            section, digit = 0, None
        else:  # 亿 multiplies everything before it: 三万亿
            result = (result + section + (digit or 0) or 1) * 10**8
            section, digit = 0, None
    return Decimal(result + section + (digit or 0))


def _discount_percents(tenths: Decimal) -> tuple[Decimal, Decimal]:
    """八折 (tenths 8) -> 80 (the price paid, in %) and 20 (the % off)."""
    paid = tenths * 10 if tenths < 10 else tenths  # 七五折: 75
    return paid, 100 - paid


def _special_numbers(text: str) -> tuple[str, list[Number]]:
    """Discounts and weak numerals read first, and ``text`` with them blanked."""
    found: list[Number] = []
    for m in _DISCOUNT.finditer(text):
        if m.group("half"):
            found.append(_num(m.group(), m.start(), 50, reportable=False))
            continue
        if m.group("cn"):
            tenths = Decimal("".join(str(_CN_DIGITS[ch]) for ch in m.group("cn")))
        else:
            tenths = Decimal(m.group("ar"))
            tenths = tenths * 10 if "." in m.group("ar") else tenths
        found.append(_num(m.group(), m.start(), tenths, *_discount_percents(tenths)))
    for m in _CN_FRACTION.finditer(text):
        if m.group("d") in ("百", "佰"):
            continue  # 百分之二十: a percentage, read as 20 below
        whole, part = parse_chinese(m.group("d")), parse_chinese(m.group("n"))
        if whole and part is not None:
            found.append(_num(m.group(), m.start(), part / whole))
    for m in _WEAK.finditer(text):
        value = parse_chinese(m.group()[:-1])
        if value is not None:
            found.append(_num(m.group(), m.start(), value, reportable=False))
    spans = [(n.start, n.start + len(n.text)) for n in found]
    return blank_ranges(text, spans), found


def _chinese_numbers(text: str) -> Iterator[Number]:
    text, special = _special_numbers(text)
    yield from special
    plain = _NOT_NUMBERS.sub(lambda m: "\ufffc" * len(m.group()), text)
    for m in _CN_NUMBER.finditer(plain):
        numeral, start, end = m.group("int"), m.start(), m.end()
        if start > 0 and plain[start - 1] in "0123456789.":
            continue  # 2万, 1.5亿: the Arabic reading has it
        after = plain[end : end + 2]
        before = plain[start - 1] if start > 0 else ""
        vague = (bool(before) and before in _VAGUE_BEFORE) or (
            bool(after) and after[0] in _VAGUE_AFTER
        )
        ordinal = before == "第"
        measured = ordinal or after.startswith(_MEASURES) or m.group("dec") is not None
        if len(numeral) == 1 and not measured:
            continue  # 三心二意, 一起: a lone numeral without a measure word is not a count
        if len(numeral) == 2 and all(ch in _CN_DIGITS for ch in numeral) and not measured:
            continue  # 五一, 三八: names and dates of festivals, not "fifty-one"
        if len(numeral) == 2 and all(ch in _CN_DIGITS for ch in numeral):
            # 三四天, 两三个: "three or four", a range, not 34.
            a, b = (Decimal(_CN_DIGITS[ch]) for ch in numeral)
            if numeral[0] != numeral[1] and after[:1] != "年":
                yield _num(numeral, start, a, b, reportable=False)
                continue
        value = parse_chinese(numeral)
        if value is None:
            continue
        if m.group("dec"):
            digits = "".join(str(_CN_DIGITS[ch]) for ch in m.group("dec"))
            value = Decimal(f"{value}.{digits}")
        if after[:1] in "点點时時" and m.group("dec") is None:
            yield _num(m.group(), start, *_hours(value), reportable=not vague)
            if plain[end + 1 : end + 2] == "半":
                yield _num("半", end + 1, 30, reportable=False)
            continue
        yield _num(m.group(), start, *_and_a_half(plain, end, value), reportable=not vague)


def _and_a_half(text: str, end: int, value: Decimal) -> list[Decimal]:
    """四个半小时 is four and a half hours."""
    if text[end : end + 2] in ("个半", "個半"):
        return [value + Decimal("0.5"), value]
    return [value]


def _multiplier_values(value: Decimal, mult: str | None) -> list[Decimal]:
    if not mult:
        return [value]
    return [value * _MULTIPLIERS[mult.lower()]]


def _arabic_numbers(text: str) -> Iterator[Number]:
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in _DISCOUNT.finditer(text)]
    for m in _TIME.finditer(text):
        hour, minute = Decimal(m.group("h")), Decimal(m.group("m"))
        yield _num(m.group("h"), m.start(), *_hours(hour))
        if minute:
            yield _num(m.group("m"), m.start("m"), minute)
        taken.append((m.start(), m.end()))
    for m in _ARABIC.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        try:
            value = Decimal(m.group("int").replace(",", ""))
            if m.group("dec"):
                value = Decimal(f"{m.group('int').replace(',', '')}.{m.group('dec')}")
        except InvalidOperation:
            continue
        values = _multiplier_values(value, m.group("mult"))
        if _HOUR_AFTER.match(text, m.end()):
            values = [v for value in values for v in _hours(value)]
        if len(values) == 1:
            values = _and_a_half(text, m.end(), values[0])
        yield _num(m.group().strip(), m.start(), *values)
        if text[m.end() : m.end() + 2] in ("点半", "點半"):
            yield _num("半", m.end() + 1, 30, reportable=False)


def parse_english(words: str) -> Decimal | None:
    """ "two thousand and five" -> 2005, "twenty-one" -> 21, "third" -> 3."""
    total, current = 0, 0
    for word in regex.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word in _EN_ORDINALS:
            current += _EN_ORDINALS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[word]
            current = 0
        else:
            return None
    return Decimal(total + current)


def _english_fractions(text: str) -> tuple[str, list[Number]]:
    """Fractions ("three-fourths", "a third") read first, and ``text`` with them blanked."""
    found = []
    for m in _EN_FRACTION.finditer(text):
        numerator = parse_english(m.group("n")) if m.group("n").lower() not in ("a", "one") else 1
        denominator = _EN_DENOMINATORS[m.group("d").lower().rstrip("s")]
        if numerator:
            found.append(_num(m.group(), m.start(), Decimal(numerator) / denominator))
    return blank_ranges(text, [(n.start, n.start + len(n.text)) for n in found]), found


def _english_numbers(text: str) -> Iterator[Number]:
    text, fractions = _english_fractions(text)
    yield from fractions
    # "second" (第二, or a unit of time) and "half" (半价, 五折) may match, never reported.
    for m in _WEAK_EN.finditer(text):
        word = m.group().lower()
        weak = (Decimal(2),) if word == "second" else (Decimal(50), Decimal("0.5"))
        yield _num(m.group(), m.start(), *weak, reportable=False)
    for m in _EN_NUMBER.finditer(text):
        value = parse_english(m.group())
        if value is None:
            continue
        if m.group().lower() in _EN_SCALES and not regex.search(
            r"\ba\s+$", text[max(0, m.start() - 3) : m.start()]
        ):
            continue  # the scale of a preceding digit: "2 million" (but "a hundred" is 100)
        values = _hours(value) if _HOUR_AFTER.match(text, m.end()) else [value]
        # "a dozen" is as often "some" as twelve.
        yield _num(m.group(), m.start(), *values, reportable="dozen" not in m.group().lower())
    for m in _MONTH.finditer(text):
        name = (m.group("m") or m.group("m2")).lower()
        yield _num(m.group().rstrip("."), m.start(), _MONTHS[name[:3]])


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` (Arabic, Chinese and English), in no particular order."""
    text = text.translate(_FULLWIDTH)
    return [*_arabic_numbers(text), *_chinese_numbers(text), *_english_numbers(text)]


def _blank(text: str, matches: list[TermMatch]) -> str:
    spans = [(m.start, m.end) for m in matches] + [(s, e) for _, s, e in mask_spans(text)]
    return blank_ranges(text, spans)


# Every character a number can be written with (digits, numerals, 半 and 折), in any script.
# The stdlib re: the same explicit class, scanned ~3x faster than by regex (Weibo posts).
_NUMERALS = re.compile(rf"[0-9０-９{_CN_CHARS}半折]")


@dataclass
class NumberOptions:
    # Report numbers the target has and the source lacks.
    extra: bool = True


def _same_numerals(seg: Segment) -> bool:
    # zh-Hans -> zh-Hant: conversion rewrites words, and the script of three numerals (万 萬,
    # 亿 億, 两 兩: the same value), never a value; the same numerals in the same order, read
    # in one script, are the same numbers.
    if seg.source_lang != seg.target_lang:
        return False
    source, target = _numerals_each([seg.source_plain, seg.target_plain])
    return source == target


# Traditional numerals -> their Simplified form, which has the same value.
_ONE_SCRIPT = str.maketrans("萬億兩", "万亿两")


# _NUMERALS or NUL, to find the numerals of many texts joined by NUL in one call.
_NUMERALS_AND_NUL = re.compile(rf"[0-9０-９{_CN_CHARS}半折\x00]")


def _numerals_each(texts: list[str]) -> list[str]:
    """``"".join(_NUMERALS.findall(text))`` for each of ``texts``, Traditional numerals read as
    Simplified ones (``_ONE_SCRIPT``), in a few calls for them all."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds a NUL itself
        return ["".join(_NUMERALS.findall(text)).translate(_ONE_SCRIPT) for text in texts]
    return "".join(_NUMERALS_AND_NUL.findall(joined)).translate(_ONE_SCRIPT).split("\x00")


def _maybe_changed(segs: Sequence[Segment], options: NumberOptions, env: CheckEnv) -> list[bool]:
    # _same_numerals for a batch: within one language, the numerals of all the sources and
    # all the targets are found in two calls.
    same = [k for k, seg in enumerate(segs) if seg.source_lang == seg.target_lang]
    verdicts = [True] * len(segs)
    if same:
        sources = _numerals_each([segs[k].source_plain for k in same])
        targets = _numerals_each([segs[k].target_plain for k in same])
        for k, source, target in zip(same, sources, targets, strict=True):
            verdicts[k] = source != target
    return verdicts


@register(
    "number_mismatch",
    severity="error",
    summary="a number, decimal, percentage, date or time that differs between source and target",
    options=NumberOptions,
    screen=_maybe_changed,
)
def number_mismatch(seg: Segment, options: NumberOptions, env: CheckEnv) -> Iterator[Hit]:
    if _same_numerals(seg):
        return
    # Numerals inside glossary terms are names (五台山, 7-Eleven), not quantities, and the
    # number inside a leftover placeholder is placeholder_leftover's business.
    source = find_numbers(_blank(seg.source_plain, source_matches(seg, env)))
    target = find_numbers(_blank(seg.target_plain, target_matches(seg, env)))
    source_values = frozenset().union(*(n.values for n in source)) if source else frozenset()
    target_values = frozenset().union(*(n.values for n in target)) if target else frozenset()
    seen: set[str] = set()
    for n in sorted(source, key=lambda n: n.start):
        if n.reportable and not n.values & target_values and n.text not in seen:
            seen.add(n.text)
            yield Hit(
                f"number {quote(n.text)} of the source is not in the target",
                {"number": n.text, "problem": "missing"},
            )
    if not options.extra:
        return
    for n in sorted(target, key=lambda n: n.start):
        if n.reportable and not n.values & source_values and n.text not in seen:
            seen.add(n.text)
            yield Hit(
                f"number {quote(n.text)} in the target is not in the source",
                {"number": n.text, "problem": "extra"},
            )

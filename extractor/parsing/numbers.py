"""French number expressions: "1.900", "58 000", "1,5 million", "cinquante mille".

The words (scale words, number words) come from the ``numbers`` lexicon; this
module only knows the structure of digit groups.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from text_to_num import text2num

_DIGITS_TEMPLATE = r"""
    (?<![\w.,/-])                           # not the tail of a word, number or date
    (?P<integer>
        \d{{1,3}}(?:[ \u00a0\u202f\u2009.'’]\d{{3}})+(?!\d)  # grouped: 58 000, 1.900, 58\u202f000, Swiss 246'000
      | \d+                                              # plain: 300
    )
    (?:,(?P<decimal>\d+))?                  # decimal comma: 1,5
    (?:[ \u00a0\u202f]?(?P<scale>{scales})(?![\w]))?     # million(s), milliard(s), M, k
    (?P<plus>\+)?                           # "100 000+"
    (?![\w%€$])                             # not "5G", "35%", "4€"
"""


@lru_cache(maxsize=8)
def digits_pattern(scale_words: tuple[str, ...]) -> re.Pattern[str]:
    """Return the regex of digit expressions, scale words longest first."""
    alternation = "|".join(re.escape(word) for word in sorted(scale_words, key=len, reverse=True))
    return re.compile(_DIGITS_TEMPLATE.format(scales=alternation or "(?!)"), re.VERBOSE)


def parse_digits(integer: str, decimal: str | None = None, scale: int = 1) -> int | None:
    """Return the integer a digit expression denotes, or None when it is not whole.

    >>> parse_digits("1.900"), parse_digits("1", "5", 10**6)
    (1900, 1500000)
    """
    digits = "".join(char for char in integer if char.isdigit())
    if not digits:
        return None
    try:
        value = Decimal(digits)
        if decimal:
            value += Decimal(decimal) / (Decimal(10) ** len(decimal))
    except InvalidOperation:
        return None
    value *= scale
    if value != value.to_integral_value():
        return None
    return int(value)


def parse_words(text: str) -> int | None:
    """Return the value of a number written in French words, or None.

    >>> parse_words("cinquante mille"), parse_words("un milliard"), parse_words("septante mille")
    (50000, 1000000000, 70000)
    """
    cleaned = " ".join(text.replace("\u2019", "'").split())
    try:
        return int(text2num(cleaned, "fr"))
    except (ValueError, TypeError, IndexError):
        return None


def parse_count(text: str, scales: dict[str, int]) -> int | None:
    """Return the integer of a whole count expression, digits or words, or None.

    ``scales`` maps scale words ("million", "M", "milliards") to multipliers.

    >>> scales = {"million": 10**6, "millions": 10**6, "M": 10**6}
    >>> parse_count("58\u202f000", scales), parse_count("2,3 millions", scales)
    (58000, 2300000)
    """
    text = text.strip()
    match = digits_pattern(tuple(scales)).fullmatch(text)
    if match:
        scale = scales[match.group("scale")] if match.group("scale") else 1
        return parse_digits(match.group("integer"), match.group("decimal"), scale)
    return parse_words(text)


RANGE_LINKS = {"et", "à", "a", "-", "–", "ou"}


@dataclass(frozen=True)
class NumberMatch:
    """A count expression found in a text."""

    start: int
    end: int
    value: int
    plus: bool = False  # "100 000+"


@lru_cache(maxsize=8)
def words_pattern(number_words: tuple[str, ...]) -> re.Pattern[str]:
    """Return the regex of runs of number words ("trois cent mille", "nonante-cinq")."""
    alternation = "|".join(re.escape(word) for word in sorted(number_words, key=len, reverse=True))
    word = rf"(?:{alternation})"
    return re.compile(rf"(?<![\w-])(?:{word})(?:(?:\s+|-)(?:{word}))*(?![\w-])", re.IGNORECASE)


def find_numbers(
    text: str, scales: dict[str, int], number_words: tuple[str, ...], lone_words: tuple[str, ...] = ()
) -> list[NumberMatch]:
    """Return every count expression of ``text``, in digits or in words, in text order.

    Runs of words that are only connectors ("et") or lone articles ("un",
    "une": "une application" is no count) are not numbers.

    >>> [n.value for n in find_numbers("passer de 300 à 58\u00a0000, puis un milliard", {"milliard": 10**9}, ("un", "milliard"), ("un",))]
    [300, 58000, 1000000000]
    """
    found: list[NumberMatch] = []
    matches = list(digits_pattern(tuple(scales)).finditer(text))
    for match, following in zip(matches, matches[1:] + [None]):
        scale = scales[match.group("scale")] if match.group("scale") else 1
        if not match.group("scale") and following is not None and following.group("scale"):
            # "entre 1,5 et 2 millions", "de 2 à 3 milliards": the scale is shared
            link = text[match.end() : following.start()].strip().lower()
            if link in RANGE_LINKS:
                scale = scales[following.group("scale")]
        value = parse_digits(match.group("integer"), match.group("decimal"), scale)
        if value:
            found.append(NumberMatch(match.start(), match.end(), value, bool(match.group("plus"))))
    lone = {word.lower() for word in lone_words}
    scale_words = {word.lower() for word in scales}
    starts = [n.start for n in found]  # digit matches come in text order
    for match in words_pattern(number_words).finditer(text):
        position = bisect_right(starts, match.start())
        neighbours = found[max(0, position - 1) : position + 1]
        if any(n.start < match.end() and match.start() < n.end for n in neighbours):
            continue  # "million" of "1,5 million" is already read
        words = re.split(r"[\s-]+", match.group().lower())
        if words[-1] == "et" or words[0] == "et" or all(word in lone for word in words):
            continue
        if all(word in scale_words for word in words):
            # "le cap du million": a lone singular scale word counts one of it
            before = text[max(0, match.start() - 4) : match.start()].lower().split()
            if len(words) > 1 or words[0].endswith("s") or not before or before[-1] not in {"du", "le", "au"}:
                continue
        value = parse_words(match.group())
        if value:
            found.append(NumberMatch(match.start(), match.end(), value))
    return sorted(found, key=lambda n: n.start)

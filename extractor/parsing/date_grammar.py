"""The shape of French date expressions, as regular expressions over text.

The words (months, weekdays, seasons, relative phrases…) are passed in from
the lexicons; this module only knows the structure that joins them: "day
month year", "du … au …", "fin + month", "il y a N jours". Each pattern has
a kind, which `extractor.parsing.partial_dates` and the dates component
interpret; a group named ``span`` marks the expression inside a leading
preposition that is needed to recognise it ("en mars" → "mars").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DateVocabulary:
    """The words the date grammar is built from (from the lexicons)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    periods: dict[str, int]  # "trimestre" -> 3 months
    period_abbreviations: dict[str, int]  # "T" -> 3 months
    ordinals: dict[str, int]
    edge_words: list[str]
    units: dict[str, str]  # "jours" -> "day"
    relative: dict[str, tuple[str | None, int, bool]]  # folded phrase -> (unit, offset, anaphoric)
    relative_phrases: list[str]  # the same phrases as written (with accents), for the grammar
    weekday_modifiers: dict[str, int]  # "dernier" -> -1
    month_modifiers: dict[str, int]  # "novembre dernier" -> -1
    counted_before: dict[str, int]  # "il y a" -> -1
    counted_after: list[str]  # "plus tard", … (anaphoric)
    number_words: list[str]


def _alternation(words) -> str:
    """Return a regex alternation of words, longest first, apostrophes and spaces loose."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word)
        escaped = escaped.replace("'", "['’]").replace(r"\ ", r"\s+").replace(r"\-", r"[-‑]")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def build_patterns(vocab: DateVocabulary) -> list[tuple[str, re.Pattern[str]]]:
    """Return (kind, compiled regex) pairs, case-insensitive, most specific first."""
    wd = _alternation(vocab.weekdays)
    month = _alternation(vocab.months)
    day = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])"
    year = r"(?:19[5-9]\d|20[0-4]\d)"
    edge = _alternation(vocab.edge_words)
    season = _alternation(vocab.seasons)
    period = _alternation(vocab.periods)
    abbreviation = _alternation(vocab.period_abbreviations)
    ordinal = _alternation([*vocab.ordinals, "dernier"])
    unit = _alternation(vocab.units)
    amount = r"(?:\d+|" + _alternation([*vocab.number_words, "quelques"])[3:-1] + r")"
    modifier = _alternation(vocab.weekday_modifiers)
    month_modifier = _alternation(vocab.month_modifiers)
    relative = _alternation(vocab.relative_phrases)
    before = _alternation(vocab.counted_before)
    after = _alternation(vocab.counted_after)
    b, e = r"(?<![\w])", r"(?![\w])"  # word boundaries that know accents
    w = r"\s+"
    patterns = {
        # "vendredi 18 et le samedi 19 septembre 2020", "du 3 au 5 mars", "18-19 septembre"
        "day_range": rf"""{b}(?P<span>(?:(?P<wd1>{wd}){w})?(?P<d1>{day})(?:{w}(?P<m1>{month})(?:{w}(?P<y1>{year}))?)?
            \s*(?:au|et{w}le|et{w}l['’]|et|[-–]|à){w}?(?:(?P<wd2>{wd}){w})?(?P<d2>{day}){w}(?P<m2>{month})(?:{w}(?P<y2>{year}))?){e}""",
        # "vendredi et samedi dernier", "de vendredi à samedi"
        "weekday_pair": rf"{b}(?P<span>(?P<wd1>{wd}){w}(?:et|à|au){w}(?P<wd2>{wd})(?:{w}(?P<mod>{modifier})s?)?){e}",
        # "novembre dernier", "mars prochain"
        "month_relative": rf"{b}(?P<span>(?P<m>{month}){w}(?P<mod>{month_modifier})){e}",
        # "de janvier à mars 2021", "entre avril et juin"
        "month_range": rf"""{b}(?:de|d['’]|entre){w}(?P<span>(?P<m1>{month})(?:{w}(?P<y1>{year}))?{w}(?:à|au|et){w}(?P<m2>{month})(?:{w}(?P<y2>{year}))?){e}""",
        # "de 2019 à 2021", "2019-2020"
        "year_range": rf"""{b}(?P<span>(?:(?:de|entre){w})?(?P<y1>{year})\s*(?:[-–/]|{w}(?:à|et){w})\s*(?P<y2>{year})){e}""",
        # "vendredi 18 septembre 2020", "1er mars", "18 sept. 2020"
        "day": rf"{b}(?P<span>(?:(?P<wd>{wd}){w}(?:le{w})?)?(?P<d>{day}){w}(?P<m>{month})(?:{w}(?P<y>{year})|{w}(?P<mod>{month_modifier}))?){e}",
        # "18/09/2020", "2020-09-18"
        "numeric": rf"{b}(?P<span>(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>{year})|(?P<y2>{year})-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)){e}",
        # "fin mars 2021", "mi-juin", "début septembre"
        "edge_month": rf"{b}(?P<span>(?P<edge>{edge})\s*(?:(?:de|du\s+mois\s+de|d['’]){w})?(?P<m>{month})(?:{w}(?P<y>{year}))?){e}",
        # "début 2021", "mi-2022", "fin de l'année 2020"
        "edge_year": rf"{b}(?P<span>(?P<edge>{edge})\s*(?:(?:l['’]année|de\s+l['’]année|d['’]année){w})?(?P<y>{year})){e}",
        # "au premier trimestre 2024", "T3 2023", "le dernier trimestre"
        "quarter": rf"""{b}(?P<span>(?:(?P<ord>{ordinal}){w}(?P<period>{period})(?:{w}(?:de{w}l['’]année{w}|de{w})?(?P<y>{year}))?
            |(?P<abbr>{abbreviation})(?P<n>[1-4]){w}(?P<y2>{year}))){e}""",
        # "à l'automne 2021", "cet été", "l'hiver dernier"
        "season": rf"""{b}(?P<pre>au|à{w}l['’]|en|cet|cette|ce|l['’]|de{w}l['’]|du|d['’]|dès{w}l['’]|depuis{w}l['’])\s*(?P<span>(?:(?P<edge>{edge}){w}(?:de{w}l['’]|du{w}|d['’])?)?
            (?P<season>{season})(?:{w}(?P<y>{year})|{w}(?P<mod>{modifier}))?){e}""",
        # "mars 2021"
        "month_year": rf"{b}(?P<span>(?P<m>{month}){w}(?P<y>{year})){e}",
        # "en mars", "au mois de mai", "depuis juillet"
        "month": rf"""{b}(?:en|depuis|dès|courant|jusqu['’]en|(?:au|le){w}mois{w}d['’e]|mois{w}d['’e]|d['’]ici){w}?(?P<span>(?P<m>{month})){e}""",
        # "il y a trois jours", "dans deux semaines"
        "counted": rf"{b}(?P<span>(?P<before>{before}){w}(?P<n>{amount}){w}(?P<unit>{unit})){e}",
        # "trois jours plus tard", "une semaine auparavant"
        "anaphoric_counted": rf"{b}(?P<span>(?P<n>{amount}){w}(?P<unit>{unit}){w}(?P<after>{after})){e}",
        # "hier", "la semaine dernière", "ce week-end", "l'an dernier"
        "relative": rf"{b}(?P<span>{relative}){e}",
        # "lundi dernier", "ce mardi", "mardi prochain"
        "weekday_relative": rf"{b}(?P<span>(?:(?P<this>ce|cet){w})?(?P<wd>{wd})(?:{w}(?P<mod>{modifier}))?){e}",
        # "en 2019", "2020"
        "year": rf"{b}(?P<span>(?:l['’]année{w})?(?P<y>{year})){e}",
    }
    return [(kind, re.compile(pattern, re.IGNORECASE | re.VERBOSE)) for kind, pattern in patterns.items()]

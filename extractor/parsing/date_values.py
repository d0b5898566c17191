"""Turn a matched date expression into ISO values against a reference date.

`read()` turns one regex match of `date_grammar` into a `DateReading` (what the
words say, with the year possibly missing); `resolve()` fills the gaps from the
reference date (guidelines §2) and returns ``(value, end_value)``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractor.parsing.date_grammar import DateVocabulary
from extractor.parsing.names import fold
from extractor.parsing.numbers import parse_words
from extractor.parsing.partial_dates import (
    PartialDate,
    infer_year,
    is_valid_day,
    month_range,
    next_weekday,
    previous_weekday,
    shift_days,
    shift_months,
    this_week_day,
    week_bounds,
    weekend_bounds,
)


@dataclass(frozen=True)
class Part:
    """One end of a date expression as written: any field may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None


@dataclass(frozen=True)
class DateReading:
    """What a date expression says, before resolution."""

    kind: str
    start: Part = field(default_factory=Part)
    end: Part | None = None
    relative_unit: str | None = None  # day, week, weekend, month, year
    offset: int = 0
    weekday_offset: int | None = None  # "lundi dernier": -1; "ce lundi": 0; bare "lundi": None
    anaphoric: bool = False

    @property
    def is_full(self) -> bool:
        """Return whether the expression states a whole day with its year."""
        ends = [self.start] + ([self.end] if self.end else [])
        return any(p.year and p.month and p.day for p in ends)


def _lookup(table: dict[str, int], word: str | None) -> int | None:
    if word is None:
        return None
    key = fold(word).replace("\u2011", "-")
    for name, value in table.items():
        if fold(name) == key:
            return value
    return None


def _day(text: str | None) -> int | None:
    if text is None:
        return None
    folded = fold(text)
    if folded in {"1er", "1re", "premier"}:
        return 1
    return int(folded) if folded.isdigit() else None


def _year(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _amount(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if fold(text) == "quelques":
        return None
    return parse_words(text)


def read(kind: str, match: re.Match[str], vocab: DateVocabulary) -> DateReading | None:
    """Return what the words of one match say, or None when they are no date."""
    g = match.groupdict()
    months, weekdays = vocab.months, vocab.weekdays
    if kind == "day_range":
        end = Part(_year(g["y2"]), _lookup(months, g["m2"]), _day(g["d2"]), _lookup(weekdays, g["wd2"]))
        start = Part(
            _year(g["y1"]) or end.year,
            _lookup(months, g["m1"]) or end.month,
            _day(g["d1"]),
            _lookup(weekdays, g["wd1"]),
        )
        if start.month == end.month and start.year == end.year and (start.day or 0) >= (end.day or 0):
            return None
        return DateReading(kind, start, end)
    if kind == "weekday_pair":
        offset = _lookup(vocab.weekday_modifiers, g["mod"])
        return DateReading(
            kind,
            Part(weekday=_lookup(weekdays, g["wd1"])),
            Part(weekday=_lookup(weekdays, g["wd2"])),
            weekday_offset=offset,
        )
    if kind == "month_range":
        end = Part(_year(g["y2"]), _lookup(months, g["m2"]))
        start = Part(_year(g["y1"]) or end.year, _lookup(months, g["m1"]))
        return DateReading(kind, start, end)
    if kind == "year_range":
        first, second = int(g["y1"]), int(g["y2"])
        return DateReading(kind, Part(first), Part(second)) if second > first else None
    if kind == "day":
        # "25 mai dernier": the last 25 May, which year inference prefers anyway
        return DateReading(
            kind, Part(_year(g["y"]), _lookup(months, g["m"]), _day(g["d"]), _lookup(weekdays, g["wd"]))
        )
    if kind == "numeric":
        y, m, d = (g["y"], g["m"], g["d"]) if g["y"] else (g["y2"], g["m2"], g["d2"])
        if not (1 <= int(m) <= 12) or not is_valid_day(int(y), int(m), int(d)):
            return None
        return DateReading(kind, Part(int(y), int(m), int(d)))
    if kind == "month_relative":
        offset = _lookup(vocab.month_modifiers, g["mod"]) or -1
        return DateReading(kind, Part(month=_lookup(months, g["m"])), relative_unit="named_month", offset=offset)
    if kind in {"edge_month", "month_year", "month"}:
        return DateReading(kind, Part(_year(g.get("y")), _lookup(months, g["m"])))
    if kind in {"edge_year", "year"}:
        return DateReading(kind, Part(int(g["y"])))
    if kind == "quarter":
        if g["abbr"]:
            size = _lookup(vocab.period_abbreviations, g["abbr"])
            index, year = int(g["n"]), _year(g["y2"])
        else:
            size = _lookup(vocab.periods, g["period"])
            index = 12 // size if fold(g["ord"]) == "dernier" else _lookup(vocab.ordinals, g["ord"])
            year = _year(g["y"])
        if not size or not index or index * size > 12:
            return None
        first = (index - 1) * size + 1
        return DateReading(kind, Part(year, first), Part(year, first + size - 1))
    if kind == "season":
        first, last = _season(vocab, g["season"])
        offset = _lookup(vocab.weekday_modifiers, g["mod"]) if g["mod"] else 0
        year = _year(g["y"])
        relative = year is None and (g["mod"] or fold(g["pre"]) in {"cet", "cette", "ce"})
        end_year = year + 1 if year and last < first else year
        return DateReading(
            kind, Part(year, first), Part(end_year, last), relative_unit="year" if relative else None, offset=offset
        )
    if kind == "counted":
        unit = vocab.units.get(fold(g["unit"]))
        amount = _amount(g["n"])
        direction = _lookup(vocab.counted_before, g["before"]) or -1
        if amount is None or unit is None:
            return DateReading(kind, anaphoric=True)
        return DateReading(kind, relative_unit=unit, offset=direction * amount)
    if kind == "anaphoric_counted":
        unit = vocab.units.get(fold(g["unit"]))
        amount = _amount(g["n"])
        after = fold(g["after"])
        direction = -1 if after in {"auparavant", "avant", "plus tot"} else 1
        if amount is None or unit is None:
            return DateReading(kind, anaphoric=True)
        return DateReading(kind, relative_unit=unit, offset=direction * amount, anaphoric=True)
    if kind == "weekday_relative":
        offset = _lookup(vocab.weekday_modifiers, g["mod"]) if g["mod"] else (0 if g["this"] else None)
        return DateReading(kind, Part(weekday=_lookup(weekdays, g["wd"])), weekday_offset=offset)
    if kind == "relative":
        key = " ".join(fold(g["span"]).replace("\u2011", "-").split())
        if key not in vocab.relative:
            return None
        unit, offset, anaphoric = vocab.relative[key]
        return DateReading(kind, relative_unit=unit, offset=offset, anaphoric=anaphoric)
    raise ValueError(f"unknown date kind {kind!r}")


def _season(vocab: DateVocabulary, word: str) -> tuple[int, int]:
    key = fold(word)
    for name, months in vocab.seasons.items():
        if fold(name) == key:
            return months
    raise KeyError(word)


def _complete(
    part: Part, reference: PartialDate | None, prefer_past: bool = True, tense: str | None = None
) -> PartialDate | None:
    """Return a stated date with its year filled in from the reference."""
    if part.month is None:
        return PartialDate(part.year) if part.year else None
    year = part.year
    if year is None:
        if reference is None:
            return None
        year = infer_year(part.month, part.day, reference, part.weekday, prefer_past=prefer_past, tense=tense)
        if year is None:
            return None
    if part.day is not None and not is_valid_day(year, part.month, part.day):
        return None
    return PartialDate(year, part.month, part.day)


def resolve(
    reading: DateReading,
    reference: PartialDate | None,
    anchor: PartialDate | None = None,
    *,
    day_anchor: PartialDate | None = None,
    prefer_past: bool = True,
    tense: str | None = None,
) -> tuple[str | None, str | None]:
    """Return ``(value, end_value)`` of a reading against the reference date.

    ``anchor`` is the date of the previous date expression and ``day_anchor``
    the previous one known to the day, used by anaphoric expressions ("dix-huit
    mois plus tard", "le lendemain"). ``prefer_past`` is set when the reference
    is the publication date (news reports the past); ``tense`` ("future",
    "past") is what the words before the date say, and wins over it.
    """
    if reading.anaphoric:
        return _resolve_anaphoric(reading, day_anchor if reading.relative_unit == "day" else anchor)
    if reading.relative_unit is not None or reading.weekday_offset is not None or (
        reading.kind in {"weekday_pair", "weekday_relative"}
    ):
        return _resolve_relative(reading, reference)
    if reading.end is not None and reading.start.year is None and reading.end.year is None and reading.end.month:
        # "entre le 1er janvier et le 30 novembre", "à l'automne": the year is
        # inferred once, for the end, and the start follows it
        end = _complete(reading.end, reference, prefer_past, tense)
        if end is None or reading.start.month is None:
            return None, None
        year = end.year - (1 if reading.start.month > end.month else 0)
        start = _complete(Part(year, reading.start.month, reading.start.day, reading.start.weekday), reference)
        return (start.iso() if start else None), end.iso()
    start = _complete(reading.start, reference, prefer_past, tense)
    if start is None:
        return None, None
    if reading.end is None:
        return start.iso(), None
    end_part = reading.end
    if end_part.year is None and start.year and end_part.month is not None:
        # the right side of "du 28 décembre au 3 janvier" is in the next year
        year = start.year + (1 if end_part.month < (start.month or 1) else 0)
        end_part = Part(year, end_part.month, end_part.day, end_part.weekday)
    end = _complete(end_part, reference, prefer_past, tense)
    if end is None:
        return start.iso(), None
    return start.iso(), end.iso()


def _resolve_anaphoric(reading: DateReading, anchor: PartialDate | None) -> tuple[str | None, str | None]:
    """Resolve "dix-huit mois plus tard" only when the arithmetic is certain."""
    if anchor is None or reading.relative_unit is None:
        return None, None
    unit = reading.relative_unit
    if unit == "day" and reading.kind == "relative" and anchor.precision == "day":
        # "le lendemain", "la veille" of a stated day (a counted "trois jours
        # plus tard" stays null, as the guidelines' example does)
        return PartialDate.of(shift_days(anchor.first_day(), reading.offset)).iso(), None
    if unit == "year" and anchor.month is None:
        return PartialDate(anchor.year + reading.offset).iso(), None
    if unit in {"year", "month"} and anchor.month is not None:
        months = reading.offset * (12 if unit == "year" else 1)
        year, month = shift_months(anchor.year, anchor.month, months)
        return PartialDate(year, month).iso(), None
    return None, None


def _resolve_relative(reading: DateReading, reference: PartialDate | None) -> tuple[str | None, str | None]:
    if reference is None:
        return None, None
    unit = reading.relative_unit
    if reading.kind == "season":
        year = reference.year + reading.offset
        first, last = month_range(year, reading.start.month or 1, reading.end.month if reading.end else 12)
        return first.iso(), last.iso()
    if unit == "year":
        return PartialDate(reference.year + reading.offset).iso(), None
    if unit == "named_month":
        if reference.month is None:
            return None, None
        month = reading.start.month
        year = reference.year
        if reading.offset < 0 and month >= reference.month:
            year -= 1
        elif reading.offset > 0 and month <= reference.month:
            year += 1
        return PartialDate(year, month).iso(), None
    if unit == "month":
        if reference.month is None:
            return None, None
        year, month = shift_months(reference.year, reference.month, reading.offset)
        return PartialDate(year, month).iso(), None
    if reference.precision != "day":
        return None, None
    today = reference.first_day()
    if unit == "day":
        return PartialDate.of(shift_days(today, reading.offset)).iso(), None
    if unit == "week":
        if reading.kind == "counted":
            return PartialDate.of(shift_days(today, 7 * reading.offset)).iso(), None
        monday, sunday = week_bounds(today, reading.offset)
        return PartialDate.of(monday).iso(), PartialDate.of(sunday).iso()
    if unit == "weekend":
        saturday, sunday = weekend_bounds(today, reading.offset)
        return PartialDate.of(saturday).iso(), PartialDate.of(sunday).iso()
    first = _weekday_day(today, reading.start.weekday, reading.weekday_offset)
    if first is None:
        return None, None
    if reading.end is None or reading.end.weekday is None:
        return PartialDate.of(first).iso(), None
    last = first + dt.timedelta(days=(reading.end.weekday - reading.start.weekday) % 7)
    if reading.weekday_offset is not None and reading.weekday_offset < 0 and last >= today:
        # "vendredi et samedi dernier" read on a Saturday: the pair before
        first, last = first - dt.timedelta(weeks=1), last - dt.timedelta(weeks=1)
    return PartialDate.of(first).iso(), PartialDate.of(last).iso()


def _weekday_day(today: dt.date, weekday: int | None, offset: int | None) -> dt.date | None:
    if weekday is None:
        return None
    if offset is None:  # bare "lundi" in news: the last one, or today
        return previous_weekday(today, weekday, strict=False)
    if offset < 0:
        return previous_weekday(today, weekday)
    if offset > 0:
        return next_weekday(today, weekday)
    return this_week_day(today, weekday)

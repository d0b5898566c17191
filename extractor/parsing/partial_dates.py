"""Partial dates (year, month, day; each optional) and their resolution.

A French date expression gives a date at some precision ("2020", "septembre
2020", "vendredi 18 septembre"). The missing parts come from a reference
date (guidelines §2): the publication date, or the latest full date the
article states. Everything here is pure arithmetic on ``datetime.date``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """Return "year", "month" or "day"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """Return the ISO 8601 form at this precision: 2020, 2020-09, 2020-09-18."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> dt.date:
        """Return the first calendar day this partial date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """Return the last calendar day this partial date covers."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """Return the day-precision partial date of ``day``."""
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, iso: str) -> PartialDate:
        """Return the partial date of an ISO string "2020", "2020-09" or "2020-09-18".

        Raises:
            ValueError: if ``iso`` is not such a string or not a real date.
        """
        parts = iso.split("-")
        if (
            not 1 <= len(parts) <= 3
            or len(parts[0]) != 4
            or any(len(part) != 2 for part in parts[1:])
            or not all(part.isdigit() for part in parts)
            or any(int(part) == 0 for part in parts[1:])
        ):
            raise ValueError(f"not an ISO date at year, month or day precision: {iso!r}")
        numbers = [int(part) for part in parts] + [None] * (3 - len(parts))
        value = cls(*numbers)
        value.first_day()  # raises ValueError for 2020-13 or 2021-02-30
        return value


def is_valid_day(year: int, month: int, day: int) -> bool:
    """Return whether year-month-day is a real calendar day."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def infer_year(
    month: int,
    day: int | None,
    reference: PartialDate,
    weekday: int | None = None,
    *,
    prefer_past: bool = True,
    tense: str | None = None,
) -> int | None:
    """Return the year of a year-less date, from the reference and the weekday.

    The candidates are the reference year and its neighbours; a stated weekday
    (0 = Monday) must agree. News reports what has happened, so the latest
    candidate on or before the reference wins ("signée le 24 janvier", read
    in August, is this January), unless it lies almost a year back while the
    next one is weeks ahead ("le 5 janvier", read on 20 December). Without
    ``prefer_past`` (a reference taken from the text, which the article may
    well go beyond) the candidate closest to the reference wins. A ``tense``
    read from the words before the date decides first: "future" takes the
    first candidate not yet over ("d'ici mars", read in December, is next
    March), "past" the latest begun ("depuis sa sortie en mars", read in
    January).
    """
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if day is not None:
            if not is_valid_day(year, month, day):
                continue
            if weekday is not None and dt.date(year, month, day).weekday() != weekday:
                continue
        candidates.append(year)
    if not candidates:
        return None
    if reference.precision == "year":
        return reference.year if reference.year in candidates else min(candidates, key=lambda y: abs(y - reference.year))
    anchor = reference.last_day()

    def first_day(year: int) -> dt.date:
        return dt.date(year, month, day or 1)

    if tense == "future":
        ahead = [y for y in candidates if dt.date(y, month, day or 28) >= anchor]
        if ahead:
            return min(ahead)
    if tense == "past":
        begun = [y for y in candidates if first_day(y) <= anchor]
        if begun:
            return max(begun)

    if not prefer_past:
        middle = _middle(reference)
        return min(candidates, key=lambda y: abs((dt.date(y, month, day or 15) - middle).days))
    past = [y for y in candidates if first_day(y) <= anchor]
    future = [y for y in candidates if first_day(y) > anchor]
    if past:
        latest = max(past)
        soon = [y for y in future if (first_day(y) - anchor).days <= 45]
        if soon and (anchor - first_day(latest)).days > 300:
            return min(soon)
        return latest
    return min(future)


def _middle(value: PartialDate) -> dt.date:
    first, last = value.first_day(), value.last_day()
    return first + (last - first) / 2


def shift_days(reference: dt.date, days: int) -> dt.date:
    """Return ``reference`` moved by ``days`` days."""
    return reference + dt.timedelta(days=days)


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return (year, month) moved by ``months`` months."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def week_bounds(reference: dt.date, weeks: int = 0) -> tuple[dt.date, dt.date]:
    """Return Monday and Sunday of the calendar week ``weeks`` away from ``reference``'s."""
    monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=weeks)
    return monday, monday + dt.timedelta(days=6)


def weekend_bounds(reference: dt.date, offset: int = 0) -> tuple[dt.date, dt.date]:
    """Return Saturday and Sunday of "ce week-end" (offset 0), "le week-end dernier" (-1) or "prochain" (1).

    "Ce week-end" is the nearest weekend: the current one on Saturday and
    Sunday, the one just past on Monday and Tuesday, the coming one later in
    the week. "Le week-end dernier" is the last weekend wholly before the
    reference day; "le week-end prochain" the first wholly after it.
    """
    weekday = reference.weekday()
    if offset < 0:
        saturday = previous_weekday(reference, 5)
        if weekday == 6:
            saturday -= dt.timedelta(weeks=1)
    elif offset > 0:
        saturday = next_weekday(reference, 5)
    elif weekday >= 5:
        saturday = reference - dt.timedelta(days=weekday - 5)
    elif weekday <= 1:
        saturday = reference - dt.timedelta(days=weekday + 2)
    else:
        saturday = reference + dt.timedelta(days=5 - weekday)
    return saturday, saturday + dt.timedelta(days=1)


def previous_weekday(reference: dt.date, weekday: int, *, strict: bool = True) -> dt.date:
    """Return the last ``weekday`` (0 = Monday) before ``reference`` (or on it, if not strict)."""
    back = (reference.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return reference - dt.timedelta(days=back)


def next_weekday(reference: dt.date, weekday: int) -> dt.date:
    """Return the first ``weekday`` (0 = Monday) after ``reference``."""
    ahead = (weekday - reference.weekday()) % 7 or 7
    return reference + dt.timedelta(days=ahead)


def this_week_day(reference: dt.date, weekday: int) -> dt.date:
    """Return the ``weekday`` of ``reference``'s calendar week ("ce lundi")."""
    return reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(days=weekday)


def month_range(year: int, first_month: int, last_month: int) -> tuple[PartialDate, PartialDate]:
    """Return a range of months as two month-precision dates; it may cross into the next year.

    >>> [p.iso() for p in month_range(2021, 12, 2)]
    ['2021-12', '2022-02']
    """
    end_year = year + 1 if last_month < first_month else year
    return PartialDate(year, first_month), PartialDate(end_year, last_month)

"""extractor.parsing.partial_dates: ISO forms, year inference, weeks and weekends."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.parsing.partial_dates import (
    PartialDate,
    infer_year,
    month_range,
    previous_weekday,
    week_bounds,
    weekend_bounds,
)

D = dt.date
MONDAY, THURSDAY, FRIDAY = 0, 3, 4


@pytest.mark.parametrize(
    "value, iso, precision",
    [
        (PartialDate(2020), "2020", "year"),
        (PartialDate(2020, 9), "2020-09", "month"),
        (PartialDate(2020, 9, 18), "2020-09-18", "day"),
        (PartialDate(2021, 1, 5), "2021-01-05", "day"),
    ],
)
def test_partial_date_iso_and_parse_round_trip(value, iso, precision):
    assert value.iso() == iso
    assert value.precision == precision
    assert PartialDate.parse(iso) == value


@pytest.mark.parametrize(
    "value, first, last",
    [
        (PartialDate(2020), D(2020, 1, 1), D(2020, 12, 31)),
        (PartialDate(2021, 2), D(2021, 2, 1), D(2021, 2, 28)),
        (PartialDate(2024, 2), D(2024, 2, 1), D(2024, 2, 29)),
        (PartialDate(2020, 9, 18), D(2020, 9, 18), D(2020, 9, 18)),
    ],
)
def test_partial_date_first_and_last_day(value, first, last):
    assert (value.first_day(), value.last_day()) == (first, last)


@pytest.mark.parametrize(
    "text",
    [
        "2020-13",  # no 13th month
        "2021-02-29",  # not a leap year
        "2020-00",  # month 0
        "2020-01-00",  # day 0
        "2020-09-31",
        "20",
        "",
        "2020/09/18",
        "18/09/2020",
        "2020-09-18T10:00",
        "2020-09-18-01",
        "septembre 2020",
        "2020-9-18",  # ISO 8601 writes months and days with two digits
        "2020-09-1",
    ],
)
def test_partial_date_parse_rejects_invalid_iso(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    "month, day, reference, weekday, expected",
    [
        # "vendredi 18 septembre" read on Tuesday 22 September 2020
        (9, 18, PartialDate(2020, 9, 22), FRIDAY, 2020),
        # "jeudi 12 mars" read on 14 March 2021: 12 March 2021 is a Friday, 2020's a Thursday
        (3, 12, PartialDate(2021, 3, 14), THURSDAY, 2020),
        (3, 12, PartialDate(2021, 3, 14), FRIDAY, 2021),
        # no year with that weekday among the neighbours
        (9, 18, PartialDate(2020, 9, 22), MONDAY, None),
        # year boundary: "le 28 décembre" read on 5 January is last year's
        (12, 28, PartialDate(2021, 1, 5), None, 2020),
        # "le 4 janvier" read on 30 December is next year's
        (1, 4, PartialDate(2020, 12, 30), None, 2021),
        # only 2020 has a 29 February among 2020..2022
        (2, 29, PartialDate(2021, 3, 1), None, 2020),
        # news reports the past: "signée le 24 janvier" read in August is this January
        (1, 24, PartialDate(2021, 8, 10), None, 2021),
        (10, 2, PartialDate(2021, 8, 10), None, 2020),
        # a month alone
        (11, None, PartialDate(2021, 1, 5), None, 2020),
        (3, None, PartialDate(2021, 1, 5), None, 2020),
        # a reference known only to the year keeps its year
        (6, 10, PartialDate(2021), None, 2021),
    ],
)
def test_infer_year_from_reference_and_weekday(month, day, reference, weekday, expected):
    assert infer_year(month, day, reference, weekday) == expected


@pytest.mark.parametrize(
    "month, day, reference, expected",
    [
        # a reference taken from the text: the closest candidate wins
        (3, None, PartialDate(2021, 1, 5), 2021),
        (10, 2, PartialDate(2021, 8, 10), 2021),
        (12, 28, PartialDate(2021, 1, 5), 2020),
    ],
)
def test_infer_year_closest_without_past_preference(month, day, reference, expected):
    assert infer_year(month, day, reference, prefer_past=False) == expected


@pytest.mark.parametrize(
    "reference, offset, expected",
    [
        # "ce week-end" on a Wednesday: the coming one
        (D(2021, 3, 17), 0, (D(2021, 3, 20), D(2021, 3, 21))),
        # on Saturday and Sunday: the current one
        (D(2021, 3, 20), 0, (D(2021, 3, 20), D(2021, 3, 21))),
        (D(2021, 3, 21), 0, (D(2021, 3, 20), D(2021, 3, 21))),
        # on Monday and Tuesday: the one just past
        (D(2021, 3, 22), 0, (D(2021, 3, 20), D(2021, 3, 21))),
        (D(2020, 9, 22), 0, (D(2020, 9, 19), D(2020, 9, 20))),
        # "le week-end dernier": the last one wholly before
        (D(2021, 3, 17), -1, (D(2021, 3, 13), D(2021, 3, 14))),
        (D(2021, 3, 21), -1, (D(2021, 3, 13), D(2021, 3, 14))),
        (D(2021, 1, 1), -1, (D(2020, 12, 26), D(2020, 12, 27))),
        # "le week-end prochain": the first one wholly after
        (D(2021, 3, 17), 1, (D(2021, 3, 20), D(2021, 3, 21))),
        (D(2021, 3, 20), 1, (D(2021, 3, 27), D(2021, 3, 28))),
        (D(2021, 12, 30), 1, (D(2022, 1, 1), D(2022, 1, 2))),
    ],
)
def test_weekend_bounds(reference, offset, expected):
    assert weekend_bounds(reference, offset) == expected


@pytest.mark.parametrize(
    "reference, weeks, expected",
    [
        (D(2021, 3, 17), 0, (D(2021, 3, 15), D(2021, 3, 21))),
        # "la semaine dernière": the calendar week before, Monday to Sunday
        (D(2021, 3, 17), -1, (D(2021, 3, 8), D(2021, 3, 14))),
        (D(2021, 3, 14), -1, (D(2021, 3, 1), D(2021, 3, 7))),  # read on a Sunday
        (D(2021, 3, 15), -1, (D(2021, 3, 8), D(2021, 3, 14))),  # read on a Monday
        (D(2021, 1, 6), -1, (D(2020, 12, 28), D(2021, 1, 3))),  # across the new year
        (D(2021, 12, 30), 1, (D(2022, 1, 3), D(2022, 1, 9))),
    ],
)
def test_week_bounds(reference, weeks, expected):
    assert week_bounds(reference, weeks) == expected


@pytest.mark.parametrize(
    "year, first, last, expected",
    [
        (2021, 9, 11, ("2021-09", "2021-11")),  # autumn
        (2024, 1, 3, ("2024-01", "2024-03")),  # first quarter
        (2021, 12, 2, ("2021-12", "2022-02")),  # winter crosses the year
        (2021, 11, 1, ("2021-11", "2022-01")),
    ],
)
def test_month_range_across_a_year(year, first, last, expected):
    start, end = month_range(year, first, last)
    assert (start.iso(), end.iso()) == expected


@pytest.mark.parametrize(
    "reference, weekday, strict, expected",
    [
        (D(2021, 3, 17), MONDAY, True, D(2021, 3, 15)),  # "lundi dernier" on a Wednesday
        (D(2021, 3, 15), MONDAY, True, D(2021, 3, 8)),  # "lundi dernier" on a Monday
        (D(2021, 3, 15), MONDAY, False, D(2021, 3, 15)),
    ],
)
def test_previous_weekday(reference, weekday, strict, expected):
    assert previous_weekday(reference, weekday, strict=strict) == expected

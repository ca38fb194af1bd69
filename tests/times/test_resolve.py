"""Date arithmetic of time expressions, without spaCy: words, publication date and tense in, value out."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.times.resolve import (
    Duration,
    day_month_date,
    duration_end,
    month_year,
    parse_duration,
    parse_words,
    weekday_date,
)

D = dt.date


def value(text: str, published: str | None, direction: int = 0, ref_year: int | None = None):
    anchor = D.fromisoformat(published) if published else None
    res = parse_words(text.split(), anchor=anchor, direction=direction, ref_year=ref_year)
    return None if res is None else (res.value, res.granularity, res.end_value)


# ---------------------------------------------------------------- weekdays, both directions

@pytest.mark.parametrize(
    ("text", "published", "direction", "expected"),
    [
        # published on a Monday (2023-08-14): a past-tense "Monday" is that same day
        ("Monday", "2023-08-14", -1, "2023-08-14"),
        ("Monday", "2023-08-14", 1, "2023-08-14"),
        # published on a Wednesday (2024-03-06)
        ("Monday", "2024-03-06", -1, "2024-03-04"),
        ("Monday", "2024-03-06", 1, "2024-03-11"),
        ("Monday", "2024-03-06", 0, "2024-03-04"),  # nearer in the past
        ("Friday", "2024-03-06", 0, "2024-03-08"),  # nearer in the future
        ("Friday", "2024-03-06", -1, "2024-03-01"),
        # across a year boundary
        ("Friday", "2024-01-02", -1, "2023-12-29"),
        ("Monday", "2023-12-29", 1, "2024-01-01"),
        # across 29 February of a leap year
        ("Thursday", "2024-03-01", -1, "2024-02-29"),
        ("Thursday", "2023-03-01", -1, "2023-02-23"),
        # relative words override the tense
        ("last Tuesday", "2024-03-06", 1, "2024-03-05"),
        ("next Wednesday", "2024-03-06", -1, "2024-03-13"),
        ("last Wednesday", "2024-03-06", 0, "2024-02-28"),
        ("Monday night", "2024-03-06", -1, "2024-03-04"),
    ],
)
def test_weekdays(text, published, direction, expected):
    assert value(text, published, direction) == (expected, "day", None)


# ---------------------------------------------------------------- months

@pytest.mark.parametrize(
    ("text", "published", "direction", "expected"),
    [
        ("in March", "2023-08-14", -1, "2023-03"),
        ("in March", "2023-08-14", 1, "2024-03"),
        ("in April", "2023-08-14", 0, "2023-04"),  # four months back is nearer than eight ahead
        ("in December", "2024-01-10", 0, "2023-12"),
        ("in January", "2023-12-20", 0, "2024-01"),
        ("in December", "2024-01-10", -1, "2023-12"),
        ("in January", "2023-12-20", 1, "2024-01"),
        ("in August", "2023-08-14", -1, "2023-08"),  # the current month counts
        ("last March", "2023-08-14", 0, "2023-03"),
        ("next March", "2024-03-05", 0, "2025-03"),
        ("early June", "2024-03-05", 1, "2024-06"),
        ("March 2019", "2024-03-05", 1, "2019-03"),
        ("Sept. 2020", None, 0, "2020-09"),
    ],
)
def test_months(text, published, direction, expected):
    assert value(text, published, direction) == (expected, "month", None)


def test_month_takes_the_reference_year_of_its_sentence():
    assert value("February", "2023-08-14", 0, ref_year=2022) == ("2022-02", "month", None)


# ---------------------------------------------------------------- explicit and day-month dates

@pytest.mark.parametrize(
    ("text", "published", "direction", "expected"),
    [
        ("August 14 , 2023", None, 0, "2023-08-14"),
        ("14 August 2023", "2020-01-01", 0, "2023-08-14"),
        ("2023-08-14", None, 0, "2023-08-14"),
        ("Dec. 10", "2016-12-19", -1, "2016-12-10"),
        ("Dec. 10", "2016-12-19", 1, "2017-12-10"),
        ("Jan. 3", "2016-12-19", 0, "2017-01-03"),
        ("Feb. 29", "2023-06-01", -1, "2020-02-29"),  # the nearest 29 February in the past
        ("Feb. 29", "2023-06-01", 1, "2024-02-29"),
        ("February 29 , 2024", None, 0, "2024-02-29"),
        ("on March 1st", "2024-02-29", 1, "2024-03-01"),
        ("14/08/2023", None, 0, "2023-08-14"),
    ],
)
def test_dates(text, published, direction, expected):
    assert value(text, published, direction) == (expected, "day", None)


def test_impossible_date_is_not_resolved():
    assert value("February 30 , 2023", None) is None
    assert value("Feb. 29 2023", "2023-06-01") is None


# ---------------------------------------------------------------- days, weeks, years, decades

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("yesterday", "2024-03-01", ("2024-02-29", "day", None)),
        ("yesterday", "2023-03-01", ("2023-02-28", "day", None)),
        ("tomorrow", "2023-12-31", ("2024-01-01", "day", None)),
        ("today", "2024-03-05", ("2024-03-05", "day", None)),
        ("last night", "2024-01-01", ("2023-12-31", "day", None)),
        ("this morning", "2024-03-05", ("2024-03-05", "day", None)),
        ("overnight", "2024-03-05", ("2024-03-05", "day", None)),
        ("earlier today", "2024-03-05", ("2024-03-05", "day", None)),
        ("last week", "2024-01-03", ("2023-12-25", "week", "2023-12-31")),
        ("this week", "2024-03-06", ("2024-03-04", "week", "2024-03-10")),
        ("next week", "2023-12-28", ("2024-01-01", "week", "2024-01-07")),
        ("last month", "2024-01-15", ("2023-12", "month", None)),
        ("next month", "2023-12-15", ("2024-01", "month", None)),
        ("earlier this month", "2024-03-05", ("2024-03", "month", None)),
        ("later this year", "2024-03-05", ("2024", "year", None)),
        ("last year", "2023-08-14", ("2022", "year", None)),
        ("last year", "2024-01-01", ("2023", "year", None)),
        ("next year", "2023-12-31", ("2024", "year", None)),
        ("this year", "2024-03-05", ("2024", "year", None)),
        ("in 2019", "2024-03-05", ("2019", "year", None)),
        ("in 2019", None, ("2019", "year", None)),
        ("two days ago", "2024-03-01", ("2024-02-28", "day", None)),
        ("three years ago", "2024-03-01", ("2021", "year", None)),
        ("a month ago", "2024-01-20", ("2023-12", "month", None)),
        ("the 1990s", None, ("1990", "decade", "1999")),
        ("the '80s", "2024-03-05", ("1980", "decade", "1989")),
        ("last weekend", "2024-03-06", ("2024-03-02", "day", "2024-03-03")),
    ],
)
def test_relative(text, published, expected):
    assert value(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("for the past seven years", "2018-03-18", ("2011", "year", "2018")),
        ("over the past month", "2024-01-10", ("2023-12", "month", "2024-01")),
        ("in the past two days", "2024-03-01", ("2024-02-28", "day", "2024-03-01")),
        ("over the next two years", "2023-12-31", ("2023", "year", "2025")),
        ("over the past two weeks", "2024-03-06", ("2024-02-19", "week", "2024-03-10")),
        ("2014-16", None, ("2014", "year", "2016")),
        ("1998-2003", None, ("1998", "year", "2003")),
    ],
)
def test_periods_up_to_publication(text, published, expected):
    assert value(text, published) == expected


def test_relative_expressions_need_a_publication_date():
    for text in ["yesterday", "last year", "Monday", "in March", "last week", "this summer"]:
        assert value(text, None) is None, text


# ---------------------------------------------------------------- seasons

@pytest.mark.parametrize(
    ("text", "published", "direction", "expected"),
    [
        ("last summer", "2023-10-01", 0, ("2023-06", "season", "2023-08")),
        ("last summer", "2023-07-15", 0, ("2022-06", "season", "2022-08")),  # this summer is not over
        ("this summer", "2023-03-15", 0, ("2023-06", "season", "2023-08")),
        ("next spring", "2023-04-01", 0, ("2024-03", "season", "2024-05")),
        ("this winter", "2024-01-20", 0, ("2023-12", "season", "2024-02")),
        ("in the winter", "2023-10-01", 1, ("2023-12", "season", "2024-02")),
        ("in the spring", "2023-10-01", -1, ("2023-03", "season", "2023-05")),
        ("summer 2019", None, 0, ("2019-06", "season", "2019-08")),
        ("the autumn of 2020", None, 0, ("2020-09", "season", "2020-11")),
    ],
)
def test_seasons(text, published, direction, expected):
    assert value(text, published, direction) == expected


# ---------------------------------------------------------------- durations and helpers

@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["six", "-", "day"], Duration(6, "day")),
        (["two", "weeks"], Duration(2, "week")),
        (["10", "-", "day"], Duration(10, "day")),
        (["last", "year"], None),
        (["Monday"], None),
        (["62", "-", "year", "-", "old"], None),
    ],
)
def test_parse_duration(words, expected):
    assert parse_duration(words) == expected


def test_duration_end():
    assert duration_end(D(2023, 8, 14), Duration(6, "day")) == D(2023, 8, 19)
    assert duration_end(D(2023, 12, 29), Duration(5, "day")) == D(2024, 1, 2)
    assert duration_end(D(2024, 2, 26), Duration(1, "week")) == D(2024, 3, 3)
    assert duration_end(D(2024, 1, 31), Duration(1, "month")) == D(2024, 2, 28)


def test_helpers_agree_on_direction():
    wed = D(2024, 3, 6)
    assert weekday_date(wed, 2, -1) == wed and weekday_date(wed, 2, 1) == wed
    assert weekday_date(wed, 2, -1, strict=True) == D(2024, 2, 28)
    assert month_year(wed, 3, -1, strict=True) == 2023
    assert day_month_date(D(2024, 1, 5), 12, 31, 0) == D(2023, 12, 31)

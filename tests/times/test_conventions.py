"""TimeML conventions of the second times round (issue 15): holidays, spelled days and decades, ranges
with "between", the quarter of a results story, direction from the words around a date, durations
with fractions and comparisons, sets and words that are no time. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.coder import make_doc
from communique.records import Article
from communique.times.resolve import easter, holiday_date, nth_weekday, parse_words

D = dt.date


@pytest.fixture(scope="module")
def timexes(nlp):
    def _run(text: str, published: str | None = "2024-03-06"):  # a Wednesday
        doc = nlp(make_doc(nlp, Article(text=text, published=published)))
        return {t.text: (t.timex_type, t.timex_value) for t in doc._.times}

    return _run


def value(text: str, published: str, direction: int = 0):
    res = parse_words(text.split(), anchor=D.fromisoformat(published), direction=direction)
    return None if res is None else (res.value, res.end_value)


# ---------------------------------------------------------------- holidays


def test_holiday_arithmetic():
    assert easter(2024) == D(2024, 3, 31) and easter(2019) == D(2019, 4, 21) and easter(2000) == D(2000, 4, 23)
    assert nth_weekday(2024, 11, 3, 4) == D(2024, 11, 28)  # fourth Thursday of November
    assert nth_weekday(2024, 5, 0, -1) == D(2024, 5, 27)  # last Monday of May
    assert holiday_date({"easter": -2}, 2024) == D(2024, 3, 29)
    assert holiday_date({"month": 12, "day": 25}, 2023) == D(2023, 12, 25)


@pytest.mark.parametrize(("text", "published", "direction", "expected"), [
    ("Christmas", "2024-03-06", -1, "2023-12-25"),
    ("Christmas", "2024-03-06", 1, "2024-12-25"),
    ("Christmas 1998", "2024-03-06", 0, "1998-12-25"),
    ("last Thanksgiving", "2024-03-06", 0, "2023-11-23"),
    ("Thanksgiving Day", "2023-11-30", -1, "2023-11-23"),
    ("next Easter", "2024-03-06", 0, "2024-03-31"),
    ("Easter", "2024-04-10", -1, "2024-03-31"),
    ("New Year's Day", "2024-03-06", 1, "2025-01-01"),
])
def test_holidays_resolve_like_a_weekday(text, published, direction, expected):
    assert value(text, published, direction) == (expected, None)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The boy was rescued on Thanksgiving Day off the coast.", "2024-01-10",
     {"Thanksgiving Day": ("DATE", "2023-11-23")}),
    ("Shops will close at Easter.", "2024-03-06", {"Easter": ("DATE", "2024-03-31")}),
    ("The strike began on New Year's Day.", "2024-03-06", {"New Year's Day": ("DATE", "2024-01-01")}),
    ("The family fled last Christmas.", "2024-03-06", {"last Christmas": ("DATE", "2023-12-25")}),
])
def test_holidays_in_context(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- written forms


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("mid-1996", "2024-03-06", ("1996", None)),
    ("late-2019", "2024-03-06", ("2019", None)),
    ("the nineties", "2024-03-06", ("1990", "1999")),
    ("the twenties", "2024-03-06", ("2020", "2029")),
    ("the twenties", "1998-03-06", ("1920", "1929")),
    ("March eighth", "2024-03-06", ("2024-03-08", None)),
    ("the first of May", "2024-03-06", ("2024-05-01", None)),
    ("between 1994 and 1997", "2024-03-06", ("1994", "1997")),
])
def test_written_forms(text, published, expected):
    assert value(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Raids rose between 2004 and 2007.", "2024-03-06", {"2004": ("DATE", "2004"), "2007": ("DATE", "2007")}),
    ("The vote is this coming Sunday, March tenth.", "2024-03-06",
     {"this coming Sunday, March tenth": ("DATE", "2024-03-10")}),
    ("Parties may not run in this year's election.", "2024-03-06", {"this year": ("DATE", "2024")}),
    ("Exports collapsed in mid-2015.", "2024-03-06", {"mid-2015": ("DATE", "2015")}),
])
def test_written_forms_in_context(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- the quarter of a results story


def test_a_later_quarter_does_not_replace_the_story_quarter(timexes):
    text = ("Acme Corp. posted a 12% rise in third-quarter profit. After a weak second quarter, sales "
            "recovered. Costs were lower than a year ago.")
    got = timexes(text, "2023-10-25")
    assert got["third-quarter"] == ("DATE", "2023-Q3")
    assert got["a year ago"] == ("DATE", "2022-Q3")


# ---------------------------------------------------------------- direction from the words around


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a past perfect before "until" looks back; a simple past takes the nearer day; a present ahead
    ("Until Monday, police had not named a suspect.", "2024-03-06", {"Monday": ("DATE", "2024-03-04")}),
    ("The road stays closed until Monday.", "2024-03-06", {"Monday": ("DATE", "2024-03-11")}),
    # a date as the object: the tense is the setting's, the day is the nearest
    ("The board has set March 20 as the deadline for offers.", "2024-03-06",
     {"March 20": ("DATE", "2024-03-20")}),
    ("The club named Feb. 28 as its closing day.", "2024-03-06", {"Feb. 28": ("DATE", "2024-02-28")}),
    # a scheduling participle with a locating preposition is done; with "for" it lies ahead
    ("Shares stayed near the peak set on Oct. 2.", "2024-03-06", {"Oct. 2": ("DATE", "2023-10-02")}),
    ("A summit planned for October was moved.", "2024-03-06", {"October": ("DATE", "2024-10")}),
    # a plan in the simple past: the nearest day; a past perfect plan stays past
    ("Farmers planned a march on Friday.", "2024-03-06", {"Friday": ("DATE", "2024-03-08")}),
    ("The envoy planned to fly home on Thursday.", "2024-03-06", {"Thursday": ("DATE", "2024-03-07")}),
    ("The envoy had planned to fly home on Thursday.", "2024-03-06", {"Thursday": ("DATE", "2024-02-29")}),
    ("The envoy flew home on Thursday.", "2024-03-06", {"Thursday": ("DATE", "2024-02-29")}),
])
def test_direction_from_the_words_around(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- counted from the last time named


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("She moved to Lyon in March 2009 and left the city later that year.", "2024-03-06",
     {"March 2009": ("DATE", "2009-03"), "later that year": ("DATE", "2009")}),
    ("On 4 June 2011 the mine flooded, and the following year it closed.", "2024-03-06",
     {"4 June 2011": ("DATE", "2011-06-04"), "the following year": ("DATE", "2012")}),
    ("The union struck in 2016. The next year it signed a deal.", "2024-03-06",
     {"2016": ("DATE", "2016"), "The next year": ("DATE", "2017")}),
    ("Rates fell in 2016. Rates will rise over the next year.", "2024-03-06",
     {"2016": ("DATE", "2016"), "the next year": ("DATE", "2025")}),
    ("Two towns voted on 3 May 2019. Earlier that day, polls opened late.", "2024-03-06",
     {"3 May 2019": ("DATE", "2019-05-03"), "Earlier that day": ("DATE", "2019-05-03")}),
])
def test_units_counted_from_the_last_time_named(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks lasted 3 1/2 hours.", {"3 1/2 hours": ("DURATION", "PT3H30M")}),
    ("Refugees stayed in the camps for 4 1/2 years.", {"4 1/2 years": ("DURATION", "P4Y6M")}),
    ("The fleet stayed for a year and a half.", {"a year and a half": ("DURATION", "P1Y6M")}),
    ("The hearing lasted half an hour.", {"half an hour": ("DURATION", "PT30M")}),
    ("The monks kept the recipe for more than three thousand years.",
     {"more than three thousand years": ("DURATION", "P3000Y")}),
    ("Inspectors may stay for no more than forty days.", {"no more than forty days": ("DURATION", "P40D")}),
])
def test_durations_with_halves_and_comparisons(timexes, text, expected):
    assert timexes(text) == expected


# ---------------------------------------------------------------- words that are no time


@pytest.mark.parametrize("text", [
    "Good morning from the harbour in Valletta.",
    "The minister spoke on the evening news programme about grain.",
    "Pilots recalled the night the runway lights failed.",
    'Asked on NBC\'s "This Week," the senator declined to answer.',
])
def test_parts_of_the_day_and_titles_that_are_no_time(timexes, text):
    assert timexes(text) == {}


def test_a_weekday_modifying_a_noun_with_a_is_still_a_date(timexes):
    got = timexes("Hundreds attended a Sunday evening vigil for the victims.", "2024-03-06")
    assert got == {"Sunday evening": ("TIME", "2024-03-03TEV")}
    assert timexes("They liked to meet on a Sunday evening.", "2024-03-06") == {}


# ---------------------------------------------------------------- sets


@pytest.mark.parametrize(("text", "expected"), [
    ("The border post is closed on Sundays.", {"Sundays": ("SET", "XXXX-WXX-7")}),
    ("Ferries will sail on Friday nights from May.", {"Friday nights": ("SET", "XXXX-WXX-5TNI"),
                                                       "May": ("DATE", "2024-05")}),
    ("The ferry sailed on Friday night.", {"Friday night": ("TIME", "2024-03-01TNI")}),
])
def test_plural_weekdays_are_sets(timexes, text, expected):
    assert timexes(text) == expected


def test_a_count_of_months_takes_the_comparisons_of_its_paragraph(nlp):
    text = ("Acme Corp. said third-quarter profit rose 8%, compared with a year-earlier loss.\n\n"
            "For the nine months, Acme earned $4 million, compared with year-earlier net income of $3 "
            "million. The year-ago results included a charge.")
    doc = nlp(make_doc(nlp, Article(text=text, published="2023-10-25")))
    got = [(t.text, t.timex_value) for t in doc._.times]
    assert got == [("third-quarter", "2023-Q3"), ("year-earlier", "2022-Q3"), ("the nine months", "P9M"),
                   ("year-earlier", "2022"), ("year-ago", "2022")]


def test_the_latest_quarter_of_a_results_story_is_the_story_quarter(timexes):
    text = "Beta Inc. posted a fourth-quarter loss. Sales in the latest quarter fell 3%."
    assert timexes(text, "2023-11-02")["the latest quarter"] == ("DATE", "2023-Q4")


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a perfect progressive runs from the past: the day named on its noun is the past one
    ("Police have been hunting him since the Nov. 20 shooting.", "2024-05-06", {"Nov. 20": ("DATE", "2023-11-20")}),
    ("Police are hunting him after the Nov. 20 shooting.", "2024-05-06", {"Nov. 20": ("DATE", "2023-11-20")}),
])
def test_a_perfect_progressive_looks_back(timexes, text, published, expected):
    got = {k.removeprefix("the "): v for k, v in timexes(text, published).items()}
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Costs will be spread over the next three quarters.", {"the next three quarters": ("DURATION", "P3Q")}),
    ("Kidnappings have risen in recent years.", {"recent years": ("DURATION", "PXY")}),
    ("She spent about 6 1/2 hours at the border.", {"about 6 1/2 hours": ("DURATION", "PT6H30M")}),
])
def test_iso_durations(timexes, text, expected):
    assert timexes(text) == expected


def test_a_count_of_units_of_a_year_is_two_expressions(timexes):
    got = timexes("Hiring averaged 90,000 a month for the first nine months of 2019.")
    assert got == {"the first nine months": ("DURATION", "P9M"), "2019": ("DATE", "2019")}


def test_the_future_of_something_is_no_time(timexes):
    assert timexes("Leaders argued about the future of the alliance.") == {}
    assert timexes("Leaders will meet in the near future.") == {"the near future": ("DATE", "FUTURE_REF")}


def test_the_latest_period_without_a_story_quarter_is_the_last_quarter_ended(timexes):
    got = timexes("The group booked no one-time gains in the latest period.", "2023-11-02")
    assert got == {"the latest period": ("DATE", "2023-Q3")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The blast came at 9:40 a.m. (0640 GMT) Friday, officials said.",
     {"9:40 a.m.": ("TIME", "2024-03-01T09:40"), "Friday": ("DATE", "2024-03-01")}),
    ("Polls close at 8 p.m., officials said on Monday.",
     {"8 p.m.": ("TIME", "2024-03-06T20:00"), "Monday": ("DATE", "2024-03-04")}),
])
def test_a_clock_time_takes_the_day_written_right_after_it(timexes, text, expected):
    assert timexes(text) == expected


def test_a_frequency_adjective_is_a_set(timexes):
    assert timexes("Crowds gathered for what has become a daily rally.") == {"daily": ("SET", "P1D")}
    assert timexes("Crowds gathered for a weekly vigil.") == {"weekly": ("SET", "P1W")}


# ---------------------------------------------------------------- approximators inside the span


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The truce has held for nearly three years.", "2024-03-06", {"nearly three years": ("DURATION", "P3Y")}),
    ("Rebels took the pass almost four years ago.", "2019-07-02", {"almost four years ago": ("DATE", "2015")}),
    ("Divers will search for roughly an hour.", "2024-03-06", {"roughly an hour": ("DURATION", "PT1H")}),
    ("The ferry left at about 6 p.m. on Sunday.", "2024-03-06",
     {"about 6 p.m.": ("TIME", "2024-03-03T18:00"), "Sunday": ("DATE", "2024-03-03")}),
    # no count after it: the word is a preposition, not an approximator
    ("Lawyers hope to work around Thursday's deadline.", "2024-03-06", {"Thursday": ("DATE", "2024-03-07")}),
    # "only" stays out, as TimeML writes it
    ("Only six months ago the mill was shut.", "2024-03-06", {"six months ago": ("DATE", "2023-09")}),
])
def test_approximators_are_part_of_the_expression(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- the end, start or middle of the unit


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Envoys hope to sign the accord by the end of the month.", "2021-06-09",
     {"the end of the month": ("DATE", "2021-06")}),
    ("Exports slumped at the start of the year.", "2019-04-23", {"the start of the year": ("DATE", "2019")}),
    ("The bank expects to close the sale by year-end.", "2010-10-01", {"year-end": ("DATE", "2010")}),
    ("Ministers will meet again in the middle of the week.", "2024-03-04",
     {"the middle of the week": ("DATE", "2024-W10")}),
    # the year the sentence named, not the publication's
    ("Rents fell in 2016, and by the end of the year the malls had closed.", "2024-03-06",
     {"2016": ("DATE", "2016"), "the end of the year": ("DATE", "2016")}),
    # not a unit of time
    ("The convoy reached the end of the road.", "2024-03-06", {}),
])
def test_the_edge_of_a_unit_is_that_unit(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- lengths the recogniser leaves out


@pytest.mark.parametrize(("text", "expected"), [
    ("The inquiry is expected to last over a week.", {"a week": ("DURATION", "P1W")}),
    ("The militia held the bridge for a fortnight.", {"a fortnight": ("DURATION", "P2W")}),
    ("Medics reached the village within an hour.", {"an hour": ("DURATION", "PT1H")}),
    ("Sirens sounded for hours.", {"hours": ("DURATION", "PTXH")}),
    ("Firefighters arrived within minutes.", {"minutes": ("DURATION", "PTXM")}),
    ("The lease lets the navy stay for at least 15 more years.",
     {"at least 15 more years": ("DURATION", "P15Y")}),
    ("Output fell for four straight months.", {"four straight months": ("DURATION", "P4M")}),
    ("The treaty may be extended by up to five years.", {"up to five years": ("DURATION", "P5Y")}),
    # rates are no lengths (a frequency makes a SET)
    ("Tolls cost $3 a day.", {}),
    ("The council meets twice a month.", {"twice a month": ("SET", "P1M")}),
])
def test_lengths_the_recogniser_leaves_out(timexes, text, expected):
    assert timexes(text) == expected


# ---------------------------------------------------------------- o'clock, and words before a time that are no part of it


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The shelling stopped shortly after 9 o'clock this morning.", "2024-03-06",
     {"9 o'clock this morning": ("TIME", "2024-03-06T09:00")}),
    ("The minister phoned at 11 o'clock.", "2022-11-15", {"11 o'clock": ("TIME", "2022-11-15T11:00")}),
    ("Results are expected sometime next week.", "2024-03-06", {"next week": ("DATE", "2024-W11")}),
])
def test_oclock_and_leading_words(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The ferry sank at 10:20 local time.", "2024-03-06", {"10:20": ("TIME", "2024-03-06T10:20")}),
    ("The probe is due to launch at 14:30 local time on Thursday.", "2024-03-06",
     {"14:30": ("TIME", "2024-03-07T14:30"), "Thursday": ("DATE", "2024-03-07")}),
    ("The tremor struck at 11:05 a.m. local time (0305 GMT) on Monday.", "2024-03-06",
     {"11:05 a.m.": ("TIME", "2024-03-04T11:05"), "Monday": ("DATE", "2024-03-04")}),
    ("The ratio of votes was 3:2.", "2024-03-06", {}),
])
def test_clock_times_the_recogniser_reads_as_numbers(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- quarters and halves "of" a year


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The regulator will publish its review in the second half of the year.", "2024-03-06",
     {"the second half of the year": ("DATE", "2024-H2")}),
    ("The refinery should restart in the first quarter of next year.", "2019-10-14",
     {"the first quarter of next year": ("DATE", "2020-Q1")}),
    ("Orders slumped in the second half of last year.", "2021-02-01",
     {"the second half of last year": ("DATE", "2020-H2")}),
    ("Margins will narrow in the third quarter of this year.", "2024-03-06",
     {"the third quarter of this year": ("DATE", "2024-Q3")}),
    # a part of a match or a share is no time
    ("The visitors equalised in the second half of the match.", "2024-03-06", {}),
    ("The striker was booked in the first half of the game.", "2024-03-06", {}),
])
def test_quarters_and_halves_of_a_year(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Such floods were rare in the last century.", "2024-03-06", {"the last century": ("DATE", "19")}),
    ("Glaciers will shrink further this century.", "2031-05-02", {"this century": ("DATE", "20")}),
    ("The abbey was founded in the 12th century.", "2024-03-06", {"the 12th century": ("DATE", "11")}),
])
def test_centuries_named_from_publication(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ferry fares go up once a year.", {"once a year": ("SET", "P1Y")}),
    ("The panel sits three times a month.", {"three times a month": ("SET", "P1M")}),
    ("Shuttles depart twice an hour.", {"twice an hour": ("SET", "PT1H")}),
    ("Tickets cost $4 a day.", {}),
])
def test_a_rate_with_its_frequency_is_one_set(timexes, text, expected):
    assert timexes(text) == expected

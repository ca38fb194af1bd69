"""Fourth round of issue 15: classes found by writing sentences of our own (docs/times-places.md,
"Fourth round"): a season "of" a year, halves of many-year units, clocks written with a dot or as four
digits before a time zone, a clock on the day of its sentence, "one day" as "some day", "nightly",
counts "later" and "later in the day" from the reference time, seasons after a preposition, lengths
"to" a month, quarter codes, centuries ago, and the direction of participles and present-tense
weekdays. Each class across publication dates and tenses."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.records import Article
from communique.times.timex import duration_value, four_digit_clock, set_value, time_suffix


@pytest.fixture(scope="module")
def timexes(nlp):
    def _run(text: str, published: str | None):
        doc = nlp(make_doc(nlp, Article(text=text, published=published)))
        return {t.text: (t.timex_type, t.timex_value, t.value) for t in doc._.times}

    return _run


# ---------------------------------------------------------------- a season or part of the day "of" a date

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Farmers abandoned the valley in the summer of 2016.", "2023-02-14",
     {"the summer of 2016": ("DATE", "2016-SU", "2016-06")}),
    ("The port will reopen in the autumn of next year, the operator says.", "2021-07-01",
     {"the autumn of next year": ("DATE", "2022-FA", "2022-09")}),
    ("The dam burst in the winter of last year.", "2024-04-02",
     {"the winter of last year": ("DATE", "2023-WI", "2023-12")}),
    ("Elections are due in the spring of 2031.", "2030-10-20",
     {"the spring of 2031": ("DATE", "2031-SP", "2031-03")}),
])
def test_a_season_of_a_date_is_one_expression(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a part of the day "of" a date stays apart (as the AQUAINT annotators write it), on that date
    ("Gunmen stormed the hotel on the night of 14 June.", "2019-06-20",
     {"the night": ("TIME", "2019-06-14TNI", None), "14 June": ("DATE", "2019-06-14", "2019-06-14")}),
])
def test_a_part_of_the_day_of_a_date_stays_apart(timexes, text, published, expected):
    assert timexes(text, published) == expected


def test_a_part_of_the_day_of_something_else_stays_apart(timexes):
    # "the night of the attack" names no date: the part of the day stays on its own, as before
    got = timexes("Nobody slept on the night of the attack.", "2022-09-09")
    assert "the night of the attack" not in got


# ---------------------------------------------------------------- halves of many-year units

@pytest.mark.parametrize(("text", "expected"), [
    ("half a century", "P50Y"),
    ("half a decade", "P5Y"),
    ("a decade and a half", "P15Y"),
    ("three and a half decades", "P35Y"),
    ("half an hour", "PT30M"),  # unchanged
    ("two and a half years", "P2Y6M"),  # unchanged
])
def test_halves_of_decades_and_centuries_are_whole_years(text, expected):
    assert duration_value(text.split()) == expected


def test_half_a_century_in_a_sentence(timexes):
    got = timexes("The monarch reigned for half a century.", "2012-01-09")
    assert got == {"half a century": ("DURATION", "P50Y", None)}


@pytest.mark.parametrize("text", [
    "Wages stagnated in the second half of the decade.",
    "Most of the cathedral was built in the first half of the century.",
])
def test_a_half_of_a_decade_or_century_is_no_half_year(timexes, text):
    got = timexes(text, "2019-05-05")
    assert not any(v[1] and "-H" in v[1] for v in got.values())


# ---------------------------------------------------------------- clocks with a dot, four digits before a zone

@pytest.mark.parametrize(("words", "expected"), [
    (["6.45pm"], "T18:45"),
    (["10.30", "a.m."], "T10:30"),
    (["0600", "GMT"], "T06:00"),
    (["2315", "UTC"], "T23:15"),
])
def test_time_suffix_of_dotted_and_four_digit_clocks(words, expected):
    assert time_suffix(words) == expected


def test_four_digit_clock_needs_its_zone():
    assert four_digit_clock(["0600", "GMT"])
    assert not four_digit_clock(["2005"])
    assert not four_digit_clock(["2500", "GMT"])  # no such hour


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The ferry sank at 7.20pm on Saturday.", "2016-04-11",  # a Monday
     {"7.20pm": ("TIME", "2016-04-09T19:20", None), "Saturday": ("DATE", "2016-04-09", "2016-04-09")}),
    ("Polling stations will close at 9.30 p.m. tomorrow.", "2014-09-17",
     {"9.30 p.m. tomorrow": ("TIME", "2014-09-18T21:30", "2014-09-18")}),  # one expression, as "10 p.m. Friday"
    ("The earthquake struck at 2005 GMT on Tuesday.", "2011-03-10",  # a Thursday
     {"2005 GMT": ("TIME", "2011-03-08T20:05", None), "Tuesday": ("DATE", "2011-03-08", "2011-03-08")}),
    ("Shelling resumed at 0415 UTC.", "2023-01-30",
     {"0415 UTC": ("TIME", "2023-01-30T04:15", None)}),
])
def test_dotted_and_four_digit_clock_times(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize("text", [
    "The fare rose to 6.45 pounds in 2005.",  # a price, then a year
    "Membership reached 2005 in the spring.",  # a count, no zone after it
])
def test_numbers_with_a_dot_or_four_digits_are_no_clock(timexes, text):
    got = timexes(text, "2010-06-01")
    assert not any(v[0] == "TIME" for v in got.values())


def test_a_zone_time_in_brackets_after_a_clock_is_the_same_time(timexes):
    got = timexes("The bomb went off at 8:10 a.m. (0510 GMT) on Sunday.", "2009-08-11")
    assert "0510 GMT" not in got
    assert got["8:10 a.m."] == ("TIME", "2009-08-09T08:10", None)


# ---------------------------------------------------------------- "one day" as "some day"

@pytest.mark.parametrize(("text", "published"), [
    ("One day, the activist said, the prisoners will walk free.", "2020-02-02"),
    ("The refugees hope one day to go back to their farms.", "2018-10-10"),
    ("Fusion may one day power whole cities.", "2026-01-15"),
    ("Engineers said the tunnel would one day link the two islands.", "2004-07-07"),
])
def test_one_day_ahead_is_a_future_reference(timexes, text, published):
    got = timexes(text, published)
    assert [v for k, v in got.items() if k.lower() == "one day"] == [("DATE", "FUTURE_REF", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The strike lasted one day.", ("DURATION", "P1D", None)),
    ("Dockers held a one day walkout.", ("DURATION", "P1D", None)),
    ("The deadline was pushed back by one day.", ("DURATION", "P1D", None)),
])
def test_one_day_as_a_length_stays_a_duration(timexes, text, expected):
    got = timexes(text, "2015-05-05")
    assert got.get("one day") == expected


# ---------------------------------------------------------------- "nightly"

def test_nightly_is_a_set_of_nights():
    assert set_value(["nightly"]) == "XXXX-XX-XXTNI"


def test_nightly_in_a_sentence(timexes):
    got = timexes("Militias patrol the streets nightly.", "2013-12-12")
    assert got == {"nightly": ("SET", "XXXX-XX-XXTNI", None)}


# ---------------------------------------------------------------- "two days later": from the reference time

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("The dam was finished in 1986 and failed a year later.", "2020-08-01",
     "a year later", ("DATE", "1987", None)),
    ("The mayor was detained on 14 October 2018. Three days later, she was freed.", "2019-01-20",
     "Three days later", ("DATE", "2018-10-17", None)),
    ("The bank opened in March 2004. Two months later it ran out of cash.", "2010-02-02",
     "Two months later", ("DATE", "2004-05", None)),
    ("Rebels took the airport on Tuesday. A week later, the army retook it.", "2021-06-30",  # a Wednesday
     "A week later", ("DATE", "2021-07-06", None)),
])
def test_a_count_later_is_counted_from_the_last_time_named(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr] == expected


@pytest.mark.parametrize(("text", "expr", "expected"), [
    ("The general retired and, years later, wrote a memoir.", "years later", ("DURATION", "PXY", None)),
    ("Crowds gathered in the square; hours later they were gone.", "hours later", ("DURATION", "PTXH", None)),
    ("The strike began in 2016. Weeks later it spread.", "Weeks later", ("DURATION", "PXW", None)),
])
def test_a_vague_count_later_is_a_duration(timexes, text, expr, expected):
    assert timexes(text, "2022-03-03")[expr] == expected


def test_a_count_later_chains_from_the_last_one(timexes):
    got = timexes("The treaty was signed in 1990. Two years later it was amended, and a year later it lapsed.",
                  "2005-05-05")
    assert got["Two years later"][1] == "1992"
    assert got["a year later"][1] == "1993"


# ---------------------------------------------------------------- "in the autumn" the recogniser leaves out

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("The inquiry will report in the autumn.", "2016-05-12", "the autumn", ("DATE", "2016-FA", "2016-09")),
    ("Fuel ran short during the winter.", "2009-03-15", "the winter", ("DATE", "2008-WI", "2008-12")),
    ("The bridge has been closed since the summer.", "2020-11-02", "the summer", ("DATE", "2020-SU", "2020-06")),
])
def test_a_season_after_a_preposition(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr] == expected


@pytest.mark.parametrize("text", [
    "Nobody foresaw the fall of the regime.",
    "Markets dropped after the fall of Kabul.",
    "The Arab Spring began in Tunisia.",
])
def test_a_season_word_that_is_no_season(timexes, text):
    assert not any(v[1] and v[1][-2:] in {"SP", "SU", "FA", "WI"} for v in timexes(text, "2015-01-01").values())


# ---------------------------------------------------------------- "the 12 months to March": a length, then a month

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Revenue grew in the 12 months to March.", "2019-06-06",
     {"the 12 months": ("DURATION", "P12M", None), "March": ("DATE", "2019-03", "2019-03")}),
    ("Exports shrank in the six months through September 2011.", "2012-01-10",
     {"the six months": ("DURATION", "P6M", None), "September 2011": ("DATE", "2011-09", "2011-09")}),
])
def test_a_count_of_months_to_a_month_is_a_length_and_a_month(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- direction of participles

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    # a past participle set off by a comma is done, whatever the main verb's tense
    ("The lawyers said they would appeal the ruling, issued Wednesday by the court.", "2024-03-10",  # a Sunday
     "Wednesday", "2024-03-06"),
    ("The governor, sworn in on Monday, will tour the north.", "2018-06-14", "Monday", "2018-06-11"),
    # ... but not a condition or a time to come
    ("If approved on Friday, the budget will take effect in July.", "2024-03-10", "Friday", "2024-03-15"),
    ("Once signed Tuesday, the accord will end the blockade.", "2019-09-01", "Tuesday", "2019-09-03"),
    # a day of a plan the sentence tells in the past: the nearer one
    ("A march planned for Saturday was called off after the threats.", "2024-03-10", "Saturday", "2024-03-09"),
    ("A hearing scheduled for Thursday was postponed.", "2022-11-05", "Thursday", "2022-11-03"),
    # ... a plan told in the present or future still lies ahead
    ("A vote set for Friday will be delayed.", "2024-03-10", "Friday", "2024-03-15"),
])
def test_direction_of_participles(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr][1] == expected


# ---------------------------------------------------------------- a weekday on a verb in the simple present

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("The squad travels to Lisbon on Tuesday for the return match.", "2013-03-15", "Tuesday", "2013-03-19"),
    ("The envoys meet in Geneva on Monday and Tuesday.", "2013-03-15", "Tuesday", "2013-03-19"),
    ("Parliament reconvenes on Thursday.", "2021-09-11", "Thursday", "2021-09-16"),
    # a report in the present tells of a day gone by; a past verb is past
    ("The senator says in a letter dated Tuesday that he will resign.", "2013-03-15", "Tuesday", "2013-03-12"),
    ("The squad travelled to Lisbon on Tuesday.", "2013-03-15", "Tuesday", "2013-03-12"),
    # an irregular past the tagger may read as a present ("retook" VBP) is past
    ("Rebel forces retook a border town on Saturday.", "2019-03-26", "Saturday", "2019-03-23"),
    ("Militiamen overran two villages on Sunday.", "2021-06-09", "Sunday", "2021-06-06"),
    ("Thousands fled the port city on Friday.", "2017-02-14", "Friday", "2017-02-10"),
    ("An earthquake struck the northern province on Monday.", "2015-10-29", "Monday", "2015-10-26"),
])
def test_a_weekday_in_the_simple_present_lies_ahead(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr][1] == expected


def test_overnight_before_a_weekday_is_that_night(timexes):
    got = timexes("Overnight Thursday, militants shelled the airport.", "2013-03-15")
    assert got["Overnight Thursday"] == ("TIME", "2013-03-14TNI", "2013-03-14")


# ---------------------------------------------------------------- centuries ago, "some 20 years ago"

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("The mill was built a century ago.", "2013-03-15", "a century ago", ("DATE", "19", "1900")),
    ("The fort was abandoned two centuries ago.", "2030-01-01", "two centuries ago", ("DATE", "18", "1800")),
    ("The dispute began some 20 years ago.", "2013-03-15", "some 20 years ago", ("DATE", "1993", "1993")),
    ("The dispute began some years ago.", "2013-03-15", "some years ago", ("DATE", "PAST_REF", None)),
])
def test_counted_back_from_publication(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr][:2] == expected[:2]


# ---------------------------------------------------------------- a clock time takes the day of its sentence

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("On Tuesday, the tremor struck at 6:45 p.m. near the coast.", "2013-03-15", "6:45 p.m.", "2013-03-12T18:45"),
    ("Yesterday the exchange closed at 4 p.m. as usual.", "2020-07-08", "4 p.m.", "2020-07-07T16:00"),
    ("The ferry sank on Sunday. It had left port at 7 a.m.", "2016-05-03", "7 a.m.", "2016-05-01T07:00"),
    # a day on a reporting verb dates the report, not the clock
    ("Polls shut at 9 p.m., the commission said on Friday.", "2016-05-03", "9 p.m.", "2016-05-03T21:00"),
    # nor does a day in another paragraph
    ("The ferry sank on Sunday.\n\nA second boat left port at 7 a.m.", "2016-05-03", "7 a.m.", "2016-05-03T07:00"),
])
def test_a_clock_time_takes_the_day_of_its_sentence(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr][1] == expected


# ---------------------------------------------------------------- quarters and halves written as codes

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("Output contracted in Q4.", "2013-03-15", "Q4", ("DATE", "2012-Q4", "2012-10")),
    ("Margins widened in Q2 2011.", "2013-03-15", "Q2 2011", ("DATE", "2011-Q2", "2011-04")),
    ("Orders will pick up in Q3, the firm said.", "2013-03-15", "Q3", ("DATE", "2013-Q3", "2013-07")),
    ("Exports fell in H1 2019.", "2020-02-02", "H1 2019", ("DATE", "2019-H1", "2019-01")),
])
def test_quarter_and_half_codes(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr] == expected


def test_a_q_that_is_no_code_is_no_time(timexes):
    assert timexes("Reporters sent their questions to the Q&A panel.", "2013-03-15") == {}


# ---------------------------------------------------------------- "later in the day", "early in the year"

@pytest.mark.parametrize(("text", "published", "expr", "expected"), [
    ("Soldiers entered the village on Tuesday. Later in the day, they pulled out.", "2013-03-15",
     "Later in the day", ("DATE", "2013-03-12", "2013-03-12")),
    ("A ruling is due later in the month.", "2013-03-15", "later in the month", ("DATE", "2013-03", "2013-03")),
    ("The assembly will vote later in the week.", "2013-03-15", "later in the week",
     ("DATE", "2013-W11", "2013-03-11")),
    ("Talks stalled early in the year.", "2013-10-15", "early in the year", ("DATE", "2013", "2013")),
    ("Prices jumped late in the year.", "2013-03-15", "late in the year", ("DATE", "2012", "2012")),
    ("The plant will reopen early in the year.", "2013-10-15", "early in the year", ("DATE", "2014", "2014")),
    ("The rebels seized the port in May 2009. Later in the year, they took the capital.", "2013-03-15",
     "Later in the year", ("DATE", "2009", "2009")),
])
def test_a_part_of_a_unit(timexes, text, published, expr, expected):
    assert timexes(text, published)[expr] == expected

"""Sixth round of issue 15 (docs/times-places.md, "Sixth round"): TIME values. Clocks written solid
in any case ("3PM", "4:15pm local time"), 24-hour clocks with a dot ("21.00 local time"), "1500
hours" after "at" (a time, not the year 1500; without it a length), "7:30 tonight" after noon, a day
and the part of the day the recogniser leaves beside it ("tomorrow morning", "overnight Sunday",
"this morning's"), parts of the day told from the day the text names ("that night", "the next
morning"), and a clock time a few sentences after its day. Sentences of our own, several publication
dates and tenses."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.records import Article


@pytest.fixture(scope="module")
def timexes(nlp):
    def _run(text: str, published: str | None):
        doc = nlp(make_doc(nlp, Article(text=text, published=published)))
        return {t.text: (t.timex_type, t.timex_value) for t in doc._.times}

    return _run


# ---------------------------------------------------------------- clocks the recogniser reads as numbers

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Voting ends at 3PM.", "2024-03-06", {"3PM": ("TIME", "2024-03-06T15:00")}),
    ("The gunmen struck at 4:15pm local time.", "2019-07-15", {"4:15pm": ("TIME", "2019-07-15T16:15")}),
    ("The convoy will leave at 11:05AM.", "2011-11-04", {"11:05AM": ("TIME", "2011-11-04T11:05")}),
    ("The curfew starts at 21.00 local time.", "2024-03-06", {"21.00": ("TIME", "2024-03-06T21:00")}),
    ("The talks ended at 23.15 GMT.", "1998-02-13", {"23.15 GMT": ("TIME", "1998-02-13T23:15")}),
])
def test_clocks_written_solid_or_with_a_dot_are_times(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The curfew starts at 1500 hours.", "2024-03-06", {"1500 hours": ("TIME", "2024-03-06T15:00")}),
    ("Troops must withdraw by 1800 hours on Friday.", "2024-03-06",
     {"1800 hours": ("TIME", "2024-03-08T18:00"), "Friday": ("DATE", "2024-03-08")}),
    ("The convoy left at about 0600 hrs.", "2002-05-20", {"about 0600 hrs": ("TIME", "2002-05-20T06:00")}),
])
def test_four_digits_and_hours_after_at_are_a_time(timexes, text, published, expected):
    assert timexes(text, published) == expected


def test_four_digits_and_hours_without_at_are_a_length(timexes):
    got = timexes("The volunteers worked 1500 hours last year.", "2024-03-06")
    assert got["1500 hours"] == ("DURATION", "PT1500H")


@pytest.mark.parametrize("text", ["Inflation was 21.50 percent.", "The bond fell to 21.30 local currency units."])
def test_numbers_with_a_dot_are_not_clocks(timexes, text):
    assert timexes(text, "1998-02-13") == {}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("She spoke at 7:30 tonight.", "2024-03-06", {"7:30 tonight": ("TIME", "2024-03-06T19:30")}),
    ("The exchange opened at 9:30 this morning.", "1989-11-02", {"9:30 this morning": ("TIME", "1989-11-02T09:30")}),
    ("The ceasefire takes effect at midnight Sunday.", "1998-02-13",
     {"midnight Sunday": ("TIME", "1998-02-15T24:00")}),
])
def test_a_clock_without_am_or_pm_takes_its_part_of_the_day(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- a day and its part of the day

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The court will rule tomorrow morning.", "2024-03-06", {"tomorrow morning": ("TIME", "2024-03-07TMO")}),
    ("The jury returns tomorrow afternoon.", "1998-02-13", {"tomorrow afternoon": ("TIME", "1998-02-14TAF")}),
    ("Rescuers worked overnight Sunday.", "2019-07-15", {"overnight Sunday": ("TIME", "2019-07-14TNI")}),
    ("This morning's attack killed six.", "2011-11-04", {"This morning": ("TIME", "2011-11-04TMO")}),
    ("Trading was halted at midafternoon.", "1989-11-02", {"midafternoon": ("TIME", "1989-11-02TAF")}),
])
def test_a_day_takes_the_part_of_the_day_beside_it(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- told from the day the text names

@pytest.mark.parametrize(("text", "published", "phrase", "expected"), [
    ("Rebels attacked the town on Monday. That night, troops arrived.", "2024-03-06", "That night",
     ("TIME", "2024-03-04TNI")),
    ("The ship left port on Feb. 2, 1998. That same evening it ran aground.", "1998-02-13", "That same evening",
     ("TIME", "1998-02-02TEV")),
    ("Rebels attacked the town on Monday. Troops arrived the next morning.", "2024-03-06", "the next morning",
     ("TIME", "2024-03-05TMO")),
    ("The vote was held on Sunday, July 7. The following afternoon the results came in.", "2019-07-15",
     "The following afternoon", ("TIME", "2019-07-08TAF")),
])
def test_a_part_of_the_day_told_from_the_day_named(timexes, text, published, phrase, expected):
    assert timexes(text, published)[phrase] == expected


@pytest.mark.parametrize(("text", "published", "phrase", "expected"), [
    ("The vote took place on Feb. 28. At 5 p.m., crowds gathered. Police said the crowd left. "
     "At 9 p.m. the square was empty.", "2024-03-06", "9 p.m.", ("TIME", "2024-02-28T21:00")),
    ("The earthquake struck on Sunday. It hit at 6:45 a.m. Rescuers said the first survivors were found. "
     "By 10 a.m., 40 had been rescued.", "2024-03-06", "10 a.m.", ("TIME", "2024-03-03T10:00")),
])
def test_a_clock_a_few_sentences_after_its_day_takes_that_day(timexes, text, published, phrase, expected):
    assert timexes(text, published)[phrase] == expected


def test_a_clock_in_another_paragraph_keeps_the_publication_day(timexes):
    text = "The vote took place on Feb. 28.\n\nThe results will be read at 9 p.m."
    assert timexes(text, "2024-03-06")["9 p.m."] == ("TIME", "2024-03-06T21:00")


# ---------------------------------------------------------------- DURATION: spoken counts, "-long"

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The city has stood for two thousand years.", "2024-03-06", {"two thousand years": ("DURATION", "P2000Y")}),
    ("The ruins date back two thousand years.", "1998-02-13", {"two thousand years": ("DURATION", "P2000Y")}),
    ("The tribe has lived there for a thousand years.", "2011-11-04", {"a thousand years": ("DURATION", "P1000Y")}),
])
def test_a_spoken_thousand_before_a_unit_is_a_count(timexes, text, published, expected):
    assert timexes(text, published) == expected


def test_a_spoken_year_without_a_unit_stays_a_year(timexes):
    got = timexes("The treaty was signed in two thousand and five.", "2024-03-06")
    assert got == {"two thousand and five": ("DATE", "2005")}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The decade-long war ended.", "2024-03-06", {"decade-long": ("DURATION", "P10Y")}),
    ("A year-long inquiry was launched.", "1998-02-13", {"year-long": ("DURATION", "P1Y")}),
    ("After weeks-long protests, the minister quit.", "2019-07-15", {"weeks-long": ("DURATION", "PXW")}),
    ("The decades-long dispute will be settled.", "2011-11-04", {"decades-long": ("DURATION", "PXY")}),
])
def test_a_unit_long_adjective_is_a_duration(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The party has ruled for the past two years.", "2024-03-06", {"the past two years": ("DURATION", "P2Y")}),
    ("Talks had dragged on for several months.", "1998-02-13", {"several months": ("DURATION", "PXM")}),
    ("The dispute will last a decade.", "2019-07-15", {"a decade": ("DURATION", "P10Y")}),
    ("The siege has lasted more than a year.", "2011-11-04", {"more than a year": ("DURATION", "P1Y")}),
    ("He spent nearly two decades in exile.", "2002-05-20", {"nearly two decades": ("DURATION", "P20Y")}),
    ("Fighting has intensified in the last few days.", "2024-03-06", {"the last few days": ("DURATION", "PXD")}),
])
def test_counted_and_vague_lengths(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize("text", [
    "A 62-year-old man was arrested.",
    "The 8-month-old baby survived.",
    "The boy was three years old.",
])
def test_ages_are_not_durations(timexes, text):
    # TimeBank's dev half annotates one age of 17 (docs/times-places.md, sixth round)
    assert timexes(text, "2024-03-06") == {}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The dispute will last a decade.", "2019-07-15", {"a decade": ("DURATION", "P10Y")}),
    ("The truce could last a year.", "2024-03-06", {"a year": ("DURATION", "P1Y")}),
    ("The talks may last weeks.", "1998-02-13", {"weeks": ("DURATION", "PXW")}),
])
def test_the_verb_last_is_no_relative_word(timexes, text, published, expected):
    assert timexes(text, published) == expected


def test_last_before_a_unit_is_still_relative(timexes):
    assert timexes("The talks last week were tense.", "2019-07-15") == {"last week": ("DATE", "2019-W28")}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The talks lasted a fortnight.", "2019-07-15", {"a fortnight": ("DURATION", "P2W")}),
    ("Protests lasting days paralysed the city.", "2024-03-06", {"days": ("DURATION", "PXD")}),
    ("The blackout lasted an hour.", "1998-02-13", {"an hour": ("DURATION", "PT1H")}),
])
def test_a_length_after_lasted(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The office is open 9am-5pm.", "2024-03-06",
     {"9am": ("TIME", "2024-03-06T09:00"), "5pm": ("TIME", "2024-03-06T17:00")}),
    ("The curfew on Saturday runs 10pm-6am.", "1998-02-13",
     {"Saturday": ("DATE", "1998-02-14"), "10pm": ("TIME", "1998-02-14T22:00"), "6am": ("TIME", "1998-02-14T06:00")}),
    ("Polls were open 7AM-10PM.", "2019-07-15",
     {"7AM": ("TIME", "2019-07-15T07:00"), "10PM": ("TIME", "2019-07-15T22:00")}),
])
def test_two_solid_clocks_in_one_token_are_two_times(nlp, text, published, expected):
    doc = nlp(make_doc(nlp, Article(text=text, published=published)))
    got = {t.text: (t.timex_type, t.timex_value) for t in doc._.times}
    assert got == expected
    for t in doc._.times:  # each carries its own characters
        assert doc.text[t.start:t.end] == t.text

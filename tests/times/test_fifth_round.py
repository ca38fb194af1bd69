"""Fifth round of issue 15 (docs/times-places.md, "Fifth round"): a count "in N units" ahead of
publication is the DATE it reaches (with "will", "would", a modal or "due"), "a decade ago" is the
year ten years back, "the year ended Sept. 30" stays a length, two clock times joined in one
expression ("from 10 p.m. to 6 a.m.") are two TIMEs, and a SET or an unanchored DURATION
never dates an event. Sentences of our own, several publication dates and tenses."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.records import Article


@pytest.fixture(scope="module")
def timexes(nlp):
    def _run(text: str, published: str | None):
        doc = nlp(make_doc(nlp, Article(text=text, published=published)))
        return {t.text: (t.timex_type, t.timex_value, t.value) for t in doc._.times}

    return _run


# ---------------------------------------------------------------- "in N units" ahead: the date reached

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The bonds would be repaid in five years, the treasury said.", "1997-06-11",
     {"five years": ("DATE", "2002", "2002")}),
    ("The envoys will return in three days.", "2024-03-06", {"three days": ("DATE", "2024-03-09", "2024-03-09")}),
    ("The referendum is due in two weeks.", "2024-03-06", {"two weeks": ("DATE", "2024-W12", "2024-03-18")}),
    ("Officials said the border crossing could reopen in two months.", "2019-11-20",
     {"two months": ("DATE", "2020-01", "2020-01")}),
    ("Negotiators might meet again in a month.", "2021-11-30", {"a month": ("DATE", "2021-12", "2021-12")}),
    ("The garrison will leave in six months' time.", "2024-03-06",
     {"six months' time": ("DATE", "2024-09", "2024-09")}),
])
def test_a_count_ahead_of_publication_is_the_date_it_reaches(timexes, text, published, expected):
    assert timexes(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The rebels took the capital in two weeks.", "2024-03-06", {"two weeks": ("DURATION", "P2W", None)}),
    ("The army could have ended the siege in two months.", "2022-05-02",
     {"two months": ("DURATION", "P2M", None)}),
    ("The airlift has moved 4,000 people in three days.", "2023-08-16",
     {"three days": ("DURATION", "P3D", None)}),
])
def test_a_count_done_or_past_stays_a_length(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- decades ago; a fiscal year stays a length

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("A decade ago, the party ruled the province.", "1999-03-12", {"A decade ago": ("DATE", "1989", "1989")}),
    ("Two decades ago the town had no paved road.", "2024-05-02", {"Two decades ago": ("DATE", "2004", "2004")}),
    ("The fort was abandoned three decades ago.", "2011-08-30", {"three decades ago": ("DATE", "1981", "1981")}),
])
def test_decades_ago_are_the_year_that_far_back(timexes, text, published, expected):
    assert timexes(text, published) == expected


def test_the_decade_before_publication_is_still_a_decade(timexes):
    got = timexes("The conflict began in the last decade.", "2024-05-02")
    assert got["the last decade"] == ("DATE", "201", "2010")


@pytest.mark.parametrize(("text", "published", "phrase"), [
    ("For the year ended Sept. 30, net income rose 8%.", "1991-11-14", "the year"),
    ("The utility lost money in the fiscal year ended June 30.", "2024-03-06", "the fiscal year"),
])
def test_a_year_ended_on_a_date_stays_a_length(timexes, text, published, phrase):
    # TimeBank writes it DURATION P1Y more often than a DATE (docs/times-places.md, fifth round)
    assert timexes(text, published)[phrase] == ("DURATION", "P1Y", None)


# ---------------------------------------------------------------- two clock times in one expression

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The curfew runs from 10 p.m. to 6 a.m.", "2024-05-02",
     {"10 p.m.": ("TIME", "2024-05-02T22:00", None), "6 a.m.": ("TIME", "2024-05-02T06:00", None)}),
    ("Polls were open between 7 a.m. and 8 p.m. on Sunday.", "2024-05-02",
     {"7 a.m.": ("TIME", "2024-04-28T07:00", None), "8 p.m.": ("TIME", "2024-04-28T20:00", None),
      "Sunday": ("DATE", "2024-04-28", "2024-04-28")}),
    ("The airport was closed from 9:30 a.m. until 1 p.m. on Friday, officials said.", "2019-03-11",
     {"9:30 a.m.": ("TIME", "2019-03-08T09:30", None), "1 p.m.": ("TIME", "2019-03-08T13:00", None),
      "Friday": ("DATE", "2019-03-08", "2019-03-08")}),
    ("The hearing will run from 10 a.m. to noon.", "2021-06-14",
     {"10 a.m.": ("TIME", "2021-06-14T10:00", None), "noon": ("TIME", "2021-06-14T12:00", None)}),
])
def test_two_clock_times_in_one_expression_are_two_times(timexes, text, published, expected):
    assert timexes(text, published) == expected


# ---------------------------------------------------------------- what dates an event

@pytest.mark.parametrize(("text", "published"), [
    ("Kenyan police arrested protesters every Monday in Nairobi.", "2024-03-06"),
    ("Ukrainian forces shelled Russian positions for three days.", "2023-10-10"),
    ("Israeli troops have been attacking the camp for months.", "2024-03-06"),
    ("Sudanese soldiers attacked the market every Friday, residents said.", "2024-03-06"),
])
def test_a_set_or_an_unanchored_length_is_no_event_date(code, text, published):
    rec = code(text, published=published)
    assert rec.events
    for event in rec.events:
        assert event.date is not None and event.date.basis == "publication"
        assert event.date.start == published[:7]


def test_a_count_ahead_dates_its_event(code):
    rec = code("The Kenyan president will visit Uganda in two weeks.", published="2024-03-06")
    dates = [e.date for e in rec.events if e.date is not None]
    assert dates and all(d.basis == "stated" and d.start == "2024-03-18" and d.granularity == "week" for d in dates)

"""Time expressions and event dates through the real pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.records import Article, DateValue
from communique.times import date_for


@pytest.fixture(scope="module")
def parse(nlp):
    def _parse(text: str, published: str | None = "2024-03-06"):  # a Wednesday
        art = Article(text=text, published=published)
        return nlp(make_doc(nlp, art))

    return _parse


def times(doc) -> dict[str, str | None]:
    """The dates of ``doc`` by text (references, sets and unanchored durations have no date)."""
    return {t.text: t.value for t in doc._.times if t.value}


def head(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_record_carries_times_with_offsets(code):
    rec = code("The minister arrived in Paris on Monday for talks.", published="2024-03-06")
    assert [(t.text, t.value, t.granularity) for t in rec.times] == [("Monday", "2024-03-04", "day")]
    t = rec.times[0]
    assert rec.article.text[t.start : t.end] == "Monday"


def test_spans_carry_the_time(parse):
    doc = parse("Officials met on Friday.")
    spans = doc.spans["times"]
    assert len(spans) == 1 and spans[0]._.time.value == "2024-03-01"


@pytest.mark.parametrize(
    ("text", "expr", "expected"),
    [
        ("The delegation left Kyiv on Monday.", "Monday", "2024-03-04"),
        ("The delegation will leave Kyiv on Monday.", "Monday", "2024-03-11"),
        ("The delegation is due to leave Kyiv on Friday.", "Friday", "2024-03-08"),
        ("The president visited the capital in February.", "February", "2024-02"),
        ("The president will visit the capital in February.", "February", "2025-02"),
        ("The talks have been postponed until Thursday.", "Thursday", "2024-03-07"),
        ("Rebels attacked the town last year.", "last year", "2023"),
        ("The treaty was signed on August 2, 1990.", "August 2, 1990", "1990-08-02"),
    ],
)
def test_tense_decides_the_direction(parse, text, expr, expected):
    got = times(parse(text))
    assert got.get(expr) == expected, got


def test_tense_at_a_year_boundary(parse):
    doc = parse("Ministers met on Friday and will meet again in January.", published="2024-01-01")
    got = times(doc)
    assert got["Friday"] == "2023-12-29"
    assert got["January"] == "2024-01"


def test_month_in_a_sentence_with_a_year_takes_that_year(parse):
    doc = parse("The accord was reached in Geneva last year, weeks before the March offensive began.",
                published="2024-08-20")
    got = times(doc)
    assert got["last year"] == "2023"
    assert got["March"] == "2023-03"


def test_anchored_duration_is_a_window(parse):
    doc = parse("The envoy set off on Monday on a four-day tour, during which she will meet local leaders.")
    tour = next(t for t in doc._.times if "four" in t.text)
    assert (tour.value, tour.end_value) == ("2024-03-04", "2024-03-07")
    d = date_for(doc, head(doc, "meet"))
    assert d is not None and (d.start, d.end) == ("2024-03-04", "2024-03-07")


def test_unanchored_duration_has_no_value(parse):
    doc = parse("Negotiators held a two-day meeting.")
    (t,) = doc._.times
    assert (t.text, t.value, t.timex_type, t.timex_value) == ("two-day", None, "DURATION", "P2D")


def test_date_for_own_clause(parse):
    doc = parse("Police arrested three men on Saturday, the ministry said on Monday.")
    assert date_for(doc, head(doc, "arrested")).start == "2024-03-02"
    assert date_for(doc, head(doc, "said")).start == "2024-03-04"


def test_date_for_event_noun_modifiers(parse):
    doc = parse("The court ruled that last year's invasion broke the treaty.")
    d = date_for(doc, head(doc, "invasion"))
    assert (d.start, d.granularity) == ("2023", "year")


def test_date_for_noun_object_takes_the_verbs_time(parse):
    doc = parse("The prime minister held a meeting with union leaders in January.")
    assert date_for(doc, head(doc, "meeting")).start == "2024-01"


def test_date_for_same_event_noun_elsewhere(parse):
    doc = parse("The embargo was imposed in 2019. Exporters say the embargo ruined them.")
    second = [t for t in doc if t.text == "embargo"][1]
    assert date_for(doc, second).start == "2019"


def test_date_for_falls_back_to_the_month_of_publication(parse):
    doc = parse("The two governments are discussing a new trade deal.")
    d = date_for(doc, head(doc, "discussing"))
    assert d == DateValue(start="2024-03", granularity="month", basis="publication")


def test_date_for_without_publication_date(parse):
    doc = parse("The army withdrew on Tuesday. The army had invaded in 2014.", published=None)
    assert date_for(doc, head(doc, "withdrew")) is None
    assert date_for(doc, head(doc, "invaded")).start == "2014"


def test_conjoined_verb_shares_the_time(parse):
    doc = parse("The minister flew to Ankara and met his counterpart on Thursday.")
    assert date_for(doc, head(doc, "flew")).start == "2024-02-29"  # leap day, the Thursday before


@pytest.mark.corpus
def test_seed_times(seed, nlp):
    import json

    from communique.coder import code_article

    text = (seed / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    rec = code_article(Article(text=text, published=gold["published"]), nlp=nlp)
    for d in gold["dates"]:
        assert any((d["text"].lower() in t.text.lower() or t.text.lower() in d["text"].lower())
                   and (t.value or "").startswith(d["value"])
                   for t in rec.times), d


def test_full_date_sets_the_year_of_its_paragraph(parse):
    doc = parse("The ceasefire was signed on 12 March 2015. Fighting resumed on 2 April.\n\n"
                "Talks failed on 5 April.", published="2024-03-06")
    got = times(doc)
    assert got["12 March 2015"] == "2015-03-12"
    assert got["2 April"] == "2015-04-02"
    assert got["5 April"] == "2023-04-05"  # a new paragraph: back to the publication date


def test_bare_year_does_not_bind_later_sentences(parse):
    doc = parse("In 2014, he moved to the city. In May, he was arrested.", published="2017-11-08")
    assert times(doc)["May"] == "2017-05"


def test_scheduled_passive_points_forward(parse):
    doc = parse("The vote is scheduled for Friday.")
    assert times(doc)["Friday"] == "2024-03-08"


def test_verb_takes_the_date_of_its_event_subject(parse):
    doc = parse("Last week's earthquake destroyed hundreds of homes.")
    d = date_for(doc, head(doc, "destroyed"))
    assert (d.start, d.end, d.granularity) == ("2024-02-26", "2024-03-03", "week")


def test_when_clause_dates_the_main_verb(parse):
    doc = parse("The activist was arrested when she landed in Cairo on Sunday.")
    assert date_for(doc, head(doc, "arrested")).start == "2024-03-03"
    doc = parse("The activist was arrested after she landed in Cairo on Sunday.")
    assert date_for(doc, head(doc, "arrested")).start == "2024-03"  # "after": not the same day


@pytest.mark.parametrize(("text", "expr", "value", "granularity"), [
    ("The referendum is due in two weeks.", "two weeks", "2024-03-18", "week"),
    ("The envoys will return in three days.", "three days", "2024-03-09", "day"),
    ("The garrison will leave in six months' time.", "six months' time", "2024-09", "month"),
    ("Parliament will vote on the bill in a year.", "a year", "2025", "year"),
])
def test_in_a_count_of_units_on_a_future_verb_counts_from_publication(parse, text, expr, value, granularity):
    doc = parse(text)
    got = {t.text: (t.value, t.granularity) for t in doc._.times}
    assert got.get(expr) == (value, granularity), got


@pytest.mark.parametrize("text", [
    "The rebels took the capital in two weeks.",  # a past "in": how long it took
    "The talks collapsed two days later.",  # anchored to another event
])
def test_past_or_event_anchored_counts_stay_unresolved(parse, text):
    doc = parse(text)
    assert not [t for t in doc._.times if t.value], [(t.text, t.value) for t in doc._.times]


@pytest.mark.parametrize("text, expected", [
    # a past intention or attempt governs its infinitive: the month is the last one on or before publication
    ("The envoy sought to broker a truce with Hanoi in September, aides said.", "2023-09"),
    ("The envoy had planned to visit Hanoi in September, aides said.", "2023-09"),
    ("The envoy tried to reach Hanoi in September, aides said.", "2023-09"),
    ("The envoy wanted to meet the premier in December.", "2023-12"),
    # a present intention still points ahead
    ("The envoy seeks to broker a truce with Hanoi in September.", "2024-09"),
    ("The envoy plans to visit Hanoi in September.", "2024-09"),
    # a past commitment keeps the nearest month
    ("Vietnam agreed to hold talks with Laos in April.", "2024-04"),
])
def test_a_past_governor_sets_the_direction_of_its_infinitive(parse, text, expected):
    doc = parse(text)
    month = next(t for t in doc._.times if t.granularity == "month")
    assert month.value == expected


@pytest.mark.parametrize("text, expected", [
    # a relative year word fixes the year of a month or day-month
    ("The ferry line was opened in May last year.", {"May last year": "2023-05"}),
    ("The ferry line was opened on 9 May last year.", {"9 May last year": "2023-05-09"}),
    # a month with last/next is read from the publication date, never from an earlier full date
    ("The port deal was signed on 4 June 2019. The ferry line closed last October.",
     {"4 June 2019": "2019-06-04", "last October": "2023-10"}),
    # another time frame in between ends the reach of the last full date
    ("The port deal was signed on 4 June 2019. Trade fell in 2022 and again last month. "
     "Talks resumed in December.",
     {"4 June 2019": "2019-06-04", "2022": "2022", "last month": "2024-02", "December": "2023-12"}),
    # ... but a bare day-month right after it still takes its year
    ("The port deal was signed on 4 June 2019. Ferries resumed on 2 July.",
     {"4 June 2019": "2019-06-04", "2 July": "2019-07-02"}),
])
def test_relative_year_words_and_the_reach_of_a_full_date(parse, text, expected):
    assert times(parse(text)) == expected


@pytest.mark.parametrize("text", [
    "The ferry sails every Monday.",                    # habitual
    "Every year in August, the fishermen hold a vigil.",  # habitual
    "The skipper, in her late 30s, steered the boat.",  # an age
    "These were the last days of the old port.",        # a part of something else
])
def test_recurring_times_ages_and_parts_are_no_dates(parse, text):
    assert times(parse(text)) == {}


@pytest.mark.parametrize("text, expected", [
    ("The envoy told Radio Mersey's Today the plan would fail.", {}),        # a programme's name
    ("The envoy told the Today programme the plan would fail.", {}),
    ("Today the envoy flew to Oslo.", {"Today": "2024-03-06"}),
    ("The envoy said today that the plan would fail.", {"today": "2024-03-06"}),
    ("The debate is broadcast on Saturday at 2130 GMT.", {"Saturday": "2024-03-09"}),  # a clock time
    ("The two parties worked together in the last year.", {"the last year": "2023"}),
])
def test_day_words_as_titles_clock_times_and_the_last_year(parse, text, expected):
    assert times(parse(text)) == expected


def test_the_last_year_is_a_period_up_to_publication(parse):
    (t,) = parse("The two parties worked together in the last year.")._.times
    assert (t.value, t.end_value) == ("2023", "2024")


def test_a_time_ends_before_a_trailing_dash_and_conjunction(parse):
    doc = parse("The militia held the valley until earlier this year - and now it is quiet.")
    assert times(doc) == {"earlier this year": "2024"}


@pytest.mark.parametrize("text, expected", [
    # a relative year is no full date: it does not date a later bare day-month
    ("The ferry line opened in May last year. Ten months later the skipper died on 15 February.",
     {"May last year": "2023-05", "15 February": "2024-02-15"}),
    # a period of something that reaches publication, and an 'of' of the verb, stay dates
    ("Trade grew in the past two years of peace.", {"the past two years": "2022"}),
    ("The skipper spoke last month of her plans.", {"last month": "2024-02"}),
])
def test_relative_years_and_of_phrases_that_stay_dates(parse, text, expected):
    assert times(parse(text)) == expected


@pytest.mark.parametrize("text, first, second, value, end", [
    ("The envoy served in Hanoi from 12 March to 3 June 2015.", "12 March", "3 June 2015", "2015-03-12", "2015-06-03"),
    ("The monsoon lasted from November to February.", "November", "February", "2023-11", "2024-02"),
])
def test_a_range_within_one_expression_is_one_period(parse, text, first, second, value, end):
    """Two TimeML expressions; the first carries the whole period (the date events take)."""
    a, b = parse(text)._.times
    assert (a.text, a.value, a.end_value, a.timex_value) == (first, value, end, value)
    assert (b.text, b.value, b.end_value, b.timex_value) == (second, end, None, end)


@pytest.mark.parametrize("text, expected", [
    ("Canada raised its troop numbers in Iraq this year. Now they must watch the Americans march away.",
     {"this year": "2024"}),                                             # a verb, not a month
    ("On a Thursday evening, the skipper got the call.", {}),             # any Thursday
    ("The skipper sailed for Tromsø the next day.", {}),                  # counted from the story
    ("The skipper had sailed the previous week.", {}),
    ("The ferry will run over the next week.", {"the next week": "2024-03-11"}),
    ("The ferry will run again next week.", {"next week": "2024-03-11"}),
])
def test_lower_case_months_indefinite_weekdays_and_story_relatives(parse, text, expected):
    assert times(parse(text)) == expected

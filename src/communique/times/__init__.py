"""Time expressions resolved against the publication date, and the date of each event.

Component ``communique_times`` reads ``doc._.published`` (``datetime.date`` or None) and the parse, and
writes ``doc._.times`` (``list[records.TimeExpr]``) and ``doc.spans["times"]`` (``span._.time`` is the
TimeExpr). :func:`date_for` gives the date of an event from its head token. The rules (tense-aware
weekdays and months, reference years, anchored durations, the fallback from tense) are described in
``docs/times-places.md``; the words they use are in ``data/times/lexicon.yaml``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_list
from ..records import DateValue, TimeExpr
from .resolve import Duration, Lexicon, Resolved, duration_end, lexicon, parse_duration, parse_words, shift_unit

__all__ = ["date_for", "direction_of", "find_times", "times_component", "time_anchor"]

log = logging.getLogger(__name__)

_TIME_LABELS = {"DATE", "TIME"}
_PARA_BREAK = re.compile(r"\n\n")
_YEAR_WORD = re.compile(r"^\d{4}$")
_VERBAL = {"VERB", "AUX"}
_NOMINAL = {"NOUN", "PROPN"}
_MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "nummod"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"}
_DURATION_KEY = "communique_durations"


# --------------------------------------------------------------------------------------------------
# syntax helpers
# --------------------------------------------------------------------------------------------------


def _core(span: Span, lex: Lexicon) -> Span:
    """The span without a leading preposition taken into the expression's text."""
    if len(span) > 1 and span[0].dep_ == "prep" and span[0].lower_ in lex.prepositions:
        return span[1:]
    return span


def time_anchor(span: Span, *, lex: Lexicon | None = None) -> Token:
    """The token a time expression attaches to: the noun it modifies ("last year's invasion",
    "the six-day trip"), else the verb or noun its preposition hangs from, else its head."""
    lex = lex or lexicon()
    root = _core(span, lex).root
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOMINAL and root.head.i != root.i:
        return root.head
    tok = root
    if tok.dep_ == "pobj":
        tok = tok.head
    hops = 0
    while tok.dep_ == "prep" and tok.head.i != tok.i and hops < 3:
        tok = tok.head
        hops += 1
        if tok.pos_ in _VERBAL or tok.pos_ in _NOMINAL:
            return tok
        if tok.dep_ == "pobj":
            tok = tok.head
    if tok.i == root.i:
        return root.head
    return tok


def _verb_of(tok: Token) -> Token | None:
    """The verb governing ``tok`` (itself when it is one), climbing through nouns and prepositions."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in _VERBAL:
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def direction_of(verb: Token | None, *, lex: Lexicon | None = None, _depth: int = 0) -> int:
    """-1 when ``verb`` speaks of the past (past tense, perfect), +1 of the future ("will",
    "is due to", "plans to", "going to"), 0 for the present or when unknown."""
    if verb is None:
        return 0
    lex = lex or lexicon()
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in lex.future_auxiliaries for a in auxes):
        return 1
    passive = any(a.dep_ == "auxpass" for a in auxes) or verb.lower_ == "due"
    if passive and (verb.lemma_.lower() in lex.future_passives or verb.lower_ in lex.future_passives):
        return 1
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in lex.future_governors or head.lower_ in lex.future_governors:
            # a past intention or attempt ("sought to strike", "had planned to visit") speaks of the
            # past; a past commitment or schedule ("agreed to hold", "was due to speak") of either side
            if _depth < 3 and direction_of(head, lex=lex, _depth=_depth + 1) < 0:
                committed = head.lemma_.lower() in lex.commitment_governors or head.lower_ in lex.commitment_governors
                return 0 if committed else -1
            return 1
        if head.lemma_ == "go" and head.tag_ == "VBG":
            return 1
    if any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return -1
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.i != verb.i and _depth < 3 \
            and all(a.tag_ == "TO" for a in auxes):
        # a bare infinitive takes its governor's tense ("tried to reach", "will try to reach")
        return direction_of(head, lex=lex, _depth=_depth + 1)
    if auxes or verb.tag_ in {"VBZ", "VBP", "MD"}:
        return 0
    # participles and gerunds without auxiliaries ("issued by", "sending") take their head's tense
    if verb.tag_ in {"VBN", "VBG", "VB"} and head.i != verb.i and _depth < 3:
        return direction_of(_verb_of(head), lex=lex, _depth=_depth + 1)
    return 0


# --------------------------------------------------------------------------------------------------
# the component
# --------------------------------------------------------------------------------------------------


def _name_hashes(doc: Doc, lex: Lexicon) -> set[int]:
    """Hashes of the month and weekday names taken outside date entities (long forms only: "may"
    and "march" are too often other words)."""
    words = [w for w in lex.months if len(w) > 3 and w not in {"may", "march"}]
    words += [w for w in lex.weekdays if len(w) > 4]
    return {doc.vocab.strings.add(w) for w in words}


def _candidates(doc: Doc, lex: Lexicon) -> list[Span]:
    spans = [e for e in doc.ents if e.label_ in _TIME_LABELS]
    covered = {i for e in spans for i in range(e.start, e.end)}
    if len(doc):
        names = _name_hashes(doc, lex)
        lower = doc.to_array("LOWER")
        for i in np.flatnonzero(np.isin(lower, np.fromiter(names, dtype=lower.dtype, count=len(names)))):
            i = int(i)
            if i not in covered and doc[i].pos_ == "PROPN":
                spans.append(doc[i : i + 1])
    return sorted((_trimmed(s) for s in spans), key=lambda s: s.start)


def _trimmed(span: Span) -> Span:
    """The span without trailing dashes, commas or conjunctions the recogniser took in ('earlier this
    year - and')."""
    end = span.end
    while end - span.start > 1 and (span.doc[end - 1].pos_ in {"PUNCT", "CCONJ", "SPACE"}
                                    and span.doc[end - 1].text not in {"'", "’"}):
        end -= 1
    return span if end == span.end else span.doc[span.start:end]


def _with_preposition(span: Span, lex: Lexicon) -> Span:
    doc = span.doc
    root = span.root
    if span.start > 0:
        prev = doc[span.start - 1]
        if prev.dep_ == "prep" and prev.lower_ in lex.prepositions and root.head.i == prev.i:
            return doc[span.start - 1 : span.end]
    return span


def _words(span: Span) -> list[str]:
    return [t.text for t in span if not t.is_space]


def find_times(doc: Doc, *, lex: Lexicon | None = None) -> list[tuple[Span, TimeExpr, Duration | None]]:
    """Every time expression of ``doc`` with its resolved value (durations come back with the
    Duration they denote, and a value only when anchored to a start)."""
    lex = lex or lexicon()
    anchor: dt.date | None = doc._.published
    found: list[tuple[Span, TimeExpr, Duration | None]] = []
    ref_year: dict[int, int] = {}  # sentence start -> reference year set by an explicit year
    para_year: dict[int, int] = {}  # paragraph number -> year of the last full date in it
    durations: list[tuple[Span, Duration]] = []
    text = doc.text  # spaCy joins the tokens again on every access: once per document
    breaks = [m.start() for m in _PARA_BREAK.finditer(text)]
    for cand in _candidates(doc, lex):
        words = _words(cand)
        dur = parse_duration(words, lex=lex)
        if dur is None and len(words) > 2 and words[-1].lower() == "time":  # "in six months' time"
            counted = parse_duration([w for w in words[:-1] if w not in ("'", "’")], lex=lex)
            ahead = _ahead(cand, counted, anchor, lex) if counted is not None else None
            if ahead is not None:
                span = _with_preposition(cand, lex)
                found.append((span, _time_expr(span, ahead), None))
                continue
        if dur is not None:
            ahead = _ahead(cand, dur, anchor, lex)
            if ahead is not None:  # "(due) in two weeks" with a future verb: from the publication date
                span = _with_preposition(cand, lex)
                found.append((span, _time_expr(span, ahead), None))
            else:
                durations.append((cand, dur))
            continue
        att = time_anchor(cand, lex=lex)
        verb = _verb_of(att)
        direction = direction_of(verb, lex=lex)
        prep = cand.root.head if cand.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in lex.backward_prepositions:
            direction = -1
        elif prep is not None and prep.lower_ in lex.forward_prepositions:
            simple_past = verb is not None and verb.tag_ == "VBD" and not any(
                c.dep_ in {"aux", "auxpass"} for c in verb.children)
            direction = -1 if simple_past else 1
        sent_start = cand.sent.start if doc.has_annotation("SENT_START") else 0
        para = bisect.bisect_left(breaks, cand.start_char)  # paragraph number
        # a reference year of the sentence only binds a month that modifies a noun ("the February
        # invasion"); a full date earlier in the paragraph ("on 31 August 2013") binds any month
        root = cand.root
        noun_bound = root.dep_ in _MODIFIER_DEPS or att.pos_ in _NOMINAL
        ry = ref_year.get(sent_start) if noun_bound else None
        if ry is None:
            ry = para_year.get(para)
        if _habitual(cand) or _not_a_time(cand, lex):
            continue
        res = parse_words(words, anchor=anchor, direction=direction, ref_year=ry, lex=lex)
        if res is None:
            continue
        if res.granularity == "decade" and _is_age(cand):
            continue
        if _of_something(cand, res, lex):
            continue
        if (res.explicit_year or res.granularity == "year") and not res.end_value:
            ref_year[sent_start] = int(res.value[:4])
        if res.explicit_year and res.granularity in {"day", "month"} and not res.end_value:
            para_year[para] = int(res.value[:4])
        elif not _takes_reference(words, lex):
            # another frame ("in 2017", "last month", "on Monday") ends the reach of the last full date
            para_year.pop(para, None)
        span = _with_preposition(cand, lex)
        found.append((span, _time_expr(span, res), None))
    # durations anchored to a start ("the six-day trip" on which someone departed on Monday)
    for cand, dur in durations:
        start = _duration_start(cand, found, lex)
        span = _with_preposition(cand, lex)
        if start is None:
            continue
        end = duration_end(start, dur)
        res = Resolved(start.isoformat(), "day", end.isoformat() if end else None)
        found.append((span, _time_expr(span, res), dur))
    found.sort(key=lambda x: x[0].start)
    return found


_POSSESSIVES = {"my", "your", "his", "her", "its", "our", "their"}


def _habitual(cand: Span) -> bool:
    """'every Monday', 'each year in August': a recurring time is no date."""
    if any(t.lower_ in {"every", "each"} for t in cand):
        return True
    tok = cand.root
    for _ in range(4):
        if any(c.dep_ == "det" and c.lower_ in {"every", "each"} for c in tok.children):
            return True
        if tok.pos_ in _VERBAL and any(  # 'Every year in August, they hold ...'
                c.dep_ == "npadvmod" and any(d.dep_ == "det" and d.lower_ in {"every", "each"} for d in c.children)
                for c in tok.children):
            return True
        if tok.dep_ not in {"pobj", "prep", "npadvmod", "compound"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _not_a_time(cand: Span, lex: Lexicon) -> bool:
    """A day word used as a title ('Radio 4's Today', 'the Today programme': capitalised inside a
    sentence, or before a title noun) and a clock time written as four digits ('at 2005 GMT')."""
    doc = cand.doc
    after = doc[cand.end] if cand.end < len(doc) else None
    words = [t for t in cand if not t.is_punct and t.lower_ not in lex.prepositions]
    if len(words) == 1 and words[0].lower_ in lex.day_words and words[0].text[:1].isupper():
        tok = words[0]
        if after is not None and after.lower_ in lex.day_word_titles:
            return True
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and not tok.is_sent_start and not (prev.is_punct or prev.is_space):
            return True
    if after is not None and after.lower_ in lex.clock_words and cand[-1].like_num and len(cand[-1].text) == 4:
        return True
    # a month name in lower case is another word ('watch the Americans march away')
    if any(t.lower_ in lex.months and t.text.islower() and len(t.text) > 3 for t in cand):
        return True
    low = [t.lower_ for t in cand if not (t.is_punct or t.lower_ in lex.prepositions)]
    # 'on a Wednesday morning': any Wednesday, no date
    first = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if (first in {"a", "an"} or low and low[0] in {"a", "an"}) and any(w in lex.weekdays for w in low):
        return True
    # 'the previous week', 'the following month', 'the next day' (the publication's is 'tomorrow'):
    # counted from another event of the story
    if len(low) == 3 and low[0] == "the" and low[2] in lex.units and (
            low[1] in lex.narrative_relatives or low[1] == "next" and lex.units[low[2]] == "day"):
        return True
    return False


def _is_age(cand: Span) -> bool:
    """'in her late 30s', 'in their twenties': a person's age, not a decade."""
    doc = cand.doc
    before = doc[max(0, cand.start - 3):cand.start]
    return any(t.lower_ in _POSSESSIVES for t in list(before) + list(cand))


def _of_something(cand: Span, res: Resolved, lex: Lexicon) -> bool:
    """'the last days of my life', 'the first weeks of the war': a unit measured within something
    else is not counted from the publication date (unless it names its year)."""
    if res.explicit_year or cand.end >= len(cand.doc) or cand.doc[cand.end].lower_ != "of":
        return False
    if not cand.start <= cand.doc[cand.end].head.i < cand.end:
        return False  # 'spoke last month of her plans': the 'of' belongs to the verb
    ws = [w.lower() for w in _words(cand)]
    if any(t.like_num or t.lower_ in lex.numbers and t.lower_ not in {"a", "an"} for t in cand):
        return False  # 'the past two years of war': a counted period up to publication
    return any(w in lex.units for w in ws) and not any(w in lex.months or w in lex.weekdays for w in ws)


def _takes_reference(words: list[str], lex: Lexicon) -> bool:
    """A month or day-month without a year or relative word: it may take an earlier full date's year."""
    ws = [w.lower() for w in words]
    return any(w in lex.months for w in ws) and not any(w in lex.relative or _YEAR_WORD.match(w) for w in ws)


def _ahead(cand: Span, dur: Duration, anchor: dt.date | None, lex: Lexicon) -> Resolved | None:
    """"The vote is due in two weeks", "troops will leave in six months' time": a count of units after
    "in", on a future verb, counts from the publication date. A past "in two weeks" ("won the war in two
    weeks") is a duration, and "two days later" is anchored to another event: neither resolves here."""
    if anchor is None or cand.start == 0:
        return None
    prev = cand.doc[cand.start - 1]
    if prev.lower_ != "in" or cand.root.head.i != prev.i:
        return None
    verb = _verb_of(time_anchor(cand, lex=lex))
    due = verb is not None and any(c.lower_ == "due" for c in verb.children)  # "is due in two weeks"
    if not due and direction_of(verb, lex=lex) <= 0:
        return None
    return shift_unit(anchor, dur.unit, dur.n)


def _time_expr(span: Span, res: Resolved) -> TimeExpr:
    return TimeExpr(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=res.value,
        granularity=res.granularity,
        end_value=res.end_value,
    )


def _duration_start(cand: Span, found: list[tuple[Span, TimeExpr, Duration | None]], lex: Lexicon) -> dt.date | None:
    """The day a duration starts: a day-valued time of the noun it measures, of the verb that noun
    hangs from ("departed on Monday on the six-day trip"), or of a clause on that noun ("the
    three-day summit, which opened on Tuesday")."""
    noun = time_anchor(cand, lex=lex)
    if noun.pos_ not in _NOMINAL:
        return None
    hosts = {noun.i}
    verb = _verb_of(noun)
    if verb is not None and verb.i != noun.i:
        hosts.add(verb.i)
    hosts.update(c.i for c in noun.children if c.dep_ in {"relcl", "acl"})
    for span, te, _ in found:
        if te.granularity == "day" and te.value and not te.end_value and time_anchor(span, lex=lex).i in hosts:
            return dt.date.fromisoformat(te.value)
    return None


@Language.component("communique_times", assigns=["doc._.times", "doc.spans"])
def times_component(doc: Doc) -> Doc:
    times = doc_list(doc, "times")
    lex = lexicon()
    spans: list[Span] = []
    try:
        found = find_times(doc, lex=lex)
    except Exception:  # a time rule must never lose the article
        log.exception("time expressions failed")
        found = []
    for span, te, _ in found:
        times.append(te)
        span._.time = te
        spans.append(span)
    doc.spans["times"] = spans
    return doc


# --------------------------------------------------------------------------------------------------
# the date of an event
# --------------------------------------------------------------------------------------------------


def _anchored(doc: Doc, lex: Lexicon) -> dict[int, list[Span]]:
    key = "communique_time_anchors"
    cache = doc.user_data.get(key)
    if cache is None:
        cache = {}
        for span in doc.spans.get("times", []):
            if span._.time is None or not span._.time.value:
                continue
            cache.setdefault(time_anchor(span, lex=lex).i, []).append(span)
        doc.user_data[key] = cache
    return cache


def _value(span: Span) -> DateValue:
    te: TimeExpr = span._.time
    return DateValue(start=te.value or "", end=te.end_value, granularity=te.granularity or "day", text=te.text)


def _best(spans: list[Span]) -> DateValue:
    # the finest expression wins ("on Monday" over "this week"); ties: the first in the text
    order = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "decade": 5}
    span = min(spans, key=lambda s: (order.get(s._.time.granularity or "day", 9), s.start))
    return _value(span)


def _own(head: Token, anchored: dict[int, list[Span]]) -> list[Span]:
    out = list(anchored.get(head.i, []))
    # auxiliaries, particles and a copula's complement share the verb's clause
    for c in head.children:
        if c.dep_ in {"aux", "auxpass", "prt", "acomp"}:
            out.extend(anchored.get(c.i, []))
    return out


def date_for(doc: Doc, head: Token) -> DateValue | None:
    """The date of an event whose head (verb or event noun) is ``head``.

    In order: a time expression of the head's own clause (on the head, its auxiliaries, an
    infinitive's governor "is due to speak on Monday", or a conjoined verb); for a noun, one of the
    verb it is the object or subject of ("attended a meeting in April"); the window of the noun a
    relative clause hangs from ("the six-day trip, during which he will speak"); the date given to the
    same event noun elsewhere in the article ("Russia's invasion" after "last year's invasion"); else
    the month of publication, from the head's tense (None without a publication date)."""
    lex = lexicon()
    anchored = _anchored(doc, lex)
    found = _explicit(doc, head, anchored)
    if found is not None:
        return found
    # the same event noun dated elsewhere in the article
    if head.pos_ == "NOUN":
        for tok in doc:
            if tok.i != head.i and tok.pos_ == "NOUN" and tok.lemma_ == head.lemma_:
                other = _explicit(doc, tok, anchored)
                if other is not None:
                    return other
    return _from_tense(doc, head, lex)


def _explicit(doc: Doc, head: Token, anchored: dict[int, list[Span]]) -> DateValue | None:
    """A date for ``head`` from a time expression in reach (see :func:`date_for`), else None."""
    lex = lexicon()
    own = _own(head, anchored)
    if own:
        return _best(own)
    # an infinitive or a conjoined verb shares its governor's time ("is due to speak on Monday")
    if head.dep_ in {"xcomp", "conj"} and head.head.i != head.i:
        found = _own(head.head, anchored)
        if found:
            return _best(found)
    for conj in head.conjuncts:
        found = _own(conj, anchored)
        if found:
            return _best(found)
    # a "when" clause dates its main verb ("was arrested when he landed on Monday")
    if head.pos_ in _VERBAL:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in lex.simultaneous
                                         for m in c.children):
                found = _own(c, anchored)
                if found:
                    return _best(found)
    # a verb whose subject is a dated event noun happened then ("last week's attack killed ...")
    if head.pos_ in _VERBAL:
        for c in head.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN":
                found = anchored.get(c.i, [])
                if found:
                    return _best(found)
    # a noun event takes the time of a participle or relative clause on it ("a statement issued last
    # year"), else of the verb it is an argument of ("attends a meeting ... in April")
    if head.pos_ in _NOMINAL:
        for c in head.children:
            if c.dep_ in {"acl", "relcl"}:
                found = _own(c, anchored)
                if found:
                    return _best(found)
        verb = _verb_of(head)
        if verb is not None and verb.i != head.i and head.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"}:
            path_ok = all(t.dep_ not in _CLAUSE_DEPS for t in _path(head, verb))
            found = _own(verb, anchored) if path_ok else []
            if found:
                return _best(found)
    # a relative clause on a noun with a time or a window ("the six-day trip, during which ...")
    clause = head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in {"relcl", "acl"} and clause.head.pos_ in _NOMINAL:
        noun = clause.head
        found = anchored.get(noun.i, [])
        if found:
            windowed = [s for s in found if s._.time.end_value]
            return _value(windowed[0]) if windowed else _best(found)
    return None


def _path(tok: Token, ancestor: Token) -> list[Token]:
    out = []
    cur = tok
    while cur.i != ancestor.i and cur.head.i != cur.i:
        out.append(cur)
        cur = cur.head
    return out


def _from_tense(doc: Doc, head: Token, lex: Lexicon) -> DateValue | None:
    """No time in reach: news speaks of its own days, so an event in the present, the perfect, the
    near future or the simple past falls in the month of publication (granularity month)."""
    published: dt.date | None = doc._.published
    if published is None:
        return None
    return DateValue(start=f"{published.year:04d}-{published.month:02d}", granularity="month")

"""Typed records: the article record (the project's contract, documented field by field in ``docs/record.md``)
and the input article.

Everything that reads or writes coded output (the coder, the store, the API, the exports) goes through
these models. Field names are a contract: new fields may be added, existing ones are never renamed or
dropped. ``docs/record.md`` describes every field.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "communique.article/1"

ActorType = Literal["person", "organization", "country", "group"]
Status = Literal["reported", "planned", "ongoing", "attempted", "claimed", "hypothetical"]
Granularity = Literal["day", "month", "year", "week", "season", "decade", "quarter", "half", "century"]
DateBasis = Literal["metadata", "given", "assumed", "none"]
#: how an event's date was obtained: a time expression in its clause, the text around it, or the
#: publication date alone (as GDELT and POLECAT date every event)
EventDateBasis = Literal["stated", "inherited", "publication"]
#: TimeML TIMEX3 types
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
ZoneKind = Literal[
    "title", "standfirst", "kicker", "caption", "credit", "subhead", "byline", "agency", "dateline", "body"
]

#: zones whose text is article metadata: never parsed for actors, events or quotes
METADATA_ZONES = frozenset({"credit", "byline", "agency", "kicker", "dateline"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


def normalise_text(text: str) -> str:
    """The normal form an article id is computed from: NFC, unified line ends, trimmed lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def content_id(text: str) -> str:
    """``sha256:<hex>`` of the normalised text: the same text gives the same id, whatever the file."""
    return "sha256:" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------------
# Input side: what a reader yields
# --------------------------------------------------------------------------------------------------


class Zone(_Model):
    """A marked region of the article text (character offsets into ``Article.text``)."""

    kind: ZoneKind
    start: int
    end: int


class Article(_Model):
    """One news article as read from any input format, before coding."""

    id: str = ""
    text: str
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None  # YYYY-MM-DD
    date_basis: DateBasis = "none"
    source_agency: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = "en"
    input_id: str | None = None
    byline: str | None = None
    credits: list[str] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list)
    document: str | None = None  # where it came from: path, path#line, path::record
    warnings: list[str] = Field(default_factory=list)

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            self.id = content_id(self.text)


class DocError(_Model):
    """A document that could not be read or coded, with a stable code and a reason."""

    document: str
    code: str
    message: str
    input_id: str | None = None

    def __str__(self) -> str:
        return f"{self.document}: {self.code}: {self.message}"


# --------------------------------------------------------------------------------------------------
# Output side: the article record
# --------------------------------------------------------------------------------------------------


class ArticleMeta(_Model):
    id: str
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None
    date_basis: DateBasis = "none"
    source_agency: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = "en"
    text: str = ""
    input_id: str | None = None
    byline: str | None = None
    credits: list[str] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list)
    document: str | None = None


class Mention(_Model):
    start: int
    end: int
    text: str


class Actor(_Model):
    id: str
    name: str
    type: ActorType
    country: str | None = None
    sector: list[str] = Field(default_factory=list)
    role: str | None = None
    code: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Side(_Model):
    """Source or target of an event."""

    actor: str | None = None
    name: str
    country: str | None = None
    code: str | None = None


class DateValue(_Model):
    start: str
    end: str | None = None
    granularity: Granularity = "day"
    text: str | None = None
    basis: EventDateBasis | None = None


class Tone(_Model):
    """A sentiment score in [-100, 100] (GDELT's AvgTone scale) with the words that drove it."""

    score: float
    positive: float = 0.0
    negative: float = 0.0
    words: list[str] = Field(default_factory=list)


class Location(_Model):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    display_name: str | None = None  # the English name a reader knows ("Raqqa"), beside GeoNames' name
    feature: str | None = None  # country, region, city, ... ("country": a country-level place, not a point)


class Speaker(_Model):
    actor: str | None = None
    name: str


class Evidence(_Model):
    start: int
    end: int
    text: str


class EventMention(_Model):
    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    goldstein: float | None = None
    source: Side | None = None
    target: Side | None = None
    date: DateValue | None = None
    location: Location | None = None
    negated: bool = False
    status: Status = "reported"
    attribution: list[Speaker] = Field(default_factory=list)
    evidence: Evidence
    rule: str
    tone: float | None = None  # sentiment of the evidence, [-100, 100]


class Quote(_Model):
    id: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: Speaker | None = None
    via: list[Speaker] = Field(default_factory=list)
    cue: str | None = None
    tone: float | None = None  # sentiment of the content, [-100, 100]


class TimeExpr(_Model):
    text: str
    start: int
    end: int
    value: str | None = None
    granularity: Granularity | None = None
    end_value: str | None = None  # last day/month/year of a span ("the six-day trip")
    timex_type: TimexType | None = None  # TimeML TIMEX3 type
    timex_value: str | None = None  # TimeML TIMEX3 value ("2023-08-14", "P3D", "PRESENT_REF", "XXXX-WXX-1")


class Place(_Model):
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, region, city, ...
    display_name: str | None = None  # the English name a reader knows ("Raqqa"), beside GeoNames' name


class ArticleRecord(_Model):
    schema_: str = Field(default=SCHEMA, alias="schema")
    article: ArticleMeta
    actors: list[Actor] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    tone: Tone | None = None
    #: event mentions of the title that the body codes again (ids "h1", "h2"...): left out of ``events`` so
    #: that the article counts each event once, kept so that the store counts them among the mentions of
    #: the merged event
    repeated_events: list[EventMention] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        return cls.model_validate(data)

    @classmethod
    def from_json(cls, text: str) -> ArticleRecord:
        return cls.model_validate_json(text)


class ErrorRecord(_Model):
    """The line written in place of an article that could not be coded (JSON Lines output)."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    input_id: str | None = None
    document: str | None = None
    error: dict[str, str]

    @classmethod
    def from_error(cls, err: DocError) -> ErrorRecord:
        return cls(input_id=err.input_id, document=err.document, error={"code": err.code, "message": err.message})

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

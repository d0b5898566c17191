"""The record contract: one pydantic model set for gold files and predictions.

Field names follow ``gold-format.md``, so an extractor record is valid input to
``extractor evaluate --predictions`` and a gold file is valid input to
``extractor run``. Models are frozen and refuse unknown fields.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extractor.parsing.partial_dates import PartialDate


class EntityType(str, Enum):
    """Entity types of guidelines §1."""

    COMPANY = "COMPANY"
    AGENCY = "AGENCY"
    APP = "APP"


class Qualifier(str, Enum):
    """How a claimed count relates to the true one (guidelines §3)."""

    exact = "exact"
    approx = "approx"
    at_least = "at_least"
    at_most = "at_most"


class Metric(str, Enum):
    """What a claimed count counts."""

    downloads = "downloads"
    users = "users"


class ReferenceOrigin(str, Enum):
    """Where the reference date that resolved relative dates came from."""

    published = "published"
    text = "text"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_iso(value: str | None) -> str | None:
    if value is not None:
        PartialDate.parse(value)
    return value


class Mention(_Model):
    """One occurrence of an entity: character offsets into the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str | None = None
    rule: str | None = Field(default=None, description="id of the pattern or rule that found it")


class Entity(_Model):
    """One entity per (canonical name, type) in an article."""

    name: str = Field(min_length=1)
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class DateMention(_Model):
    """A temporal expression and its ISO value at the precision the text gives."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: str | None = None
    end_value: str | None = None
    rule: str | None = None

    _iso = field_validator("value", "end_value")(_check_iso)


class DownloadClaim(_Model):
    """A number of downloads or users attributed to an app (or to none)."""

    app: str | None = None
    count: int = Field(gt=0)
    qualifier: Qualifier = Qualifier.exact
    metric: Metric = Metric.downloads
    period_start: str | None = None
    period_end: str | None = None
    text: str | None = None
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    source: str | None = Field(default=None, description="who the figure is attributed to")
    rule: str | None = None

    _iso = field_validator("period_start", "period_end")(_check_iso)


class InputInfo(_Model):
    """Where an article came from and how it was read (batch runs)."""

    path: str
    format: str = Field(description="text, html or json")
    encoding: str | None = None
    line: int | None = Field(default=None, description="line (JSON Lines) or position (JSON list)")
    title: str | None = Field(default=None, description="HTML title")
    newlines_normalised: bool = Field(default=False, description="CRLF/CR became LF; offsets index the new text")


class Article(_Model):
    """One article's record: the gold format, plus what the extractor adds."""

    id: str | None = None
    source: str | None = None
    published: str | None = None
    text: str | None = None
    reference_date: str | None = None
    reference_date_origin: ReferenceOrigin | None = None
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    claims: list[DownloadClaim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    input: InputInfo | None = None
    extractor_version: str | None = None
    phenomena: list[str] = Field(default_factory=list, description="corpus coverage tags (gold only)")

    _iso = field_validator("published", "reference_date")(_check_iso)

    @model_validator(mode="after")
    def _offsets_slice_to_text(self) -> Article:
        """Check that every span with a text equals the article text at its offsets."""
        if self.text is None:
            return self
        spans = [(d.start, d.end, d.text, "date") for d in self.dates]
        spans += [(c.start, c.end, c.text, "claim") for c in self.claims if c.start is not None]
        spans += [
            (m.start, m.end, m.text, f"mention of {e.name}") for e in self.entities for m in e.mentions
        ]
        for start, end, text, what in spans:
            if end < start or end > len(self.text):
                raise ValueError(f"{what} offsets {start}:{end} outside the text")
            if text is not None and self.text[start:end] != text:
                raise ValueError(
                    f"{what} text {text!r} is not text[{start}:{end}] == {self.text[start:end]!r}"
                )
        return self

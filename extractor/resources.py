"""Load the rule data files under ``extractor/data``, validated by pydantic.

Every file is read once (cached) through ``importlib.resources``; a bad entry
fails at load with the file name and the position of the entry.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

# PyYAML's C loader reads the gazetteers about 15 times faster than srsly's
# pure-Python ruamel, which matters for start-up; tests/test_data.py checks
# that both read every data file the same (no YAML 1.1 "yes/no" surprises).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> object:
    """Return the data of a YAML text."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)

GAZETTEERS = {"COMPANY": "companies", "AGENCY": "agencies", "APP": "apps"}


class DataFileError(ValueError):
    """A data file does not validate; the message names the file and entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


AppKind = Literal[
    "store", "game", "social", "messaging", "work", "ai", "browser", "mobility", "shopping", "payment",
    "dating", "public", "wellbeing", "audio", "video", "security", "other",
]


class GazetteerEntry(_Strict):
    """One real entity: canonical name and the other names it goes by."""

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    case_sensitive: bool = False
    store: bool = False
    territory: bool = False
    kind: AppKind | None = None  # apps only: what sort of app, matched by "le jeu", "la messagerie"…
    note: str | None = None


class Gazetteer(_Strict):
    """A gazetteer file: provenance and entries."""

    provenance: str
    entries: list[GazetteerEntry]


class Window(_Strict):
    """How many tokens before and after a match a cue may stand."""

    before: int = Field(default=0, ge=0)
    after: int = Field(default=0, ge=0)


class NamedValue(_Strict):
    """Names of one calendar value (a month or a weekday)."""

    value: int
    names: list[str]


class Calendar(_Strict):
    """months.yaml and weekdays.yaml."""

    provenance: str
    entries: list[NamedValue]


class Season(_Strict):
    names: list[str]
    first_month: int = Field(ge=1, le=12)
    last_month: int = Field(ge=1, le=12)


class PeriodWord(_Strict):
    names: list[str]
    months: int = Field(ge=1, le=12)
    abbreviations: list[str] = Field(default_factory=list)


class UnitWord(_Strict):
    names: list[str]
    unit: Literal["day", "week", "month", "year"]


class Periods(_Strict):
    """periods.yaml: seasons, quarters, ordinals, edge words and units."""

    provenance: str
    seasons: list[Season]
    periods: list[PeriodWord]
    ordinals: list[NamedValue]
    edge_words: list[str]
    units: list[UnitWord]


class RelativeEntry(_Strict):
    phrases: list[str]
    unit: Literal["day", "week", "weekend", "month", "year"] | None = None
    offset: int = 0
    anaphoric: bool = False
    note: str | None = None


class WeekdayModifier(_Strict):
    words: list[str]
    offset: int


class CountedCue(_Strict):
    words: list[str]
    position: Literal["before", "after"]
    direction: int = 0
    anaphoric: bool = False


class TenseCues(_Strict):
    note: str
    future: list[str]
    future_verbs: list[str]
    past: list[str]
    reach: int = Field(ge=1)


class RelativeDates(_Strict):
    """relative_dates.yaml."""

    provenance: str
    entries: list[RelativeEntry]
    month_modifiers: list[WeekdayModifier]
    weekday_modifiers: list[WeekdayModifier]
    counted: list[CountedCue]
    tense: TenseCues


class Scale(_Strict):
    words: list[str]
    value: int


class Numbers(_Strict):
    """numbers.yaml."""

    provenance: str
    scales: list[Scale]
    number_words: list[str]
    lone_words_not_counts: list[str]


class MetricEntry(_Strict):
    metric: Literal["downloads", "users"]
    nouns: list[str]
    verbs: list[str]
    min_count: int = 0
    note: str | None = None


class Metrics(_Strict):
    """metrics.yaml."""

    provenance: str
    entries: list[MetricEntry]
    times_words: list[str]
    minimum_count: int = Field(ge=0)
    verb_subjects: list[str]
    adjectives_between: list[str]


class QualifierEntry(_Strict):
    qualifier: Literal["exact", "approx", "at_least", "at_most"]
    phrases: list[str] = Field(default_factory=list)
    stems: list[str] = Field(default_factory=list)
    window: Window
    unless_after: list[str] = Field(default_factory=list)
    note: str | None = None


class Qualifiers(_Strict):
    """qualifiers.yaml."""

    provenance: str
    entries: list[QualifierEntry]


class CueList(_Strict):
    phrases: list[str]
    stems: list[str] = Field(default_factory=list)
    window: Window | None = None
    note: str | None = None


class NotClaim(CueList):
    reason: str


class Durations(_Strict):
    """How long a count took to gather: "en deux jours", "en moins de vingt-quatre heures"."""

    leads: list[str]
    days: dict[str, int]
    hours: list[str]
    reach: int = Field(ge=0)
    note: str | None = None


class AnaphorKinds(_Strict):
    nouns: dict[str, list[AppKind]]
    note: str | None = None


class ClaimCues(_Strict):
    """claim_cues.yaml."""

    provenance: str
    not_claims: list[NotClaim]
    as_of: CueList
    point_edges: CueList
    same_period: CueList
    launch: CueList
    since: CueList
    cumulative: CueList
    announcement: CueList
    running_total: CueList
    claiming: CueList
    company_history: CueList
    concurrent: CueList
    launch_anaphora: CueList
    period_units: CueList
    durations: Durations
    anaphor_kinds: AnaphorKinds
    order_anaphors: dict[Literal["latest", "first", "second"], list[str]]
    rival_nouns: CueList
    group_nouns: CueList
    qualifier_words: CueList
    exclusions: CueList
    anaphora: CueList
    comparison: CueList
    ellipsis: CueList
    app_pronouns: CueList
    no_app: CueList
    source: CueList


class TypeCue(_Strict):
    type: Literal["COMPANY", "AGENCY", "APP"]
    phrases: list[str]
    skip: int = Field(default=0, ge=0)


class TypeCues(_Strict):
    """type_cues.yaml."""

    provenance: str
    before: list[TypeCue]
    adjective_suffixes: list[str]
    adjective_words: list[str]
    naming_participles: list[str]
    naming_heads: dict[str, list[str]]
    apposition_fillers: list[str]
    rival_nouns: list[str]
    app_suffixes: list[str]
    app_subject_verbs: list[str]
    company_suffixes: list[str]
    agency_heads: list[str]
    agency_complement_deps: list[str]
    company_verbs: list[str]
    company_object_verbs: list[str]
    company_nouns: list[str]
    app_first: list[str]
    company_context_before: list[str]
    app_context_before: list[str]
    app_context_after: list[str]
    territory_before: list[str]
    office_titles: list[str]


class Boilerplate(_Strict):
    """boilerplate.yaml."""

    provenance: str
    max_words: int = Field(ge=1)
    line_starts: list[str]
    whole_lines: list[str]


LEXICONS: dict[str, type[BaseModel]] = {
    "months": Calendar,
    "weekdays": Calendar,
    "periods": Periods,
    "relative_dates": RelativeDates,
    "numbers": Numbers,
    "metrics": Metrics,
    "qualifiers": Qualifiers,
    "claim_cues": ClaimCues,
    "type_cues": TypeCues,
    "boilerplate": Boilerplate,
}


def _read(folder: str, name: str, model: type[BaseModel]) -> BaseModel:
    path = resources.files("extractor").joinpath("data", folder, f"{name}.yaml")
    label = f"extractor/data/{folder}/{name}.yaml"
    try:
        raw = parse_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"{label}: no such data file") from exc
    except Exception as exc:  # the YAML parser's own errors carry the line
        raise DataFileError(f"{label}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"at {'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        raise DataFileError(f"{label}: {problems}") from exc


@lru_cache(maxsize=None)
def load_gazetteer(entity_type: str) -> Gazetteer:
    """Return the gazetteer of one entity type (COMPANY, AGENCY or APP).

    Raises:
        DataFileError: if the file is missing or an entry does not validate.
    """
    if entity_type not in GAZETTEERS:
        raise KeyError(f"no gazetteer for type {entity_type!r}; known: {sorted(GAZETTEERS)}")
    return _read("gazetteers", GAZETTEERS[entity_type], Gazetteer)  # type: ignore[return-value]


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> BaseModel:
    """Return one lexicon (months, qualifiers, …) as its validated model.

    Raises:
        DataFileError: if the file is missing or an entry does not validate.
    """
    if name not in LEXICONS:
        raise KeyError(f"no lexicon {name!r}; known: {sorted(LEXICONS)}")
    return _read("lexicons", name, LEXICONS[name])

"""Score predicted records against gold ones, as ``gold-format.md`` says.

Entities: (entity, type) pairs per article; a prediction matches a gold
entity of the same type when its name or a mention text equals the gold name
or an alias (compared by `name_key`); a second prediction for a matched entity
counts neither way. Dates: spans match when they overlap; value accuracy over
matches; strict F1 counts only matches with the right values. Claims, per
metric: same app (null matches null) and same count; period accuracy over
matches, periods compared as days. Never imports spaCy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from extractor.parsing.names import name_key
from extractor.parsing.partial_dates import PartialDate
from extractor.schema import Article, DownloadClaim, Entity

TYPES = ("COMPANY", "AGENCY", "APP")
METRICS = ("downloads", "users")


@dataclass
class PRF:
    """True positives, false positives and false negatives, and their scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0 if not self.fp else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True)
class ModelError:
    """One error of the extractor on one article."""

    article: str
    field: str  # entities, dates, claims.downloads, claims.users
    kind: str  # FP (prediction only), FN (gold only), WRONG_VALUE, WRONG_PERIOD
    detail: str
    start: int | None = None
    end: int | None = None


@dataclass
class Report:
    """Scores over a set of articles, and the errors behind them."""

    articles: int = 0
    entities: PRF = field(default_factory=PRF)
    entities_by_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    date_spans: PRF = field(default_factory=PRF)
    date_strict: PRF = field(default_factory=PRF)
    date_values: Accuracy = field(default_factory=Accuracy)
    claims: dict[str, PRF] = field(default_factory=lambda: {m: PRF() for m in METRICS})
    periods: dict[str, Accuracy] = field(default_factory=lambda: {m: Accuracy() for m in METRICS})
    errors: list[ModelError] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        """Return the flat metric → value table the thresholds file uses."""
        table = {
            "entities.f1": self.entities.f1,
            "entities.precision": self.entities.precision,
            "entities.recall": self.entities.recall,
            "dates.span_f1": self.date_spans.f1,
            "dates.value_accuracy": self.date_values.value,
            "dates.strict_f1": self.date_strict.f1,
        }
        for entity_type, prf in self.entities_by_type.items():
            table[f"entities.{entity_type}.f1"] = prf.f1
        for metric in METRICS:
            table[f"claims.{metric}.f1"] = self.claims[metric].f1
            table[f"claims.{metric}.period_accuracy"] = self.periods[metric].value
        matched = sum(p.total for p in self.periods.values())
        table["claims.period_accuracy"] = (
            sum(p.correct for p in self.periods.values()) / matched if matched else 1.0
        )
        return {key: round(value, 4) for key, value in table.items()}

    def as_dict(self) -> dict:
        """Return the whole report as JSON-ready data."""
        return {
            "articles": self.articles,
            "scores": self.scores(),
            "entities": {"overall": self.entities.as_dict(), **{t: p.as_dict() for t, p in self.entities_by_type.items()}},
            "dates": {
                "span": self.date_spans.as_dict(),
                "value": self.date_values.as_dict(),
                "strict": self.date_strict.as_dict(),
            },
            "claims": {
                m: {**self.claims[m].as_dict(), "period": self.periods[m].as_dict()} for m in METRICS
            },
            "errors": [error.__dict__ for error in self.errors],
        }


def _entity_keys(entity: Entity, text: str | None, *, gold: bool) -> set[str]:
    """Return the name keys an entity can be matched by."""
    keys = {name_key(entity.name)}
    if gold:
        keys |= {name_key(alias) for alias in entity.aliases}
    else:
        keys |= {name_key(alias) for alias in entity.aliases}
        for mention in entity.mentions:
            surface = mention.text if mention.text is not None else (text[mention.start : mention.end] if text else None)
            if surface:
                keys.add(name_key(surface))
    keys.discard("")
    return keys


def score_entities(gold: Article, pred: Article, report: Report) -> None:
    """Add one article's entity matches to the report."""
    article_id = gold.id or "?"
    for entity_type in TYPES:
        gold_entities = [e for e in gold.entities if e.type.value == entity_type]
        gold_keys = [_entity_keys(e, gold.text, gold=True) for e in gold_entities]
        matched: set[int] = set()
        prf = PRF()
        for entity in (e for e in pred.entities if e.type.value == entity_type):
            keys = _entity_keys(entity, gold.text, gold=False)
            hits = [i for i, g in enumerate(gold_keys) if keys & g]
            fresh = [i for i in hits if i not in matched]
            if fresh:
                matched.add(fresh[0])
                prf.tp += 1
            elif not hits:
                prf.fp += 1
                first = entity.mentions[0] if entity.mentions else None
                report.errors.append(
                    ModelError(article_id, "entities", "FP", f"{entity.name} ({entity_type})",
                               first.start if first else None, first.end if first else None)
                )
        for i, entity in enumerate(gold_entities):
            if i not in matched:
                prf.fn += 1
                report.errors.append(ModelError(article_id, "entities", "FN", f"{entity.name} ({entity_type})"))
        report.entities_by_type[entity_type].add(prf)
        report.entities.add(prf)


def score_dates(gold: Article, pred: Article, report: Report) -> None:
    """Add one article's date matches (overlapping spans) to the report."""
    article_id = gold.id or "?"
    used: set[int] = set()
    spans, strict = PRF(), PRF()
    for date in pred.dates:
        hit = next(
            (i for i, g in enumerate(gold.dates) if i not in used and date.start < g.end and g.start < date.end), None
        )
        if hit is None:
            spans.fp += 1
            strict.fp += 1
            report.errors.append(
                ModelError(article_id, "dates", "FP", f"{date.text!r} = {date.value}..{date.end_value}", date.start, date.end)
            )
            continue
        used.add(hit)
        spans.tp += 1
        expected = gold.dates[hit]
        right = (date.value, date.end_value) == (expected.value, expected.end_value)
        report.date_values.total += 1
        if right:
            report.date_values.correct += 1
            strict.tp += 1
        else:
            strict.fp += 1
            strict.fn += 1
            report.errors.append(
                ModelError(
                    article_id,
                    "dates",
                    "WRONG_VALUE",
                    f"{date.text!r}: predicted {date.value}..{date.end_value}, "
                    f"gold {expected.value}..{expected.end_value}",
                    date.start,
                    date.end,
                )
            )
    for i, expected in enumerate(gold.dates):
        if i not in used:
            spans.fn += 1
            strict.fn += 1
            report.errors.append(
                ModelError(
                    article_id, "dates", "FN", f"{expected.text!r} = {expected.value}..{expected.end_value}",
                    expected.start, expected.end,
                )
            )
    report.date_spans.add(spans)
    report.date_strict.add(strict)


def _app_keys(article: Article, *, gold: bool) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for entity in article.entities:
        if entity.type.value == "APP":
            keys[entity.name] |= _entity_keys(entity, article.text, gold=gold)
    return keys


def _day_range(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    return (
        PartialDate.parse(start).first_day() if start else None,
        PartialDate.parse(end).last_day() if end else None,
    )


def score_claims(gold: Article, pred: Article, report: Report) -> None:
    """Add one article's claim matches (same app, same count) to the report, per metric."""
    article_id = gold.id or "?"
    gold_apps, pred_apps = _app_keys(gold, gold=True), _app_keys(pred, gold=False)

    def same_app(predicted: DownloadClaim, expected: DownloadClaim) -> bool:
        if predicted.app is None or expected.app is None:
            return predicted.app is None and expected.app is None
        pred_keys = pred_apps.get(predicted.app, set()) | {name_key(predicted.app)}
        gold_keys = gold_apps.get(expected.app, set()) | {name_key(expected.app)}
        return bool(pred_keys & gold_keys)

    for metric in METRICS:
        gold_claims = [c for c in gold.claims if c.metric.value == metric]
        matched: set[int] = set()
        prf = PRF()
        for claim in (c for c in pred.claims if c.metric.value == metric):
            hits = [i for i, g in enumerate(gold_claims) if g.count == claim.count and same_app(claim, g)]
            fresh = [i for i in hits if i not in matched]
            if fresh:
                matched.add(fresh[0])
                prf.tp += 1
                expected = gold_claims[fresh[0]]
                right = _day_range(claim.period_start, claim.period_end) == _day_range(
                    expected.period_start, expected.period_end
                )
                report.periods[metric].total += 1
                if right:
                    report.periods[metric].correct += 1
                else:
                    report.errors.append(
                        ModelError(
                            article_id, f"claims.{metric}", "WRONG_PERIOD",
                            f"{claim.app} {claim.count}: predicted {claim.period_start}..{claim.period_end}, "
                            f"gold {expected.period_start}..{expected.period_end}",
                            claim.start, claim.end,
                        )
                    )
            elif not hits:
                prf.fp += 1
                report.errors.append(
                    ModelError(article_id, f"claims.{metric}", "FP",
                               f"{claim.app} {claim.count} {claim.qualifier.value} ({claim.text!r})", claim.start, claim.end)
                )
        for i, claim in enumerate(gold_claims):
            if i not in matched:
                prf.fn += 1
                report.errors.append(
                    ModelError(article_id, f"claims.{metric}", "FN", f"{claim.app} {claim.count} ({claim.text!r})")
                )
        report.claims[metric].add(prf)


def evaluate_articles(pairs) -> Report:
    """Return the report over (gold, predicted) article pairs."""
    report = Report()
    for gold, pred in pairs:
        report.articles += 1
        score_entities(gold, pred, report)
        score_dates(gold, pred, report)
        score_claims(gold, pred, report)
    return report


def check_thresholds(scores: dict[str, float], minimums: dict[str, float], tolerance: float) -> list[str]:
    """Return one message per metric that fell more than ``tolerance`` below its minimum."""
    failures = []
    for metric, minimum in sorted(minimums.items()):
        if metric not in scores:
            failures.append(f"{metric}: not measured")
        elif scores[metric] < minimum - tolerance:
            failures.append(f"{metric}: {scores[metric]:.4f} < {minimum:.4f} - {tolerance}")
    return failures

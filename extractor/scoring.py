"""Glue for ``extractor evaluate``: read gold files, predict or read predictions, report."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from extractor.evaluation import METRICS, TYPES, Report, evaluate_articles
from extractor.schema import Article

GOLD_FIELDS = set(Article.model_fields)


def read_articles(path: Path) -> list[Article]:
    """Return the articles of a gold or prediction JSON Lines file.

    Raises:
        ValueError: naming the file and line of the first invalid record.
    """
    articles = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                raw = {key: value for key, value in raw.items() if key in GOLD_FIELDS}
                articles.append(Article.model_validate(raw))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return articles


def gold_and_predictions(
    gold_paths: Iterable[Path], *, predictions: Path | None = None
) -> tuple[list[Article], list[Article]]:
    """Return the gold articles and, in the same order, the pipeline's (or a file's) predictions.

    Raises:
        ValueError: if a file is invalid or a gold article has no prediction.
    """
    gold = [article for path in gold_paths for article in read_articles(Path(path))]
    if predictions is not None:
        by_id = {article.id: article for article in read_articles(Path(predictions))}
        missing = [g.id for g in gold if g.id not in by_id]
        if missing:
            raise ValueError(f"no prediction for {len(missing)} gold articles, e.g. {missing[:3]}")
        return gold, [by_id[g.id] for g in gold]
    from extractor.api import ArticleInput, extract_many

    return gold, list(extract_many(ArticleInput(g.text or "", g.id, g.published) for g in gold))


def score_files(gold_paths: Iterable[Path], *, predictions: Path | None = None) -> Report:
    """Return the report of the pipeline (or of a prediction file) on gold files."""
    return evaluate_articles(zip(*gold_and_predictions(gold_paths, predictions=predictions)))


def load_thresholds(path: Path, section: str) -> tuple[dict[str, float], float]:
    """Return the minimum scores of one section of the thresholds file and its tolerance."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if section not in data.get("splits", {}):
        raise ValueError(f"{path}: no thresholds for {section!r}; known: {sorted(data.get('splits', {}))}")
    return data["splits"][section], float(data.get("tolerance", 0.0))


def format_report(report: Report, *, errors: bool = False) -> str:
    """Return the report as text tables (and the error list)."""
    lines = [f"{report.articles} articles", "", f"{'entities':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]

    def row(name: str, prf) -> str:
        return f"{name:<22}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}{prf.tp:>6}{prf.fp:>6}{prf.fn:>6}"

    for entity_type in TYPES:
        lines.append(row(f"  {entity_type}", report.entities_by_type[entity_type]))
    lines.append(row("  overall", report.entities))
    lines += ["", f"{'dates':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    lines.append(row("  span", report.date_spans))
    lines.append(row("  strict", report.date_strict))
    lines.append(f"  value accuracy      {report.date_values.value:>8.3f}  ({report.date_values.correct}/{report.date_values.total})")
    lines += ["", f"{'claims':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}  period"]
    for metric in METRICS:
        period = report.periods[metric]
        lines.append(row(f"  {metric}", report.claims[metric]) + f"  {period.value:.3f} ({period.correct}/{period.total})")
    if errors:
        lines += ["", "errors by article:"]
        current = None
        for error in sorted(report.errors, key=lambda e: (e.article, e.field, e.kind)):
            if error.article != current:
                current = error.article
                lines.append(f"  {current}")
            lines.append(f"    {error.field:<17}{error.kind:<13}{error.detail}")
    return "\n".join(lines)

"""Time the review views on 1,000 records built from the corpus.

The records are the corpus's annotated articles (``corpus/*.gold.jsonl``,
same schema as the extractor's output), repeated under new ids up to the
wanted number; ``--pipeline`` builds them from the pipeline's output on the
corpus texts instead (slower to prepare, same rendering cost). Only the
rendering is timed, best of ``--repeat`` runs.

    .venv/bin/python benchmarks/views_bench.py
    .venv/bin/python benchmarks/views_bench.py --pipeline --articles 1000
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

from extractor.evaluation import evaluate_articles
from extractor.schema import Article
from extractor.scoring import read_articles
from extractor.views import DEFAULT_LIMIT, render_evaluation, render_records

ROOT = Path(__file__).resolve().parents[1]


def corpus_records(*, pipeline: bool) -> list[Article]:
    """Return the corpus's gold records, or the pipeline's records of the corpus texts."""
    gold = [a for name in ("dev", "test") for a in read_articles(ROOT / "corpus" / f"{name}.gold.jsonl")]
    if not pipeline:
        return gold
    from extractor.api import ArticleInput, extract_many

    return list(extract_many((ArticleInput(g.text or "", g.id, g.published) for g in gold), include_text=True))


def repeat_to(records: list[Article], count: int) -> list[Article]:
    """Return ``count`` records, cycling through ``records`` with a copy number in each id."""
    return [
        records[i % len(records)].model_copy(update={"id": f"{records[i % len(records)].id}-{i // len(records)}"})
        for i in range(count)
    ]


def degrade(article: Article) -> Article:
    """Return a plausible prediction: the gold record minus its last entity, first date and odd claims."""
    return article.model_copy(
        update={"entities": article.entities[:-1], "dates": article.dates[1:], "claims": article.claims[::2]}
    )


def best_of(repeat: int, work: Callable[[], str]) -> tuple[float, int]:
    """Return the best time of ``repeat`` runs of ``work`` and the size of what it returned."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(work())
        times.append(time.perf_counter() - start)
    return min(times), size


def main() -> None:
    """Build the records, render them, print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pipeline", action="store_true", help="records from the pipeline, not the gold files")
    args = parser.parse_args()

    start = time.perf_counter()
    base = corpus_records(pipeline=args.pipeline)
    records = repeat_to(base, args.articles)
    texts = [record.text or "" for record in records]
    golds = repeat_to(read_articles(ROOT / "corpus" / "dev.gold.jsonl"), args.articles)
    preds = [degrade(gold) for gold in golds]
    report = evaluate_articles(zip(golds, preds))
    print(
        f"prepared {len(records)} records from {len(base)} corpus articles "
        f"({'pipeline' if args.pipeline else 'gold'}) in {time.perf_counter() - start:.1f} s"
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    cases = [
        (
            f"render_records, {len(records)} articles, limit {DEFAULT_LIMIT} (default)",
            lambda: render_records(records, texts),
        ),
        (
            f"render_records, {len(records)} articles, all in full",
            lambda: render_records(records, texts, limit=len(records)),
        ),
        (
            f"render_evaluation, {len(golds)} pairs, limit {DEFAULT_LIMIT} (default)",
            lambda: render_evaluation(golds, preds, report),
        ),
        (
            f"render_evaluation, {len(golds)} pairs, all in full",
            lambda: render_evaluation(golds, preds, report, limit=len(golds)),
        ),
    ]
    for name, work in cases:
        seconds, size = best_of(args.repeat, work)
        print(f"{name}: {seconds:.2f} s, {size / 1e6:.1f} MB of HTML")


if __name__ == "__main__":
    main()

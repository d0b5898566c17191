"""Run the pipeline over many inputs: records out, errors counted, nothing lost."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from extractor.api import ArticleInput, extract_many
from extractor.batch import InputError, iter_inputs
from extractor.pipeline import load_pipeline
from extractor.schema import Article

logger = logging.getLogger(__name__)


@dataclass
class Summary:
    """What a run did: every article in is a record or an error."""

    articles: int = 0
    records: int = 0
    errors: int = 0

    def line(self) -> str:
        return f"{self.articles} articles, {self.records} records, {self.errors} errors"


def process(items: Iterable[ArticleInput | InputError], *, include_text: bool = False, batch_size: int = 32) -> Iterator[Article | InputError]:
    """Yield a record or an error for every item, in input order.

    Articles go through ``nlp.pipe`` in batches; if a batch fails, its
    articles are retried one by one so that only the bad one becomes an error.
    """
    nlp = load_pipeline()
    iterator = iter(items)
    while chunk := list(islice(iterator, batch_size)):
        articles = [item for item in chunk if isinstance(item, ArticleInput)]
        try:
            records = iter(list(extract_many(articles, include_text=include_text, nlp=nlp, batch_size=batch_size)))
        except Exception:  # one bad article must not sink the batch
            logger.exception("batch failed; retrying its articles one by one")
            records = None
        for item in chunk:
            if isinstance(item, InputError):
                yield item
            elif records is not None:
                yield next(records)
            else:
                try:
                    yield next(extract_many([item], include_text=include_text, nlp=nlp))
                except Exception as exc:
                    yield InputError(item.id or "?", item.source or "?", f"extraction failed: {type(exc).__name__}: {exc}")


def run_batch(
    inputs: Iterable[str | Path],
    *,
    output: Path | None = None,
    include_text: bool = False,
    errors_path: Path | None = None,
) -> Summary:
    """Extract every article under ``inputs`` into JSON Lines; return the counts."""
    summary = Summary()
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    errors_out = open(errors_path, "w", encoding="utf-8") if errors_path else None
    try:
        for result in process(iter_inputs(inputs), include_text=include_text):
            summary.articles += 1
            if isinstance(result, InputError):
                summary.errors += 1
                logger.warning("%s (%s): %s", result.id, result.path, result.reason)
                if errors_out:
                    errors_out.write(json.dumps(result.__dict__, ensure_ascii=False) + "\n")
                continue
            summary.records += 1
            out.write(result.model_dump_json(exclude_none=False) + "\n")
            out.flush()
    finally:
        if output:
            out.close()
        if errors_out:
            errors_out.close()
    return summary

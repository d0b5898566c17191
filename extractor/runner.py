"""Run the pipeline over many inputs: records out in input order, errors counted, nothing lost.

The main process reads the inputs (a stream, never a list of the whole
batch), hands batches of articles to worker processes that each load the
pipeline once, and writes each record as one complete JSON line as soon as
its turn comes, so the output order does not depend on the number of
workers. At most ``2 × workers`` batches are in flight, so memory stays flat
however many articles the folders hold; each worker also processes its batch
inside ``nlp.memory_zone()`` so that spaCy's string store does not grow.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from extractor.api import ArticleInput, extract_many
from extractor.batch import InputError, iter_inputs
from extractor.pipeline import load_pipeline
from extractor.schema import Article

logger = logging.getLogger(__name__)

BATCH_SIZE = 16
_worker_nlp = None
_blas_limit = None


@dataclass
class Summary:
    """What a run did: every article in is a record, an error, or (with --resume) skipped."""

    articles: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0
    error_list: list[InputError] = field(default_factory=list)

    def line(self) -> str:
        """Return the one-line summary printed at the end of a run."""
        text = f"{self.articles} articles, {self.records} records, {self.errors} errors"
        return text + (f" ({self.skipped} already done, skipped)" if self.skipped else "")


def _init_worker() -> None:
    """Load the pipeline once in a worker process, with one BLAS thread.

    N workers on N cores already use every core; letting each worker's
    OpenBLAS start its own thread pool as well oversubscribes the machine.
    """
    global _worker_nlp, _blas_limit
    from threadpoolctl import threadpool_limits

    _blas_limit = threadpool_limits(limits=1)
    _worker_nlp = load_pipeline()


def _process_batch(batch: list[ArticleInput | InputError], include_text: bool) -> list[str | InputError]:
    """Return one JSON line or one error per item, in order (runs in a worker or inline)."""
    nlp = _worker_nlp if _worker_nlp is not None else load_pipeline()
    articles = [item for item in batch if isinstance(item, ArticleInput)]
    with nlp.memory_zone():
        try:
            records = iter([_dump(a) for a in extract_many(articles, include_text=include_text, nlp=nlp)])
        except Exception:  # one bad article must not sink the batch: retry one by one
            logger.exception("batch failed; retrying its articles one by one")
            records = None
        results: list[str | InputError] = []
        for item in batch:
            if isinstance(item, InputError):
                results.append(item)
            elif records is not None:
                results.append(next(records))
            else:
                try:
                    results.append(_dump(next(extract_many([item], include_text=include_text, nlp=nlp))))
                except Exception as exc:
                    where = item.input.path if item.input else (item.source or "?")
                    results.append(InputError(item.id or "?", where, f"extraction failed: {type(exc).__name__}: {exc}"))
    return results


def _dump(article: Article) -> str:
    return article.model_dump_json(exclude={"phenomena"})  # a gold-only field


def _batches(items: Iterable[ArticleInput | InputError], size: int) -> Iterator[list[ArticleInput | InputError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def process(
    items: Iterable[ArticleInput | InputError],
    *,
    include_text: bool = False,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[str | InputError]:
    """Yield a JSON record line or an error for every item, in input order.

    With ``workers > 1`` the batches go to a process pool (the model is loaded
    once per worker); at most ``2 × workers`` batches are in flight.
    """
    batches = _batches(items, batch_size)
    if workers <= 1:
        for batch in batches:
            yield from _process_batch(batch, include_text)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init_worker) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_process_batch, (batch, include_text)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def input_key(article_id: str | None, path: str | None, line: int | None) -> tuple:
    """Return the key that identifies an input article across runs: id, file and line.

    The id alone is not enough: two folders may each hold an ``index.txt``.
    """
    return (article_id, path, line)


def _truncate_partial_line(path: Path) -> bytes:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with open(path, "r+b") as handle:
            handle.truncate(cut)
        data = data[:cut]
    return data


def done_ids(output: Path) -> set[tuple]:
    """Return the input keys already in an output file, dropping a half-written last line.

    A run killed in the middle of a write leaves a last line without its
    newline: it is cut off, so ``--resume`` writes that record again, whole.
    """
    keys = set()
    for record in _whole_lines(output):
        info = record.get("input") or {}
        keys.add(input_key(record.get("id"), info.get("path") or record.get("source"), info.get("line")))
    return keys


def done_errors(errors_path: Path | None) -> set[tuple[str, str]]:
    """Return the (id, path) of the errors already reported in an errors file."""
    if errors_path is None:
        return set()
    return {(error.get("id"), error.get("path")) for error in _whole_lines(errors_path)}


def _whole_lines(path: Path) -> Iterator[dict]:
    """Yield the JSON objects of a JSON Lines output, its half-written last line cut off, bad lines skipped."""
    if not path.exists():
        return
    for line in _truncate_partial_line(path).decode("utf-8", errors="replace").splitlines():
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            continue


def count_inputs(inputs: Iterable[str | Path]) -> int:
    """Return how many articles the inputs hold (cheaply: lines of JSON Lines, items of JSON lists)."""
    from extractor.batch import json_file_count, walk

    total = 0
    for item in walk(inputs):
        if isinstance(item, InputError):
            total += 1
        elif item.suffix.lower() == ".jsonl":
            with open(item, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif item.suffix.lower() == ".json":
            total += json_file_count(item)
        else:  # TEXT_SUFFIXES, HTML_SUFFIXES or a file named explicitly
            total += 1
    return total


def run_batch(
    inputs: Iterable[str | Path],
    *,
    output: Path | None = None,
    include_text: bool = False,
    errors_path: Path | None = None,
    workers: int = 1,
    resume: bool = False,
    progress: bool = False,
) -> Summary:
    """Extract every article under ``inputs`` into JSON Lines; return the counts.

    Records go to ``output`` (stdout when None), one complete line each,
    flushed as they come. Errors go to ``errors_path`` as JSON Lines (id, path,
    reason). With ``resume``, articles whose ids are already in ``output`` are
    skipped and the new records appended, so an interrupted run finished with
    ``resume`` gives the same file as an uninterrupted one.
    """
    inputs = list(inputs)
    summary = Summary()
    skip = done_ids(output) if resume and output else set()
    skip_errors = done_errors(errors_path) if resume else set()
    bar = _progress_bar(inputs, enabled=progress)

    def wanted(items: Iterable[ArticleInput | InputError]) -> Iterator[ArticleInput | InputError]:
        for item in items:
            if isinstance(item, ArticleInput):
                info = item.input
                key = input_key(item.id, info.path if info else item.source, info.line if info else None)
                done = key in skip
            else:
                done = (item.id, item.path) in skip_errors
            if done:
                summary.articles += 1
                summary.skipped += 1
                if bar is not None:
                    bar.update(1)
                continue
            yield item

    out = open(output, "a" if resume else "w", encoding="utf-8") if output else sys.stdout
    errors_out = open(errors_path, "a" if resume else "w", encoding="utf-8") if errors_path else None
    try:
        for result in process(wanted(iter_inputs(inputs)), include_text=include_text, workers=workers):
            summary.articles += 1
            if bar is not None:
                bar.update(1)
            if isinstance(result, InputError):
                summary.errors += 1
                summary.error_list.append(result)
                logger.warning("%s (%s): %s", result.id, result.path, result.reason)
                if errors_out:
                    errors_out.write(json.dumps(result.__dict__, ensure_ascii=False) + "\n")
                    errors_out.flush()
                continue
            summary.records += 1
            out.write(result + "\n")  # one write per record: a line is whole or absent
            out.flush()
    finally:
        if bar is not None:
            bar.close()
        if output:
            out.close()
        if errors_out:
            errors_out.close()
    return summary


def _progress_bar(inputs: list, *, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=count_inputs(inputs), unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def default_workers() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1

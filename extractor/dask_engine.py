"""Run the batch on a Dask cluster: partitions in, sharded JSON Lines and a manifest out.

The client walks the inputs (the same sorted walk as the local run) and cuts
them into numbered partitions of about ``partition_size`` articles: whole
files, grouped while they are small, and JSON Lines files cut into line
ranges. Only paths, line ranges and byte ranges travel to the workers; each
task reads its own partition, runs it through the pipeline that its worker
loaded once (:class:`PipelineLoader`), and writes ``part-NNNNN.jsonl`` and
``part-NNNNN.errors.jsonl`` under temporary names renamed at the end, so a
killed or retried task leaves no half shard and no duplicate. The client
records every shard in ``manifest.json`` and, on request, concatenates the
shards in order into one file.

Partitions depend on the inputs and ``partition_size`` only, so the same
input gives the same shards whatever the number of workers, and the merged
file equals the output of the local run. Inputs and the output folder must
be visible to every worker at the same path (a shared file system); relative
input paths are resolved against the client's working directory but written
into the records as given.

This is the only module that imports Dask; nothing imports it unless the Dask
engine is asked for.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
import time
import uuid
from importlib import resources
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError('the Dask engine needs the "dask" extra: pip install "extractor[dask]"') from exc

from extractor import runner
from extractor.api import ArticleInput
from extractor.batch import InputError, _from_json_line, decode, json_file_count, read_file, walk
from extractor.runner import Summary
from extractor.version import __version__

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
# A task that raises is retried RETRIES times; one whose worker dies is rerun on
# another worker up to distributed.scheduler.allowed-failures times (3 in CONFIG_FILE).
RETRIES = 2
MANIFEST_INTERVAL = 2.0  # seconds between manifest rewrites while shards come in
WAIT_FOR_WORKERS = 60  # seconds a remote cluster may take to have a first worker
# Dask settings for this workload (no profiler, no malloc trimming, calmer
# periodic checks, retries of killed tasks), in Dask's configuration format so
# that the same file configures a cluster started by hand; the file says why.
CONFIG_FILE = resources.files("extractor").joinpath("data", "dask", "extractor.yaml")


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Return a nested configuration as dotted keys, the form ``dask.config.set`` merges key by key."""
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


CLUSTER_CONFIG = _flatten(yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8")))
_SHARD = re.compile(r"^part-\d{5,}(\.errors)?\.jsonl$")
_TEMPORARY = re.compile(r"^\.(part-\d{5,}(\.errors)?\.jsonl|manifest\.json)\.\d+-[0-9a-f]{8}\.tmp$")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# One partition at a time per worker process: the pipeline and its string
# store (nlp.memory_zone) are not shared between threads.
_PROCESS_LOCK = threading.Lock()
_LOAD_LOCK = threading.Lock()


def shard_name(number: int) -> str:
    """Return the file name of a partition's records."""
    return f"part-{number:05d}.jsonl"


def errors_name(number: int) -> str:
    """Return the file name of a partition's errors."""
    return f"part-{number:05d}.errors.jsonl"


@dataclass
class Partition:
    """A numbered slice of the input: pieces of files, about ``partition_size`` articles."""

    number: int
    pieces: list[dict[str, Any]]
    articles: int

    def spec(self, output_dir: Path, base: str, include_text: bool) -> dict[str, Any]:
        """Return what a task needs to run this partition (plain data, no texts)."""
        return {
            "number": self.number,
            "pieces": self.pieces,
            "output_dir": str(output_dir),
            "base": base,
            "include_text": include_text,
        }


@dataclass
class _Planner:
    """Group pieces into partitions of about ``size`` articles, in input order."""

    size: int
    partitions: list[Partition] = field(default_factory=list)
    current: list[dict[str, Any]] = field(default_factory=list)
    weight: int = 0

    def room(self) -> int:
        return self.size - self.weight

    def add(self, piece: dict[str, Any]) -> None:
        self.current.append(piece)
        self.weight += piece["articles"]
        if self.weight >= self.size:
            self.close()

    def close(self) -> None:
        if self.current:
            self.partitions.append(Partition(len(self.partitions), self.current, self.weight))
        self.current, self.weight = [], 0


def plan_partitions(inputs: Iterable[str | Path], partition_size: int = 200) -> list[Partition]:
    """Return the numbered partitions of ``inputs``, from the sorted input walk.

    Small files are grouped until a partition holds ``partition_size``
    articles; a JSON Lines file is cut into line ranges (numbered like the
    local reader numbers them) that fill the partitions in turn. An input
    that cannot be listed becomes an error piece, reported by its partition.

    Raises:
        ValueError: if ``partition_size`` is below 1.
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, not {partition_size}")
    planner = _Planner(partition_size)
    for item in walk(inputs):
        if isinstance(item, InputError):
            planner.add({"kind": "error", "path": item.path, "id": item.id, "reason": item.reason, "articles": 1})
        elif item.suffix.lower() == ".jsonl":
            for piece in _jsonl_pieces(item, planner.room(), partition_size):
                planner.add(piece)
        else:
            planner.add({"kind": "file", "path": str(item), "size": _size(item), "articles": _file_articles(item)})
    planner.close()
    return planner.partitions


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _file_articles(path: Path) -> int:
    """Return how many articles a whole file holds (a JSON list holds several)."""
    if path.suffix.lower() != ".json":
        return 1
    return max(json_file_count(path), 1)  # an empty list still costs a task


class _WholeFile(Exception):
    """The local reader takes this file as a whole (NUL bytes, undecodable): one piece."""


class _NotUtf8(Exception):
    """This file must be decoded as a whole (a legacy encoding): line ranges without byte ranges."""


def _jsonl_pieces(path: Path, room: int, size: int) -> list[dict[str, Any]]:
    """Return the line ranges of a JSON Lines file, the first one filling ``room`` articles.

    UTF-8 files (the common case) are scanned as a stream and each range
    carries its byte range, so a task reads only its own lines. Files that
    need decoding as a whole (UTF-16, a detected legacy encoding) get line
    ranges only; files that the local reader rejects as a whole (NUL bytes,
    undecodable) stay one piece, so the task reports the same error.
    """
    whole = [{"kind": "file", "path": str(path), "size": _size(path), "articles": 1}]
    try:
        file_size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(3)
        if head.startswith(_UTF16_BOMS):
            raise _NotUtf8
        bom = head == _UTF8_BOM
        encoding, start = ("utf-8-sig", 3) if bom else ("utf-8", 0)
        return _cut(_utf8_lines(path, bom), path, encoding, start, room, size, file_size)
    except _WholeFile:
        return whole
    except _NotUtf8:
        try:
            data = path.read_bytes()
            text, encoding = decode(data)
        except (OSError, UnicodeDecodeError):
            return whole
        lines = ((bool(line.strip()), None) for line in text.splitlines())
        return _cut(lines, path, encoding, None, room, size, len(data))
    except OSError:
        return whole


def _utf8_lines(path: Path, bom: bool) -> Iterator[tuple[bool, int]]:
    """Yield (non-empty, length in bytes) for each line of a UTF-8 file, as ``str.splitlines`` cuts them.

    Raises:
        _WholeFile: at a NUL byte, or at bytes that are not UTF-8 after a UTF-8 BOM.
        _NotUtf8: at bytes that are not UTF-8 in a file without BOM.
    """
    with open(path, "rb") as handle:
        if bom:
            handle.seek(3)
        for raw in handle:
            if b"\x00" in raw:
                raise _WholeFile
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise (_WholeFile if bom else _NotUtf8) from None
            parts = text.splitlines(keepends=True)
            if len(parts) == 1:
                yield bool(text.strip()), len(raw)
            else:  # str.splitlines also breaks at CR, U+2028 and friends, as the local reader does
                for part in parts:
                    yield bool(part.strip()), len(part.encode("utf-8"))


def _cut(
    lines: Iterator[tuple[bool, int | None]],
    path: Path,
    encoding: str,
    start: int | None,
    room: int,
    size: int,
    file_size: int,
) -> list[dict[str, Any]]:
    """Return line-range pieces of ``room``, then ``size``, articles each (the last one shorter)."""
    pieces: list[dict[str, Any]] = []
    first, count, position, begin = 1, 0, start, start
    number = 0

    def piece(last: int) -> dict[str, Any]:
        return {
            "kind": "lines",
            "path": str(path),
            "lines": [first, last],
            "bytes": [begin, position] if start is not None else None,
            "encoding": encoding,
            "size": file_size,
            "articles": count,
        }

    for number, (filled, length) in enumerate(lines, 1):
        count += filled
        if position is not None and length is not None:
            position += length
        if count >= room:
            pieces.append(piece(number))
            first, count, begin, room = number + 1, 0, position, size
    if count:
        pieces.append(piece(number))
    return pieces


def read_piece(piece: dict[str, Any], base: str | None = None) -> Iterator[ArticleInput | InputError]:
    """Yield the articles (or errors) of one piece of a partition, as the local reader yields them.

    A relative path is read from ``base`` (the client's working directory)
    but written into the records exactly as given.
    """
    kind, display = piece["kind"], piece["path"]
    if kind == "error":
        yield InputError(piece["id"], display, piece["reason"])
        return
    actual = os.path.join(base, display) if base and not os.path.isabs(display) else display
    if actual != display and os.path.realpath(actual) == os.path.realpath(display):
        actual = display  # the worker shares the client's working directory
    if kind == "file":
        for item in read_file(Path(actual)):
            yield item if actual == display else _relabel(item, actual, display)
        return
    first, last = piece["lines"]
    if piece["bytes"] is not None:
        begin, end = piece["bytes"]
        with open(actual, "rb") as handle:
            handle.seek(begin)
            text = handle.read(end - begin).decode("utf-8")
        lines = text.splitlines()
    else:
        lines = decode(Path(actual).read_bytes())[0].splitlines()[first - 1 : last]
    for number, line in enumerate(lines, first):
        if line.strip():
            yield _from_json_line(line, Path(display), number, piece["encoding"])


def _relabel(item: ArticleInput | InputError, actual: str, display: str) -> ArticleInput | InputError:
    """Return ``item`` with the path it was read from replaced by the path the user gave."""
    if isinstance(item, InputError):
        return replace(item, path=display + item.path[len(actual) :]) if item.path.startswith(actual) else item
    info = item.input.model_copy(update={"path": display}) if item.input is not None else None
    return replace(item, source=display if item.source == actual else item.source, input=info)


def run_partition(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one partition on a worker: write its shard and errors file, return the counts.

    Both files are written under temporary names and renamed when complete,
    the errors file first: the shard's presence means the partition is done.
    A task killed half-way leaves only a hidden temporary file, which the
    client removes; its retry writes the shard again from the start.
    """
    out = Path(spec["output_dir"])
    number = spec["number"]
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    final, final_errors = out / shard_name(number), out / errors_name(number)
    temporary, temporary_errors = out / f".{final.name}.{token}.tmp", out / f".{final_errors.name}.{token}.tmp"
    records, errors = 0, []
    _load_pipeline()
    with _PROCESS_LOCK:
        try:
            with open(temporary, "w", encoding="utf-8") as records_out, open(
                temporary_errors, "w", encoding="utf-8"
            ) as errors_out:
                items = (item for piece in spec["pieces"] for item in read_piece(piece, spec["base"]))
                for batch in runner._batches(items, runner.BATCH_SIZE):
                    for result in runner._process_batch(batch, spec["include_text"]):
                        if isinstance(result, InputError):
                            errors.append(result.__dict__)
                            errors_out.write(json.dumps(result.__dict__, ensure_ascii=False) + "\n")
                        else:
                            records += 1
                            records_out.write(result + "\n")
                for handle in (records_out, errors_out):
                    handle.flush()
                    os.fsync(handle.fileno())
            os.replace(temporary_errors, final_errors)
            os.replace(temporary, final)
        finally:
            for path in (temporary, temporary_errors):
                path.unlink(missing_ok=True)
    logger.debug("%s: %d records, %d errors", final.name, records, len(errors))
    return {"number": number, "records": records, "errors": len(errors), "error_list": errors}


def _load_pipeline() -> None:
    """Load the pipeline into this process once (the plugin and the first task may race)."""
    with _LOAD_LOCK:
        if runner._worker_nlp is None:
            runner._init_worker()


class PipelineLoader(WorkerPlugin):
    """Load the extractor pipeline once in each worker process, before its first task."""

    name = "extractor-pipeline"

    async def setup(self, worker: Any) -> None:
        """Load the pipeline in a thread, so the worker keeps answering the scheduler meanwhile."""
        if dask.config.get("distributed.worker.profile.enabled", False) or os.environ.get("MALLOC_TRIM_THRESHOLD_"):
            logger.warning(
                "worker %s: Dask's profiler or MALLOC_TRIM_THRESHOLD_ is on, which slows extraction by about a "
                "quarter; see 'Runs on a Dask cluster' in the README",
                worker.address,
            )
        await asyncio.get_running_loop().run_in_executor(None, _load_pipeline)


def _worker_facts(output_dir: str) -> dict[str, Any]:
    """Return what the client checks on each worker: extractor version, output folder visible."""
    return {"version": __version__, "sees_output": os.path.isdir(output_dir)}


@contextmanager
def _connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """Yield a client of the cluster at ``scheduler``, or of a new local cluster."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    if workers < 1:
        raise ValueError(f"a local cluster needs at least 1 worker, not {workers}")
    with dask.config.set(CLUSTER_CONFIG):  # read by each nanny when it starts, and kept for restarts
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    with cluster, Client(cluster) as client:
        yield client


def _check_workers(client: Client, output_dir: Path) -> None:
    """Raise if no worker comes, or a worker runs another extractor version or cannot see the output folder."""
    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
    except TimeoutError:
        address = client.scheduler.address
        raise RuntimeError(f"no worker joined the scheduler {address} in {WAIT_FOR_WORKERS} s") from None
    try:
        facts = client.run(_worker_facts, str(output_dir))
    except Exception as exc:  # typically the package missing on a worker
        raise RuntimeError(f"cannot run extractor on the workers ({type(exc).__name__}: {exc})") from exc
    for address, fact in sorted(facts.items()):
        if fact["version"] != __version__:
            raise RuntimeError(f"worker {address} runs extractor {fact['version']}, the client {__version__}")
        if not fact["sees_output"]:
            raise RuntimeError(
                f"worker {address} cannot see {output_dir}: inputs and output must be on a file system "
                "shared at the same path by the client and every worker"
            )


def _clear(output_dir: Path, *, shards: bool) -> None:
    """Remove temporary files left by killed tasks and, unless resuming, earlier shards and manifest."""
    for path in output_dir.iterdir():
        if _TEMPORARY.match(path.name) or (shards and (_SHARD.match(path.name) or path.name == MANIFEST)):
            path.unlink(missing_ok=True)


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _read_manifest(output_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _entry(partition: Partition) -> dict[str, Any]:
    return {
        "shard": shard_name(partition.number),
        "errors_file": errors_name(partition.number),
        "inputs": partition.pieces,
        "planned_articles": partition.articles,
        "records": None,
        "errors": None,
        "complete": False,
    }


def _finished(entry: dict[str, Any] | None, partition: Partition, output_dir: Path) -> bool:
    """Return whether an earlier run's entry covers the same pieces and its files are all there."""
    return bool(
        entry
        and entry.get("complete")
        and entry.get("inputs") == partition.pieces
        and (output_dir / shard_name(partition.number)).is_file()
        and (output_dir / errors_name(partition.number)).is_file()
    )


def _manifest(inputs: list[str], partition_size: int, include_text: bool, entries: list[dict[str, Any]]) -> str:
    done = [entry for entry in entries if entry["complete"]]
    totals = {
        "partitions": len(entries),
        "complete": len(done),
        "failed": sum(1 for entry in entries if entry.get("failure")),
        "articles": sum(entry["records"] + entry["errors"] for entry in done),
        "records": sum(entry["records"] for entry in done),
        "errors": sum(entry["errors"] for entry in done),
    }
    data = {
        "manifest_version": MANIFEST_VERSION,
        "extractor_version": __version__,
        "inputs": inputs,
        "partition_size": partition_size,
        "include_text": include_text,
        "shards": entries,
        "totals": totals,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _failed_partition(partition: Partition, output_dir: Path, reason: str) -> list[InputError]:
    """Report every piece of a partition that failed on the cluster, in its errors file."""
    errors = []
    for piece in partition.pieces:
        where = piece["path"] + (":{}-{}".format(*piece["lines"]) if piece["kind"] == "lines" else "")
        errors.append(InputError(Path(piece["path"]).stem, where, f"{shard_name(partition.number)} failed: {reason}"))
    lines = "".join(json.dumps(error.__dict__, ensure_ascii=False) + "\n" for error in errors)
    _write_atomic(output_dir / errors_name(partition.number), lines)
    return errors


def _run_partitions(
    client: Client,
    todo: list[Partition],
    entries: list[dict[str, Any]],
    summary: Summary,
    output_dir: Path,
    include_text: bool,
    write_manifest: Callable[[], None],
) -> None:
    """Submit the partitions, then record each one in its manifest entry and the summary as it ends."""
    run_id = uuid.uuid4().hex[:8]
    base = os.getcwd()
    futures = {}
    for partition in todo:
        future = client.submit(
            run_partition,
            partition.spec(output_dir, base, include_text),
            key=f"extractor-{shard_name(partition.number)}-{run_id}",
            retries=RETRIES,
            pure=False,
        )
        futures[future] = partition
    written = time.monotonic()
    for future in as_completed(list(futures)):
        partition = futures.pop(future)
        entry = entries[partition.number]
        try:
            result = future.result()
        except Exception as exc:  # a partition that keeps killing its workers, or a broken file system
            reason = f"{type(exc).__name__}: {exc}"
            logger.error("%s failed: %s", shard_name(partition.number), reason)
            failures = _failed_partition(partition, output_dir, reason)
            entry.update(failure=reason)
            summary.articles += partition.articles
            summary.errors += partition.articles
            summary.error_list.extend(failures)
        else:
            entry.update(records=result["records"], errors=result["errors"], complete=True)
            summary.articles += result["records"] + result["errors"]
            summary.records += result["records"]
            summary.errors += result["errors"]
            summary.error_list.extend(InputError(**error) for error in result["error_list"])
            logger.debug("%s: %d records, %d errors", entry["shard"], result["records"], result["errors"])
        future.release()
        if time.monotonic() - written >= MANIFEST_INTERVAL:
            write_manifest()
            written = time.monotonic()


def merge_shards(output_dir: Path, merge: Path, errors_path: Path | None = None) -> None:
    """Concatenate the shards listed in the manifest, in order, into ``merge`` (and their errors).

    Each file is written under a temporary name and renamed when complete.
    """
    manifest = _read_manifest(output_dir)
    if manifest is None:
        raise FileNotFoundError(f"no readable {MANIFEST} in {output_dir}")
    targets = [(merge, "shard")] + ([(errors_path, "errors_file")] if errors_path else [])
    for target, key in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        try:
            with open(temporary, "wb") as out:
                for entry in manifest["shards"]:
                    path = output_dir / entry[key]
                    if path.is_file():
                        with open(path, "rb") as shard:
                            while chunk := shard.read(1 << 20):
                                out.write(chunk)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)


def merged_errors_path(merge: Path) -> Path:
    """Return where the errors of a merged output go (``OUT.jsonl`` → ``OUT.errors.jsonl``)."""
    if merge.suffix == ".jsonl":
        return merge.with_suffix(".errors.jsonl")
    return merge.with_name(merge.name + ".errors.jsonl")


def run_dask(
    inputs: Iterable[str | Path],
    output_dir: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    include_text: bool = False,
    resume: bool = False,
    merge: Path | None = None,
    partition_size: int = 200,
) -> Summary:
    """Extract every article under ``inputs`` on a Dask cluster into shards; return the counts.

    Args:
        inputs: files or folders, walked as the local run walks them.
        output_dir: folder for ``part-NNNNN.jsonl``, ``part-NNNNN.errors.jsonl``
            and ``manifest.json``; it must be visible to every worker at the
            same path.
        scheduler: address of a running scheduler (``tcp://host:8786``); when
            None, a local cluster of ``workers`` processes is started.
        workers: worker processes of the local cluster (ignored with ``scheduler``).
        include_text: put the analysed text into each record.
        resume: keep the shards that an earlier run over the same inputs
            finished (shard present, manifest entry complete) and run the others.
        merge: also concatenate the shards in order into this JSON Lines
            file, and their errors into ``merged_errors_path(merge)``.
        partition_size: articles per partition.

    Raises:
        ValueError: if ``partition_size`` or ``workers`` is below 1.
        RuntimeError: if no worker joins, or a worker runs another extractor
            version or cannot see ``output_dir``.
    """
    inputs = [str(path) for path in inputs]
    output_dir = Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    partitions = plan_partitions(inputs, partition_size)
    previous = _read_manifest(output_dir) if resume else None
    if previous is not None and previous.get("include_text") != include_text:
        logger.warning("the earlier run had include_text=%s: running every partition again", not include_text)
        previous = None
    earlier = {entry.get("shard"): entry for entry in previous.get("shards", [])} if previous else {}
    _clear(output_dir, shards=not resume)

    summary = Summary()
    entries = [_entry(partition) for partition in partitions]
    todo = []
    for partition, entry in zip(partitions, entries):
        done = earlier.get(entry["shard"])
        if resume and _finished(done, partition, output_dir):
            entry.update(records=done["records"], errors=done["errors"], complete=True)
            summary.articles += done["records"] + done["errors"]
            summary.skipped += done["records"] + done["errors"]
        else:
            todo.append(partition)

    def write_manifest() -> None:
        _write_atomic(output_dir / MANIFEST, _manifest(inputs, partition_size, include_text, entries))

    write_manifest()
    logger.info(
        "%d articles in %d partitions (%d to run, %d already done)",
        sum(p.articles for p in partitions),
        len(partitions),
        len(todo),
        len(partitions) - len(todo),
    )

    if todo:
        try:
            with _connect(scheduler, workers) as client:
                _check_workers(client, output_dir)
                client.register_plugin(PipelineLoader(), name=PipelineLoader.name)
                _run_partitions(client, todo, entries, summary, output_dir, include_text, write_manifest)
        finally:  # also when interrupted: the shards finished so far are recorded for --resume
            write_manifest()
            _clear(output_dir, shards=False)

    if merge is not None:
        merge_shards(output_dir, Path(merge), merged_errors_path(Path(merge)))
    logger.info("%s", summary.line())
    return summary

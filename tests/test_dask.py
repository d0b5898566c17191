"""The Dask engine on a LocalCluster of 2 worker processes: the local run's records, resume, a killed worker.

Skipped when the ``dask`` extra is not installed.
"""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")

import ast  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

import dask  # noqa: E402
from distributed import Client, LocalCluster, WorkerPlugin  # noqa: E402

from conftest import ROOT, read_jsonl  # noqa: E402
from extractor.batch import iter_inputs  # noqa: E402
from extractor.dask_engine import (  # noqa: E402
    MANIFEST,
    CLUSTER_CONFIG,
    CONFIG_FILE,
    Partition,
    _entry,
    _run_partitions,
    plan_partitions,
    read_piece,
    run_dask,
    shard_name,
)
from extractor.runner import Summary, run_batch  # noqa: E402

PARTITION_SIZE = 12  # 20 texts then 30 lines: 5 partitions, the second one mixing .txt files and lines


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Return a folder of 20 corpus texts and a .jsonl of 30 lines, one of them broken."""
    folder = tmp_path_factory.mktemp("dask-inputs")
    for path in sorted((ROOT / "corpus" / "texts" / "dev").glob("*.txt"))[:20]:
        shutil.copy(path, folder / path.name)
    gold = read_jsonl(ROOT / "corpus" / "dev.gold.jsonl")[-29:]
    articles = [{"id": g["id"], "text": g["text"], "published": g.get("published")} for g in gold]
    lines = [json.dumps(article, ensure_ascii=False) for article in articles]
    lines.insert(12, '{"id": "broken", "text": ')
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_records(inputs, tmp_path_factory) -> list[dict]:
    """Return the records of the local run (one process) over the same folder."""
    output = tmp_path_factory.mktemp("local") / "records.jsonl"
    summary = run_batch([inputs], output=output, workers=1)
    assert (summary.records, summary.errors) == (49, 1)
    return read_jsonl(output)


@pytest.fixture(scope="module")
def cluster():
    """Yield a LocalCluster of 2 single-threaded worker processes, set up as ``run_dask`` sets up its own."""
    with dask.config.set(CLUSTER_CONFIG):
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    with cluster:
        yield cluster


@pytest.fixture(scope="module")
def dask_run(cluster, inputs, tmp_path_factory):
    """Return the output folder, merged file and summary of one Dask run over the folder."""
    folder = tmp_path_factory.mktemp("dask")
    merged = folder / "merged.jsonl"
    summary = run_dask(
        [inputs], folder / "out", scheduler=cluster.scheduler_address, merge=merged, partition_size=PARTITION_SIZE
    )
    return folder / "out", merged, summary


def hidden_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def test_dask_merged_records_equal_local_run(dask_run, local_records):
    out, merged, summary = dask_run
    assert read_jsonl(merged) == local_records
    assert (summary.articles, summary.records, summary.errors, summary.skipped) == (50, 49, 1, 0)
    assert [error.id for error in summary.error_list] == ["more:13"]
    assert read_jsonl(merged.with_name("merged.errors.jsonl")) == [error.__dict__ for error in summary.error_list]
    assert hidden_files(out) == []


def test_dask_manifest_lists_shards_inputs_and_counts(dask_run, inputs):
    out, _, _ = dask_run
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    shards = manifest["shards"]
    assert [entry["shard"] for entry in shards] == [shard_name(n) for n in range(5)]
    assert all(entry["complete"] for entry in shards)
    totals = {"partitions": 5, "complete": 5, "failed": 0, "articles": 50, "records": 49, "errors": 1}
    assert manifest["totals"] == totals
    assert [entry["inputs"] for entry in shards] == [p.pieces for p in plan_partitions([inputs], PARTITION_SIZE)]
    line_ranges = [piece["lines"] for entry in shards for piece in entry["inputs"] if piece["kind"] == "lines"]
    assert line_ranges == [[1, 4], [5, 16], [17, 28], [29, 30]]  # line 13, broken, is an error and counts
    for entry in shards:
        assert len(read_jsonl(out / entry["shard"])) == entry["records"]
        assert len(read_jsonl(out / entry["errors_file"])) == entry["errors"]


def test_dask_resume_runs_only_unfinished_shards(dask_run, inputs, local_records, cluster, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(dask_run[0], out)
    (out / shard_name(3)).unlink()  # as if the run had been killed before partition 3 was written
    kept = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.jsonl") if not p.name.startswith("part-00003")}
    merged = tmp_path / "merged.jsonl"
    summary = run_dask(
        [inputs], out, scheduler=cluster.scheduler_address, resume=True, merge=merged, partition_size=PARTITION_SIZE
    )
    assert read_jsonl(merged) == local_records
    assert {name: (out / name).stat().st_mtime_ns for name in kept} == kept  # finished shards untouched
    assert (out / shard_name(3)).is_file()
    assert (summary.articles, summary.skipped, summary.records + summary.errors) == (50, 38, 12)


class CrashOnce(WorkerPlugin):
    """Kill the first worker that starts a partition, half a second into the task (once per cluster)."""

    name = "crash-once"

    def __init__(self, marker: str, delay: float) -> None:
        self.marker = marker
        self.delay = delay

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith("extractor-part-"):
            return
        try:
            handle = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        threading.Timer(self.delay, os._exit, args=(1,)).start()


def test_dask_killed_worker_still_gives_complete_output(cluster, inputs, local_records, tmp_path):
    marker = tmp_path / "crashed"
    with Client(cluster) as client:
        client.register_plugin(CrashOnce(str(marker), delay=0.5))
        try:
            summary = run_dask(
                [inputs], tmp_path / "out", scheduler=cluster.scheduler_address, merge=tmp_path / "merged.jsonl",
                partition_size=PARTITION_SIZE,
            )
        finally:
            client.unregister_worker_plugin(CrashOnce.name)
    killed = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)  # the worker really died mid-task
    records = read_jsonl(tmp_path / "merged.jsonl")
    assert records == local_records  # complete, in order, no duplicates
    assert (summary.records, summary.errors) == (49, 1)
    assert hidden_files(tmp_path / "out") == []  # the killed task's temporary shard is gone


def test_dask_partition_that_keeps_failing_becomes_errors(cluster, tmp_path):
    gone = tmp_path / "gone.jsonl"  # listed, then removed before its task runs
    piece = {"kind": "lines", "path": str(gone), "lines": [1, 3], "bytes": [0, 90], "encoding": "utf-8", "articles": 3}
    partition = Partition(0, [piece], 3)
    entries, summary = [_entry(partition)], Summary()
    with Client(cluster) as client:
        _run_partitions(client, [partition], entries, summary, tmp_path, False, lambda: None)
    assert (summary.articles, summary.records, summary.errors) == (3, 0, 3)
    assert entries[0]["failure"].startswith("FileNotFoundError") and not entries[0]["complete"]
    [error] = read_jsonl(tmp_path / "part-00000.errors.jsonl")
    assert error["path"] == f"{gone}:1-3" and "failed: FileNotFoundError" in error["reason"]
    assert not (tmp_path / shard_name(0)).exists()


def test_dask_read_piece_reads_relative_paths_from_the_client_directory(inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(inputs.parent)
    relative = [Path(inputs.name)]
    expected = list(iter_inputs(relative))
    for size in (1, 7, 200):
        partitions = plan_partitions(relative, size)
        monkeypatch.chdir(tmp_path)  # a worker started elsewhere
        got = [item for p in partitions for piece in p.pieces for item in read_piece(piece, str(inputs.parent))]
        monkeypatch.chdir(inputs.parent)
        assert got == expected
        assert [p.number for p in partitions] == list(range(len(partitions)))


def test_dask_is_imported_by_the_dask_engine_only():
    for path in sorted((ROOT / "extractor").rglob("*.py")):
        if path.name == "dask_engine.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in names if name.split(".")[0] in ("dask", "distributed")], path
        top = [node.module for node in tree.body if isinstance(node, ast.ImportFrom)]
        top += [alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names]
        assert "extractor.dask_engine" not in top, path


def test_dask_cli_runs_on_a_scheduler_and_merges(cluster, inputs, local_records, tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    merged = tmp_path / "merged.jsonl"
    args = ["run", str(inputs), "-o", str(tmp_path / "out"), "--engine", "dask"]
    args += ["--scheduler", cluster.scheduler_address, "--partition-size", "25", "--merge", str(merged)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # finished, with the broken line reported
    assert "50 articles, 49 records, 1 errors" in result.stderr
    assert read_jsonl(merged) == local_records
    assert sorted(path.name for path in (tmp_path / "out").glob("part-*.jsonl")) == [
        "part-00000.errors.jsonl", "part-00000.jsonl", "part-00001.errors.jsonl", "part-00001.jsonl"
    ]


def test_dask_cli_needs_an_output_folder():
    from typer.testing import CliRunner

    from extractor.cli import app

    result = CliRunner().invoke(app, ["run", str(ROOT / "corpus" / "texts" / "dev"), "--engine", "dask"])
    assert result.exit_code == 2
    assert "--engine dask needs -o/--output: the folder of shards" in result.stderr


def test_dask_config_file_is_read_by_dask_as_a_hand_started_cluster_would(tmp_path):
    (tmp_path / "extractor.yaml").write_text(CONFIG_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    config = dask.config.collect(paths=[str(tmp_path)], env={})
    assert dask.config.get("distributed.worker.profile.enabled", config=config) is False
    assert dask.config.get("distributed.scheduler.allowed-failures", config=config) == 3
    assert dask.config.get("distributed.nanny.pre-spawn-environ", config=config)["MALLOC_TRIM_THRESHOLD_"] is None
    with dask.config.set(CLUSTER_CONFIG):  # the local cluster's settings keep Dask's other defaults
        assert dask.config.get("distributed.nanny.pre-spawn-environ.OMP_NUM_THREADS") == 1
        assert dask.config.get("distributed.worker.profile.enabled") is False

"""Time the same articles through the local batch (2 processes) and a 2-worker Dask LocalCluster.

The articles are the corpus texts (``corpus/texts``) repeated under new ids up
to the wanted number and written to a temporary folder, as one JSON Lines
file (``--format jsonl``, the default) or one ``.txt`` file per article. Four
runs, each over all the articles:

- local, cold: ``run_batch(workers=2)``, worker processes load the pipeline;
- Dask, cold: ``run_dask(workers=2)``, which starts a LocalCluster (worker
  processes import the package and load the pipeline) and stops it;
- local, warm: the pipeline is loaded in this process first, so the forked
  workers start with it;
- Dask, warm: a LocalCluster that is already running and has loaded the
  pipeline (the case of a long-lived cluster).

It checks that the merged Dask output equals the local output, then prints
each throughput (articles per second), the CPU time spent per article by all
the processes involved (this one, its worker processes, the cluster's
workers: a figure that other jobs on the machine disturb far less than the
wall clock), and the Dask/local ratios.

    .venv/bin/python benchmarks/dask_bench.py
    .venv/bin/python benchmarks/dask_bench.py --articles 500 --format txt
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_articles(folder: Path, count: int, fmt: str) -> Path:
    """Write ``count`` articles, cycling through the corpus texts, and return the input path."""
    texts = sorted((ROOT / "corpus" / "texts").rglob("*.txt"))
    bodies = [(path.stem, path.read_text(encoding="utf-8")) for path in texts]
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with open(folder / "articles.jsonl", "w", encoding="utf-8") as out:
            for i in range(count):
                stem, text = bodies[i % len(bodies)]
                out.write(json.dumps({"id": f"{stem}-{i // len(bodies)}", "text": text}, ensure_ascii=False) + "\n")
    else:
        for i in range(count):
            stem, text = bodies[i % len(bodies)]
            (folder / f"{i:05d}-{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def cpu_seconds(pids: list[int] = ()) -> tuple[float, float]:
    """Return the CPU time of this process, and of its reaped children plus the live processes ``pids``."""
    import psutil

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    others = children.ru_utime + children.ru_stime
    for pid in pids:
        times = psutil.Process(pid).cpu_times()
        others += times.user + times.system
    return own.ru_utime + own.ru_stime, others


def timed(label: str, articles: int, work: Callable[[], object], pids: list[int] = ()) -> tuple[float, float]:
    """Run ``work``, print its throughput and CPU time per article, and return both."""
    own, others = cpu_seconds(pids)
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    own_after, others_after = cpu_seconds(pids)
    own, cpu = own_after - own, own_after - own + others_after - others
    rate = articles / seconds
    print(
        f"{label:<28} {seconds:6.1f} s  {rate:5.2f} articles/s  {1000 * cpu / articles:4.0f} ms CPU/article"
        f" ({1000 * own / articles:2.0f} in this process)  load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return rate, cpu / articles


def main() -> None:
    """Build the articles, run the four timings, print the throughputs and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument("--partition-size", type=int, default=200)
    args = parser.parse_args()

    import dask
    from distributed import Client, LocalCluster

    from extractor.dask_engine import CLUSTER_CONFIG, run_dask
    from extractor.pipeline import load_pipeline
    from extractor.runner import run_batch

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{platform.processor() or platform.machine()}, {cores} cores, Python {platform.python_version()}")
    print(f"{args.articles} articles ({args.format}), partition size {args.partition_size}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = [write_articles(work / "in", args.articles, args.format)]
        local_out, dask_out, merged = work / "local.jsonl", work / "dask", work / "merged.jsonl"
        n = args.articles

        local_cold = timed("local --workers 2, cold", n, lambda: run_batch(inputs, output=local_out, workers=2))
        dask_cold = timed(
            "dask LocalCluster(2), cold",
            n,
            lambda: run_dask(inputs, dask_out, workers=2, merge=merged, partition_size=args.partition_size),
        )
        assert merged.read_bytes() == local_out.read_bytes(), "the Dask output differs from the local one"
        load_pipeline()  # forked local workers now start with the pipeline loaded
        local_warm = timed("local --workers 2, warm", n, lambda: run_batch(inputs, output=local_out, workers=2))
        with dask.config.set(CLUSTER_CONFIG):  # as run_dask sets up its own cluster, and as the README advises
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        with cluster, Client(cluster) as client:
            address = cluster.scheduler_address
            warmup = [write_articles(work / "warmup-in", 4, args.format)]
            run_dask(warmup, work / "warmup", scheduler=address)  # registers the plugin: the pipeline loads
            dask_warm = timed(
                "dask LocalCluster(2), warm",
                n,
                lambda: run_dask(inputs, dask_out, scheduler=address, merge=merged, partition_size=args.partition_size),
                pids=list(client.run(os.getpid).values()),
            )
        assert merged.read_bytes() == local_out.read_bytes(), "the Dask output differs from the local one"

    for label, dask_run, local_run in (("cold", dask_cold, local_cold), ("warm", dask_warm, local_warm)):
        print(
            f"dask/local, {label}: throughput ratio {dask_run[0] / local_run[0]:.3f}, "
            f"CPU per article ratio {dask_run[1] / local_run[1]:.3f}"
        )


if __name__ == "__main__":
    main()

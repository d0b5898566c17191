"""Benchmark the batch run against the bare fr_core_news_md pipeline, in one run.

Builds N articles by cycling through the corpus texts, writes them as .txt
files in a temporary folder, then measures, each in a fresh subprocess so that
start-up and peak memory are clean:

* start-up: ``import spacy; spacy.load("fr_core_news_md")`` against
  ``import extractor; load_pipeline()``;
* the bare pipeline (all its stock components) over the same texts with
  ``nlp.pipe``;
* ``extractor run FOLDER -o OUT --workers 1`` and ``--workers 2``.

It prints articles/s, words/s, the time ratio to bare spaCy, the speed-up of
two workers over one, and peak RSS (the process and its workers).

Usage::

    .venv/bin/python benchmarks/run_bench.py [--articles 1000] [--memory 1000,10000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

BARE = """
import sys, time
t0 = time.perf_counter()
import spacy
nlp = spacy.load("fr_core_news_md")
t1 = time.perf_counter()
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
t2 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(t1 - t0, time.perf_counter() - t2)
"""

STARTUP = """
import time
t0 = time.perf_counter()
from extractor.pipeline import load_pipeline
load_pipeline()
print(time.perf_counter() - t0)
"""


def corpus_texts() -> list[str]:
    """Return the texts of the annotated corpus."""
    texts = []
    for split in ("dev", "test"):
        with open(ROOT / "corpus" / f"{split}.gold.jsonl", encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def build_folder(folder: Path, count: int) -> tuple[list[Path], int]:
    """Write ``count`` articles as .txt files; return their paths and word count."""
    texts = corpus_texts()
    paths, words = [], 0
    for i in range(count):
        text = texts[i % len(texts)]
        path = folder / f"article-{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words


def timed(command: list[str]) -> tuple[float, float, str]:
    """Run a command; return wall seconds, peak RSS of it and its children (MiB), and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, result.stdout


def run_extractor(folder: Path, workers: int) -> tuple[float, float]:
    """Time ``extractor run`` over a folder; return seconds and peak RSS (MiB)."""
    with tempfile.TemporaryDirectory() as out:
        # peak RSS of children is a high-water mark across the process: measure in a wrapper
        wrapper = (
            "import resource, subprocess, sys, time;"
            "t = time.perf_counter();"
            f"subprocess.run([sys.executable, '-m', 'extractor', 'run', {str(folder)!r}, '-o', {out + '/o.jsonl'!r},"
            f" '--workers', '{workers}', '--quiet'], check=True);"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
        )
        _, _, stdout = timed([PYTHON, "-c", wrapper])
    seconds, peak = map(float, stdout.split())
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--memory", help="two article counts whose peak RSS to compare, e.g. 1000,10000")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        paths, words = build_folder(folder, args.articles)
        print(f"{args.articles} articles, {words} words")

        bare_load = min(float(timed([PYTHON, "-c", BARE])[2].split()[0]) for _ in range(2))
        ours_load = min(float(timed([PYTHON, "-c", STARTUP])[2]) for _ in range(2))
        print(f"start-up: spacy.load {bare_load:.2f} s, extractor load_pipeline {ours_load:.2f} s "
              f"(+{ours_load - bare_load:.2f} s)")

        wrapper = (
            "import resource, subprocess, sys;"
            f"r = subprocess.run([sys.executable, '-c', {BARE!r}] + sys.argv[1:], capture_output=True, text=True, check=True);"
            "print(r.stdout.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
        )
        _, _, stdout = timed([PYTHON, "-c", wrapper, *map(str, paths)])
        _, bare_seconds, bare_peak = map(float, stdout.split())
        print(f"bare fr_core_news_md nlp.pipe: {bare_seconds:.1f} s, {args.articles / bare_seconds:.1f} articles/s, "
              f"{words / bare_seconds:.0f} words/s, peak RSS {bare_peak:.0f} MiB")

        results = {}
        for workers in (1, 2):
            seconds, peak = run_extractor(folder, workers)
            processing = seconds - ours_load  # the run includes one start-up (in parallel for workers)
            results[workers] = processing
            print(f"extractor run --workers {workers}: {seconds:.1f} s wall ({processing:.1f} s after start-up), "
                  f"{args.articles / processing:.1f} articles/s, {words / processing:.0f} words/s, "
                  f"x{processing / bare_seconds:.2f} the bare pipeline's time, peak RSS {peak:.0f} MiB")
        print(f"2 workers: x{results[1] / results[2]:.2f} the throughput of 1")

        if args.memory:
            small, large = (int(n) for n in args.memory.split(","))
            peaks = {}
            for count in (small, large):
                with tempfile.TemporaryDirectory() as tmp2:
                    sub = Path(tmp2) / "articles"
                    sub.mkdir()
                    build_folder(sub, count)
                    seconds, peaks[count] = run_extractor(sub, 2)
                    print(f"memory: {count} articles with 2 workers: {seconds:.0f} s, peak RSS {peaks[count]:.0f} MiB")
            print(f"memory: peak RSS for {large} is {100 * (peaks[large] / peaks[small] - 1):+.1f}% of that for {small}")


if __name__ == "__main__":
    main()

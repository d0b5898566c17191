"""Shared fixtures: the pipeline is loaded once for the whole test run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract, load_pipeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    """Return the shared extractor pipeline (fr_core_news_md + our components)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def extract_fn(nlp):
    """Return ``extract``, once the pipeline it uses is loaded."""
    return extract


@pytest.fixture(scope="session")
def project_root() -> Path:
    """Return the project folder (the one holding pyproject.toml)."""
    return ROOT


# A leading article or preposition inside a date span is tolerated (guidelines §2).
LEADING_WORDS = {"le", "la", "les", "l'", "l’", "du", "au", "aux", "en", "à", "a", "de", "d'", "entre", "dès", "depuis"}


def same_span(predicted: str, core: str) -> bool:
    """Return whether a predicted date span is the expected one, give or take leading articles."""
    if not predicted.endswith(core):
        return False
    prefix = predicted[: len(predicted) - len(core)].replace("'", "' ").replace("’", "’ ").split()
    return all(word.lower() in LEADING_WORDS for word in prefix)


def read_jsonl(path: Path) -> list[dict]:
    """Return the objects of a JSON Lines file."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]

"""The regression gate: the corpus scores may not drop below corpus/thresholds.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluation import check_thresholds
from extractor.scoring import load_thresholds, score_files

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_gate_scores_hold_thresholds(split):
    minimums, tolerance = load_thresholds(CORPUS / "thresholds.json", split)
    report = score_files([CORPUS / f"{split}.gold.jsonl"])
    failures = check_thresholds(report.scores(), minimums, tolerance)
    assert not failures, f"{split} split fell below corpus/thresholds.json: {failures}"


def test_gate_thresholds_cover_every_metric():
    minimums, tolerance = load_thresholds(CORPUS / "thresholds.json", "dev")
    assert tolerance == pytest.approx(0.01)
    assert {"entities.f1", "dates.strict_f1", "claims.downloads.f1", "claims.users.f1", "claims.period_accuracy"} <= set(minimums)


def test_gate_check_reports_a_drop_beyond_tolerance():
    failures = check_thresholds({"entities.f1": 0.90}, {"entities.f1": 0.92}, 0.01)
    assert failures == ["entities.f1: 0.9000 < 0.9200 - 0.01"]
    assert check_thresholds({"entities.f1": 0.915}, {"entities.f1": 0.92}, 0.01) == []

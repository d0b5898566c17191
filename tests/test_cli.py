"""The ``extractor`` command through typer's CliRunner: run, evaluate, evaluate --check."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from extractor.cli import app

SEED = ROOT.parent / "shared" / "real" / "seed.gold.jsonl"

ARTICLE_A = "L'application Plumo a été téléchargée 12.000 fois hier, selon Sensor Tower."
ARTICLE_B = "La CNIL a publié le 3 mars 2021 un avis sur la messagerie Olvid."


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    """A folder with a .txt article, a .jsonl with one good and one broken line, and files to skip."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    lines = [json.dumps({"id": "b1", "text": ARTICLE_B, "published": "2021-03-17"}, ensure_ascii=False), '{"id": "b2", "text": ']
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / ".cache.txt").write_text("Fichier caché : à ignorer.", encoding="utf-8")
    (folder / "notes.csv").write_text("id,texte\n", encoding="utf-8")
    return folder


def test_cli_run_prints_one_record_per_good_article(runner, inputs):
    result = runner.invoke(app, ["run", str(inputs), "--workers", "1"])
    assert result.exit_code == 1, result.output  # finished, but one input was an error
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [record["id"] for record in records] == ["a", "b1"]
    assert [(c["app"], c["count"]) for c in records[0]["claims"]] == [("Plumo", 12000)]
    assert [(d["text"], d["value"]) for d in records[1]["dates"]] == [("3 mars 2021", "2021-03-03")]
    assert records[1]["published"] == "2021-03-17"
    assert "3 articles, 2 records, 1 errors" in result.stderr


def test_cli_run_writes_output_and_errors_files(runner, inputs, tmp_path):
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = runner.invoke(
        app, ["run", str(inputs), "-o", str(output), "--errors", str(errors), "--include-text", "--workers", "1"]
    )
    assert result.exit_code == 1, result.output  # finished, but one input was an error
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [("a", ARTICLE_A), ("b1", ARTICLE_B)]
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [f["id"] for f in failures] == ["b:2"]
    assert "broken JSON line" in failures[0]["reason"]


def test_cli_run_fails_when_nothing_is_readable(runner, tmp_path):
    (tmp_path / "broken.jsonl").write_text("{pas du json\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code == 1
    assert "1 articles, 0 records, 1 errors" in result.stderr


def test_cli_run_reports_a_missing_input(runner, tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "absent")])
    assert result.exit_code == 1
    assert "1 articles, 0 records, 1 errors" in result.stderr


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available")
    return SEED


def test_cli_evaluate_prints_the_tables(runner, seed):
    result = runner.invoke(app, ["evaluate", str(seed)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1 articles"
    for heading in ("entities", "dates", "claims"):
        assert any(line.startswith(heading) and line.split()[1:4] == ["P", "R", "F1"] for line in lines), heading
    for row in ("COMPANY", "AGENCY", "APP", "overall", "span", "strict", "value accuracy", "downloads", "users"):
        assert any(line.strip().startswith(row) for line in lines), row


def test_cli_evaluate_json_reports_scores(runner, seed):
    result = runner.invoke(app, ["evaluate", str(seed), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 1
    assert 0.0 <= report["scores"]["entities.f1"] <= 1.0
    assert {"entities", "dates", "claims", "errors"} <= set(report)


@pytest.fixture(scope="module")
def seed_scores(seed):
    result = CliRunner().invoke(app, ["evaluate", str(seed), "--json"])
    return json.loads(result.stdout)["scores"]


def _thresholds(path, section, minimums, tolerance=0.0):
    path.write_text(json.dumps({"splits": {section: minimums}, "tolerance": tolerance}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "shift, exit_code",
    [
        (+0.05, 1),  # every minimum above the score
        (-0.05, 0),  # every minimum below the score
    ],
)
def test_cli_evaluate_check_exit_code(runner, seed, seed_scores, tmp_path, shift, exit_code):
    metrics = ["entities.f1", "dates.span_f1", "dates.strict_f1", "claims.downloads.f1"]
    minimums = {metric: round(seed_scores[metric] + shift, 4) for metric in metrics}
    thresholds = _thresholds(tmp_path / "thresholds.json", "seed", minimums)
    result = runner.invoke(app, ["evaluate", str(seed), "--check", str(thresholds)])
    assert result.exit_code == exit_code, result.output
    if exit_code:
        assert result.stderr.count("BELOW THRESHOLD (seed)") == len(metrics)
    else:
        assert f"thresholds (seed): all {len(metrics)} met" in result.stderr


def test_cli_evaluate_check_uses_the_named_split(runner, seed, tmp_path):
    thresholds = _thresholds(tmp_path / "thresholds.json", "other", {"entities.f1": 1.01})
    result = runner.invoke(app, ["evaluate", str(seed), "--check", str(thresholds), "--split", "other"])
    assert result.exit_code == 1
    assert "BELOW THRESHOLD (other) entities.f1" in result.stderr


def test_cli_evaluate_check_without_the_split_is_a_usage_error(runner, seed, tmp_path):
    """A thresholds file without the gold file's section is a configuration error, not a score drop."""
    thresholds = _thresholds(tmp_path / "thresholds.json", "other", {"entities.f1": 0.0})
    result = runner.invoke(app, ["evaluate", str(seed), "--check", str(thresholds)])
    assert result.exit_code == 2, result.output
    assert "no thresholds for 'seed'" in result.stderr


def test_cli_evaluate_rejects_an_invalid_gold_file(runner, tmp_path):
    gold = tmp_path / "bad.gold.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "abc", "dates": [{"text": "zz", "start": 0, "end": 2}]}) + "\n")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 2
    assert "bad.gold.jsonl:1" in result.stderr


def test_cli_evaluate_scores_a_predictions_file(runner, seed, tmp_path):
    predictions = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["run", str(seed), "-o", str(predictions)])
    assert result.exit_code == 0, result.output
    direct = json.loads(runner.invoke(app, ["evaluate", str(seed), "--json"]).stdout)["scores"]
    scored = runner.invoke(app, ["evaluate", str(seed), "--predictions", str(predictions), "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["scores"] == direct

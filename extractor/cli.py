"""The ``extractor`` command: run, evaluate, schema. Thin wrappers, exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

DEFAULT_CORPUS = Path("corpus/texts")


@app.command()
def run(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="files or folders (default: ./corpus/texts)")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="JSON Lines file (default: stdout)")] = None,
    include_text: Annotated[bool, typer.Option(help="put the analysed text into each record")] = False,
    errors: Annotated[Optional[Path], typer.Option(help="write input errors here as JSON Lines")] = None,
) -> None:
    """Extract records from articles (.txt, .md, .json, .jsonl) into JSON Lines."""
    from extractor.runner import run_batch

    if not inputs:
        if not DEFAULT_CORPUS.is_dir():
            typer.echo(f"no INPUT given and no {DEFAULT_CORPUS} folder here", err=True)
            raise typer.Exit(code=2)
        inputs = [DEFAULT_CORPUS]
    summary = run_batch(inputs, output=output, include_text=include_text, errors_path=errors)
    typer.echo(summary.line(), err=True)
    if summary.articles == 0 or summary.records == 0 and summary.errors:
        raise typer.Exit(code=1)


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="gold JSON Lines files")],
    predictions: Annotated[Optional[Path], typer.Option(help="score this output instead of running the pipeline")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="list every miss by article")] = False,
    output: Annotated[Optional[Path], typer.Option(help="write the JSON report here")] = None,
    check: Annotated[Optional[Path], typer.Option(help="thresholds file: exit 1 below any minimum")] = None,
    split: Annotated[Optional[str], typer.Option(help="thresholds section (default: the gold file's stem)")] = None,
) -> None:
    """Score the extractor on gold articles (gold-format.md)."""
    from extractor.scoring import format_report, load_thresholds, score_files

    try:
        report = score_files(gold, predictions=predictions)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    data = report.as_dict()
    if output:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else format_report(report, errors=errors))
    if check:
        section = split or gold[0].name.split(".")[0]
        minimums, tolerance = load_thresholds(check, section)
        from extractor.evaluation import check_thresholds

        failures = check_thresholds(report.scores(), minimums, tolerance)
        for failure in failures:
            typer.echo(f"BELOW THRESHOLD ({section}) {failure}", err=True)
        if failures:
            raise typer.Exit(code=1)
        typer.echo(f"thresholds ({section}): all {len(minimums)} met", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from extractor.schema import Article

    typer.echo(json.dumps(Article.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Run the command line."""
    app(prog_name="extractor")


if __name__ == "__main__":
    sys.exit(main())

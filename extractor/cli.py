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
    errors: Annotated[
        Optional[Path], typer.Option(help="input errors as JSON Lines (default with -o: OUTPUT.errors.jsonl)")
    ] = None,
    workers: Annotated[int, typer.Option(min=0, help="worker processes (default: the number of cores)")] = 0,
    resume: Annotated[bool, typer.Option(help="skip articles whose ids are already in OUTPUT, append the rest")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    engine: Annotated[str, typer.Option(help="local, or dask (needs the dask extra; -o is then a folder of shards)")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (default: a local cluster)")] = None,
    merge: Annotated[Optional[Path], typer.Option(help="with --engine dask: also merge the shards into this file")] = None,
    partition_size: Annotated[
        int, typer.Option(min=1, help="with --engine dask: articles per partition (one task, one shard)")
    ] = 200,
) -> None:
    """Extract records from articles (.txt, .md, .html, .json, .jsonl) into JSON Lines.

    Exit status: 0 when every article became a record, 1 when the run finished
    but some inputs were errors (listed in the errors file and on stderr), 2 on
    a usage error, 130 when interrupted (the output holds whole lines only:
    finish the run with --resume).
    """
    from extractor.runner import default_workers, run_batch

    if not inputs:
        if not DEFAULT_CORPUS.is_dir():
            typer.echo(f"no INPUT given and no {DEFAULT_CORPUS} folder here", err=True)
            raise typer.Exit(code=2)
        inputs = [DEFAULT_CORPUS]
    if resume and output is None:
        typer.echo("--resume needs -o/--output: it skips the ids already in that file", err=True)
        raise typer.Exit(code=2)
    if engine not in {"local", "dask"}:
        typer.echo(f"--engine must be local or dask, not {engine!r}", err=True)
        raise typer.Exit(code=2)
    if engine == "dask":
        if output is None:
            typer.echo("--engine dask needs -o/--output: the folder of shards", err=True)
            raise typer.Exit(code=2)
        try:
            from extractor.dask_engine import run_dask
        except ImportError as exc:
            typer.echo(f"--engine dask needs the dask extra: pip install 'extractor[dask]' ({exc})", err=True)
            raise typer.Exit(code=2) from exc
        summary = run_dask(
            inputs, output, scheduler=scheduler, workers=workers or default_workers(),
            include_text=include_text, resume=resume, merge=merge, partition_size=partition_size,
        )
        typer.echo(summary.line(), err=True)
        raise typer.Exit(code=1 if summary.errors else 0)
    if errors is None and output is not None:
        errors = output.with_name(output.name + ".errors.jsonl") if output.suffix != ".jsonl" else output.with_suffix(
            ".errors.jsonl"
        )
    try:
        summary = run_batch(
            inputs,
            output=output,
            include_text=include_text,
            errors_path=errors,
            workers=workers or default_workers(),
            resume=resume,
            progress=not quiet and sys.stderr.isatty(),
        )
    except KeyboardInterrupt:
        typer.echo("interrupted: the output holds whole records only; rerun with --resume to finish", err=True)
        raise typer.Exit(code=130) from None
    typer.echo(summary.line(), err=True)
    if summary.errors:
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
    html: Annotated[Optional[Path], typer.Option(help="also write the evaluation view (HTML) here")] = None,
) -> None:
    """Score the extractor on gold articles (gold-format.md)."""
    from extractor.scoring import format_report, load_thresholds, score_files

    minimums: dict[str, float] = {}
    tolerance = 0.0
    section = split or gold[0].name.split(".")[0]
    try:
        if check:
            minimums, tolerance = load_thresholds(check, section)
        if html:
            from extractor.views import evaluation_html

            report = evaluation_html(gold, html, predictions=predictions)
        else:
            report = score_files(gold, predictions=predictions)
    except (ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    data = report.as_dict()
    if output:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else format_report(report, errors=errors))
    if check:
        from extractor.evaluation import check_thresholds

        failures = check_thresholds(report.scores(), minimums, tolerance)
        for failure in failures:
            typer.echo(f"BELOW THRESHOLD ({section}) {failure}", err=True)
        if failures:
            raise typer.Exit(code=1)
        typer.echo(f"thresholds ({section}): all {len(minimums)} met", err=True)


@app.command()
def show(
    inputs: Annotated[list[Path], typer.Argument(help="files or folders (.txt, .md, .html, .json, .jsonl)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path("report.html"),
    limit: Annotated[int, typer.Option(min=1, help="articles rendered in full; the others are listed by id")] = 200,
) -> None:
    """Write a self-contained HTML view of the records: highlighted text, tables, batch summary."""
    from extractor import views

    count = views.show(inputs, output, limit=limit)
    typer.echo(f"{count} articles, written to {output}", err=True)
    if count == 0:
        raise typer.Exit(code=1)


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

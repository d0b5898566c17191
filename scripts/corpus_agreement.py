"""Compare two annotations of the same articles (inter-annotator agreement).

Scores the second annotation against the first with the project's own
scorer (`extractor.evaluation`), so "agreement" means exactly what the
extractor is held to, and lists every disagreement by article.

Usage::

    python scripts/corpus_agreement.py FIRST.gold.jsonl SECOND.gold.jsonl [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from extractor.evaluation import evaluate_articles
from extractor.scoring import format_report, read_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--json", type=Path, help="write the disagreements here, by article")
    args = parser.parse_args()
    first = {a.id: a for a in read_articles(args.first)}
    second = {a.id: a for a in read_articles(args.second)}
    ids = [i for i in first if i in second]
    report = evaluate_articles((first[i], second[i]) for i in ids)
    print(format_report(report))
    kinds = Counter((e.field.split(".")[0], e.kind) for e in report.errors)
    print("\ndisagreements:", sum(kinds.values()))
    for (field, kind), n in sorted(kinds.items()):
        print(f"  {field:<10}{kind:<14}{n}")
    if args.json:
        by_article: dict[str, list] = {}
        for error in report.errors:
            by_article.setdefault(error.article, []).append(error.__dict__)
        args.json.write_text(json.dumps(by_article, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

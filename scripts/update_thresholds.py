"""Write the current scores into corpus/thresholds.json (the CI gate).

Run after an improvement, in the same commit. By default a threshold only
goes up; ``--allow-lower`` accepts a drop (say why in the commit message),
on the splits it names or on all of them ("--allow-lower dev" after adding
harder dev articles keeps the test thresholds where they are).

Usage::

    python scripts/update_thresholds.py [--allow-lower [SPLIT ...]]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from extractor.scoring import score_files

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = ROOT / "corpus" / "thresholds.json"
SPLITS = {"dev": ROOT / "corpus" / "dev.gold.jsonl", "test": ROOT / "corpus" / "test.gold.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-lower", nargs="*", metavar="SPLIT", help="accept drops on these splits (all if none named)")
    args = parser.parse_args()
    data = json.loads(THRESHOLDS.read_text()) if THRESHOLDS.exists() else {"tolerance": 0.01, "splits": {}}
    for split, path in SPLITS.items():
        scores = score_files([path]).scores()
        old = data["splits"].get(split, {})
        lower = args.allow_lower is not None and (not args.allow_lower or split in args.allow_lower)
        new = {k: (v if lower else max(v, old.get(k, 0.0))) for k, v in scores.items()}
        for key in sorted(new):
            if old.get(key) != new[key]:
                print(f"{split:<5} {key:<38} {old.get(key, '-')!s:>8} -> {new[key]}")
        data["splits"][split] = new
    THRESHOLDS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()

"""Count the phenomena of the corpus, for the coverage table of corpus/README.md.

Tags come from the annotators (`phenomena` of each gold record); a few are
also verified from the data itself, so the table cannot claim what the
files do not hold (U+00A0 / U+202F inside numbers, null-valued dates, claims
with no app, per-qualifier and per-metric counts).

Usage::

    python scripts/corpus_coverage.py corpus/dev.gold.jsonl corpus/test.gold.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter

VERIFIED = {
    "num_nbsp (checked: U+00A0 inside a number)": lambda a: bool(re.search(r"\d\u00a0\d{3}", a["text"])),
    "num_nnbsp (checked: U+202F inside a number)": lambda a: bool(re.search(r"\d\u202f\d{3}", a["text"])),
    "date_anaphoric_null (checked: a date with value null)": lambda a: any(d["value"] is None for d in a["dates"]),
    "date range (checked: a date with end_value)": lambda a: any(d["end_value"] for d in a["dates"]),
    "claim_no_app (checked: a claim with app null)": lambda a: any(c["app"] is None for c in a["claims"]),
    "claim_users (checked: a users claim)": lambda a: any(c["metric"] == "users" for c in a["claims"]),
    "published null (checked)": lambda a: a["published"] is None,
    **{
        f"q_{q} (checked)": (lambda q: lambda a: any(c["qualifier"] == q for c in a["claims"]))(q)
        for q in ("exact", "approx", "at_least", "at_most")
    },
    "dual_company_app (checked: a name with two types)": lambda a: len({e["name"] for e in a["entities"] if e["type"] == "APP"}
                                                               & {e["name"] for e in a["entities"] if e["type"] == "COMPANY"}) > 0,
}


def main() -> None:
    articles = [json.loads(line) for path in sys.argv[1:] for line in open(path, encoding="utf-8") if line.strip()]
    tags = Counter(tag for a in articles for tag in a.get("phenomena", []))
    print(f"{len(articles)} articles\n")
    print("| phenomenon (annotators' tag) | articles |")
    print("| --- | ---: |")
    for tag, count in sorted(tags.items()):
        print(f"| {tag} | {count} |")
    print("\n| phenomenon (verified from the annotations) | articles |")
    print("| --- | ---: |")
    for name, test in VERIFIED.items():
        print(f"| {name} | {sum(1 for a in articles if test(a))} |")
    words = [len(a["text"].split()) for a in articles]
    print(f"\nwords per article: min {min(words)}, median {sorted(words)[len(words) // 2]}, max {max(words)}")
    print(f"entities {sum(len(a['entities']) for a in articles)}, dates {sum(len(a['dates']) for a in articles)}, "
          f"claims {sum(len(a['claims']) for a in articles)}")


if __name__ == "__main__":
    main()

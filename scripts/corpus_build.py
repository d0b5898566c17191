"""Turn annotation drafts into gold JSON Lines with offsets, and check them.

A draft is one JSON object per line, like a gold record but without offsets:

* ``dates[]`` carry ``text`` and an optional 1-based ``occurrence`` (which
  occurrence of that exact text in the article is meant; default 1);
* ``entities[]`` get their ``mentions`` computed: every whole-word,
  case-sensitive occurrence of the name or an alias, longest forms first,
  never overlapping another entity's mention.  An entity may instead list
  ``mentions`` itself as ``[surface, occurrence]`` pairs (needed when one
  name has two types in the article: "Facebook" COMPANY and APP);
* ``phenomena`` is a list of coverage tags (see corpus/README.md).

Usage::

    python scripts/corpus_build.py --check DRAFT.jsonl...
    python scripts/corpus_build.py DRAFT.jsonl... -o OUT.gold.jsonl

Standard library only, so annotators can run it anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

TYPES = {"COMPANY", "AGENCY", "APP"}
QUALIFIERS = {"exact", "approx", "at_least", "at_most"}
METRICS = {"downloads", "users"}
ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def find_all(text: str, surface: str) -> list[int]:
    """Return the start of every whole-word occurrence of ``surface``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text)]


def nth(text: str, surface: str, occurrence: int, whole_word: bool = True) -> int:
    """Return the start of the n-th (1-based) occurrence of ``surface``."""
    if whole_word:
        starts = find_all(text, surface)
    else:
        starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    if occurrence < 1 or occurrence > len(starts):
        raise ValueError(f"{surface!r}: occurrence {occurrence} of {len(starts)}")
    return starts[occurrence - 1]


def build(draft: dict) -> tuple[dict, list[str]]:
    """Return the gold record of one draft and the problems found in it."""
    problems: list[str] = []
    text = draft["text"]
    words = len(text.split())
    if not 150 <= words <= 700:
        problems.append(f"length {words} words (150..700 wanted)")
    published = draft.get("published")
    if published is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        problems.append(f"published {published!r} is not YYYY-MM-DD")

    entities = []
    taken: set[int] = set()
    explicit = [e for e in draft.get("entities", []) if e.get("mentions")]
    implicit = [e for e in draft.get("entities", []) if not e.get("mentions")]
    for ent in explicit:
        mentions = []
        for surface, occ in ent["mentions"]:
            try:
                start = nth(text, surface, occ)
            except ValueError as exc:
                problems.append(f"entity {ent['name']}: {exc}")
                continue
            mentions.append({"start": start, "end": start + len(surface)})
            taken.update(range(start, start + len(surface)))
        entities.append((ent, mentions))
    # Longest surface forms first, so "WeChat Work" wins over "WeChat".
    forms = sorted(
        ((form, ent) for ent in implicit for form in {ent["name"], *ent.get("aliases", [])}),
        key=lambda pair: -len(pair[0]),
    )
    found: dict[int, list[dict]] = {id(ent): [] for ent in implicit}
    for form, ent in forms:
        for start in find_all(text, form):
            span = range(start, start + len(form))
            if taken.intersection(span):
                continue
            taken.update(span)
            found[id(ent)].append({"start": start, "end": start + len(form)})
    entities += [(ent, found[id(ent)]) for ent in implicit]

    gold_entities = []
    seen = set()
    for ent, mentions in entities:
        if ent.get("type") not in TYPES:
            problems.append(f"entity {ent.get('name')}: bad type {ent.get('type')!r}")
        key = (ent["name"], ent["type"])
        if key in seen:
            problems.append(f"entity {key} twice")
        seen.add(key)
        if not mentions:
            problems.append(f"entity {ent['name']}: no mention found in the text")
        mentions.sort(key=lambda m: m["start"])
        gold_entities.append(
            {
                "name": ent["name"],
                "type": ent["type"],
                "aliases": list(ent.get("aliases", [])),
                "mentions": mentions,
            }
        )

    gold_dates = []
    for date in draft.get("dates", []):
        try:
            start = nth(text, date["text"], date.get("occurrence", 1), whole_word=False)
        except ValueError as exc:
            problems.append(f"date: {exc}")
            continue
        for key in ("value", "end_value"):
            value = date.get(key)
            if value is not None and not ISO.match(value):
                problems.append(f"date {date['text']!r}: {key} {value!r} is not ISO")
        if date.get("end_value") and not date.get("value"):
            problems.append(f"date {date['text']!r}: end_value without value")
        gold_dates.append(
            {
                "text": date["text"],
                "start": start,
                "end": start + len(date["text"]),
                "value": date.get("value"),
                "end_value": date.get("end_value"),
            }
        )
    gold_dates.sort(key=lambda d: d["start"])

    apps = {e["name"] for e in gold_entities if e["type"] == "APP"}
    gold_claims = []
    for claim in draft.get("claims", []):
        if claim.get("app") is not None and claim["app"] not in apps:
            problems.append(f"claim {claim.get('text')!r}: app {claim['app']!r} is not an APP entity")
        if not isinstance(claim.get("count"), int) or claim["count"] <= 0:
            problems.append(f"claim {claim.get('text')!r}: count must be a positive int")
        if claim.get("qualifier") not in QUALIFIERS:
            problems.append(f"claim {claim.get('text')!r}: qualifier {claim.get('qualifier')!r}")
        if claim.get("metric") not in METRICS:
            problems.append(f"claim {claim.get('text')!r}: metric {claim.get('metric')!r}")
        for key in ("period_start", "period_end"):
            value = claim.get(key)
            if value is not None and not ISO.match(value):
                problems.append(f"claim {claim.get('text')!r}: {key} {value!r} is not ISO")
        if claim.get("text") and claim["text"] not in text:
            problems.append(f"claim text {claim['text']!r} not in the article")
        gold_claims.append(
            {
                "app": claim.get("app"),
                "count": claim.get("count"),
                "qualifier": claim.get("qualifier"),
                "period_start": claim.get("period_start"),
                "period_end": claim.get("period_end"),
                "metric": claim.get("metric"),
                "text": claim.get("text"),
            }
        )

    record = {
        "id": draft["id"],
        "source": draft.get("source"),
        "published": published,
        "text": text,
        "entities": gold_entities,
        "dates": gold_dates,
        "claims": gold_claims,
    }
    if draft.get("phenomena"):
        record["phenomena"] = sorted(set(draft["phenomena"]))
    return record, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="+")
    parser.add_argument("-o", "--output")
    parser.add_argument("--check", action="store_true", help="only report problems")
    args = parser.parse_args()
    records, bad, ids = [], 0, set()
    for path in args.drafts:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    draft = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{number}: bad JSON: {exc}")
                    bad += 1
                    continue
                record, problems = build(draft)
                if record["id"] in ids:
                    problems.append("duplicate id")
                ids.add(record["id"])
                for problem in problems:
                    print(f"{path}:{number} [{record['id']}]: {problem}")
                bad += bool(problems)
                records.append(record)
    print(f"{len(records)} articles, {bad} with problems", file=sys.stderr)
    if args.output and not args.check:
        with open(args.output, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""extractor_dates: French date expressions, resolved to ISO values.

Finds date spans with the grammar of `extractor.parsing.date_grammar` over the
text (never modified), sets ``doc._.reference_date`` (the publication date, or
the latest full date the text states: guidelines §2), then resolves every
span against it into ``span._.value`` / ``span._.end_value``.
"""

from __future__ import annotations

import re


from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor import extensions  # noqa: F401  (declares the ._ attributes)
from extractor.parsing.date_grammar import DateVocabulary, build_patterns
from extractor.parsing.date_values import DateReading, read, resolve
from extractor.parsing.names import fold
from extractor.parsing.partial_dates import PartialDate
from extractor.resources import load_lexicon

SPANS_KEY = "dates"
FUTURE_ENDING = re.compile(r"[a-z]{3,}(?:era|eront|ira|iront)")  # "arrivera", "lanceront", "finira"


def _contains(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def load_vocabulary() -> DateVocabulary:
    """Build the date grammar's vocabulary from the lexicons."""
    months = load_lexicon("months")
    weekdays = load_lexicon("weekdays")
    periods = load_lexicon("periods")
    relative = load_lexicon("relative_dates")
    numbers = load_lexicon("numbers")
    relative_phrases = {}
    for entry in relative.entries:
        for phrase in entry.phrases:
            relative_phrases[" ".join(fold(phrase).split())] = (entry.unit, entry.offset, entry.anaphoric)
    return DateVocabulary(
        months={name: e.value for e in months.entries for name in e.names},
        weekdays={name: e.value for e in weekdays.entries for name in e.names},
        seasons={name: (s.first_month, s.last_month) for s in periods.seasons for name in s.names},
        periods={name: p.months for p in periods.periods for name in p.names},
        period_abbreviations={a: p.months for p in periods.periods for a in p.abbreviations},
        ordinals={name: o.value for o in periods.ordinals for name in o.names},
        edge_words=list(periods.edge_words),
        units={fold(name): u.unit for u in periods.units for name in u.names},
        relative=relative_phrases,
        relative_phrases=[phrase for entry in relative.entries for phrase in entry.phrases],
        weekday_modifiers={w: m.offset for m in relative.weekday_modifiers for w in m.words},
        month_modifiers={w: m.offset for m in relative.month_modifiers for w in m.words},
        counted_before={w: c.direction for c in relative.counted if c.position == "before" for w in c.words},
        counted_after=[w for c in relative.counted if c.position == "after" for w in c.words],
        number_words=[w for w in numbers.number_words if w not in numbers.lone_words_not_counts] + ["un", "une"],
    )


class DateFinder:
    """Find, resolve and store the date expressions of a Doc."""

    def __init__(self, nlp: Language, name: str, *, frequency_words: list[str]) -> None:
        self.name = name
        self.vocab = load_vocabulary()
        self.patterns = build_patterns(self.vocab)
        self.frequency_words = {fold(word) for word in frequency_words}
        tense = load_lexicon("relative_dates").tense
        self.future = [fold(cue).split() for cue in tense.future]
        self.future_verbs = {fold(word) for word in tense.future_verbs}
        self.past = [fold(cue).split() for cue in tense.past]
        self.tense_reach = tense.reach

    def find(self, doc: Doc) -> list[tuple[int, int, str, DateReading]]:
        """Return non-overlapping (start, end, kind, reading) char spans, longest first."""
        text = doc.text
        candidates = []
        for kind, pattern in self.patterns:
            for match in pattern.finditer(text):
                start, end = match.span("span")
                reading = read(kind, match, self.vocab)
                if reading is None or self._is_frequency(text, start, kind):
                    continue
                candidates.append((start, end, kind, reading))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int]] = []
        kept = []
        for start, end, kind, reading in candidates:
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            kept.append((start, end, kind, reading))
        return sorted(kept)

    def _is_frequency(self, text: str, start: int, kind: str) -> bool:
        """Return whether a weekday is habitual ("chaque lundi", "tous les lundis")."""
        if kind != "weekday_relative":
            return False
        before = fold(text[max(0, start - 12) : start]).split()
        return bool(before) and before[-1] in self.frequency_words

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for start, end, kind, reading in self.find(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(token._.is_boilerplate for token in span):
                continue
            found.append((span, kind, reading))
        reference, origin = self._reference(doc, found)
        doc._.reference_date = reference.iso() if reference else None
        doc._.reference_date_origin = origin
        spans = []
        anchor: PartialDate | None = None
        day_anchor: PartialDate | None = None
        text = doc.text
        for span, kind, reading in found:
            value, end_value = resolve(
                reading,
                reference,
                anchor,
                day_anchor=day_anchor,
                prefer_past=origin == "published",
                tense=self._tense(text, span.start_char),
            )
            span._.value, span._.end_value, span._.rule = value, end_value, f"date.{kind}"
            span.label_ = "DATE"
            if value is not None:
                anchor = PartialDate.parse(end_value or value)
                if anchor.precision == "day":
                    day_anchor = anchor
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def _tense(self, text: str, start: int) -> str | None:
        """Return "future" or "past" when the words just before a date say which way it lies
        ("d'ici mars", "arrivera en juin"; "depuis sa sortie en mars"), else None."""
        before = re.split(r"[.!?;\n]", text[max(0, start - 80) : start])[-1]
        words = fold(before).split()[-self.tense_reach :]  # fold makes one apostrophe of ’ and '
        for cue in self.past:
            if _contains(words, cue):
                return "past"
        for cue in self.future:
            if _contains(words, cue):
                return "future"
        # a future verb right before ("arrivera en juin"), not one governing a noun ("publiera ses
        # résultats du quatrième trimestre")
        if any(w in self.future_verbs or FUTURE_ENDING.fullmatch(w) for w in words[-3:]):
            return "future"
        return None

    @staticmethod
    def _reference(doc: Doc, found) -> tuple[PartialDate | None, str | None]:
        """Return the reference date: published, else the latest full date stated."""
        if doc._.published:
            return PartialDate.parse(doc._.published), "published"
        full, partial = [], []
        for _span, _kind, reading in found:
            if reading.relative_unit is not None or reading.weekday_offset is not None or reading.anaphoric:
                continue
            value, end_value = resolve(reading, None)
            for iso in (value, end_value):
                if iso is None:
                    continue
                date = PartialDate.parse(iso)
                (full if date.precision == "day" else partial).append(date)
        if full:
            return max(full, key=lambda d: d.first_day()), "text"
        if partial:
            latest = max(partial, key=lambda d: d.last_day())
            return latest, "text"
        return None, None


@Language.factory(
    "extractor_dates",
    assigns=["doc.spans", "doc._.reference_date", "span._.value", "span._.end_value"],
    requires=["token._.is_boilerplate"],
    default_config={"frequency_words": ["chaque", "les", "tous", "toutes"]},
)
def make_dates(nlp: Language, name: str, frequency_words: list[str]) -> DateFinder:
    """Create the date finder."""
    return DateFinder(nlp, name, frequency_words=frequency_words)


__all__ = ["DateFinder", "make_dates", "SPANS_KEY"]

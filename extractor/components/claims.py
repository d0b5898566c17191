"""extractor_claims: download and user-count claims, tied to an app and a period.

For every count expression (`extractor.parsing.numbers.find_numbers`) the
detector decides, with cue words applied in explicit windows:

* the metric: a noun after the figure ("54.000 téléchargements", "d'utilisateurs"),
  "téléchargée 2 millions de fois", or a metric noun heading the clause
  ("ses téléchargements passer de 300 à 58 000");
* whether it is no claim at all: rates, differences, targets, other units;
* the qualifier: the nearest cue before the figure ("plus de", "près de");
* the app: the subject of the clause, "ce chiffre" (the previous claim's
  app), a pronoun or "l'application" (the last app named), the nearest app in
  the sentence, else none; a store's or a market's total has none;
* the period: the nearest date of the sentence, read as a window, a start
  ("depuis 2016") or an as-of end ("à ce jour", a day with a cumulative verb);
* the source: "selon Sensor Tower", "d'après data.ai".

"de X à Y" and "entre X et Y" give two claims; X takes Y's metric.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor import extensions  # noqa: F401  (declares the ._ attributes)
from extractor.components.dates import SPANS_KEY as DATES_KEY
from extractor.components.entity_types import SPANS_KEY as ENTITIES_KEY
from extractor.components.matching import build_matcher, cue_matches
from extractor.parsing.names import fold
from extractor.parsing.numbers import find_numbers, parse_words
from extractor.parsing.partial_dates import PartialDate
from extractor.resources import load_gazetteer, load_lexicon

SPANS_KEY = "claims"
LISTED_RULES = ("claim.enumeration_metric", "claim.coordination_metric")  # "devant X (8,1 millions)"
UNSUPPORTED_NONE = {"app.antecedent", "app.subject_pronoun"}  # no app found, as opposed to a market or store total
INTRODUCING_RULES = {"cue.APP", "apposition.APP"}  # entity rules that name an app as new ("l'application Kwiz")
RANGE_LINKS = {"a", "à", "et", "-", "–"}
RANGE_STARTS = {"de", "d'", "entre"}


@dataclass(eq=False)  # figures compare by identity: two readings of "2 millions" are two figures
class Figure:
    """A count being read as a claim (working state of one figure)."""

    span: Span
    count: int
    plus: bool
    metric: str | None = None
    metric_end: int | None = None  # token index after the metric noun, when it follows
    rule: str = ""
    qualifier: str = "exact"
    qualifier_start: int | None = None
    range_role: str | None = None  # "from" / "to" / "low" / "high"
    market: bool = False  # "2,1 milliards d'applications": a market total, no app
    index: int = 0  # position among the Doc's figures
    app: str | None = None
    period: tuple[str | None, str | None] = (None, None)
    source: str | None = None
    running_start: bool = False  # the period starts at a launch or a "depuis": a running total
    shifted: bool = False  # the period was moved from another one ("contre 8,9 millions un an plus tôt")
    app_how: str = ""  # how the app was chosen (app.subject, app.antecedent, app.market_cue…)
    notes: list[str] = field(default_factory=list)


class ClaimDetector:
    """Read count expressions into download and user claims."""

    def __init__(self, nlp: Language, name: str, *, metric_window: int, app_lookback: int) -> None:
        self.name = name
        self.metric_window = metric_window
        self.app_lookback = app_lookback
        numbers = load_lexicon("numbers")
        self.scales = {word: scale.value for scale in numbers.scales for word in scale.words}
        self.number_words = tuple(numbers.number_words)
        self.lone_words = tuple(numbers.lone_words_not_counts)
        metrics = load_lexicon("metrics")
        self.between = {w for phrase in metrics.adjectives_between for w in phrase.replace("'", "' ").split()}
        self.people = {fold(word) for word in metrics.verb_subjects}
        self.minimum_count = metrics.minimum_count
        qualifiers = load_lexicon("qualifiers")
        self.qualifiers = {f"Q{i}": entry for i, entry in enumerate(qualifiers.entries)}
        cues = load_lexicon("claim_cues")
        self.not_claims = {f"NOT{i}": entry for i, entry in enumerate(cues.not_claims)}
        groups: dict[str, list[str]] = {}
        self.noun_minimums: dict[str, int] = {}
        for index, entry in enumerate(metrics.entries):
            label = f"NOUN_{entry.metric}" if not entry.min_count else f"NOUN_{entry.metric}_{index}"
            groups.setdefault(label, []).extend(entry.nouns)
            self.noun_minimums[label] = entry.min_count
        groups["TIMES"] = metrics.times_words
        groups.update({label: entry.phrases for label, entry in self.qualifiers.items()})
        groups.update({label: entry.phrases for label, entry in self.not_claims.items()})
        stems: dict[str, list[str]] = {}
        for entry in metrics.entries:
            stems.setdefault(f"VERB_{entry.metric}", []).extend(entry.verbs)
        for key in (
            "as_of", "same_period", "launch", "since", "cumulative", "running_total", "claiming", "company_history", "concurrent", "launch_anaphora",
            "period_units", "announcement", "anaphora", "comparison", "ellipsis", "app_pronouns", "no_app", "source",
        ):
            groups[key.upper()] = getattr(cues, key).phrases
            stems[f"{key.upper()}_STEM"] = getattr(cues, key).stems
        self.no_app_window = cues.no_app.window
        leads = "|".join(re.escape(fold(lead)).replace("\\ ", r"\s+") for lead in sorted(cues.durations.leads, key=len, reverse=True))
        units = "|".join(re.escape(unit) for unit in [*cues.durations.days, *cues.durations.hours])
        self.duration = re.compile(rf"\b(?:{leads})\s+([\w-]+)\s+({units})\b")
        self.duration_days, self.duration_reach = cues.durations.days, cues.durations.reach
        self.point_edges = tuple(fold(edge) for edge in cues.point_edges.phrases)
        self.as_of_texts = {fold(phrase) for phrase in cues.as_of.phrases}
        stems.update({f"{label}_STEM": entry.stems for label, entry in self.qualifiers.items() if entry.stems})
        stems["UNLESS"] = sorted({stem for entry in qualifiers.entries for stem in entry.unless_after})
        self.matcher = build_matcher(nlp, groups, stems)
        # "Cielo, un client alternatif pour Bluesky, a été…": an app that only qualifies one of these nouns
        # is not what the subject is ("le patron d'Instagram", "l'équipe de Bluesky" still speak for it)
        self.owner_nouns = {fold(word) for word in cues.rival_nouns.phrases}
        self.group_nouns = {fold(word) for word in cues.group_nouns.phrases}
        self.group_pronouns = {w for w in self.group_nouns if "-" in w}  # "celles-ci", "ceux-ci"
        self.qualifier_words = {fold(word) for word in cues.qualifier_words.phrases}
        self.exclusions = {fold(word) for word in cues.exclusions.phrases}
        # "le jeu", "la messagerie": the sort of app a defining anaphor refers back to
        self.anaphor_kinds = {fold(noun): frozenset(kinds) for noun, kinds in cues.anaphor_kinds.nouns.items()}
        self.source_leads = {fold(p) for p in cues.source.phrases if " " not in p}
        self.order_words = {key: {fold(p) for p in phrases} for key, phrases in cues.order_anaphors.items()}
        apps = load_gazetteer("APP").entries
        self.stores = {entry.name for entry in apps if entry.store}
        # A name that is both a company and an app ("Telegram") can carry a claim
        # even where the mention itself reads as the company.
        self.app_names = {entry.name for entry in apps if not entry.store}
        self.app_kinds = {entry.name: entry.kind for entry in apps if entry.kind}

    # -- reading ------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        dates = list(doc.spans[DATES_KEY]) if DATES_KEY in doc.spans else []
        entities = list(doc.spans[ENTITIES_KEY]) if ENTITIES_KEY in doc.spans else []
        matches = cue_matches(self.matcher, doc)
        by_start: dict[int, list[tuple[str, int, int]]] = {}
        by_end: dict[int, list[tuple[str, int, int]]] = {}
        for match in matches:
            by_start.setdefault(match[1], []).append(match)
            by_end.setdefault(match[2], []).append(match)
        self._doc, self._dates, self._entities = doc, dates, entities
        self._places = [ent for ent in doc.ents if ent.label_ == "LOC"]
        self._text = doc.text  # Doc.text joins every token on each access: read it once
        self._date_tokens = {i for d in dates for i in range(d.start, d.end)}
        self._date_starts = {d.start for d in dates}
        self._matches, self._by_start, self._by_end = matches, by_start, by_end
        index = _sentence_index(doc)
        self._by_sentence: dict[int, list[tuple[str, int, int]]] = {}
        for match in matches:
            self._by_sentence.setdefault(index[match[1]], []).append(match)
        self._topics: list[tuple[int, str]] | None = None
        self._kinds: dict[str, str | None] = {}
        self._launch_tokens = {i for label, s, e in matches if label in {"LAUNCH", "LAUNCH_STEM"} for i in range(s, e)}
        self._launches_cache: list[tuple[Span, str]] | None = None
        self._app_list = [
            span
            for span in entities
            if span.label_ == "APP" or (span.label_ == "COMPANY" and span.kb_id_ in self.app_names)
        ]
        self._apps_by_sentence: dict[int, list[Span]] = {}
        for span in self._app_list:
            for number in {index[span.start], index[span.end - 1]}:
                self._apps_by_sentence.setdefault(number, []).append(span)

        figures = self._figures(doc, dates)
        self._figure_list = figures
        self._dates_by_sentence: dict[int, list[Span]] = {}
        for date in dates:
            self._dates_by_sentence.setdefault(index[date.start], []).append(date)
        self._figures_by_sentence: dict[int, list[Figure]] = {}
        for figure in figures:
            self._figures_by_sentence.setdefault(index[figure.span.start], []).append(figure)
        claims: list[Figure] = []
        for figure in figures:
            if figure.metric is None or self._is_not_claim(figure):
                continue
            self._qualify(figure)
            figure.app, how = self._app(figure, claims[-1].app if claims else None, claims)
            figure.rule, figure.app_how = f"{figure.rule} {how}", how
            figure.period = self._period(figure, claims[-1] if claims else None, claims)
            figure.source = self._source(figure)
            claims.append(figure)
        doc.spans[SPANS_KEY] = [self._to_span(figure) for figure in _merge_repeats(claims)]
        return doc

    def _figures(self, doc: Doc, dates: list[Span]) -> list[Figure]:
        figures = []
        in_dates = {i for d in dates for i in range(d.start, d.end)}
        for number in find_numbers(self._text, self.scales, self.number_words, self.lone_words):
            span = doc.char_span(number.start, number.end, alignment_mode="expand")
            if span is None or any(t._.is_boilerplate for t in span):
                continue
            if any(i in in_dates for i in range(span.start, span.end)):
                continue  # a day or a year, not a count
            if number.value < self.minimum_count or self._is_version(span):
                continue  # "dix joueurs par partie", "FIFA 18", "Counter-Strike 2"
            figures.append(Figure(span, number.value, number.plus, index=len(figures)))
        self._link_ranges(doc, figures)
        for figure in figures:
            if figure.range_role in {"from", "low"}:
                continue
            self._metric(figure)
        for first, second in zip(figures, figures[1:]):
            if first.range_role in {"from", "low"}:
                if second.metric is None:
                    self._metric(second, anchor=first.span.start)
                first.metric, first.rule = second.metric, second.rule + ".range_start"
        previous = None
        for figure in figures:
            if figure.metric is None and previous is not None and self._is_bare(figure):
                self._inherit_metric(figure, previous)
            if figure.metric is not None:
                previous = figure
        return figures

    def _inherit_metric(self, figure: Figure, previous: Figure) -> None:
        """Give a bare figure the metric of the previous claim when the text refers back to it.

        "Ce chiffre porte à 51 millions", "elle en comptait 1,1 million", and
        enumerations "Instagram compte 259 millions d'utilisateurs, Facebook
        255 millions" (an app named right before the figure, same sentence).
        """
        span = figure.span
        sentence = span.sent
        window = self._doc[max(sentence.start, span.start - 8) : span.start]
        same_sentence = _sentences_between(previous.span, sentence) <= 1
        if self._covers(window, "ANAPHORA"):
            rule = "claim.anaphora_metric"
        elif self._covers(self._doc[max(sentence.start, span.start - 3) : span.start], "ELLIPSIS") or _en_clitic(span):
            rule = "claim.ellipsis_metric"
        elif same_sentence and any(0 <= span.start - app.end <= 5 for app in self._apps()):
            rule = "claim.enumeration_metric"
        elif previous.span.sent.start == sentence.start and self._coordinated(previous, figure):
            rule = "claim.coordination_metric"
        elif _sentences_between(previous.span, sentence) <= 1 and self._pronoun_subject(span):
            rule = "claim.pronoun_metric"  # "… 2 millions d'utilisateurs. Il était passé de 900 000 à …"
        else:
            return
        figure.metric, figure.rule = previous.metric, rule

    def _metric(self, figure: Figure, anchor: int | None = None) -> None:
        """Set the metric from a noun after the figure, "fois", or a noun heading the clause.

        ``anchor`` is where the clause's figure group starts ("de 300 à 58 000"
        starts at 300), so a noun before it still heads the later figure.
        """
        doc, span = self._doc, figure.span
        i = span.end
        while i < len(doc) and i - span.end < self.metric_window + 1 and (
            doc[i].norm_ in self.between or doc[i].is_quote or doc[i].is_space
        ):
            i += 1  # "54.000 téléchargements", "2 millions de nouveaux utilisateurs", "« 100 000+ » installations"
        for label, _start, end in sorted(self._by_start.get(i, []), key=lambda m: -m[2]):
            if label.startswith("NOUN_") and figure.count >= self.noun_minimums.get(label, 0):
                figure.metric, figure.metric_end, figure.rule = label.split("_")[1], end, "claim.noun_after"
                figure.market = bool(self.noun_minimums.get(label))
                return
            if label == "TIMES":
                verb = self._nearest(span, "VERB_", before=20)
                if verb is not None:
                    figure.metric, figure.metric_end, figure.rule = verb[0][5:], end, "claim.verb_times"
                    return
        verb_after = next(
            (l for l, s, e in self._local(span) if l.startswith("VERB_") and span.end < s <= span.end + 4), None
        )
        by = next((t.i for t in doc[max(0, span.start - 4) : span.start] if t.norm_ == "par"), None)
        agent_verb = next(
            (l for l, s, e in self._local(span) if l.startswith("VERB_") and span.start - 4 <= e <= span.start), None
        ) or next(  # "utilisées au moins une fois dans le mois par 124 millions de personnes": a passive verb further back
            (
                l
                for l, s, e in self._local(span)
                if l.startswith("VERB_") and by is not None and span.start - 12 <= e <= by
                and not self._verb_between(e, by)
            ),
            None,
        )
        agent = span.start >= 2 and doc[span.start - 1].norm_ in {"par", "plus", "moins", "de"} and agent_verb is not None and any(
            t.norm_ == "par" for t in doc[max(0, span.start - 4) : span.start]
        )
        if (verb_after or agent) and span.end < len(doc) and not doc[span.end].like_num:
            # "400 000 Québécois ont téléchargé l'appli", "téléchargée par plus de 400 000 Québécois"
            people = span.end
            if doc[people].norm_ in {"de", "d'"} and people + 1 < len(doc) and doc[people + 1].norm_ in self.people:
                people += 1  # "400 millions de personnes"
            nxt = doc[people]
            if verb_after and (nxt.is_title or nxt.norm_ in self.people) or agent and (nxt.is_title or nxt.norm_ in self.people):
                # "400 000 Québécois ont téléchargé", "utilisé par 400 millions de personnes": the verb's metric
                figure.metric, figure.rule = (verb_after or agent_verb or "VERB_downloads")[5:], "claim.people_verb"
                figure.metric_end = people + 1
                return
        start = span.start if anchor is None else anchor
        if self._is_bare(figure):
            noun = self._nearest(doc[start : span.end], "NOUN_", before=30)
            if noun is not None and not self._has_number_between(noun[2], start) and not self.noun_minimums.get(noun[0]):
                figure.metric, figure.rule = noun[0].split("_")[1], "claim.noun_before"

    @staticmethod
    def _is_version(span: Span) -> bool:
        """Return whether a plain number follows a name as its version or edition ("iOS 17")."""
        if span.start == 0 or len(span) != 1 or not span[0].is_digit or len(span[0].text) > 4:
            return False
        before = span.doc[span.start - 1]
        return before.text[:1].isupper() and before.i != before.sent.start or before.text in {"-", "‑"}

    def _pronoun_subject(self, span: Span) -> bool:
        """Return whether the figure's clause has a personal-pronoun subject ("il", "elle")."""
        token, steps = span.root, 0
        while steps < 4:
            if any(c.dep_.startswith("nsubj") and c.norm_ in {"il", "elle", "celui-ci", "celle-ci"} for c in token.children):
                return True
            if token.head is token:
                return False
            token, steps = token.head, steps + 1
        return False

    def _coordinated(self, previous: Figure, figure: Figure) -> bool:
        """Return whether a bare figure continues the previous one's list in the sentence.

        "433 millions d'utilisateurs, et 188 millions un an plus tôt", "300
        millions en décembre et 100 millions en novembre 2023", "la France
        (1,2 million), l'Italie (350 000)": only commas, "et", "contre",
        parentheses, dates and names stand between.
        """
        between = self._doc[(previous.metric_end or previous.span.end) : figure.span.start]
        in_dates = self._date_tokens
        in_source = False  # "…, selon la firme Sensor Tower, contre 2,4 millions un an plus tôt"
        for token in between:
            if token.is_punct:
                in_source = False
            elif token.norm_ in self.source_leads:
                in_source = True
            if in_source or token.i in in_dates or token.is_punct or token.is_space or _is_capitalised(token):
                continue
            if token.norm_ in self.between:
                continue  # the metric noun's adjectives ("d'utilisateurs actifs mensuels au 31 décembre, contre …")
            if token.norm_ in {"et", "contre", "dont", "puis", "ou", "soit", "mais", "a", "à", "en", "moyenne", "au", "aux", "le", "la", "les", "l'", "de", "d'", "du", "des", "sur", "pour", "plus", "tot", "un", "an", "auparavant", "avant"}:
                continue
            return False
        return len(between) <= 12

    def _is_bare(self, figure: Figure) -> bool:
        """Return whether nothing but a function word or a date follows the figure."""
        doc, span = self._doc, figure.span
        if span.end >= len(doc):
            return True
        after = doc[span.end]
        if after.is_punct or after.is_stop or after.is_space:
            if after.norm_ in {"de", "d'"} and span.end + 1 < len(doc) and doc[span.end + 1].is_alpha:
                return False  # "2 millions de dollars"
            return True
        return span.end in self._date_starts

    def _nearest(self, span: Span, prefix: str, *, before: int) -> tuple[str, int, int] | None:
        """Return the closest cue of a label family ending before ``span`` in its sentence."""
        sentence = span.sent
        best = None
        for label, start, end in self._local(span):
            if label.startswith(prefix) and sentence.start <= start and end <= span.start and span.start - end <= before:
                if best is None or end > best[2]:
                    best = (label, start, end)
        return best

    def _has_number_between(self, start: int, end: int) -> bool:
        return any(token.like_num for token in self._doc[start:end])

    def _link_ranges(self, doc: Doc, figures: list[Figure]) -> None:
        """Mark "de X à Y" (from/to) and "entre X et Y" (low/high) pairs.

        Dates and commas may stand between: "de 246 000, du 28 décembre au 3
        janvier, à 8,8 millions du 4 au 10 janvier".
        """
        in_dates, date_starts = self._date_tokens, self._date_starts
        for first, second in zip(figures, figures[1:]):
            link = [
                t for t in doc[first.span.end : second.span.start]
                if t.i not in in_dates and not t.is_punct and not (t.i + 1 in date_starts and t.is_stop)
            ]
            if len(link) != 1 or link[0].norm_ not in RANGE_LINKS or first.span.start == 0:
                continue
            if second.span.start - first.span.end > 1 and link[0].i != second.span.start - 1:
                continue
            opener = doc[first.span.start - 1].norm_
            if opener not in RANGE_STARTS and link[0].norm_ not in {"-", "–"}:
                continue
            if opener == "entre" or link[0].norm_ in {"-", "–"}:
                first.range_role, second.range_role = "low", "high"
            else:
                first.range_role, second.range_role = "from", "to"

    def _is_not_claim(self, figure: Figure) -> bool:
        span = figure.span
        end = figure.metric_end or span.end
        for label, start, stop in self._local(figure.span):
            entry = self.not_claims.get(label)
            if entry is None or entry.window is None:
                continue
            if start >= end and self._has_number_between(end, start):
                continue  # "30 millions de fois, soit 5 millions de plus que…": the cue is the next figure's
            if entry.reason == "rate" and figure.metric == "users" and not self._is_new_users(figure):
                continue  # "16 millions d'internautes chaque mois": an audience, not a rate
            after_ok = 0 <= start - end <= entry.window.after and (entry.window.after or start == span.end)
            if entry.reason == "unit":
                after_ok = start == span.end
            before_ok = entry.window.before and 0 <= span.start - stop <= entry.window.before
            if (after_ok or before_ok) and start >= span.sent.start and stop <= span.sent.end:
                figure.notes.append(entry.reason)
                return True
        return False

    def _qualify(self, figure: Figure) -> None:
        """Set the qualifier from the nearest cue; none reaches past another figure."""
        span = figure.span
        if figure.plus:
            figure.qualifier = "at_least"
        best = None
        for label, start, end in self._local(figure.span):
            key = label.removesuffix("_STEM")
            entry = self.qualifiers.get(key)
            if entry is None or start < span.sent.start:
                continue
            if entry.window.before and end <= span.start and span.start - end <= entry.window.before:
                if self._has_number_between(end, span.start):
                    continue
                if entry.unless_after and any(
                    lbl == "UNLESS" and e in {start, start - 1} for lbl, _s, e in self._by_end.get(start, []) + self._by_end.get(start - 1, [])
                ):
                    continue
                distance = span.start - end
            elif entry.window.after and start >= (figure.metric_end or span.end) and start - (figure.metric_end or span.end) <= entry.window.after:
                distance = start - span.end
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, entry.qualifier, start)
        if best is not None:
            figure.qualifier, figure.qualifier_start = best[1], min(best[2], span.start)
        if figure.range_role == "low":
            figure.qualifier = "at_least"
        elif figure.range_role == "high":
            figure.qualifier = "at_most"

    # -- attribution --------------------------------------------------------

    def _local(self, span: Span) -> list[tuple[str, int, int]]:
        """Return the cue matches of the sentence ``span`` starts in (the only ones a figure reads)."""
        return self._by_sentence.get(_sentence_index(self._doc)[span.start], [])

    def _apps(self) -> list[Span]:
        """Return the mentions that can carry a claim: APP, or a company that is also an app."""
        return self._app_list

    def _app(self, figure: Figure, previous_app: str | None, claims: list[Figure]) -> tuple[str | None, str]:
        """Return the app a figure belongs to and how it was chosen (written into the claim's rule)."""
        if figure.market:
            return None, "app.market"
        span = figure.span
        sentence = span.sent
        # a name may straddle a bad sentence split: it counts in both sentences
        in_sentence = self._apps_by_sentence.get(_sentence_index(self._doc)[span.start], [])
        # 1. an app named right before the figure: "Facebook 255 millions"
        start = figure.qualifier_start if figure.qualifier_start is not None else span.start
        for app in in_sentence:
            if 0 <= start - app.end <= 1 and app.kb_id_ not in self.stores:
                return app.kb_id_, "app.named_before"
            between = self._doc[app.end : span.start]
            if (
                app.end <= span.start
                and len(between) <= 4
                and app.kb_id_ not in self.stores
                and all(t.norm_ in self.qualifier_words for t in between)
            ):
                return app.kb_id_, "app.named_before"  # "… et Twitter un peu plus de 100 millions"
        # 1'. "… 17,2 millions de ces téléchargements, devant l'Inde (14,8 millions)": a share of the previous
        # figure, or a figure in brackets after a place rather than an app, continues the previous claim
        if claims and (
            self._share_of_previous(figure)
            or claims[-1].span.sent.start == sentence.start and self._bracketed_after_place(start)
        ):
            return previous_app, "app.previous_share"
        # "La première revendique 8 millions d'utilisateurs, la seconde 1 million de clients": an ordinal
        # pronoun right before the figure, its verb left out
        order = self._order_anaphor(self._doc[start - 2 : start]) if start >= 2 else None
        if order in {"first", "second"}:
            app = self._by_order(sentence.start, order)
            if app is not None:
                return app, "app.demonstrative"
        # 1a. "dont 6,1 millions pour impots.gouv", "1,3 million pour Pokémon Go": the app the figure is for;
        # "… au 31 décembre 2023 pour le réseau social historique": the app that phrase refers to
        end = figure.metric_end or span.end
        for app in in_sentence:
            preposition = self._doc[app.start - 1].norm_ if app.start else ""
            # "10 millions d'inscrits sur Periscope": users of the app they are counted on
            if preposition == "sur" and figure.metric == "users" and app.start == end + 1 and app.kb_id_ not in self.stores:
                return app.kb_id_, "app.named_for"
            if end <= app.start <= end + 2 and preposition == "pour" and app.kb_id_ not in self.stores:
                return app.kb_id_, "app.named_for"
        for label, start_, stop in self._local(span):
            if (
                label == "APP_PRONOUNS"
                and end < start_ <= end + 8
                and self._doc[start_ - 1].norm_ == "pour"
                and not any(t.like_num and t.i not in self._date_tokens for t in self._doc[end : start_ - 1])
            ):
                antecedent = self._antecedent(start_, self._kinds_of(self._doc[start_:stop]))
                if antecedent is not None:
                    return antecedent, "app.for_antecedent"
        # 1a'. "3,19 milliards de personnes utilisaient au moins une de ses applications", "[ses applications …]
        # Celles-ci ont été utilisées par 124 millions de personnes": the group's apps together
        if self._uses_group_apps(span) or _opens_with(self._doc[sentence.start : sentence.start + 4], self.group_pronouns):
            return None, "app.group"
        # 1b. the agent of a participle on the metric noun: "300 millions d'utilisateurs revendiqués par Threads"
        agent = self._metric_agent(figure, in_sentence)
        if agent is not None:
            return agent, "app.agent"
        # 1c. the app a participle clause qualifies: "l'application allemande Corona-Warn-App, téléchargée 22 millions de fois"
        qualified = self._qualified_app(figure, in_sentence)
        if qualified is not None:
            return qualified, "app.participle"
        # 1d. "…, tandis que Disney+ complète le podium, avec un peu moins de 90 millions de téléchargements":
        # a figure in an "avec" phrase belongs to the subject of the latest clause before it
        if any(c.dep_ == "case" and c.norm_ == "avec" for c in span.root.children):
            subjects = [
                a for a in in_sentence
                if a.end <= span.start and a.root.dep_.startswith("nsubj") and a.kb_id_ not in self.stores
            ]
            if subjects:
                return subjects[-1].kb_id_, "app.avec_subject"
        # 1d'. « Nous avons dépassé les 300 000 téléchargements », se réjouit le cofondateur de Volubil: a figure the
        # speaker claims for "nous" belongs to the app named in the attribution after the quote
        speaker = self._quote_speaker_app(span)
        if speaker is not None:
            return speaker, "app.quote_speaker"
        # 1e. "Avec 9.000 téléchargements, dont 4.500 depuis vendredi, l'application bruxelloise Fluxi fait figure…":
        # a fronted "avec" phrase describes the main clause's subject, named after it
        fronted = self._fronted_avec_subject(span, sentence, in_sentence)
        if fronted is not None:
            return fronted, "app.fronted_avec"
        # 1f. "… des plateformes à tout faire : WeChat, la messagerie de Tencent, revendique 700 millions …":
        # a colon opens a clause of its own, whose first word names the app
        colon = next((t.i for t in reversed(self._doc[sentence.start : span.start]) if t.text == ":"), None)
        if colon is not None:
            opening = [a for a in in_sentence if 1 <= a.start - colon <= 2 and a.end <= span.start]
            if opening and opening[0].kb_id_ not in self.stores:
                return opening[0].kb_id_, "app.after_colon"
        # 2. the subject of the clause (a name, a pronoun, "ce chiffre"), or an
        # app attached to the metric noun
        subject = self._subject_app(span, in_sentence, previous_app, claims)
        if subject is not None:
            app, how = subject
            return app or None, how
        # 3. a store's or a market's total
        if self._no_app_cue(figure):
            between = [a for a in in_sentence if a.kb_id_ not in self.stores and abs(a.start - span.start) <= 6]
            if not between:
                return None, "app.market_cue"
        # 4. the nearest app named before the figure in the sentence, then after it
        end = figure.metric_end or span.end
        before = [a for a in in_sentence if a.end <= span.start]
        comparison = next(
            (s for l, s, e in self._local(span) if l == "COMPARISON" and end <= s < sentence.end), sentence.end
        )
        # "…, devant Monopoly Go et Subway Surfers": not after a comparison; "…, en pleine polémique
        # autour des conditions d'utilisation de WhatsApp": not deep in a later phrase
        # a figure that is the subject ("septante mille joueurs s'adonneraient au mode Ultimate Team de FIFA 18")
        # reaches the app in its predicate
        subject_figure = span.root.dep_.startswith("nsubj")
        after = [
            a
            for a in in_sentence
            if end <= a.start < comparison and (a.start - end <= 8 or not _in_phrase(a) or subject_figure)
        ]
        for candidates, how in ((reversed(before), "app.nearest_before"), (after, "app.nearest_after")):
            for app in candidates:
                if app.kb_id_ not in self.stores and not self._qualifies_other_noun(app):
                    return app.kb_id_, how
        if any(
            (abs(a.start - end) <= 3 or abs(span.start - a.end) <= 3) and a.kb_id_ in self.stores for a in in_sentence
        ):
            return None, "app.store_total"  # only a store is named, next to the figure: its total
        # 5. the app the previous sentences are about
        if self._sentence_has(sentence, "ANAPHORA") and claims:
            return previous_app, "app.previous_claim"
        # "Cette dernière a été installée…", "La seconde, pilotée par …, revendique…" misparsed: still the order
        opening = self._doc[sentence.start : span.start]
        order = self._order_anaphor(opening[:3]) if len(opening) else None
        if order is not None:
            app = self._by_order(sentence.start, order)
            if app is not None:
                return app, "app.demonstrative"
        # "La messagerie revendique…" (parsed as a noun with a relative clause): the anaphor still says which
        # sort of app the sentence is about
        anaphors = [(s, e) for l, s, e in self._local(span) if l == "APP_PRONOUNS" and sentence.start <= s < span.start]
        kinds = self._kinds_of(self._doc[anaphors[-1][0] : anaphors[-1][1]]) if anaphors else None
        return self._antecedent(sentence.start, kinds), "app.antecedent"

    def _share_of_previous(self, figure: Figure) -> bool:
        """Return whether a figure counts part of what was just counted ("17,2 millions de ces
        téléchargements", "dont … de ces utilisateurs")."""
        end = figure.metric_end or figure.span.end
        words = [t.norm_ for t in self._doc[figure.span.end : min(end + 1, figure.span.sent.end)]]
        return "ces" in words[:3] and figure.metric is not None

    def _bracketed_after_place(self, start: int) -> bool:
        """Return whether a figure is in brackets after a place ("l'Inde (14,8 millions)")."""
        doc = self._doc
        if start < 2 or doc[start - 1].text != "(":
            return False
        return any(ent.label_ == "LOC" and ent.start <= start - 2 < ent.end for ent in self._places)

    def _no_app_cue(self, figure: Figure) -> bool:
        """Return whether the figure counts a store's or a market's total ("les applications … cumulent").

        The cue must be near and be what the clause is about: its subject,
        or the complement of the figure ("3 milliards de téléchargements
        d'applications"), not a noun deep in another phrase ("Kairn, un
        agrégateur de jeux indépendants, revendique 120 000 utilisateurs").
        """
        span = figure.span
        end = figure.metric_end or span.end
        window = self.no_app_window
        for label, start, stop in self._local(span):
            if label != "NO_APP" or start < span.sent.start or stop > span.sent.end:
                continue
            if not (0 <= span.start - stop <= window.before or 0 <= start - end <= window.after):
                continue
            if start > 0 and self._doc[start - 1].norm_ in self.exclusions:
                continue  # "toutes catégories confondues hors jeux": an exclusion, not what is counted
            tokens = self._doc[start:stop]
            if start >= end or any(t.dep_.startswith("nsubj") or t.dep_ in {"ROOT", "obj"} for t in tokens):
                return True
            if stop < span.start and self._doc[stop].norm_ == "qui":
                return True  # "six applications qui totalisaient 90 millions de téléchargements"
            if any(t.head.i in range(span.start, end) or t.head.i == span.root.head.i for t in tokens):
                return True
        return False

    def _quote_speaker_app(self, span: Span) -> str | None:
        """Return the app named in the attribution of a first-person quote holding the figure, if any."""
        doc = self._doc
        text = self._text
        start = doc[span.start].idx
        opening = text.rfind("«", 0, start)
        if opening < 0 or text.rfind("»", 0, start) > opening:
            return None
        closing = text.find("»", start)
        if closing < 0:
            return None
        inside = doc.char_span(opening + 1, closing, alignment_mode="contract")
        if inside is None or not any(t.norm_ in {"nous", "notre", "nos"} for t in inside):
            return None
        after = doc.char_span(closing, closing + 1, alignment_mode="expand")
        if after is None:
            return None
        # the attribution runs to the end of the sentence the quote closes in
        end = next(
            (t.i for t in doc[after.end : min(len(doc), after.end + 40)] if t.text in {".", "!", "?"}),
            min(len(doc), after.end + 40),
        )
        for app in self._app_list:
            # not where the speaker spoke ("s'est félicité le dirigeant sur LinkedIn")
            if after.end <= app.start < end and app.kb_id_ not in self.stores and not _on_platform(app):
                return app.kb_id_
        return None

    def _fronted_avec_subject(self, span: Span, sentence: Span, in_sentence: list[Span]) -> str | None:
        """Return the subject app named after a sentence-opening "Avec <figure> …," phrase, if any."""
        doc = self._doc
        opening = [t for t in doc[sentence.start : span.start] if not t.is_punct and not t.is_space]
        if not opening or opening[0].norm_ != "avec" or len(opening) > 6:
            return None
        # the phrase's comma, not one opening a share of the figure ("Avec 9.000 téléchargements, dont …,")
        comma = next(
            (t.i for t in doc[span.end : sentence.end] if t.text == "," and not (t.i + 1 < len(doc) and doc[t.i + 1].norm_ == "dont")),
            None,
        )
        if comma is None:
            return None
        for app in in_sentence:
            if app.start > comma and app.kb_id_ not in self.stores:
                # the first name after the phrase, as the subject or within the subject's first words
                if app.root.dep_.startswith("nsubj") or app.start - comma <= 5 or _within_subject(app.root):
                    return app.kb_id_
                return None
        return None

    def _uses_group_apps(self, span: Span) -> bool:
        """Return whether the figure's verb has a possessive plural app noun as complement ("… de ses applications")."""
        verb = span.root.head
        if verb.i == span.root.i:
            return False
        figure = {t.i for t in span.root.subtree}
        for token in verb.subtree:
            if token.i in figure or token.i < verb.i or token.dep_.startswith("nsubj"):
                continue
            if token.norm_ in self.group_nouns and any(d.dep_ == "det" and d.norm_ in {"ses", "leurs"} for d in token.children):
                return True
        return False

    def _qualifies_other_noun(self, app: Span) -> bool:
        """Return whether a mention only qualifies a rival or a variant ("un client alternatif pour Bluesky")."""
        root = app.root
        return root.dep_ == "nmod" and root.head.norm_ in self.owner_nouns and root.head.i < app.start

    def _qualified_app(self, figure: Figure, in_sentence: list[Span]) -> str | None:
        """Return the app whose noun the figure's participle clause (dep acl) qualifies, if any."""
        token = figure.span.root
        for _step in range(3):
            if token.dep_ == "acl" and token.head.i < token.i:
                head = token.head
                for app in in_sentence:
                    if app.kb_id_ in self.stores:
                        continue
                    if app.start <= head.i < app.end or app.root.head.i == head.i and app.root.dep_ in {"nmod", "appos", "flat:name"}:
                        return app.kb_id_
                return None
            if token.head is token:
                return None
            token = token.head
        return None

    def _metric_agent(self, figure: Figure, in_sentence: list[Span]) -> str | None:
        """Return the app after "<participle> par" right after the metric noun, if any."""
        doc, end = self._doc, figure.metric_end
        if end is None or end + 2 >= len(doc):
            return None
        participle, by = doc[end], doc[end + 1]
        if by.norm_ != "par" or not participle.norm_.endswith(("e", "es", "s")) or not participle.is_lower:
            return None
        for app in in_sentence:
            if end + 2 <= app.start <= end + 4 and app.kb_id_ not in self.stores:
                return app.kb_id_
        return None

    def _subject_app(
        self, span: Span, in_sentence: list[Span], previous_app: str | None, claims
    ) -> tuple[str, str] | None:
        """Return the app the clause is about through the syntax ("" for an explicit none) and how, or None."""
        doc = self._doc
        token = span.root
        seen = 0
        while token is not None and seen < 6:
            for child in token.children:
                if not child.dep_.startswith("nsubj"):
                    continue
                # "Sa déclinaison pour les enfants, l'application Ouftivi, a …": apposed names count
                subject = doc[child.left_edge.i : min(child.right_edge.i + 1, child.left_edge.i + 12)]
                if child.norm_ in self.group_nouns:
                    # "les applications de Meta (Facebook, Instagram…) ont été utilisées par…": the group's total
                    return "", "app.subject"
                inside = [
                    app
                    for app in in_sentence
                    if subject.start <= app.start
                    and app.end <= subject.end
                    and not self._qualifies_other_noun(app)
                    and not _through_verb(app, child)
                ]
                if inside:
                    # "la fiche Google Play de Bluesky affiche…": the app, not the store; a store alone is its total
                    named = [app for app in inside if app.kb_id_ not in self.stores]
                    if not named:  # a second subject the parser split off ("la fiche Google Play de | Bluesky")
                        others = [c for c in token.children if c.dep_.startswith("nsubj") and c.i != child.i]
                        named = [
                            app
                            for app in in_sentence
                            for other in others
                            if other.left_edge.i <= app.start and app.end <= other.right_edge.i + 1
                            and app.kb_id_ not in self.stores
                        ]
                    return (named[0].kb_id_ if named else ""), "app.subject"
                if self._covers(subject, "ANAPHORA") and claims:
                    # "ce chiffre", "ce total": the previous claim's app, or none
                    return previous_app or "", "app.subject"
                # "Lancée jeudi dernier, celle-ci a été installée…": the pronoun itself, not the clause before it
                order = self._order_anaphor(subject) or self._order_anaphor(doc[child.i : child.i + 4])
                if order is not None:
                    app = self._by_order(subject.start, order)
                    if app is not None:
                        return app, "app.demonstrative"
                if self._covers(subject, "APP_PRONOUNS"):
                    # "Threads, l'application de Meta, a été installée…": the name just before, when it
                    # stands as the subject itself (not "Adossé aux comptes Instagram, le réseau social…",
                    # not "intégré à WhatsApp et Messenger, il…")
                    personal = subject[0].norm_ in {"il", "elle", "celui-ci", "celle-ci"}
                    for app in in_sentence:
                        if (
                            0 <= subject.start - app.end <= 2
                            and app.kb_id_ not in self.stores
                            and not personal
                            and not _in_phrase(app)
                        ):
                            return app.kb_id_, "app.subject"
                    antecedent = self._antecedent(child.left_edge.i, self._kinds_of(_head_phrase(child)))
                    if antecedent:
                        return antecedent, "app.subject_pronoun"
            if token.head is token:
                break
            token, seen = token.head, seen + 1
        return None

    def _antecedent(self, position: int, kinds: frozenset[str] | None = None) -> str | None:
        """Return the app a pronoun before ``position`` most likely refers to.

        Only apps of the sort the anaphor names (``kinds``: "le jeu" a game,
        "la messagerie" a messaging app) are candidates when there are any.
        In order: an app the latest sentence introduces as new ("l'application
        Kwiz"); the latest app named as a subject, opening its sentence or
        before a colon, within the look-back; the latest app not named as a
        platform ("sur Twitch"); the article's topic so far.
        """
        sentence = self._doc[position].sent
        number = _sentence_index(self._doc)[position]
        nearby = {
            id(a): a
            for k in range(max(0, number - self.app_lookback - 1), number + 1)
            for a in self._apps_by_sentence.get(k, [])
        }
        apps = sorted((a for a in nearby.values() if a.kb_id_ not in self.stores), key=lambda a: a.start)
        earlier = [
            a
            for a in apps
            if a.end <= position
            and _sentences_between(a, sentence) <= self.app_lookback
            # in the pronoun's own sentence only a subject can be its antecedent, or an app named before a
            # colon that the pronoun's clause elaborates ("… dynamique pour Netflix : …, le service a frôlé…")
            and (a.sent.start != sentence.start or _in_subject(a) or self._colon_between(a.end, position))
        ]
        if kinds:
            fitting = [a for a in earlier if self._kind(a.kb_id_) in kinds]
            if fitting:
                earlier = fitting
            elif any(self._kind(a.kb_id_) is None for a in earlier):
                earlier = [a for a in earlier if self._kind(a.kb_id_) is None]
        if not earlier:
            return self._topic_before(position)
        # an app the latest sentence introduces as new ("sa propre application de salons audio, Volubil,",
        # "figure aussi l'application Kwiz") is what the next "elle" / "l'application" is about
        first_mentions = {}
        for app in self._app_list:
            first_mentions.setdefault(app.kb_id_, app.start)
        introduced = [
            a
            for a in earlier
            if a.sent.start != sentence.start
            and a.sent.start == earlier[-1].sent.start
            and a.id_.split("+")[0] in INTRODUCING_RULES
            and first_mentions.get(a.kb_id_) == a.start
        ]
        if introduced:
            return introduced[-1].kb_id_
        subjects = [a for a in earlier if _in_subject(a)]
        # "Signal a profité de la panne de WhatsApp : la messagerie chiffrée a gagné…": the clause after a
        # colon elaborates on its sentence's subject, not on a name inside one of its phrases
        salient = [
            a
            for a in earlier
            if a in subjects
            or self._colon_between(a.end, position)
            and not (_in_phrase(a) and any(s.sent.start == a.sent.start and s.start < a.start for s in subjects))
        ]
        if salient:
            return salient[-1].kb_id_
        # "… le jeu le plus regardé sur Twitch, le titre s'est imposé": a platform named in a phrase is not
        # what the article is about; the topic so far is
        plain = [a for a in earlier if not _on_platform(a)]
        if plain:
            return plain[-1].kb_id_
        return self._topic_before(position) or earlier[-1].kb_id_

    def _order_anaphor(self, tokens: Span) -> str | None:
        """Return how a subject points back by order: "latest" ("cette dernière", "celui-ci"), "first"/"second"
        ("la première …, la seconde …"), or None.

        An ordinal counts only as a pronoun, not before its noun ("la première place").
        """
        if not len(tokens):
            return None
        words = [t.norm_ for t in tokens[:2]]
        if _opens_with(tokens, self.order_words["latest"]):
            return "latest"
        if len(tokens) >= 2 and " ".join(words) in self.order_words["first"] | self.order_words["second"]:
            if tokens[1].dep_ == "amod":
                return None  # an adjective before its noun ("la première place")
            return "first" if " ".join(words) in self.order_words["first"] else "second"
        return None

    def _by_order(self, position: int, order: str) -> str | None:
        """Return the app named last ("latest"), first or second in the latest sentence naming apps before ``position``."""
        number = _sentence_index(self._doc)[position]
        for k in range(number, max(-1, number - self.app_lookback - 1), -1):
            named = [a for a in self._apps_by_sentence.get(k, []) if a.end <= position and a.kb_id_ not in self.stores]
            if not named:
                continue
            named.sort(key=lambda a: a.start)
            distinct = list(dict.fromkeys(a.kb_id_ for a in named))
            if order == "latest":
                return named[-1].kb_id_
            if order == "first":
                return distinct[0]
            return distinct[1] if len(distinct) > 1 else distinct[-1]
        return None

    def _kinds_of(self, tokens: Span) -> frozenset[str] | None:
        """Return the sorts of app an anaphor's head noun names ("le jeu": games), or None for any."""
        for token in tokens:
            if token.norm_ in self.anaphor_kinds:
                return self.anaphor_kinds[token.norm_]
        return None

    def _kind(self, name: str) -> str | None:
        """Return the sort of an app: the gazetteer's, or the noun that introduces it ("le jeu Kwiz")."""
        if name in self.app_kinds:
            return self.app_kinds[name]
        if name not in self._kinds:
            doc, kind = self._doc, None
            first = next((a for a in self._app_list if a.kb_id_ == name), None)
            if first is not None:
                before = doc[max(0, first.start - 3) : first.start]
                after = doc[first.end + 1 : first.end + 4] if first.end < len(doc) and doc[first.end].text == "," else []
                for tokens in (before, after):
                    kinds = self._kinds_of(tokens)
                    if kinds and len(kinds) == 1:
                        kind = next(iter(kinds))
                        break
            self._kinds[name] = kind
        return self._kinds[name]

    def _topic_before(self, position: int) -> str | None:
        """Return the article's topic so far: the app named most often before ``position``."""
        if self._topics is None:
            counts: Counter = Counter()
            self._topics = []
            for app in self._app_list:
                if app.kb_id_ not in self.stores:
                    counts[app.kb_id_] += 1
                    self._topics.append((app.end, counts.most_common(1)[0][0]))
        ends = [end for end, _name in self._topics]
        index = bisect_right(ends, position)
        return self._topics[index - 1][1] if index else None

    def _covers(self, span: Span, label: str) -> bool:
        labels = {label, f"{label}_STEM"}
        return any(l in labels and span.start <= s and e <= span.end for l, s, e in self._local(span))

    def _sentence_has(self, sentence: Span, label: str) -> bool:
        labels = {label, f"{label}_STEM"}
        return any(l in labels and sentence.start <= s < sentence.end for l, s, _e in self._local(sentence))

    def _period(self, figure: Figure, previous: Figure | None, claims: list[Figure]) -> tuple[str | None, str | None]:
        """Return (period_start, period_end) from the dates of the figure's sentence.

        Each date is read as a start ("depuis 2016"), an end (an as-of day "au
        22 juillet", a point "fin mars", the day a figure was announced, a
        day or a month with a running total) or a window ("en mars 2021",
        "au premier trimestre", "ce week-end"). Starts and ends combine
        ("au 25 juillet … depuis sa sortie le 6 juillet"); otherwise the
        nearest window gives both bounds. "Sur la même période" repeats the
        previous claim's period. A running total with an end but no start
        starts at the launch its article states (`_launch_start`); a figure
        with no date in its sentence is read by `_period_without_date`.
        """
        span = figure.span
        sentence = span.sent
        end = figure.metric_end or span.end
        dates = [d for d in self._dates_by_sentence.get(_sentence_index(self._doc)[span.start], []) if d.end <= sentence.end]
        sentence_dated = bool(dates)
        dates = [d for d in dates if not self._is_history_date(d)]  # "fondée en 2009", "rachetée … en 2021"
        if figure.range_role == "from":
            # "passer de 300 (…) à 58 000 ce week-end": only a date between the two is the first one's
            dates = [d for d in dates if span.end <= d.start and d.end <= self._range_end(figure)]
        elif figure.range_role == "to":
            dates = [d for d in dates if not (self._range_start(figure) <= d.start and d.end <= span.start)]
        owned = self._owned_dates(figure, dates)
        if dates and not owned and previous is not None and previous.span.sent.start == sentence.start:
            # "…2,3 millions entre juillet et septembre, devant ChatGPT (1,9 million)…":
            # a figure listed after another shares its period
            return previous.period
        if (
            (figure.rule.startswith(LISTED_RULES) or figure.app_how == "app.previous_share")
            and previous is not None
            and (previous.span.sent.start == sentence.start or figure.app_how == "app.previous_share")
            and not any(d.start >= previous.span.end for d in owned)
        ):
            # "… 9,4 millions de fois en 2025, devant ChatGPT (8,1 millions)", with the sentence's
            # other date the announcement: a listed figure with no date of its own shares its period
            return previous.period
        dates = owned
        opening = figure.qualifier_start if figure.qualifier_start is not None else span.start
        if (
            opening > sentence.start
            and self._doc[opening - 1].norm_ in {"dont", ":"}
            and previous is not None
            and previous.span.sent.start == sentence.start
            and not any(d.start >= end for d in dates)
        ):
            return previous.period  # "19 millions de joueurs en dix jours, dont 12 millions sur PC" (or ": 12 millions…"): a share
        # "…sur la même période, contre 6,5 millions du 30 décembre au 3 janvier": the figure's own dates win
        own_date_after = any(0 <= d.start - end <= 1 for d in dates)
        same_period = not own_date_after and (
            self._sentence_has_near(figure, "SAME_PERIOD", 8) or self._opens_with_same_period(figure)
        )
        if same_period:
            # "sur la même période": the latest claim with a period, of the same metric if one has it
            for metric_only in (True, False):
                for claim in reversed(claims):
                    if claim.shifted or claim.period == (None, None):
                        continue  # not "contre 8,9 millions un an plus tôt"
                    if claim.metric == figure.metric or not metric_only:
                        return claim.period
        shifted = self._shifted_period(figure, previous, dates)
        if shifted is not None:
            figure.shifted = True
            return shifted
        if not dates:
            return self._period_without_date(figure, previous, sentence_dated or figure.range_role is not None, claims)
        concurrent = any(
            l == "CONCURRENT" and span.end <= s_ <= end + 4 for l, s_, _e in self._local(span)
        )  # "joueurs simultanés", "connectés en même temps"
        window_count = concurrent or self._is_window_count(figure)
        cumulative = self._sentence_has(sentence, "CUMULATIVE") and not window_count
        running = self._sentence_has(sentence, "RUNNING_TOTAL") and not window_count
        starts, ends, windows = [], [], []
        for date in dates:
            if date._.value is None:
                windows.append((date, None, None))
                continue
            first, last = date._.value, date._.end_value or date._.value
            role = self._date_role(date, span, cumulative, running=running, concurrent=concurrent)
            if role == "start":
                starts.append((date, first))
            elif role == "end":
                ends.append((date, last))
            else:
                windows.append((date, first, last))

        def distance(date: Span) -> int:
            return span.start - date.end if date.end <= span.start else date.start - end + 1

        if starts or ends:
            start = min(starts, key=lambda item: distance(item[0]))[1] if starts else None
            stop = min(ends, key=lambda item: distance(item[0]))[1] if ends else None
            if windows and not starts and not ends[1:]:
                window = min(windows, key=lambda item: distance(item[0]))
                if window[1] is not None and distance(window[0]) < distance(min(ends, key=lambda i: distance(i[0]))[0]):
                    return window[1], window[2]
            if start is None and stop is not None and not window_count:
                start = self._launch_start(figure, previous, running)
            if start is not None and starts:
                stop = self._after_duration(figure, start) or stop
            figure.running_start = start is not None and (bool(starts) or not windows)
            return start, stop
        date, first, last = min(windows, key=lambda item: distance(item[0]))
        return first, last

    def _owned_dates(self, figure: Figure, dates: list[Span]) -> list[Span]:
        """Keep the dates nearer this figure than any other figure of the sentence.

        "54.000 fois en mars et 80.000 fois en avril": each figure has its
        month. A date that opens the sentence before every figure frames them
        all ("Entre le 1er et le 7 mars, X … 2 millions et Y … 1 million").
        """
        partners = self._range_partners(figure)
        same_sentence = self._figures_by_sentence.get(_sentence_index(self._doc)[figure.span.start], [])
        others = [f for f in same_sentence if f is not figure and f not in partners and f.metric]
        if not others:
            return dates
        first_figure = min([figure, *others], key=lambda f: f.span.start).span.start

        def distance(date: Span, f: Figure) -> int:
            # a date usually follows its figure ("300 000 en avril à 3,5M en juillet")
            end = f.metric_end or f.span.end
            return f.span.start - date.end + 5 if date.end <= f.span.start else date.start - end + 1

        owned = []
        for date in dates:
            if date.end <= first_figure:
                owned.append(date)
            elif all(distance(date, figure) <= distance(date, other) for other in others):
                owned.append(date)
        return owned

    def _range_partners(self, figure: Figure) -> list[Figure]:
        """Return the other figure of "entre X et Y" (they share their dates)."""
        figures = self._figure_list
        index = figure.index
        if figure.range_role == "low" and index + 1 < len(figures):
            return [figures[index + 1]]
        if figure.range_role == "high" and index > 0:
            return [figures[index - 1]]
        return []

    def _date_role(
        self, date: Span, figure: Span, cumulative: bool, *, running: bool = False, concurrent: bool = False
    ) -> str:
        """Return "start", "end" or "window" for one date of a claim's sentence."""
        preceding = {l for l, _s, e in self._by_end.get(date.start, []) + self._by_end.get(date.start - 1, [])}
        precision = PartialDate.parse(date._.value).precision
        single = date._.end_value is None
        if preceding & {"SINCE", "SINCE_STEM"}:
            return "start"
        if not concurrent and single and fold(date.text).startswith(self.point_edges) and not self._is_launch_date(date):
            return "end"  # "à la mi-avril", even after "disponible depuis plus longtemps"
        if self._is_launch_date(date) or self._under_since(date) or self._since_phrase(date):
            return "start"  # "lancée jeudi 25 juin", "depuis sa refonte en 2019", "depuis son lancement, le 9 août"
        if concurrent:
            return "window"  # "3,8 millions de joueurs simultanés mardi": a point in time
        if fold(date.text) in self.as_of_texts:
            return "end"  # "à ce jour", "aujourd'hui"
        if single and precision == "day" and preceding & {"AS_OF", "AS_OF_STEM"}:
            return "end"  # "au 22 juillet"
        if single and fold(date.text).startswith(self.point_edges):
            return "end"  # "fin mars", "début 2022": a point in time
        if single and self._is_announcement(date, figure):
            return "end"
        if single and precision == "day" and cumulative:
            return "end"
        if single and running and precision != "year":
            return "end"  # "en janvier, Medelio revendiquait 900 000 inscrits"
        if running and date._.rule == "date.season" and self._dates_a_claim(date):
            return "end"  # "la jeune pousse revendiquait au printemps 60 000 utilisateurs"
        return "window"

    def _shifted_period(
        self, figure: Figure, previous: Figure | None, dates: list[Span]
    ) -> tuple[str | None, str | None] | None:
        """Return the period of "une semaine auparavant … la même période", "contre 3,14 milliards un an plus tôt".

        The base is the previous claim's period, or failing one the latest
        dated window before the figure; it moves back (or forward) by the
        stated amount, at the precision it has.
        """
        for date in dates:
            match = SHIFT.fullmatch(fold(date.text).strip())
            if match is None:
                continue
            low, high = sorted((date.start, figure.span.start))
            if any(f is not figure and f.metric and low <= f.span.start < high for f in self._figure_list):
                continue  # "Si une semaine auparavant, X comptait 1 900…, ce chiffre est monté à 54 000": the first one's
            count = 1 if match.group(1) in {"un", "une"} else (int(match.group(1)) if match.group(1).isdigit() else parse_words(match.group(1)))
            if not count:
                return None
            sign = 1 if match.group(3) in {"plus tard", "apres"} else -1
            base = previous.period if previous is not None and previous.period[0] and previous.period[1] else None
            if base is None:
                earlier = [
                    d for d in self._dates if d.end <= figure.span.start and d._.value is not None and d is not date
                ]
                if not earlier:
                    return None
                base = (earlier[-1]._.value, earlier[-1]._.end_value or earlier[-1]._.value)
            unit = match.group(2)
            return tuple(_shift(value, sign * count, unit) for value in base)
        return None

    def _after_duration(self, figure: Figure, start: str) -> str | None:
        """Return the last day of "en deux jours" (or "en moins de vingt-quatre heures") from a start day."""
        if PartialDate.parse(start).precision != "day":
            return None
        doc, sentence = self._doc, figure.span.sent
        offset = doc[(figure.metric_end or figure.span.end) - 1].idx + len(doc[(figure.metric_end or figure.span.end) - 1].text)
        after = fold(self._text[offset : min(sentence.end_char, offset + self.duration_reach)])
        match = self.duration.search(after)
        if match is None:
            return None
        word = match.group(1)
        count = int(word) if word.isdigit() else parse_words(word)
        if not count:
            return None
        days = count * self.duration_days[match.group(2)] - 1 if match.group(2) in self.duration_days else -(-count // 24)
        return (Date.fromisoformat(start) + timedelta(days=days)).isoformat()

    def _is_history_date(self, date: Span) -> bool:
        """Return whether a date belongs to the history of a firm ("fondée à Paris en 2009",
        "rachetée par Klarna en 2021", "propriété de Facebook depuis 2014")."""
        return any(
            l in {"COMPANY_HISTORY", "COMPANY_HISTORY_STEM"}
            and date.start - 4 <= e <= date.start
            and not self._verb_between(e, date.start)
            and not self._has_number_between(e, date.start)
            for l, _s, e in self._local(date)
        )

    def _is_launch_date(self, date: Span) -> bool:
        """Return whether a date is when something was launched ("Lancée le 25 juin", "sorti en accès anticipé le 19")."""
        local = self._local(date)
        if any(
            l in {"LAUNCH", "LAUNCH_STEM"} and date.start - 3 <= e <= date.start and not self._verb_between(e, date.start)
            for l, _s, e in local
        ):
            return True
        if any(
            l == "LAUNCH_ANAPHORA"
            and 0 <= date.start - e <= 6
            and not self._has_number_between(e, date.start)
            and not self._verb_between(e, date.start)
            for l, _s, e in local
        ):
            return True  # "depuis son lancement en Ontario, le 31 juillet"
        token = date.root
        for _step in range(2):
            head = token.head
            if head is token or not date.sent.start <= head.i < date.sent.end:
                return False
            if head.i in self._launch_tokens and head.i < date.start:
                return True
            token = head
        return False

    def _since_phrase(self, date: Span) -> bool:
        """Return whether "depuis" opens the noun phrase a date ends ("depuis sa refonte en 2019")."""
        for token in reversed(self._doc[max(date.sent.start, date.start - 8) : date.start]):
            if token.norm_ == "depuis":
                return True
            if token.is_punct or token.like_num or self._verb_between(token.i, token.i + 1):
                return False
        return False

    def _colon_between(self, start: int, end: int) -> bool:
        """Return whether a colon stands between two positions of one sentence."""
        return any(t.text == ":" for t in self._doc[start:end])

    def _verb_between(self, start: int, end: int) -> bool:
        """Return whether a verb stands between two tokens ("depuis sa sortie, a annoncé jeudi": the date is the announcement's)."""
        return any(
            t.dep_.startswith("aux") or t.dep_ == "ROOT" or any(c.dep_.startswith("aux") for c in t.children)
            for t in self._doc[start:end]
        )

    def _under_since(self, date: Span) -> bool:
        """Return whether "depuis" governs the phrase a date belongs to ("depuis la mise en ligne de sa version en mars")."""
        token, sentence = date.root, date.sent
        for _step in range(4):
            head = token.head
            if head is token or not sentence.start <= head.i < sentence.end or head.i > date.start:
                return False
            if any(c.dep_.startswith("aux") for c in head.children):
                return False  # a verb: "depuis" there is the adverb ("a depuis doublé") or a misparse
            if any(c.norm_ == "depuis" and c.dep_ in {"case", "mark"} and c.i < head.i for c in head.children):
                return True
            if head.dep_ == "ROOT" or any(c.dep_.startswith("nsubj") for c in head.children):
                return False  # a clause of its own: "depuis" further up frames the clause, not the date
            token = head
        return False

    def _launches(self) -> list[tuple[Span, str]]:
        """Return the article's launch dates with their values, in text order."""
        if self._launches_cache is None:
            self._launches_cache = []
            for date in self._dates:
                if date._.value is None or date._.end_value is not None:
                    continue
                near = range(max(date.sent.start, date.start - 8), date.start)
                if self._is_launch_date(date) or self._under_since(date) and any(i in self._launch_tokens for i in near):
                    self._launches_cache.append((date, date._.value))
        return self._launches_cache

    def _launch_start(self, figure: Figure, previous: Figure | None, running: bool) -> str | None:
        """Return where a running total with an end but no start begins, when the article says.

        "Lancée le 30 septembre, l'application a été téléchargée plus d'un
        million de fois, a annoncé hier…" then "1.084.312 installations
        avaient été comptabilisées mardi": the launch starts both. A total of
        downloads is running unless a window is stated; a user count only
        with a running-total verb ("comptait").
        """
        if figure.metric != "downloads" and not running:
            return None
        sentence = figure.span.sent
        if (
            previous is not None
            and previous.app == figure.app
            and previous.running_start
            and previous.period[0] is not None
            and previous.period[1] is not None
            and _sentences_between(previous.span, sentence) <= 1
            and previous.metric == figure.metric
        ):
            return previous.period[0]
        if self._sentence_has(sentence, "LAUNCH_ANAPHORA"):
            return self._app_launch(figure)
        return None

    def _app_launch(self, figure: Figure) -> str | None:
        """Return the launch date stated for the figure's app: the latest before it, else the first after."""
        if figure.app is None:
            return None
        index = _sentence_index(self._doc)
        candidates = [
            (date, value)
            for date, value in self._launches()
            if any(app.kb_id_ == figure.app for app in self._apps_by_sentence.get(index[date.start], []))
            or index[date.start] == index[figure.span.start]
        ]
        before = [value for date, value in candidates if date.end <= figure.span.start]
        if before:
            return before[-1]
        return candidates[0][1] if candidates else None

    def _period_without_date(
        self, figure: Figure, previous: Figure | None, dates_in_sentence: bool, claims: list[Figure]
    ) -> tuple[str | None, str | None]:
        """Return the period of a figure whose sentence gives it no date of its own.

        "sur l'année" or "sur l'ensemble du mois": that unit of the latest date
        named before. "depuis son lancement": the app's launch date, stated
        elsewhere. A figure that continues a list ("Derrière, on retrouve
        Vinted (9,8 millions de téléchargements), TikTok (8,4 millions)…")
        shares the period of the previous claim of its metric, one sentence
        back at most, unless it is a running total ("compte", "cumule") or
        repeats an earlier figure; after a running total it shares only the
        day that total was given ("… a indiqué mercredi l'OFIT. Son
        application sœur a été installée quelque 120 000 fois").
        """
        span, sentence = figure.span, figure.span.sent
        unit = next(
            (
                fold(self._doc[s:e].text)
                for l, s, e in self._local(span)
                if l == "PERIOD_UNITS" and sentence.start <= s and e <= sentence.end
            ),
            None,
        )
        if unit is not None:
            return self._unit_of_latest_date(unit, span)
        if self._sentence_has(sentence, "LAUNCH_ANAPHORA"):
            start = self._app_launch(figure)
            figure.running_start = start is not None
            return start, None
        # the latest claim of the figure's metric stands for "the previous claim" (a user count may come between)
        previous = next((c for c in reversed(claims) if c.metric == figure.metric and not c.shifted), previous)
        if (
            not dates_in_sentence
            and previous is not None
            and previous.metric == figure.metric
            and previous.period[0] is not None
            and previous.period[1] is not None
            and _sentences_between(previous.span, sentence) <= 1
            and not self._sentence_has(sentence, "RUNNING_TOTAL")
            and not self._sentence_has(sentence, "CUMULATIVE")
            and not self._is_window_count(figure)
            and not any(c.count == figure.count and c.metric == figure.metric for c in claims)
        ):
            return (None, previous.period[1]) if previous.running_start else previous.period
        return None, None

    def _unit_of_latest_date(self, unit: str, span: Span) -> tuple[str | None, str | None]:
        """Return the year, quarter or month (as ``unit`` names it) of a date of the sentence, else the latest before."""
        index = _sentence_index(self._doc)
        same = [d for d in self._dates_by_sentence.get(index[span.start], []) if d._.value is not None]
        earlier = same or [
            d
            for d in self._dates
            if d.end <= span.start and d._.value is not None and not SHIFT.fullmatch(fold(d.text).strip())
        ]  # not "un an plus tôt": the year the article is about is the one it names
        if not earlier:
            return None, None
        date = PartialDate.parse(earlier[-1]._.end_value or earlier[-1]._.value)
        if "annee" in unit:
            return str(date.year), str(date.year)
        if date.month is None:
            return None, None
        if "trimestre" in unit:
            first = 3 * ((date.month - 1) // 3) + 1
            return f"{date.year}-{first:02d}", f"{date.year}-{first + 2:02d}"
        return f"{date.year}-{date.month:02d}", f"{date.year}-{date.month:02d}"

    def _is_new_users(self, figure: Figure) -> bool:
        """Return whether a user figure counts newcomers ("nouveaux inscrits", "un million de personnes s'y inscrivent")."""
        end = figure.metric_end or figure.span.end
        words = {t.norm_ for t in self._doc[figure.span.end : end + 1]}
        if words & {"nouveaux", "nouvelles", "supplementaires"}:
            return True
        if any(t.norm_.startswith(("inscriv", "rejoign", "arriv")) for t in self._doc[end : end + 3]):
            return True
        # "Snapchat ajoutait plus de dix millions d'utilisateurs chaque trimestre"
        before = self._doc[max(figure.span.sent.start, figure.span.start - 4) : figure.span.start]
        return any(t.norm_.startswith(("ajout", "gagn", "recrut", "conquis", "conquer", "seduis", "seduit")) for t in before)

    def _is_window_count(self, figure: Figure) -> bool:
        """Return whether a user count is activity over a window ("nouveaux inscrits", "actifs mensuels")."""
        words = {t.norm_ for t in self._doc[figure.span.end : (figure.metric_end or figure.span.end) + 3]}
        return bool(words & {"nouveaux", "nouvelles", "supplementaires", "mensuels", "quotidiens", "hebdomadaires", "actifs"})

    def _opens_with_same_period(self, figure: Figure) -> bool:
        """Return whether "Sur la même période" opens the figure's sentence, before the figure."""
        sentence = figure.span.sent
        return any(
            l == "SAME_PERIOD" and s - sentence.start <= 3 and e <= figure.span.start for l, s, e in self._local(figure.span)
        )

    def _sentence_has_near(self, figure: Figure, label: str, window: int) -> bool:
        span = figure.span
        end = figure.metric_end or span.end
        return any(
            l == label and span.sent.start <= s and e <= span.sent.end and (0 <= span.start - e <= window or 0 <= s - end <= window)
            for l, s, e in self._local(figure.span)
        )

    def _range_end(self, figure: Figure) -> int:
        figures = self._figure_list
        index = figure.index
        return figures[index + 1].span.start if index + 1 < len(figures) else figure.span.sent.end

    def _range_start(self, figure: Figure) -> int:
        figures = self._figure_list
        index = figure.index
        return figures[index - 1].span.end if index > 0 else figure.span.sent.start

    def _dates_a_claim(self, date: Span) -> bool:
        """Return whether a date qualifies the verb that claims a figure ("revendiquait au printemps"),
        rather than one that reaches it ("a atteint … au printemps")."""
        return any(l == "CLAIMING_STEM" for l, _s, _e in self._by_start.get(date.root.head.i, []))

    def _is_announcement(self, date: Span, figure: Span) -> bool:
        """Return whether the date is when a figure was announced, not what it covers."""
        head = date.root.head
        if head.i == figure.root.head.i:
            return False
        return any(l == "ANNOUNCEMENT_STEM" for l, _s, _e in self._by_start.get(head.i, []))

    def _source(self, figure: Figure) -> str | None:
        sentence = figure.span.sent
        for label, _start, end in self._local(figure.span):
            if label != "SOURCE" or not sentence.start <= end <= sentence.end:
                continue
            for entity in self._entities:
                if entity.label_ in {"COMPANY", "AGENCY"} and 0 <= entity.start - end <= 4:
                    return entity.kb_id_
        return None

    def _to_span(self, figure: Figure) -> Span:
        doc = self._doc
        start = figure.qualifier_start if figure.qualifier_start is not None else figure.span.start
        end = figure.metric_end or figure.span.end
        span = Span(doc, start, end, label="CLAIM")
        span._.count, span._.qualifier, span._.metric = figure.count, figure.qualifier, figure.metric
        span._.app, span._.source, span._.rule = figure.app, figure.source, figure.rule
        span._.period_start, span._.period_end = figure.period
        return span


def _is_capitalised(token) -> bool:
    return token.text[:1].isupper()


def _within_subject(token, depth: int = 3) -> bool:
    """Return whether a token hangs from a subject through an apposition ("Pavel Durov, le fondateur de X, …")."""
    apposed = False
    for _step in range(depth):
        if token.head is token or token.dep_ not in {"nmod", "appos", "flat:name"}:
            return False
        apposed = apposed or token.dep_ == "appos"
        token = token.head
        if token.dep_.startswith("nsubj"):
            return apposed
    return False


def _in_subject(span: Span) -> bool:
    """Return whether a mention is (in) a subject or opens its sentence ("L'application X, …")."""
    root = span.root
    return (
        root.dep_.startswith("nsubj")
        or root.head.dep_.startswith("nsubj") and root.head.i < root.i
        # "Pavel Durov, le fondateur de la messagerie Telegram, a annoncé que son service…"
        or _within_subject(root)
        or span.start - span.sent.start <= 5
        and not any(t.dep_.startswith("nsubj") for t in span.doc[span.sent.start : span.start])
        # "Adossé aux comptes Instagram, le réseau social…" does not open on Instagram ("Quant à Meta AI, il…" does)
        and not (root.dep_ == "nmod" and any(c.dep_ == "case" and c.norm_ != "quant" for c in root.head.children))
        or _subject_the_parser_missed(span)
    )


def _subject_the_parser_missed(span: Span) -> bool:
    """Return whether a name set off by commas before a subjectless main verb is its subject.

    "Lancé en septembre par l'EPI, Wero, l'ex-Paylib, est directement intégré…": the parser
    reads "Wero" as part of the opening clause and leaves "intégré" without a subject.
    """
    doc, verb = span.doc, span.sent.root
    if span.start == 0 or doc[span.start - 1].text != "," or span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text == "," and any(t.dep_.startswith("nsubj") for t in doc[span.end + 1 : span.end + 5]):
        return True  # the apposition after the name took the subject's role ("…, Wero, l'ex-Paylib, est…")
    if span.end > verb.i or any(c.dep_.startswith("nsubj") for c in verb.children):
        return False
    return after.text == "," or after.head.i == verb.i and after.dep_.startswith("aux") or after.i == verb.i


SHIFT = re.compile(r"(un|une|\d+|deux|trois|quatre|cinq|six|dix|douze) (semaines?|mois|ans?|annees?) (auparavant|plus tot|avant|plus tard|apres)")


def _shift(value: str, amount: int, unit: str) -> str:
    """Return an ISO date at its own precision moved by ``amount`` weeks, months or years."""
    date = PartialDate.parse(value)
    if unit.startswith("semaine"):
        if date.precision != "day":
            return value
        return (Date.fromisoformat(value) + timedelta(days=7 * amount)).isoformat()
    months = amount * (12 if unit.startswith(("an", "annee")) else 1)
    if date.month is None:
        return f"{date.year + months // 12:04d}" if months % 12 == 0 else value
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    if date.precision == "month":
        return f"{year:04d}-{month + 1:02d}"
    day = min(date.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month])
    return f"{year:04d}-{month + 1:02d}-{day:02d}"


def _through_verb(app: Span, subject) -> bool:
    """Return whether a mention joins the subject through a verb ("L'application, lancée pour concurrencer X, …")."""
    token = app.root
    for _step in range(8):
        if token.i == subject.i or token.head is token:
            return False
        if token.dep_ in {"obj", "obl", "obl:arg", "obl:mod", "xcomp", "advcl", "ccomp"} and token.head.dep_ in {
            "acl", "acl:relcl", "xcomp", "advcl"
        }:
            return True
        token = token.head
    return False


def _on_platform(span: Span) -> bool:
    """Return whether a mention names where something happens ("regardé sur Twitch", "via le Xbox Game Pass")."""
    root = span.root
    cases = [c for c in root.children if c.dep_ == "case"]
    if not cases and root.dep_ == "nmod":
        cases = [c for c in root.head.children if c.dep_ == "case"]
    return any(c.norm_ in {"sur", "via", "dans"} for c in cases)


def _en_clitic(span: Span) -> bool:
    """Return whether the figure's verb carries the clitic "en" ("la plateforme n'en revendiquait que 35 millions")."""
    verb = span.root.head
    if verb.i == span.root.i or span.root.dep_ not in {"obj", "obl", "obl:arg", "obl:mod"} or verb.norm_.endswith("ant"):
        return False  # not "en dépassant …" (a gerund)
    return any(c.norm_ == "en" and c.i < verb.i and c.dep_ != "case" for c in verb.children)


def _opens_with(tokens: Span, phrases: set[str]) -> bool:
    """Return whether the tokens open with one of the folded phrases, as whole words.

    Read from the text, since "Celle-ci" may be three tokens ("Celle", "-", "ci").
    """
    opening = fold("".join(t.text_with_ws for t in tokens[:4])).strip()
    return any(opening == p or opening.startswith((p + " ", p + ",")) for p in phrases)


def _head_phrase(token) -> Span:
    """Return a noun and the words right after it ("l'application de paiement", "la messagerie chiffrée")."""
    return token.doc[token.i : min(token.right_edge.i + 1, token.i + 4)]


def _in_phrase(span: Span) -> bool:
    """Return whether a mention sits inside a prepositional phrase or a list ("aux comptes Instagram", "de WhatsApp").

    "L'application Kwiz" (a name apposed to its head noun) is not.
    """
    root = span.root
    if any(c.dep_ == "case" for c in root.children) or root.dep_.startswith("obl") or root.dep_ == "conj":
        return True
    return root.dep_ == "nmod" and any(c.dep_ == "case" for c in root.head.children)


def _sentences_between(first: Span, second: Span) -> int:
    """Return how many sentences start after ``first`` ends and before ``second`` starts."""
    index = _sentence_index(first.doc)
    if second.start <= first.end:
        return 0
    return max(0, index[second.start - 1] - index[first.end - 1])


def _sentence_index(doc: Doc) -> list[int]:
    """Return, per token, the number of its sentence (computed once per Doc)."""
    cached = doc.user_data.get("extractor.sentence_index")
    if cached is None or len(cached) != len(doc):
        starts = doc.to_array("SENT_START").astype("int64") == 1
        if len(doc):
            starts[0] = True
        cached = (numpy.cumsum(starts) - 1).tolist()
        doc.user_data["extractor.sentence_index"] = cached
    return cached


def _merge_repeats(claims: list[Figure]) -> list[Figure]:
    """Keep one claim per (app, count, metric); a later repeat may give the period.

    A figure left without an app for want of any antecedent ("Son application
    de révisions revendique cinq cent mille utilisateurs", the app named
    only later) is the same claim as the same count of the same metric given
    to an app elsewhere in the article, and is dropped.
    """
    kept: dict[tuple, Figure] = {}
    for figure in claims:
        key = (figure.app, figure.count, figure.metric)
        if key not in kept:
            kept[key] = figure
        elif kept[key].period == (None, None) and figure.period != (None, None):
            kept[key].period = figure.period
    with_app = {(f.count, f.metric) for f in kept.values() if f.app is not None}
    return [
        f
        for f in kept.values()
        if not (f.app is None and f.app_how in UNSUPPORTED_NONE and (f.count, f.metric) in with_app)
    ]


@Language.factory(
    "extractor_claims",
    assigns=["doc.spans"],
    requires=["doc.sents", "token.dep", "token.norm"],
    default_config={"metric_window": 3, "app_lookback": 3},
)
def make_claims(nlp: Language, name: str, metric_window: int, app_lookback: int) -> ClaimDetector:
    """Create the claim detector."""
    return ClaimDetector(nlp, name, metric_window=metric_window, app_lookback=app_lookback)

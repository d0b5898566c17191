"""extractor_entities: COMPANY, AGENCY and APP mentions.

Three sources, in order of trust:

1. the gazetteers (a spaCy SpanRuler whose pattern ids are canonical names);
2. cue words that type a name no gazetteer knows ("la start-up lyonnaise
   Kalipso", "l'application Trevio", "télécharger Yubo"), and capitalised
   heads of public-body names with the complement the parser attaches to them
   ("l'Autorité de régulation des transports");
3. the statistical NER's ORG/MISC spans, kept only when a cue types them
   ("Kalipso, une start-up lyonnaise, …").

Each span's ``kb_id_`` is the canonical name and its ``id_`` the rule that
found it (span extensions cannot tell apart two spans on the same tokens).
Every later occurrence of a name found by 2 or 3 is a mention too. A name in
two gazetteers (COMPANY and APP) gives two candidate spans on the same tokens;
``extractor_entity_types`` keeps one. Nothing inside boilerplate lines counts.
"""

from __future__ import annotations

import re

import numpy
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import SpanRuler  # noqa: F401  (the "span_ruler" factory)
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor import extensions  # noqa: F401  (declares the ._ attributes)
from extractor.components.matching import build_matcher, cue_matches
from extractor.parsing.names import fold
from extractor.resources import GAZETTEERS, load_gazetteer, load_lexicon

CANDIDATES_KEY = "entity_candidates"
NAME_CONNECTORS = {"de", "des", "du", "d'", "&", "-", "and", "of", "la", "le", "l'"}
NER_LABELS = {"ORG", "MISC", "PER"}


def gazetteer_patterns(types: list[str], *, case_sensitive: bool) -> list[dict]:
    """Return SpanRuler phrase patterns for every name and alias of the gazetteers.

    The pattern id is the canonical name; the label is the entity type.
    """
    patterns = []
    for entity_type in types:
        for entry in load_gazetteer(entity_type).entries:
            if entry.case_sensitive != case_sensitive:
                continue
            for surface in sorted({entry.name, *entry.aliases}):
                patterns.append({"label": entity_type, "pattern": surface, "id": entry.name})
    return patterns


def gazetteer_ruler(nlp: Language, name: str, types: list[str], *, case_sensitive: bool) -> SpanRuler:
    """Return a SpanRuler of phrase patterns matched on folded norms (or on the exact text).

    Its pattern texts are tokenised by the French tokenizer and folded by the
    boilerplate component, in a small pipeline that shares the main vocab.
    """
    pattern_nlp = spacy.blank(nlp.lang, vocab=nlp.vocab)
    pattern_nlp.add_pipe("extractor_boilerplate")
    # Added after the folding component, so that SpanRuler runs it on its pattern texts.
    ruler = pattern_nlp.add_pipe(
        "span_ruler",
        name=name,
        config={
            "spans_key": None,
            "annotate_ents": False,
            "phrase_matcher_attr": "ORTH" if case_sensitive else "NORM",
        },
    )
    ruler.add_patterns(gazetteer_patterns(types, case_sensitive=case_sensitive))
    return ruler


class EntityRecognizer:
    """Propose typed entity mentions from gazetteers, cues, syntax and NER."""

    def __init__(self, nlp: Language, name: str, *, types: list[str], max_name_tokens: int) -> None:
        self.name = name
        self.max_name_tokens = max_name_tokens
        self.rulers = [
            gazetteer_ruler(nlp, f"{name}_ruler", types, case_sensitive=False),
            gazetteer_ruler(nlp, f"{name}_ruler_cased", types, case_sensitive=True),
        ]
        cues = load_lexicon("type_cues")
        self.skip = {cue.type: cue.skip for cue in cues.before}
        self.cue_matcher = build_matcher(
            nlp,
            {**{cue.type: _with_possessives(cue.phrases) for cue in cues.before}, "NAMING": cues.naming_participles},
        )
        self.naming_heads = {fold(word): label for label, words in cues.naming_heads.items() for word in words}
        self.naming_participles = {fold(word) for word in cues.naming_participles if " " not in word}
        self._hashes: dict[frozenset, numpy.ndarray] = {}
        self.apposition = {_without_article(phrase): cue.type for cue in cues.before for phrase in cue.phrases}
        self.fillers = sorted((fold(f).split() for f in cues.apposition_fillers), key=len, reverse=True)
        self.rival_nouns = {fold(word) for word in cues.rival_nouns}
        self.app_first = set(cues.app_first)
        self.app_suffixes = set(cues.app_suffixes)
        self.download_stems = tuple(fold(stem) for stem in cues.app_subject_verbs)
        self.adjective_words = {fold(word) for word in cues.adjective_words}
        self.company_suffixes = set(cues.company_suffixes)
        self.adjective_suffixes = tuple(fold(suffix) for suffix in cues.adjective_suffixes)
        self.agency_heads = set(cues.agency_heads)
        self.agency_deps = set(cues.agency_complement_deps)
        self.stop_names = {fold(w) for w in _calendar_words()}
        self.territories = {
            entry.name for entity_type in types for entry in load_gazetteer(entity_type).entries if entry.territory
        }
        self.territory_matcher = build_matcher(nlp, {"TERRITORY": cues.territory_before, "TITLE": cues.office_titles})

    def _tokens_with(self, doc: Doc, attr: str, values: set[str]) -> list:
        """Return the tokens whose ORTH or NORM is one of ``values``, found on the attribute array
        (iterating over a Doc builds every Token: the rules only need a few)."""
        key = frozenset(values)
        hashes = self._hashes.get(key)
        if hashes is None:  # string hashes do not depend on the store: computed once per set
            hashes = self._hashes[key] = numpy.array([doc.vocab.strings.add(v) for v in values], dtype="uint64")
        array = self._orths if attr == "ORTH" else self._norms
        return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(array, hashes))]

    def _tokens_starting(self, doc: Doc, stems: tuple[str, ...]) -> list:
        """Return the tokens whose NORM starts with one of ``stems``, each distinct norm read once."""
        return self._select(doc, self._norms, lambda norm: norm.startswith(stems))

    def _tokens_matching(self, doc: Doc, pattern: re.Pattern) -> list:
        """Return the tokens whose lowercased text matches ``pattern`` in full."""
        return self._select(doc, self._orths, lambda text: bool(pattern.fullmatch(text.lower())))

    @staticmethod
    def _select(doc: Doc, array, keep) -> list:
        strings = doc.vocab.strings
        hashes = numpy.array([h for h in numpy.unique(array) if keep(strings[int(h)])], dtype="uint64")
        return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(array, hashes))]

    def _is_territory(self, doc: Doc, span: Span) -> bool:
        """Return whether a name is used as a place ("dans l'Union européenne") or inside a title
        ("la ministre du Patrimoine canadien")."""
        labels = self._context.get(span.start, set())
        if "TITLE" in labels and span.label_ == "AGENCY":
            return True
        return "TERRITORY" in labels and span.id_ in self.territories

    def __call__(self, doc: Doc) -> Doc:
        self._orths, self._norms = (doc.to_array(attr) for attr in ("ORTH", "NORM"))
        self._context: dict[int, set[str]] = {}
        for label, _start, end in self.territory_matcher(doc):
            self._context.setdefault(end, set()).add(label)
        spans = [
            Span(doc, span.start, span.end, label=span.label_, kb_id=span.id_, span_id=f"gazetteer.{span.label_}")
            for ruler in self.rulers
            for span in ruler.match(doc)
            if not _in_boilerplate(span) and not self._is_territory(doc, span)
        ]
        # … but a known name that contains it stays whole ("La Banque Postale" is not "La Banque" + "Postale")
        suffixed = [
            s for s in self._suffixed_companies(doc)
            if not any(g.start <= s.start and s.end <= g.end and len(g) > len(s) for g in spans)
        ]
        if suffixed:
            # "Tencent Music", "Smartfin Capital": the longer firm name wins over "Tencent", "Capital"
            spans = [s for s in spans if not _overlaps(s, suffixed)] + suffixed
        suffixed_apps = self._suffixed_apps(doc, spans)
        if suffixed_apps:
            spans = [s for s in spans if not _overlaps(s, suffixed_apps)] + suffixed_apps
        known = _Coverage(spans)
        self._known_types: dict[int, set[str]] = {}
        self._known_names = {(span.start, span.end): span.kb_id_ for span in spans}
        for span in spans:
            self._known_types.setdefault(span.start, set()).add(span.label_)
        self._ents = [ent for ent in doc.ents if ent.label_ in NER_LABELS]
        found = (
            self._cued_names(doc, known)
            + self._domain_names(doc, known)
            + self._download_subjects(doc, known)
            + self._apposed_names(doc, known)
            + self._agencies(doc, spans)
            + self._ner_appositions(doc, known)
        )
        found = filter_spans(found)
        spans += found + self._repeats(doc, found, known)
        doc.spans[CANDIDATES_KEY] = _longest_per_position(spans)
        return doc

    def _cued_names(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Return names that follow a typing cue: "la start-up lyonnaise Kalipso"."""
        found = []
        for label, start, end in cue_matches(self.cue_matcher, doc):
            if label == "NAMING":
                label = self._naming_type(doc, start)
                if label is None:
                    continue
            i = end
            skipped = 0
            while i < len(doc) and skipped < self.skip.get(label, 0) and self._is_adjective(doc[i]):
                i += 1
                skipped += 1
            naming = doc[start].norm_ in self.naming_participles
            if naming:  # "baptisée tout simplement Hydro-Québec"
                while i < len(doc) and i - end < 3 and (doc[i].norm_ == "tout" or doc[i].norm_.endswith("ment")):
                    i += 1
            direct = i
            i = self._skip_complement(doc, i)
            span = self._name_at(doc, i)
            app_cue = label == "APP" and (naming or APP_NOUN.search(fold(doc[start:end].text)))
            if span is None and i == direct and app_cue:
                # "son application bpost" (a known firm), "l'application swiyu", "l'appli mesvaccins.ch"
                known_end = next((e for (s_, e) in self._known_names if s_ == i), None)
                span = doc[i:known_end] if known_end else _lowercase_name_at(doc, i)
            if span is None:
                continue
            span = self._attached_ner(doc, span)
            if _overlaps(span, known) and self._extends_known(span):
                found.append(self._typed(span, label, f"cue.{label}.longer"))  # "l'application Ubisoft Club"
                continue
            if _overlaps(span, known):
                # "l'application Medgate", but not "l'application du chinois ByteDance"
                if i == direct and app_cue:
                    twin = self._company_app(span, label)
                    if twin is not None:
                        found.append(twin)
                continue
            found.append(self._typed(span, label, f"cue.{label}"))
        return found

    def _extends_known(self, span: Span) -> bool:
        """Return whether a cued name is a known name followed by more capitalised words
        ("Ubisoft Club" after "l'application"; not "Google Play", known whole)."""
        overlapping = [(start, end) for (start, end) in self._known_names if start < span.end and span.start < end]
        if len(overlapping) != 1 or overlapping[0][0] != span.start or overlapping[0][1] >= span.end:
            return False  # "Le Chat de Mistral AI": two names
        return all(_is_name_token(t) for t in span.doc[overlapping[0][1] : span.end])

    def _company_app(self, span: Span, label: str) -> Span | None:
        """Return the app reading of a known firm's name after an app cue ("l'application Medgate",
        "son application bpost"): firms name their apps after themselves. The types component then
        decides each mention from its context."""
        if label != "APP" or self._known_types.get(span.start) != {"COMPANY"}:
            return None
        kb_id = self._known_names.get((span.start, span.end))
        if kb_id is None:
            return None
        return Span(span.doc, span.start, span.end, label="APP", kb_id=kb_id, span_id="cue.APP.company_app")

    def _attached_ner(self, doc: Doc, span: Span) -> Span:
        """Return the NER span that carries a cued name on over attached punctuation
        ("Mise-o-jeu+", cut at "-o" by capitalisation), or the name itself."""
        for ent in self._ents:
            if ent.start == span.start and ent.end > span.end and len(ent) <= 2 * self.max_name_tokens:
                attached = all(not doc[k - 1].whitespace_ and not doc[k].is_space for k in range(span.end, ent.end))
                if attached and not doc[ent.end - 1].is_punct:
                    return ent
        return span

    def _suffixed_apps(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Return a name followed by a product word ("TikTok Lite", "Samsung Pay", "CBC Mobile"):
        a product, even when its first word is a known firm or app."""
        found = []
        for token in self._tokens_with(doc, "ORTH", self.app_suffixes):
            if token.i == 0 or token._.is_boilerplate:
                continue
            previous = doc[token.i - 1]
            if not _is_name_token(previous) or previous.is_sent_start and not _looks_like_name(previous):
                continue
            start = token.i - 1
            for span in known:
                if span.end == token.i and span.start < start:
                    start = span.start
            span = doc[start : token.i + 1]
            if any(k.start <= span.start and span.end <= k.end for k in known):
                continue  # a known name already ("Apple Pay")
            found.append(self._typed(span, "APP", "suffix.APP"))
        return filter_spans(found)

    def _domain_names(self, doc: Doc, known: _Coverage) -> list[Span]:
        """Return services named by their address ("mesvaccins.ch ferme après une grave faille"): a
        website named as a service is an app (guidelines §1); not a source ("selon lemonde.fr")."""
        found = []
        for token in self._tokens_matching(doc, DOMAIN):
            if token.norm_.startswith("ex-") or token._.is_boilerplate or token.i in known.tokens:
                continue  # not "l'ex-Voyages-sncf.com", a former name
            if token.i and doc[token.i - 1].norm_ in {"selon", "d'apres"}:
                continue
            found.append(self._typed(doc[token.i : token.i + 1], "APP", "domain.APP"))
        return found

    def _download_subjects(self, doc: Doc, known: _Coverage) -> list[Span]:
        """Return the names that are subjects of a download verb ("ReelShort a été téléchargée …"):
        what is downloaded is an app."""
        found = []
        for token in self._tokens_starting(doc, self.download_stems):
            if token._.is_boilerplate:
                continue
            for child in token.children:
                # the passive subject: "les Français ont téléchargé" names who downloads
                if child.dep_ != "nsubj:pass" or child.is_stop or not _is_name_token(child):
                    continue
                ent = next((e for e in self._ents if e.start <= child.i < e.end), None)
                if ent is None:
                    if child.is_sent_start and not _looks_like_name(child):
                        continue
                    ent = self._name_at(doc, child.i)
                if ent is None or _overlaps(ent, known) or fold(ent.text) in self.stop_names:
                    continue
                if any(t.like_num for t in ent) or ent.start and doc[ent.start - 1].norm_ in {"de", "du", "d'"}:
                    continue  # "la messagerie de Pavel Durov a été installée"
                found.append(self._typed(ent, "APP", "subject.APP"))
        return found

    def _apposed_names(self, doc: Doc, known: _Coverage) -> list[Span]:
        """Return names set between commas after a possessive head noun.

        "sa propre application de salons audio, Volubil, disponible…", "Sa
        première application, Kairn, un agrégateur…": the head noun ("application",
        "start-up") types the name; the name must be closed by a comma, a full
        stop or a bracket, so "l'application, Apple affirme…" is not one.
        """
        found = []
        for token in self._tokens_with(doc, "NORM", set(self.naming_heads)):
            label = self.naming_heads[token.norm_]
            if token._.is_boilerplate:
                continue
            before = doc[max(token.sent.start, token.i - 3) : token.i]
            relative = len(before) >= 2 and before[-2].norm_ == "dont" and before[-1].norm_ in {"l'", "la", "le"}
            if not relative and not any(t.norm_ in POSSESSIVES for t in before):
                continue  # "sa propre application …, Volubil," or "… dont l'application de méditation, Zenipou,"
            i = token.i + 1
            while i < len(doc) and i - token.i <= 6 and doc[i].text != "," and (doc[i].is_lower or doc[i].is_space):
                i += 1
            if i >= len(doc) or doc[i].text != ",":
                continue
            span = self._name_at(doc, i + 1)
            if span is None or _overlaps(span, known) or span.end >= len(doc):
                continue
            if doc[span.end].text not in {",", ".", ")", "("}:
                continue
            found.append(self._typed(span, label, f"apposition.{label}"))
        return found

    def _suffixed_companies(self, doc: Doc) -> list[Span]:
        """Return capitalised names ending with a company suffix ("Inovia Capital")."""
        found = []
        for token in self._tokens_with(doc, "ORTH", self.company_suffixes):
            if token.i == 0 or token._.is_boilerplate:
                continue
            start = token.i
            while start > 0 and _is_name_token(doc[start - 1]) and not doc[start].is_sent_start and token.i - start < 4:
                start -= 1
            if start == token.i or (doc[start].is_sent_start and doc[start].is_stop):
                continue
            found.append(self._typed(doc[start : token.i + 1], "COMPANY", "suffix.COMPANY"))
        return filter_spans(found)

    def _is_adjective(self, token) -> bool:
        """Return whether a token is an adjective between a cue and a name ("la start-up lyonnaise")."""
        if not (token.is_alpha and token.is_lower) or token.is_stop:
            return False
        return token.norm_ in self.adjective_words or token.norm_.endswith(self.adjective_suffixes)

    def _naming_type(self, doc: Doc, start: int) -> str | None:
        """Return the type of the noun a naming participle qualifies ("un assistant … baptisé")."""
        for token in reversed(doc[max(doc[start].sent.start, start - 8) : start]):
            label = self.naming_heads.get(token.norm_)
            if label and not _in_complement(token):
                return label  # "l'application mobile de la société d'État, baptisée …": the application
        return None

    def _skip_complement(self, doc: Doc, i: int) -> int:
        """Skip "de messagerie", "de prise de rendez-vous" between a cue and a name.

        Only lowercase words after "de"/"d'" are skipped, and only when a name
        follows: "l'application de Tencent" names Tencent's app, not an app.
        """
        if i >= len(doc) or doc[i].norm_ not in {"de", "d'", "du"}:
            return i
        j = i + 1
        while j < len(doc) and j - i <= 5 and (doc[j].is_lower or doc[j].norm_ in {"de", "d'", "-"}):
            j += 1
        if j > i + 1 and j < len(doc) and not doc[j - 1].is_stop and _is_name_token(doc[j]):
            return j
        return i

    def _name_at(self, doc: Doc, i: int) -> Span | None:
        """Return the capitalised name starting at token ``i``, or None."""
        if i >= len(doc) or not _is_name_token(doc[i]) or doc[i]._.is_boilerplate:
            return None
        end = i + 1
        while end < len(doc) and end - i < self.max_name_tokens:
            token = doc[end]
            if _is_name_token(token):
                end += 1
            elif (
                token.norm_ in NAME_CONNECTORS
                and end + 1 < len(doc)
                and _is_name_token(doc[end + 1])
            ):
                end += 2
            else:
                break
        span = doc[i:end]
        if fold(span.text) in self.stop_names or span.text.isdigit():
            return None
        return span

    def _agencies(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Return public-body names built on a capitalised head and its complements."""
        found = []
        for token in self._tokens_with(doc, "ORTH", self.agency_heads):
            if token._.is_boilerplate:
                continue
            if token.i and doc[token.i - 1].norm_ in {"un", "une", "des", "plusieurs", "chaque"}:
                continue  # "un ministère québécois": not a name
            end = token.i + 1
            members = {token.i}
            while end < len(doc):
                nxt = doc[end]
                if (
                    nxt.norm_ == "et"
                    and end + 2 < len(doc)
                    and doc[end + 1].norm_ in {"de", "du", "des", "d'"}
                    and not _is_name_token(doc[end + 2])
                ):
                    members.update({end, end + 1})  # "de l'informatique et de la télécommunication"
                    end += 2
                    continue
                if nxt.is_punct or nxt.dep_ not in self.agency_deps or nxt.head.i not in members | {end + 1, end + 2}:
                    break
                members.add(end)
                end += 1
            while end > token.i + 1 and (doc[end - 1].is_stop or doc[end - 1].dep_ in {"case", "det"}):
                end -= 1
            span = doc[token.i : end]
            if len(span) < 2 or not any(t.is_alpha and not t.is_stop for t in span[1:]):
                continue
            if token.is_lower and not any(_is_name_token(t) for t in span[1:]):
                continue  # "le ministère québécois": a lowercase head needs a named complement
            inside = [k for k in known if k.start >= span.start and k.end <= span.end and len(k) < len(span)]
            if _overlaps(span, [k for k in known if k not in inside]):
                continue
            found.append(self._typed(span, "AGENCY", "syntax.agency_head"))
        return found

    def _ner_appositions(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Return names typed by an apposition: "Kalipso, une start-up lyonnaise,".

        The name is an NER span or a capitalised run right before the comma.
        """
        found = []
        ents = list(doc.ents)  # doc.ents builds a new tuple at every access
        places = {i for ent in ents if ent.label_ == "LOC" for i in range(ent.start, ent.end)}
        candidates = [ent for ent in ents if ent.label_ in NER_LABELS]
        for token in self._tokens_with(doc, "ORTH", {",", ":"}):
            if token.i > 0 and _is_name_token(doc[token.i - 1]):
                start = token.i - 1
                while (
                    start > 0
                    and not doc[start].is_sent_start
                    and _is_name_token(doc[start - 1])
                    and token.i - start < self.max_name_tokens
                ):
                    start -= 1
                if doc[start].is_stop or start and doc[start - 1].text in {"&", "+"}:
                    continue  # "SNCF Connect & Tech, la filiale …": the end of a longer name
                # "En Italie, …", "Aux États-Unis, …": a place, not a name; but "a lancé en mars Monedo, une
                # appli …": a name the model took for a place, typed by what it is said to be
                determiner = doc[token.i + 1].norm_ if token.i + 1 < len(doc) else ""
                typed = determiner in {"un", "une"} or determiner in {"l'", "la", "le"} and doc[start - 1].text == ","
                placed = start in places and not (typed and start > 0 and not doc[start - 1].is_stop)
                if placed and not doc[start].is_sent_start:
                    continue  # a sentence-opening name is kept if its apposition types it
                run = doc[start : token.i]
                if not len(run) or (run[0].is_sent_start and len(run) == 1 and token.text == ":"):
                    continue  # "Confinement : …": a sentence opener, not a name
                candidates.append(run)
        for ent in candidates:
            if _overlaps(ent, known) or _in_boilerplate(ent) or fold(ent.text) in self.stop_names:
                continue
            determiner = doc[ent.end + 1].norm_ if ent.end + 1 < len(doc) else ""
            genitive = ent.start > 0 and doc[ent.start - 1].norm_ in {"de", "d'"}  # "celui de Tea, l'application …"
            if (
                ent.start > ent.sent.start
                and doc[ent.start - 1].is_stop
                and not genitive
                and determiner not in {"un", "une", "son", "sa"}
            ):
                continue  # "Sur iPhone, l'application …": a complement, not a name in apposition
            if any(t.like_num for t in ent) or any(fold(t.text) in self.stop_names for t in ent):
                continue  # "Vendu 28,90 francs, le jeu …"
            if ent.end >= len(doc) or doc[ent.end].text not in {",", ":"}:
                continue
            typed = self._apposition_type(doc, ent.end + 1)
            if typed is None:
                continue
            label, cue_end = typed
            if ent[0].is_sent_start and not _looks_like_name(ent[0]) and not _closed_apposition(doc, cue_end):
                continue  # "Hier, une application …": a sentence opener, not a name in apposition
            found.append(self._typed(ent, label, f"apposition.{label}"))
        return found

    def _apposition_type(self, doc: Doc, i: int) -> tuple[str, int] | None:
        """Return the type an apposition starting at token ``i`` gives the name before it, and where
        its head ends: "une autre application québécoise", "l'une des premières boutiques", "un
        concurrent de TikTok" (the type of the known name compared with)."""
        window = doc[i : i + 10]
        stop = next((t.i for t in window if t.is_punct and t.text not in HYPHENS), window.end)
        tokens = [t for t in window if t.i < stop and not t.is_punct]  # "start - up" reads "start up"
        if tokens and tokens[0].norm_ in APPOSITION_DETERMINERS:
            tokens = tokens[1:]
        words = [t.norm_ for t in tokens]
        stripped = True
        while stripped:
            stripped = False
            for filler in self.fillers:
                if words[: len(filler)] == filler and len(words) > len(filler):
                    words, tokens = words[len(filler) :], tokens[len(filler) :]
                    stripped = True
                    break
        if not tokens:
            return None
        for size in (3, 2, 1):
            label = self.apposition.get(" ".join(words[:size]))
            if label and len(words) >= size:
                cue_end = tokens[size - 1].i + 1
                if _names_next(doc, cue_end):
                    return None  # "Kévin Perreau, l'application BeReal": the cue types the next name
                return label, cue_end
        label = self.naming_heads.get(words[0])
        if label:
            cue_end = tokens[0].i + 1
            if _names_next(doc, cue_end):
                return None  # "…, son jeu de réflexion Skyfold": the head types the next name
            return label, cue_end
        if words[0] in self.rival_nouns and len(tokens) > 2 and words[1] in {"de", "d'", "du", "a", "au"}:
            types = self._known_types.get(tokens[2].i, set())
            if len(types) > 1 and tokens[2].text in self.app_first:
                types = {"APP"}  # "un concurrent de TikTok": a product first
            if len(types) == 1:  # a name both app and company ("Facebook") says nothing
                return next(iter(types)), tokens[2].i
        return None

    def _repeats(self, doc: Doc, found: list[Span], known: _Coverage) -> list[Span]:
        """Return later occurrences of names found by cues, as mentions of the same entity."""
        by_text = {span.text: span for span in found}
        repeats = []
        taken = set(known.tokens) | {t.i for span in found for t in span}
        for span in by_text.values():
            size = len(span)
            for i in range(len(doc) - size + 1):
                if doc[i].text != span[0].text or i in taken:
                    continue
                candidate = doc[i : i + size]
                if candidate.text == span.text and not _in_boilerplate(candidate):
                    # A later mention may use the name the other way ("la start-up
                    # Kwiddo" … "télécharger Kwiddo"): both readings, decided by
                    # extractor_entity_types with the first reading as default.
                    for label in (span.label_, *({"COMPANY", "APP"} - {span.label_})):
                        if span.label_ in {"COMPANY", "APP"} or label == span.label_:
                            repeats.append(self._typed(candidate, label, f"{span.id_}.repeat.{span.label_}"))
                    taken.update(range(i, i + size))
        return repeats

    @staticmethod
    def _typed(span: Span, label: str, rule: str) -> Span:
        return Span(span.doc, span.start, span.end, label=label, kb_id=span.text, span_id=rule)


POSSESSIVES = {"sa", "son", "ses", "leur", "leurs", "notre", "nos", "votre"}
APP_NOUN = re.compile(r"\bapp(?:li(?:cation)?)?s?\b")  # the cue names an app, not a game or a site
HYPHENS = {"-", "‐", "‑"}
APPOSITION_DETERMINERS = {"un", "une", "le", "la", "l'", "cette", "ce", "cet", "sa", "son"}


def _closed_apposition(doc: Doc, i: int) -> bool:
    """Return whether an apposition going on at token ``i`` is closed by a comma in its sentence
    ("Cabas, une application conçue à Québec, a été …"), as an opening adverb's is not."""
    end = doc[i].sent.end if i < len(doc) else i
    return any(t.text == "," for t in doc[i:end])


def _without_article(phrase: str) -> str:
    """Return a cue phrase without its article: "la start-up" → "start-up"."""
    words = fold(phrase).split()
    if len(words) > 1 and words[0] in {"le", "la", "les", "un", "une"}:
        words = words[1:]
    if words[0].startswith("l'"):
        words[0] = words[0][2:]
    return " ".join(words)


def _with_possessives(phrases: list[str]) -> list[str]:
    """Return cue phrases and their possessive forms: "le jeu" also as "son jeu", "sa messagerie",
    "leur application" ("son jeu de réflexion Tangram Tap", "son agent conversationnel Xiaoice")."""
    variants = set(phrases)
    for phrase in phrases:
        head, _, rest = phrase.partition(" ")
        if phrase.startswith(("l'", "l’")):
            noun = phrase[2:]
        elif head in {"le", "la"} and rest:
            noun = rest
        else:
            continue
        variants.update(f"{possessive} {noun}" for possessive in ("son", "sa", "leur"))
    return sorted(variants)


def _calendar_words() -> list[str]:
    words = []
    for name in ("months", "weekdays"):
        words += [n for entry in load_lexicon(name).entries for n in entry.names]
    return words


def _in_complement(token) -> bool:
    """Return whether a noun is the complement of another ("de la société", "du groupe", "d'une start-up")."""
    doc, i = token.doc, token.i
    if i and doc[i - 1].norm_ in {"du", "d'", "des"}:
        return True
    return i > 1 and doc[i - 1].norm_ in {"la", "le", "l'", "les", "une", "un"} and doc[i - 2].norm_ in {"de", "d'"}


def _names_next(doc: Doc, i: int) -> bool:
    """Return whether a name follows token ``i``, directly or after a short complement
    ("de réflexion Skyfold"), but not past a relative clause ("de compliments anonymes qui
    avait détrôné TikTok")."""
    if i >= len(doc):
        return False
    if doc[i].norm_ in {"de", "d'", "du"}:
        j = i + 1
        while j < len(doc) and j - i <= 4 and doc[j].is_lower and doc[j].norm_ not in CLAUSE_WORDS:
            j += 1
        return j > i + 1 and j < len(doc) and _is_name_token(doc[j]) and doc[j].text[0].isalpha()
    return _is_name_token(doc[i])


CLAUSE_WORDS = {"qui", "que", "qu'", "dont", "et", "ou", "mais", "en", "à", "au", "aux", "pour", "sur", "dans", "avec", "par"}


def _lowercase_name_at(doc: Doc, i: int) -> Span | None:
    """Return a lowercase word no vocabulary knows at token ``i``: a brand written in lowercase
    ("swiyu"), not "mobile" or "officielle". Web addresses are found anywhere (`_domain_names`)."""
    if i >= len(doc) or doc[i]._.is_boilerplate:
        return None
    token = doc[i]
    if not token.is_lower or token.is_stop or token.like_num or token.like_url and "/" in token.text:
        return None
    if i + 1 < len(doc) and _is_name_token(doc[i + 1]):
        return None  # "l'application antigaspillage Too Good To Go": a word before the name
    # an unknown word used again as a name, unlike a rare adjective ("l'appli antigaspillage met …")
    if token.is_alpha and token.is_oov and len(token) > 2 and doc.count_by(ORTH).get(token.orth, 0) > 1:
        return doc[i : i + 1]
    return None


DOMAIN = re.compile(r"[a-z0-9-]+\.(?:ch|fr|be|ca|com|net|org|io|app|lu)")


def _is_name_token(token) -> bool:
    text = token.text
    if not text:
        return False
    if text[0].isdigit():  # "360Learning", not "19h20" or "2021"
        return text.isalnum() and any(c.isupper() for c in text)
    return text[0].isupper()


def _looks_like_name(token) -> bool:
    """Return whether a capitalised word is no ordinary word: unknown to the vectors, or oddly cased."""
    text = token.text
    return token.is_oov or any(c.isupper() for c in text[1:]) or any(c.isdigit() for c in text)


def _in_boilerplate(span: Span) -> bool:
    return any(token._.is_boilerplate for token in span)


class _Coverage:
    """The tokens a set of spans covers, for overlap tests in constant time per token."""

    def __init__(self, spans: list[Span]) -> None:
        self.tokens = {i for span in spans for i in range(span.start, span.end)}

    def __contains__(self, span: Span) -> bool:
        return any(i in self.tokens for i in range(span.start, span.end))


def _overlaps(span: Span, others: list[Span] | _Coverage) -> bool:
    if isinstance(others, _Coverage):
        return span in others
    return any(span.start < other.end and other.start < span.end for other in others)


def _longest_per_position(spans: list[Span]) -> list[Span]:
    """Drop spans inside or across a longer one, keeping same-extent spans of other types."""
    spans = sorted(spans, key=lambda s: (-len(s), s.start))
    owner: dict[int, tuple[int, int]] = {}  # token -> extent of the longest span kept on it
    seen: set[tuple[int, int, str]] = set()
    kept: list[Span] = []
    for span in spans:
        extent = (span.start, span.end)
        if any(owner.get(i, extent) != extent for i in range(span.start, span.end)):
            continue  # inside or across a longer (or earlier equal-length) span
        key = (span.start, span.end, span.label_)
        if key in seen:
            continue
        seen.add(key)
        for i in range(span.start, span.end):
            owner[i] = extent
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -len(s)))


@Language.factory(
    "extractor_entities",
    assigns=["doc.spans"],
    requires=["token.norm", "token._.is_boilerplate"],
    default_config={"types": list(GAZETTEERS), "max_name_tokens": 5},
)
def make_entities(nlp: Language, name: str, types: list[str], max_name_tokens: int) -> EntityRecognizer:
    """Create the entity recognizer."""
    return EntityRecognizer(nlp, name, types=types, max_name_tokens=max_name_tokens)

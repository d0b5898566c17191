"""extractor_entity_types: one type per mention for names that have two.

"Facebook a annoncé…" is the COMPANY, "publier sur Facebook" the APP
(guidelines §1). Cue words are applied after matching, in explicit windows:
app contexts before the name ("sur", "l'application", "télécharger") or
after it ("a été téléchargée", "compte"), company contexts before it ("racheté
par", "PDG de") and company verbs whose subject it is ("a annoncé", "a
racheté"). The nearest cue wins; without one, the APP reading is kept.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.entities import CANDIDATES_KEY
from extractor.components.matching import build_matcher, cue_matches
from extractor.resources import load_lexicon

SPANS_KEY = "entities"


class EntityTypeResolver:
    """Keep one typed span per mention, deciding COMPANY or APP from context."""

    def __init__(self, nlp: Language, name: str, *, window: int, default_type: str) -> None:
        self.name = name
        self.window = window
        self.default_type = default_type
        cues = load_lexicon("type_cues")
        app_before = list(cues.app_context_before) + [
            phrase for cue in cues.before if cue.type == "APP" for phrase in cue.phrases
        ]
        company_before = list(cues.company_context_before) + [
            phrase for cue in cues.before if cue.type == "COMPANY" for phrase in cue.phrases
        ]
        descriptors = [phrase for cue in cues.before if cue.type == "COMPANY" for phrase in cue.phrases]
        self.matcher = build_matcher(
            nlp,
            {
                "APP_BEFORE": app_before,
                "APP_AFTER": cues.app_context_after,
                "COMPANY_BEFORE": company_before,
                "COMPANY_DESCRIPTOR": descriptors,
            },
            stems={
                "COMPANY_VERB": cues.company_verbs,
                "COMPANY_OBJECT_VERB": cues.company_object_verbs,
                "COMPANY_NOUN": cues.company_nouns,
            },
        )
        self.app_first = set(cues.app_first)

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[tuple[int, int], list[Span]] = defaultdict(list)
        for span in doc.spans[CANDIDATES_KEY] if CANDIDATES_KEY in doc.spans else []:
            groups[(span.start, span.end)].append(span)
        matches = cue_matches(self.matcher, doc) if any(len(g) > 1 for g in groups.values()) else []
        kept = []
        for (start, end), spans in sorted(groups.items()):
            if len({span.label_ for span in spans}) == 1:
                kept.append(spans[0])
                continue
            rule = spans[0].id_
            default = rule.rsplit(".", 1)[-1] if ".repeat." in rule else self.default_type
            if any(span.id_ == "cue.APP.company_app" for span in spans):
                label = "APP"  # the app cue that proposed it ("baptisée tout simplement Hydro-Québec") decides
            else:
                label = self.decide(doc, start, end, matches, spans[0].kb_id_, default)
            chosen = [span for span in spans if span.label_ == label] or spans[:1]
            span = chosen[0]
            kept.append(Span(doc, start, end, label=span.label_, kb_id=span.kb_id_, span_id=f"{span.id_}+context"))
        doc.spans[SPANS_KEY] = kept
        return doc

    def decide(
        self, doc: Doc, start: int, end: int, matches: list[tuple[str, int, int]], name: str = "", default: str = ""
    ) -> str:
        """Return COMPANY or APP for the mention doc[start:end]."""
        sentence = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
        near = [(label, s, e) for label, s, e in matches if sentence.start <= s and e <= sentence.end]
        if name in self.app_first:
            # products first: only a company descriptor right before makes them the firm
            descriptor = any(label == "COMPANY_DESCRIPTOR" and e <= start and start - e <= 1 for label, s, e in near)
            return "COMPANY" if descriptor else "APP"
        best: tuple[int, int, str] | None = None
        for label, m_start, m_end in near:
            if label in {"APP_BEFORE", "COMPANY_BEFORE", "COMPANY_DESCRIPTOR"} and m_end <= start and start - m_end <= 1:
                candidate = (start - m_end, 0, "APP" if label == "APP_BEFORE" else "COMPANY")
            elif label == "APP_AFTER" and m_start >= end and m_start - end <= 1:
                candidate = (m_start - end, 0, "APP")
            elif label == "COMPANY_VERB" and m_start >= end and m_start - end <= 4:
                candidate = (m_start - end, 1, "COMPANY")
            else:
                continue
            if best is None or candidate < best:
                best = candidate
        if best is not None:
            return best[2]
        root = doc[start:end].root
        head = root.head

        def head_is(label: str) -> bool:
            return any(l == label and s <= head.i < e for l, s, e in near)

        if root.dep_.startswith("nsubj") and head_is("COMPANY_VERB"):
            return "COMPANY"
        if root.dep_ in {"obj", "obl", "obl:arg", "iobj", "obl:mod", "obl:agent"} and head_is("COMPANY_OBJECT_VERB"):
            return "COMPANY"
        if root.dep_ in {"nmod", "obl:agent"} and head_is("COMPANY_NOUN"):
            return "COMPANY"
        return default or self.default_type


@Language.factory(
    "extractor_entity_types",
    assigns=["doc.spans"],
    requires=["token.dep", "token.norm"],
    default_config={"window": 2, "default_type": "APP"},
)
def make_entity_types(nlp: Language, name: str, window: int, default_type: str) -> EntityTypeResolver:
    """Create the entity type resolver."""
    return EntityTypeResolver(nlp, name, window=window, default_type=default_type)

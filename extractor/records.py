"""Doc → Article: the only place where spaCy objects become schema objects."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from extractor.components.claims import SPANS_KEY as CLAIMS_KEY
from extractor.components.dates import SPANS_KEY as DATES_KEY
from extractor.components.entity_types import SPANS_KEY as ENTITIES_KEY
from extractor.schema import Article, DateMention, DownloadClaim, Entity, InputInfo, Mention
from extractor.version import __version__


def to_article(
    doc: Doc, *, include_text: bool = False, source: str | None = None, input_info: InputInfo | None = None
) -> Article:
    """Return the record of a processed Doc."""
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for span in doc.spans.get(ENTITIES_KEY, []):
        grouped[(span.kb_id_, span.label_)].append(span)
    entities = []
    for (name, label), spans in grouped.items():
        spans.sort(key=lambda s: s.start_char)
        aliases = sorted({s.text for s in spans if s.text != name})
        mentions = [Mention(start=s.start_char, end=s.end_char, text=s.text, rule=s.id_ or None) for s in spans]
        entities.append(Entity(name=name, type=label, aliases=aliases, mentions=mentions))
    entities.sort(key=lambda e: (e.mentions[0].start, e.type.value))
    dates = [
        DateMention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            value=span._.value,
            end_value=span._.end_value,
            rule=span._.rule,
        )
        for span in doc.spans.get(DATES_KEY, [])
    ]
    claims = [
        DownloadClaim(
            app=span._.app,
            count=span._.count,
            qualifier=span._.qualifier,
            metric=span._.metric,
            period_start=span._.period_start,
            period_end=span._.period_end,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            source=span._.source,
            rule=span._.rule,
        )
        for span in doc.spans.get(CLAIMS_KEY, [])
    ]
    return Article(
        id=doc._.article_id,
        source=source,
        published=doc._.published,
        text=doc.text if include_text else None,
        reference_date=doc._.reference_date,
        reference_date_origin=doc._.reference_date_origin,
        entities=entities,
        dates=dates,
        claims=claims,
        warnings=list(doc._.warnings or []),
        input=input_info,
        extractor_version=__version__,
    )

"""Every custom ``._`` attribute of the pipeline, declared once.

Values are plain data (str, int, ISO strings), never spaCy objects, so a Doc
can be serialised and a record built from it without the pipeline.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DOC_ATTRIBUTES = {
    "article_id": None,  # the article's id, passed through to the record
    "published": None,  # ISO date of publication, or None
    "reference_date": None,  # ISO date every relative date was resolved against
    "reference_date_origin": None,  # "published" or "text"
    "warnings": None,  # list[str] of problems met while reading the article
}
SPAN_ATTRIBUTES = {
    "rule": None,  # date, claim: id of the pattern or rule that produced the span
    "value": None,  # date: ISO value
    "end_value": None,  # date: ISO end of a range
    "count": None,  # claim: integer
    "qualifier": None,  # claim: exact / approx / at_least / at_most
    "metric": None,  # claim: downloads / users
    "app": None,  # claim: canonical name of the APP, or None
    "period_start": None,  # claim: ISO
    "period_end": None,  # claim: ISO
    "source": None,  # claim: who the figure is attributed to
}
TOKEN_ATTRIBUTES = {
    "is_boilerplate": False,  # inside a photo credit, share prompt, newsletter line…
}


def register() -> None:
    """Declare the extension attributes (idempotent, never with ``force``)."""
    for cls, attributes in ((Doc, DOC_ATTRIBUTES), (Span, SPAN_ATTRIBUTES), (Token, TOKEN_ATTRIBUTES)):
        for name, default in attributes.items():
            if not cls.has_extension(name):
                cls.set_extension(name, default=default)


def add_warning(doc: Doc, message: str) -> None:
    """Append a warning to ``doc._.warnings``."""
    doc._.warnings = [*(doc._.warnings or []), message]


register()

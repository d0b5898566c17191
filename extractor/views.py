"""Render records and evaluations as self-contained HTML review pages.

Two views, each one HTML string with inline CSS, JS and SVG and no network
resource: `render_records` shows what the extractor found (every entity
mention, date and claim highlighted in the text, then the record's tables,
and a batch summary with a chart of the claims over time), and
`render_evaluation` shows gold against prediction (matches, misses, false
alarms and wrong values). Spans may overlap ("Facebook" as a COMPANY and an
APP mention, a date inside a claim): they become nested ``<mark>``
elements, split where two spans cross, each with its own underline track.

Large batches stay usable: at most ``limit`` articles are rendered in full,
the others are listed by id with a note, and the summary always covers all.
`show` and `evaluation_html` are the runners the command line calls.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.evaluation import METRICS, PRF, TYPES, ModelError, Report, evaluate_articles
from extractor.parsing.partial_dates import PartialDate
from extractor.schema import Article, DateMention, DownloadClaim, Entity
from extractor.scoring import gold_and_predictions

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 200
"""Articles rendered in full per page; the others are listed by id only."""

NO_PERIOD_ROWS = 100
"""Rows of the summary's table of claims without a period."""

LABELS = ("COMPANY", "AGENCY", "APP", "DATE", "CLAIM")
_QUALIFIER_SIGNS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}
_SERIES_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#ad494a",
    "#637939",
)
_NO_APP_COLOUR = "#8a8a8a"


class _Html(str):
    """A string that is already HTML: table cells keep it as is."""


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(count: int) -> str:
    """Return a count with French thousands separators (narrow no-break spaces)."""
    return f"{count:,}".replace(",", "\u202f")


def _count(number: int, noun: str) -> str:
    """Return "1 article", "2 articles": a count and its noun, plural unless one."""
    return f"{_num(number)} {noun}{'' if number == 1 else 's'}"


def _period(start: str | None, end: str | None) -> str:
    if start is None and end is None:
        return "—"
    if start == end or end is None:
        return start or "—"
    return f"{start or '…'} → {end}"


def _date_value(date: DateMention) -> str:
    if date.value is None:
        return "∅"
    return date.value if date.end_value is None else f"{date.value} → {date.end_value}"


def _claim_label(claim: DownloadClaim) -> str:
    sign = _QUALIFIER_SIGNS.get(claim.qualifier.value, "")
    return f"CLAIM {claim.app or '∅'} {sign}{_num(claim.count)} {claim.metric.value}"


def _claim_title(claim: DownloadClaim) -> str:
    lines = [
        f"CLAIM {claim.text!r}" if claim.text else "CLAIM",
        f"app: {claim.app or '∅ (none)'}",
        f"count: {_num(claim.count)}",
        f"qualifier: {claim.qualifier.value}",
        f"metric: {claim.metric.value}",
        f"period: {_period(claim.period_start, claim.period_end)}",
        f"source: {claim.source or '—'}",
    ]
    if claim.rule:
        lines.append(f"rule: {claim.rule}")
    return "\n".join(lines)


def _entity_title(entity: Entity, rule: str | None) -> str:
    lines = [f"{entity.type.value}: {entity.name}"]
    if entity.aliases:
        lines.append("aliases: " + ", ".join(entity.aliases))
    if rule:
        lines.append(f"rule: {rule}")
    return "\n".join(lines)


def _entity_label(entity: Entity, surface: str) -> str:
    """Return a mention's label: its type, and the canonical name when the text says it otherwise."""
    kind = entity.type.value
    return kind if surface == entity.name else f"{kind} · {entity.name}"


def _anchors(articles: Sequence[Article]) -> list[str]:
    """Return one unique ``article-<id>`` anchor per article (whitespace becomes '-')."""
    anchors: list[str] = []
    used: set[str] = set()
    for index, article in enumerate(articles, 1):
        anchor = base = "article-" + re.sub(r"\s+", "-", article.id or str(index))
        copy = 1
        while anchor in used:
            copy += 1
            anchor = f"{base}-{copy}"
        used.add(anchor)
        anchors.append(anchor)
    return anchors


# --------------------------------------------------------------------------
# Spans and their markup
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    """A highlighted stretch of text: offsets, CSS classes, label and tooltip."""

    start: int
    end: int
    classes: str
    label: str
    title: str
    data: tuple[tuple[str, str], ...] = ()


def _find_all(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """Yield every occurrence of ``needle`` in ``text`` (exact, left to right)."""
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


def _locate(text: str, needle: str | None, taken: set[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the first occurrence of ``needle`` not yet taken by another span, and take it."""
    for offsets in _find_all(text, needle or ""):
        if offsets not in taken:
            taken.add(offsets)
            return offsets
    return None


def _search_names(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Return the whole-word, case-insensitive occurrences of any of ``names`` (longest first)."""
    found: list[tuple[int, int]] = []
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in found):
                found.append((match.start(), match.end()))
    return sorted(found)


def _claim_offsets(
    claims: Sequence[DownloadClaim], text: str
) -> Iterator[tuple[DownloadClaim, int | None, int | None]]:
    """Yield each claim with its offsets: its own, else where its text first occurs unclaimed."""
    taken = {(c.start, c.end) for c in claims if c.start is not None and c.end is not None}
    for claim in claims:
        if claim.start is not None and claim.end is not None:
            yield claim, claim.start, claim.end
            continue
        offsets = _locate(text, claim.text, taken)
        yield (claim, *offsets) if offsets else (claim, None, None)


def _mark_text(text: str, spans: Sequence[_Span]) -> str:
    """Return ``text`` escaped, with every span as a ``<mark>``.

    Overlapping spans nest; where two spans cross, the inner one is closed and
    reopened (class ``cont``) so that the HTML stays well-formed. Each span
    keeps one underline track (``--tk``) over all its pieces, chosen so that
    overlapping spans never share one; its label comes after its last piece.
    """
    valid = []
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            valid.append(span)
        else:
            logger.warning("span %d:%d outside a text of %d characters: not shown", span.start, span.end, len(text))
    valid.sort(key=lambda s: (s.start, -s.end))
    tracks: dict[int, int] = {}
    active: list[tuple[int, int]] = []  # (end, track) of spans still open at the current start
    for index, span in enumerate(valid):
        active = [(end, track) for end, track in active if end > span.start]
        used = {track for _, track in active}
        track = next(t for t in range(len(used) + 1) if t not in used)
        tracks[index] = track
        active.append((span.end, track))
    starting: dict[int, list[int]] = defaultdict(list)
    for index, span in enumerate(valid):
        starting[span.start].append(index)
    bounds = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})

    def open_tag(index: int, continued: bool) -> str:
        span = valid[index]
        data = "".join(f' {name}="{_esc(value)}"' for name, value in span.data)
        classes = f"sp {span.classes}" + (" cont" if continued else "")
        return f'<mark class="{classes}" style="--tk:{tracks[index]}" title="{_esc(span.title)}"{data}>'

    out: list[str] = []
    stack: list[int] = []
    for position, following in zip(bounds, bounds[1:] + [None]):
        reopen: list[int] = []
        ending = [i for i, index in enumerate(stack) if valid[index].end == position]
        if ending:
            popped, stack = stack[ending[0] :], stack[: ending[0]]
            for index in reversed(popped):
                if valid[index].end == position:
                    out.append(f'<span class="lbl" data-label="{_esc(valid[index].label)}"></span></mark>')
                else:
                    out.append("</mark>")
                    reopen.append(index)
        opening = [(i, True) for i in reopen] + [(i, False) for i in starting.get(position, [])]
        opening.sort(key=lambda item: (-valid[item[0]].end, valid[item[0]].start))
        for index, continued in opening:
            out.append(open_tag(index, continued))
            stack.append(index)
        if following is not None:
            out.append(html.escape(text[position:following], quote=False))
    return "".join(out)


# --------------------------------------------------------------------------
# Small HTML helpers
# --------------------------------------------------------------------------


def _cell(value: object, tag: str = "td") -> str:
    if isinstance(value, _Html):
        return f"<{tag}>{value}</{tag}>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = _num(value) if isinstance(value, int) else f"{value:.3f}"
        return f'<{tag} class="num">{shown}</{tag}>'
    return f"<{tag}>{_esc(value)}</{tag}>"


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, classes: str = "") -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f'<table class="{classes}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _chip(label: str, css: str | None = None) -> _Html:
    return _Html(f'<span class="chip {css or "t-" + label}">{_esc(label)}</span>')


def _link(anchor: str, text: str) -> _Html:
    return _Html(f'<a href="#{_esc(anchor)}">{_esc(text)}</a>')


_CSS = """
:root{--fg:#1a202c;--muted:#5a6272;--line:#e2e6ee}
*{box-sizing:border-box}
body{margin:0;background:#f4f5f8;color:var(--fg);
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:1200px;margin:0 auto;padding:12px 22px 60px}
h1{font-size:1.55em;margin:.3em 0 .2em}h2{font-size:1.2em;margin:0 0 .2em;word-break:break-all}
h3{font-size:.95em;margin:1em 0 .3em;color:#3c4454;text-transform:uppercase;letter-spacing:.04em}
a{color:#2457a6}
section.box{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 18px;margin:14px 0}
.meta,.note{color:var(--muted);font-size:.92em}
.note.cap-note{color:#8a4b00;background:#fff6e5;border:1px solid #f0d39a;border-radius:6px;padding:6px 10px}
.txt{white-space:pre-wrap;font:15px/2.3 Georgia,"DejaVu Serif",serif;margin:.4em 0 .6em;overflow-wrap:break-word}
table{border-collapse:collapse;font-size:.9em;margin:.2em 0 .8em}
th,td{border-bottom:1px solid var(--line);padding:2px 7px;text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cols{display:flex;flex-wrap:wrap;gap:0 22px;align-items:flex-start}
mark.sp{color:inherit;background:var(--bg);border-bottom:3px solid var(--c);border-radius:3px;
 padding:3px 1px calc(var(--tk,0) * 6px + 1px)}
.lbl::after{content:attr(data-label);font:600 10.5px/1 system-ui,"DejaVu Sans",sans-serif;
 color:#fff;background:var(--c);
 padding:2px 4px;border-radius:3px;margin-left:3px;vertical-align:2px;white-space:nowrap}
.chip{display:inline-block;font:600 11px/1.5 system-ui,"DejaVu Sans",sans-serif;color:#fff;background:var(--c);
 padding:0 6px;border-radius:9px}
.t-COMPANY{--c:#2b6cb0;--bg:rgba(43,108,176,.13)}
.t-AGENCY{--c:#6b46c1;--bg:rgba(107,70,193,.13)}
.t-APP{--c:#c05621;--bg:rgba(221,107,32,.14)}
.t-DATE{--c:#2c7a7b;--bg:rgba(49,151,149,.14)}
.t-CLAIM{--c:#b83280;--bg:rgba(213,63,140,.12)}
.ev mark.match,.chip.match{--c:#2f855a;--bg:rgba(47,133,90,.13)}
.ev mark.miss,.chip.miss{--c:#c53030;--bg:transparent}
.ev mark.miss{border-bottom-style:dashed;outline:1.5px dashed #c53030;outline-offset:-1px}
.ev mark.false-alarm,.chip.false-alarm{--c:#c05621;
 --bg:repeating-linear-gradient(135deg,rgba(237,137,54,.28) 0 4px,rgba(237,137,54,.06) 4px 8px)}
.ev mark.wrong-value,.chip.wrong-value{--c:#6b46c1;--bg:rgba(128,90,213,.16)}
.ev mark.wrong-value{border-bottom-style:double;border-bottom-width:4px}
.ev mark.match>.lbl::after{background:#fff;color:var(--c);box-shadow:inset 0 0 0 1px var(--c);font-weight:500}
.chart svg{width:100%;height:auto;font:11px system-ui,"DejaVu Sans",sans-serif;background:#fff}
.chart .grid{stroke:#e6e8ee}.chart .axis{stroke:#8a93a3}
.chart .series path{fill:none;stroke-width:1.5;opacity:0}
.chart svg.hl .series:not(.dim) path{opacity:.75}
.chart .series.dim{opacity:.12}
.chart a:hover .pt{stroke:#000;stroke-width:2}
.legend{display:flex;flex-wrap:wrap;gap:2px 14px;font-size:.88em;margin:.3em 0}
.legend span[data-series]{cursor:default;white-space:nowrap}
.sw{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
details.undated summary{cursor:pointer;margin:.6em 0 .3em;color:#3c4454;font-weight:600}
ol.index{columns:3 280px;font-size:.9em;padding-left:2em}
.errors td:first-child{white-space:nowrap}
.kind-FP{color:#c05621}.kind-FN{color:#c53030}.kind-WRONG_VALUE,.kind-WRONG_PERIOD{color:#6b46c1}
"""

_JS = """
document.querySelectorAll('.legend [data-series]').forEach(function (key) {
  var chart = key.closest('.chart');
  key.addEventListener('mouseenter', function () {
    chart.querySelector('svg').classList.add('hl');
    chart.querySelectorAll('g.series').forEach(function (g) {
      g.classList.toggle('dim', g.dataset.series !== key.dataset.series);
    });
  });
  key.addEventListener('mouseleave', function () {
    chart.querySelector('svg').classList.remove('hl');
    chart.querySelectorAll('g.series').forEach(function (g) { g.classList.remove('dim'); });
  });
});
"""


def _page(title: str, body: Iterable[str], *, classes: str = "") -> str:
    """Return a complete HTML document: inline CSS and JS, no external resource."""
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_esc(title)}</title><style>{_CSS}</style></head>",
            f'<body class="{classes}"><main>',
            *body,
            f"</main><script>{_JS}</script></body></html>\n",
        ]
    )


def _cap_note(shown: int, total: int, limit: int, what: str) -> str:
    return (
        f'<p class="note cap-note">Showing {_num(shown)} of {_num(total)} articles in full (limit {_num(limit)}); '
        f"{_num(total - shown)} left out, listed by id at the end. {what}</p>"
    )


def _left_out(articles: Sequence[Article], anchors: Sequence[str], extra: Sequence[str] | None = None) -> str:
    """Return the list of articles not rendered in full, each still a link target."""
    items = []
    for index, (article, anchor) in enumerate(zip(articles, anchors)):
        counts = f"{len(article.entities)} entities, {len(article.dates)} dates, {len(article.claims)} claims"
        if extra:
            counts = f"{extra[index]}; {counts}"
        items.append(
            f'<li id="{_esc(anchor)}"><b>{_esc(article.id or anchor)}</b> <span class="meta">{_esc(counts)}</span></li>'
        )
    return (
        f'<section class="box left-out"><h2>Not shown in full ({_num(len(articles))})</h2>'
        f'<ol class="index">{"".join(items)}</ol></section>'
    )


# --------------------------------------------------------------------------
# Records view
# --------------------------------------------------------------------------


def _record_spans(article: Article, text: str) -> list[_Span]:
    """Return the spans of every entity mention, date and claim of a record."""
    spans = []
    for entity in article.entities:
        kind = entity.type.value
        for mention in entity.mentions:
            label = _entity_label(entity, text[mention.start : mention.end])
            spans.append(
                _Span(
                    mention.start,
                    mention.end,
                    f"t-{kind}",
                    label,
                    _entity_title(entity, mention.rule),
                    (("data-type", kind), ("data-name", entity.name)),
                )
            )
    for date in article.dates:
        title = f"DATE {date.text!r}\nvalue: {_date_value(date)}" + (f"\nrule: {date.rule}" if date.rule else "")
        spans.append(
            _Span(
                date.start,
                date.end,
                "t-DATE",
                f"DATE {_date_value(date)}",
                title,
                (("data-type", "DATE"), ("data-value", date.value or ""), ("data-end-value", date.end_value or "")),
            )
        )
    for claim, start, end in _claim_offsets(article.claims, text):
        if start is None or end is None:
            continue
        spans.append(_Span(start, end, "t-CLAIM", _claim_label(claim), _claim_title(claim), _claim_data(claim)))
    return spans


def _claim_data(claim: DownloadClaim) -> tuple[tuple[str, str], ...]:
    return (
        ("data-type", "CLAIM"),
        ("data-app", claim.app or ""),
        ("data-count", str(claim.count)),
        ("data-metric", claim.metric.value),
        ("data-qualifier", claim.qualifier.value),
    )


def _record_tables(article: Article, text: str) -> str:
    """Return the entity, date and claim tables of one record."""
    entity_rows = []
    for entity in article.entities:
        surfaces = Counter(text[m.start : m.end] for m in entity.mentions)
        entity_rows.append(
            [
                entity.name,
                _chip(entity.type.value),
                ", ".join(entity.aliases),
                len(entity.mentions),
                ", ".join(f"{s} ×{n}" if n > 1 else s for s, n in surfaces.most_common()),
            ]
        )
    date_rows = [[d.text, d.value or "∅", d.end_value or "", f"{d.start}–{d.end}", d.rule or ""] for d in article.dates]
    claim_rows = [
        [
            c.app or "∅",
            c.count,
            c.qualifier.value,
            c.metric.value,
            _period(c.period_start, c.period_end),
            c.source or "",
            c.text or "",
            c.rule or "",
        ]
        for c in article.claims
    ]
    parts = [f"<h3>Entities ({len(article.entities)})</h3>"]
    parts.append(
        _table(["name", "type", "aliases", "mentions", "surface forms"], entity_rows, classes="entities")
        if entity_rows
        else '<p class="note">none</p>'
    )
    parts.append(f"<h3>Dates ({len(article.dates)})</h3>")
    parts.append(
        _table(["text", "value", "end value", "offsets", "rule"], date_rows, classes="dates")
        if date_rows
        else '<p class="note">none</p>'
    )
    parts.append(f"<h3>Claims ({len(article.claims)})</h3>")
    parts.append(
        _table(
            ["app", "count", "qualifier", "metric", "period", "source", "text", "rule"], claim_rows, classes="claims"
        )
        if claim_rows
        else '<p class="note">none</p>'
    )
    if article.warnings:
        parts.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{_esc(w)}</li>" for w in article.warnings) + "</ul>")
    return "".join(parts)


def _record_section(article: Article, text: str, anchor: str) -> str:
    meta = [f"published: {article.published or '—'}"]
    if article.reference_date:
        origin = article.reference_date_origin.value if article.reference_date_origin else "?"
        meta.append(f"reference date: {article.reference_date} ({origin})")
    if article.source:
        meta.append(f"source: {article.source}")
    meta.append(f"{len(text)} characters")
    return (
        f'<section class="box article" id="{_esc(anchor)}"><h2>{_esc(article.id or anchor)}</h2>'
        f'<p class="meta">{_esc(" · ".join(meta))}</p>'
        f'<div class="txt">{_mark_text(text, _record_spans(article, text))}</div>'
        f"{_record_tables(article, text)}</section>"
    )


def _key_legend() -> str:
    chips = " ".join(_chip(label) for label in LABELS)
    return (
        f'<p class="meta">{chips} &nbsp; Hover a highlighted span for its canonical name, ISO value or claim fields; '
        "overlapping spans are nested, each with its own underline.</p>"
    )


def render_records(
    articles: Sequence[Article], texts: Sequence[str], *, limit: int = DEFAULT_LIMIT, title: str = "Extraction review"
) -> str:
    """Return one self-contained HTML page showing extraction records.

    Each article's text comes with every entity mention, date and claim
    highlighted, then its tables. With several articles a batch summary
    (entity counts by type, claims over time) comes first; it always covers
    every article, while only the first ``limit`` are rendered in full.

    Args:
        articles: the records, as `extract_many` returns them.
        texts: the text each record's offsets index (one per article).
        limit: the most articles rendered in full; the rest are listed by id.
        title: the page title.

    Raises:
        ValueError: if ``texts`` and ``articles`` differ in length or ``limit`` < 1.
    """
    if len(texts) != len(articles):
        raise ValueError(f"{len(articles)} articles but {len(texts)} texts")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    anchors = _anchors(articles)
    shown = min(limit, len(articles))
    body = [f"<h1>{_esc(title)}</h1>", f'<p class="meta">{_count(len(articles), "article")}</p>', _key_legend()]
    if len(articles) > 1:
        body.append(render_summary(articles, anchors))
    if shown < len(articles):
        body.append(_cap_note(shown, len(articles), limit, f"The summary covers all {_num(len(articles))}."))
    for article, text, anchor in zip(articles[:shown], texts[:shown], anchors[:shown]):
        body.append(_record_section(article, text or "", anchor))
    if shown < len(articles):
        body.append(_left_out(articles[shown:], anchors[shown:]))
    return _page(title, body)


# --------------------------------------------------------------------------
# Batch summary and the claims chart
# --------------------------------------------------------------------------


def _claim_day(claim: DownloadClaim) -> dt.date | None:
    """Return where a claim sits in time: the last day of its period end, else the first of its start."""
    try:
        if claim.period_end:
            return PartialDate.parse(claim.period_end).last_day()
        if claim.period_start:
            return PartialDate.parse(claim.period_start).first_day()
    except ValueError:
        logger.warning("claim period %r..%r is not an ISO date", claim.period_start, claim.period_end)
    return None


def _series_colour(index: int) -> str:
    if index < len(_SERIES_COLOURS):
        return _SERIES_COLOURS[index]
    hue = (index * 137.508) % 360  # golden angle: far apart hues for any number of series
    return f"hsl({hue:.0f},62%,42%)"


def _power_label(exponent: int) -> str:
    if exponent < 0:
        return f"1e{exponent}"
    unit, scale = next((u, e) for u, e in (("Md", 9), ("M", 6), ("k", 3), ("", 0)) if exponent >= e)
    return f"{_num(10 ** (exponent - scale))} {unit}".strip()


def _time_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Return tick days and labels for a time axis from ``first`` to ``last``."""
    days = (last - first).days
    if days > 3 * 366:
        step = max(1, math.ceil((last.year - first.year + 1) / 12))
        return [
            (dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1, step) if dt.date(y, 1, 1) >= first
        ]
    if days > 62:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        step = max(1, math.ceil(months / 12))
        ticks, index = [], first.year * 12 + first.month  # the month after the first one
        while index <= last.year * 12 + last.month - 1:
            day = dt.date(index // 12, index % 12 + 1, 1)
            ticks.append((day, day.strftime("%Y-%m")))
            index += step
        return ticks
    step = max(1, math.ceil(days / 10))
    return [
        (first + dt.timedelta(days=d), (first + dt.timedelta(days=d)).isoformat()) for d in range(0, days + 1, step)
    ]


@dataclass(frozen=True)
class _Point:
    day: dt.date
    claim: DownloadClaim
    anchor: str
    article_id: str


def _claims_chart(points: Sequence[_Point], apps: Sequence[str | None]) -> str:
    """Return the inline SVG chart of claims over time (log count) and its legend."""
    width, height = 1100, 430 if len(points) >= 30 else 320
    left, right, top, bottom = 64, 18, 14, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = min(p.day for p in points), max(p.day for p in points)
    if (last - first).days < 2:
        first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    pad = max(1, (last - first).days // 40)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    low = math.floor(math.log10(min(p.claim.count for p in points)))
    high = max(low + 1, math.ceil(math.log10(max(p.claim.count for p in points))))
    span_days = (last - first).days

    def x(day: dt.date) -> float:
        return left + plot_w * (day - first).days / span_days

    def y(count: int) -> float:
        return top + plot_h * (1 - (math.log10(count) - low) / (high - low))

    middle = top + plot_h / 2
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="claims over time">']
    for exponent in range(low, high + 1):
        level = y(10**exponent)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{level:.1f}" y2="{level:.1f}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{level + 4:.1f}" text-anchor="end">{_esc(_power_label(exponent))}</text>'
        )
    for day, label in _time_ticks(first, last):
        pos = x(day)
        if not left + 20 <= pos <= width - right - 30:  # keep the label inside the frame
            continue
        parts.append(f'<line class="grid" x1="{pos:.1f}" x2="{pos:.1f}" y1="{top}" y2="{top + plot_h}"/>')
        parts.append(f'<text x="{pos:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_esc(label)}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}"/>')
    parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}"/>')
    parts.append(
        f'<text x="{left + plot_w / 2:.0f}" y="{height - 6}" text-anchor="middle">period (end, else start)</text>'
        f'<text x="14" y="{middle:.0f}" text-anchor="middle" transform="rotate(-90 14 {middle:.0f})">'
        "count (log scale)</text>"
    )
    by_app: dict[str | None, list[_Point]] = defaultdict(list)
    for point in points:
        by_app[point.claim.app].append(point)
    for index, app in enumerate(apps):
        colour = _NO_APP_COLOUR if app is None else _series_colour(index)
        series = sorted(by_app[app], key=lambda p: p.day)
        parts.append(f'<g class="series" data-series="{index}" fill="{colour}" stroke="{colour}">')
        for metric in METRICS:
            line = [p for p in series if p.claim.metric.value == metric]
            if len(line) > 1:
                path = " ".join(
                    f"{'M' if i == 0 else 'L'}{x(p.day):.1f},{y(p.claim.count):.1f}" for i, p in enumerate(line)
                )
                parts.append(f'<path d="{path}"/>')
        for point in series:
            claim, cx, cy = point.claim, x(point.day), y(point.claim.count)
            tip = (
                f"{claim.app or '∅ (no app)'}: {_QUALIFIER_SIGNS[claim.qualifier.value]}{_num(claim.count)} "
                f"{claim.metric.value}, {_period(claim.period_start, claim.period_end)}"
                f"{', source: ' + claim.source if claim.source else ''} ({point.article_id})"
            )
            shape = (
                f'<circle class="pt" cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" stroke="#fff" stroke-width="1">'
                if claim.metric.value == "downloads"
                else f'<rect class="pt" x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
                'stroke="#fff" stroke-width="1">'
            )
            closing = "</circle>" if claim.metric.value == "downloads" else "</rect>"
            parts.append(
                f'<a href="#{_esc(point.anchor)}" data-count="{claim.count}" data-app="{_esc(claim.app or "")}">'
                f"{shape}<title>{_esc(tip)}</title>{closing}</a>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    legend = [
        '<div class="legend"><span>● downloads &nbsp; ■ users &nbsp;·&nbsp; one colour per app '
        "(hover to see its claims joined in time order):</span>"
    ]
    for index, app in enumerate(apps):
        colour = _NO_APP_COLOUR if app is None else _series_colour(index)
        legend.append(
            f'<span data-series="{index}"><span class="sw" style="background:{colour}"></span>'
            f"{_esc(app or '∅ (no app)')} ({len(by_app[app])})</span>"
        )
    legend.append("</div>")
    return '<div class="chart">' + "".join(parts) + "".join(legend) + "</div>"


def render_summary(articles: Sequence[Article], anchors: Sequence[str] | None = None) -> str:
    """Return the batch summary section: entity counts by type and the claims over time.

    Args:
        articles: every record of the batch (the summary is never capped).
        anchors: the ``article-<id>`` anchors the chart's points link to.
    """
    anchors = list(anchors) if anchors is not None else _anchors(articles)
    records, names, mentions, in_articles = Counter(), defaultdict(Counter), Counter(), Counter()
    for article in articles:
        for kind in {e.type.value for e in article.entities}:
            in_articles[kind] += 1
        for entity in article.entities:
            records[entity.type.value] += 1
            names[entity.type.value][entity.name] += 1
            mentions[entity.type.value] += len(entity.mentions)
    entity_rows = [
        [
            _chip(kind),
            records[kind],
            len(names[kind]),
            mentions[kind],
            in_articles[kind],
            ", ".join(f"{name} ({n})" for name, n in names[kind].most_common(8)),
        ]
        for kind in TYPES
    ]
    dates = [d for a in articles for d in a.dates]
    claims_by_metric = Counter(c.metric.value for a in articles for c in a.claims)
    points, undated = [], []
    for article, anchor in zip(articles, anchors):
        for claim in article.claims:
            day = _claim_day(claim)
            if day is None:
                undated.append((claim, anchor, article.id or anchor))
            else:
                points.append(_Point(day, claim, anchor, article.id or anchor))
    parts = [
        '<section class="box summary"><h2>Batch summary</h2>',
        f'<p class="meta">{_num(len(articles))} articles · {_num(sum(records.values()))} entities · '
        f"{_num(len(dates))} dates ({_num(sum(d.value is not None for d in dates))} with a value) · "
        + " · ".join(f"{_num(claims_by_metric[m])} {m} claims" for m in METRICS)
        + "</p>",
        "<h3>Entities by type</h3>",
        _table(
            ["type", "entities", "distinct names", "mentions", "articles", "most frequent (articles)"],
            entity_rows,
            classes="entity-counts",
        ),
        f"<h3>Download and user claims over time ({_num(len(points))} with a period)</h3>",
    ]
    if points:
        per_app = Counter(p.claim.app for p in points)
        apps = sorted(per_app, key=lambda app: (app is None, -per_app[app], app or ""))
        parts.append(_claims_chart(points, apps))
        parts.append(
            '<p class="note">x: the last day of the period end, else the first day of the period start '
            "(at the precision given); y: the count on a log scale. Each point links to its article.</p>"
        )
    else:
        parts.append('<p class="note">No claim has a period.</p>')
    if undated:
        parts.append(f'<details class="undated"><summary>Claims without a period ({_num(len(undated))})</summary>')
        rows = [
            [c.app or "∅", c.count, c.qualifier.value, c.metric.value, c.source or "", _link(anchor, article_id)]
            for c, anchor, article_id in undated[:NO_PERIOD_ROWS]
        ]
        parts.append(_table(["app", "count", "qualifier", "metric", "source", "article"], rows, classes="undated"))
        if len(undated) > NO_PERIOD_ROWS:
            parts.append(f'<p class="note">… and {_num(len(undated) - NO_PERIOD_ROWS)} more.</p>')
        parts.append("</details>")
    parts.append("</section>")
    return "".join(parts)


# --------------------------------------------------------------------------
# Evaluation view
# --------------------------------------------------------------------------


def _entity_detail(entity: Entity) -> str:
    """Return how `evaluation.score_entities` names an entity in its errors."""
    return f"{entity.name} ({entity.type.value})"


def _claim_fp_detail(claim: DownloadClaim) -> str:
    """Return how `evaluation.score_claims` names a false alarm."""
    return f"{claim.app} {claim.count} {claim.qualifier.value} ({claim.text!r})"


def _claim_fn_detail(claim: DownloadClaim) -> str:
    """Return how `evaluation.score_claims` names a miss."""
    return f"{claim.app} {claim.count} ({claim.text!r})"


def _entity_offsets(entity: Entity, text: str) -> list[tuple[int, int]]:
    """Return an entity's mention offsets, or where its name or aliases occur when it has none."""
    if entity.mentions:
        return [(m.start, m.end) for m in entity.mentions]
    return _search_names(text, [entity.name, *entity.aliases])


def _evaluation_spans(gold: Article, pred: Article, errors: Sequence[ModelError], text: str) -> list[_Span]:
    """Return the spans of one article pair, each classed by outcome.

    The outcome comes from the scorer's own error list: a predicted span with
    an FP error is a false alarm, with a WRONG_VALUE or WRONG_PERIOD error a
    wrong value, otherwise a match; a gold span with an FN error is a miss.
    Gold entities and claims without offsets are found in the text.
    """
    located = {(e.field, e.kind, e.start, e.end) for e in errors if e.start is not None}
    named = Counter((e.field, e.kind, e.detail) for e in errors)
    wrong_periods = [e.detail for e in errors if e.kind == "WRONG_PERIOD" and e.start is None]
    spans: list[_Span] = []

    def outcome_of(field: str, start: int | None, end: int | None, fp_detail: str | None = None) -> str:
        if (field, "FP", start, end) in located or (fp_detail is not None and named[field, "FP", fp_detail]):
            return "false-alarm"
        if (field, "WRONG_VALUE", start, end) in located or (field, "WRONG_PERIOD", start, end) in located:
            return "wrong-value"
        return "match"

    for date in pred.dates:
        outcome = outcome_of("dates", date.start, date.end)
        data = [("data-type", "DATE"), ("data-outcome", outcome), ("data-pred", _date_value(date))]
        label = f"DATE {_date_value(date)}"
        title = f"{outcome}: DATE {date.text!r}\npredicted: {_date_value(date)}"
        if outcome == "wrong-value":
            expected = next((g for g in gold.dates if g.start < date.end and date.start < g.end), None)
            gold_value = _date_value(expected) if expected else "?"
            data.append(("data-gold", gold_value))
            label = f"DATE gold {gold_value} · pred {_date_value(date)}"
            title += f"\ngold: {gold_value}"
        spans.append(_Span(date.start, date.end, f"{outcome} t-DATE", label, title, tuple(data)))
    for date in gold.dates:
        if ("dates", "FN", date.start, date.end) in located:
            spans.append(
                _Span(
                    date.start,
                    date.end,
                    "miss t-DATE",
                    f"DATE {_date_value(date)}",
                    f"miss: DATE {date.text!r}\ngold: {_date_value(date)}",
                    (("data-type", "DATE"), ("data-outcome", "miss"), ("data-gold", _date_value(date))),
                )
            )

    for entity in pred.entities:
        outcome = "false-alarm" if named["entities", "FP", _entity_detail(entity)] else "match"
        for start, end in _entity_offsets(entity, text):
            spans.append(
                _Span(
                    start,
                    end,
                    f"{outcome} t-{entity.type.value}",
                    _entity_label(entity, text[start:end]),
                    f"{outcome}: " + _entity_title(entity, None),
                    (("data-type", entity.type.value), ("data-outcome", outcome), ("data-name", entity.name)),
                )
            )
    for entity in gold.entities:
        if named["entities", "FN", _entity_detail(entity)]:
            for start, end in _entity_offsets(entity, text):
                spans.append(
                    _Span(
                        start,
                        end,
                        f"miss t-{entity.type.value}",
                        _entity_label(entity, text[start:end]),
                        "miss: " + _entity_title(entity, None),
                        (("data-type", entity.type.value), ("data-outcome", "miss"), ("data-name", entity.name)),
                    )
                )

    for claim, start, end in _claim_offsets(pred.claims, text):
        field = f"claims.{claim.metric.value}"
        outcome = outcome_of(
            field, claim.start, claim.end, None if claim.start is not None else _claim_fp_detail(claim)
        )
        prefix = f"{claim.app} {claim.count}: predicted {claim.period_start}..{claim.period_end},"
        if claim.start is None and outcome == "match" and any(d.startswith(prefix) for d in wrong_periods):
            outcome = "wrong-value"
        if start is None or end is None:
            continue
        data = [
            *_claim_data(claim),
            ("data-outcome", outcome),
            ("data-pred", _period(claim.period_start, claim.period_end)),
        ]
        label, title = _claim_label(claim), f"{outcome}: " + _claim_title(claim)
        if outcome == "wrong-value":
            expected = _gold_claim_for(gold, claim)
            gold_period = _period(expected.period_start, expected.period_end) if expected else "?"
            data.append(("data-gold", gold_period))
            label += f" · period gold {gold_period} · pred {_period(claim.period_start, claim.period_end)}"
            title += f"\ngold period: {gold_period}"
        spans.append(_Span(start, end, f"{outcome} t-CLAIM", label, title, tuple(data)))
    for claim, start, end in _claim_offsets(gold.claims, text):
        field = f"claims.{claim.metric.value}"
        key = (field, "FN", _claim_fn_detail(claim))
        if named[key] and start is not None and end is not None:
            named[key] -= 1
            spans.append(
                _Span(
                    start,
                    end,
                    "miss t-CLAIM",
                    _claim_label(claim),
                    "miss: " + _claim_title(claim),
                    (*_claim_data(claim), ("data-outcome", "miss")),
                )
            )
    return spans


def _gold_claim_for(gold: Article, claim: DownloadClaim) -> DownloadClaim | None:
    """Return the gold claim a predicted one was matched with (same metric and count; app by name first)."""
    same = [g for g in gold.claims if g.metric == claim.metric and g.count == claim.count]
    return next(
        (g for g in same if (g.app or "").casefold() == (claim.app or "").casefold()), same[0] if same else None
    )


def _prf_row(name: str, prf: PRF) -> list[object]:
    return [name, prf.precision, prf.recall, prf.f1, prf.tp, prf.fp, prf.fn]


def _score_tables(report: Report) -> str:
    """Return the report's tables (entities, dates, claims) as flex columns, like `format_report` prints them."""
    headers = ["", "P", "R", "F1", "tp", "fp", "fn"]
    entities = [_prf_row(t, report.entities_by_type[t]) for t in TYPES] + [_prf_row("overall", report.entities)]
    dates = [_prf_row("span", report.date_spans), _prf_row("strict", report.date_strict)]
    values = report.date_values
    claims = [
        _prf_row(m, report.claims[m])
        + [f"{report.periods[m].value:.3f} ({report.periods[m].correct}/{report.periods[m].total})"]
        for m in METRICS
    ]
    return (
        f"<div><h3>Entities</h3>{_table(['entities', *headers[1:]], entities, classes='scores-entities')}</div>"
        f"<div><h3>Dates</h3>{_table(['dates', *headers[1:]], dates, classes='scores-dates')}"
        f'<p class="meta">value accuracy {values.value:.3f} ({values.correct}/{values.total})</p></div>'
        "<div><h3>Claims</h3>"
        f"{_table(['claims', *headers[1:], 'period accuracy'], claims, classes='scores-claims')}</div>"
    )


def _article_scores(report: Report) -> str:
    scores = report.scores()
    row = [
        scores["entities.f1"],
        scores["dates.span_f1"],
        scores["dates.strict_f1"],
        scores["claims.downloads.f1"],
        scores["claims.users.f1"],
        scores["claims.period_accuracy"],
    ]
    return _table(
        ["entities F1", "dates span F1", "dates strict F1", "downloads F1", "users F1", "period accuracy"],
        [row],
        classes="article-scores",
    )


def _error_table(errors: Sequence[ModelError]) -> str:
    if not errors:
        return '<p class="note">No error.</p>'
    rows = [
        [
            e.field,
            _Html(f'<span class="kind-{_esc(e.kind)}">{_esc(e.kind)}</span>'),
            e.detail,
            "" if e.start is None else f"{e.start}–{e.end}",
        ]
        for e in sorted(errors, key=lambda e: (e.field, e.kind, e.start if e.start is not None else -1))
    ]
    return _table(["field", "kind", "detail", "offsets"], rows, classes="errors")


def _outcome_legend() -> str:
    chips = {
        "match": "in both",
        "miss": "gold only",
        "false-alarm": "prediction only",
        "wrong-value": "matched span, wrong value or period (both shown)",
    }
    return (
        '<p class="meta">'
        + " &nbsp; ".join(f"{_chip(outcome, outcome)} {_esc(what)}" for outcome, what in chips.items())
        + " &nbsp; Hover a span for its fields.</p>"
    )


def render_evaluation(
    golds: Sequence[Article],
    preds: Sequence[Article],
    report: Report,
    *,
    limit: int = DEFAULT_LIMIT,
    title: str = "Evaluation review",
) -> str:
    """Return one self-contained HTML page comparing predictions with gold articles.

    The report's tables come first, then an index of the articles sorted by
    number of errors (most first), then each article: its scores, its text
    with spans classed ``match``, ``miss`` (gold only), ``false-alarm``
    (prediction only) or ``wrong-value`` (both values shown), and its errors.

    Args:
        golds: the gold articles (their text is the one shown).
        preds: the predicted record of each gold article, in the same order.
        report: the report over all pairs, as `evaluate_articles` returns it.
        limit: the most articles rendered in full; the rest are listed by id.
        title: the page title.

    Raises:
        ValueError: if ``golds`` and ``preds`` differ in length or ``limit`` < 1.
    """
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold articles but {len(preds)} predictions")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    anchors = _anchors(golds)
    reports = [evaluate_articles([(gold, pred)]) for gold, pred in zip(golds, preds)]
    order = sorted(range(len(golds)), key=lambda i: (-len(reports[i].errors), golds[i].id or ""))
    shown = order[: min(limit, len(order))]
    kinds = Counter((e.field, e.kind) for e in report.errors)
    fields = ["entities", "dates", *(f"claims.{m}" for m in METRICS)]
    error_kinds = ["FP", "FN", "WRONG_VALUE", "WRONG_PERIOD"]
    body = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="meta">{_count(report.articles, "article")} · {_count(len(report.errors), "error")}</p>',
        _outcome_legend(),
        f'<section class="box scores"><h2>Overall scores</h2><div class="cols">{_score_tables(report)}',
        "<div><h3>Errors by field and kind</h3>",
        _table(
            ["errors", *error_kinds], [[f, *(kinds[f, k] for k in error_kinds)] for f in fields], classes="error-counts"
        ),
        "</div></div></section>",
    ]
    index_rows = [
        [
            _link(anchors[i], golds[i].id or anchors[i]),
            len(reports[i].errors),
            reports[i].entities.f1,
            reports[i].date_strict.f1,
            reports[i].claims["downloads"].f1,
            reports[i].claims["users"].f1,
        ]
        for i in order[:limit]
    ]
    if len(golds) > 1:
        body.append(
            '<section class="box"><h2>Articles by number of errors</h2>'
            + _table(
                ["article", "errors", "entities F1", "dates strict F1", "downloads F1", "users F1"],
                index_rows,
                classes="article-index",
            )
            + "</section>"
        )
    if len(shown) < len(golds):
        body.append(_cap_note(len(shown), len(golds), limit, f"The overall scores cover all {_num(len(golds))}."))
    for i in shown:
        gold, pred, errors = golds[i], preds[i], reports[i].errors
        text = gold.text or pred.text or ""
        body.append(
            f'<section class="box article" id="{_esc(anchors[i])}"><h2>{_esc(gold.id or anchors[i])}</h2>'
            f'<p class="meta">{_count(len(errors), "error")} · published: {_esc(gold.published or "—")}</p>'
            f'<div class="cols"><div><h3>Scores</h3>{_article_scores(reports[i])}</div>'
            f"<div><h3>Errors ({len(errors)})</h3>{_error_table(errors)}</div></div>"
            f'<div class="txt">{_mark_text(text, _evaluation_spans(gold, pred, errors, text))}</div></section>'
        )
    if len(shown) < len(golds):
        rest = order[len(shown) :]
        body.append(
            _left_out(
                [golds[i] for i in rest], [anchors[i] for i in rest], [f"{len(reports[i].errors)} errors" for i in rest]
            )
        )
    return _page(title, body, classes="ev")


# --------------------------------------------------------------------------
# Runners for the command line
# --------------------------------------------------------------------------


def show(inputs: Sequence[Path], output: Path, *, limit: int = DEFAULT_LIMIT) -> int:
    """Run the pipeline over files or folders and write the records view; return the number of articles.

    Inputs that cannot be read are logged and left out, as ``extractor run``
    counts them.
    """
    from extractor.api import ArticleInput, extract_many
    from extractor.batch import InputError, iter_inputs

    items: list[ArticleInput] = []
    for item in iter_inputs(inputs):
        if isinstance(item, InputError):
            logger.warning("%s (%s): %s", item.id, item.path, item.reason)
        else:
            items.append(item)
    articles = list(extract_many(items, include_text=True))
    page = render_records(articles, [article.text or "" for article in articles], limit=limit)
    Path(output).write_text(page, encoding="utf-8")
    logger.info("wrote %s: %d articles", output, len(articles))
    return len(articles)


def evaluation_html(
    gold_paths: Sequence[Path], output: Path, *, predictions: Path | None = None, limit: int = DEFAULT_LIMIT
) -> Report:
    """Score gold files and write the evaluation view; return the report.

    The predictions are the pipeline's on the gold texts, or those read from
    ``predictions`` (matched to the gold articles by id).

    Raises:
        ValueError: if a file is invalid or a gold article has no prediction.
    """
    golds, preds = gold_and_predictions(gold_paths, predictions=predictions)
    report = evaluate_articles(zip(golds, preds))
    Path(output).write_text(render_evaluation(golds, preds, report, limit=limit), encoding="utf-8")
    logger.info("wrote %s: %d articles, %d errors", output, report.articles, len(report.errors))
    return report

"""The weekly digest e-mail: what changed (analysis.changes) as an HTML part with inline-styled
tables and inline chart images (multipart/related, by Content-ID), a plain-text part, and an
optional attachment (the briefing deck)."""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import pandas as pd

from zi_dashboard import charts
from zi_dashboard.analysis import metrics
from zi_dashboard.analysis.changes import Changes
from zi_dashboard.analysis.frames import Tables
from zi_dashboard.domain import rules, schema
from zi_dashboard.exports.images import ImageExporter, ImageExportError
from zi_dashboard.i18n import format_date, format_number, t
from zi_dashboard.i18n.format import DEFAULT_ZONE, format_datetime

__all__ = ["Attachment", "DigestMail", "IMAGE_WIDTH", "MAX_LISTED", "Period", "build_digest",
           "email_message", "standalone_html"]

MAX_LISTED = 25  # rows a section lists before it says "and N more"
IMAGE_WIDTH = 640  # px as shown in the mail (rendered at twice that)
_TABLE = "border-collapse:collapse;width:100%;max-width:720px;font-size:14px;margin:6px 0 14px"
_CELL = "border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top"
_HEAD = _CELL + ";background:#f0f3f6;font-weight:bold"
_BODY = "font-family:Arial,Helvetica,sans-serif;color:#1f2328;line-height:1.45;max-width:760px"


@dataclass(frozen=True)
class Period:
    """The versions a digest covers: from `old_id` (None: from nothing) up to `new_id`."""

    old_id: int | None
    old_at: object  # aware datetime or None
    new_id: int
    new_at: object


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str


@dataclass
class DigestMail:
    """The digest's parts in one language; images are (content-id, PNG bytes, alt text)."""

    subject: str
    text: str
    html: str
    lang: str
    images: list[tuple[str, bytes, str]] = field(default_factory=list)
    image_note: str = ""  # why there are no images ("" when there are, or none was asked)


@dataclass
class _Section:
    title: str
    lines: list[str]  # sentences, before the table
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    more: int = 0


def _n(value: int, lang: str) -> str:
    return format_number(value, lang, 0)


def _text(value: object) -> str:
    return "–" if value is None or (isinstance(value, float) and pd.isna(value)) or (
        value is pd.NA) else str(value)


def _listed(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    return frame.head(MAX_LISTED), max(0, len(frame) - MAX_LISTED)


def _eligibility(changes: Changes, lang: str) -> _Section:
    frame = changes.eligibility
    section = _Section(t("digest.eligibility", lang), [])
    if frame.empty:
        section.lines.append(t("digest.eligibility_none", lang))
        return section
    for target in ("wbk", "wbbm"):
        for change in ("met", "missed"):
            n = int(((frame["target"] == target) & (frame["change"] == change)).sum())
            if n:
                section.lines.append(t(f"digest.{change}", lang, n=_n(n, lang),
                                       target=target.upper()))
    shown, section.more = _listed(frame)
    gaps = bool((frame["change"] == "missed").any())  # what a unit now lacks
    section.columns = [t("digest.col.unit", lang), t("digest.col.eselon1", lang),
                       t("digest.col.verdict", lang), t("digest.col.rule_set", lang),
                       *([t("digest.col.gaps", lang)] if gaps else [])]
    section.rows = [[_text(r.unit_name), _text(r.eselon1),
                     t(f"digest.{r.change}_one", lang, target=r.target.upper()),
                     rules.rule_set(r.rule_set).label(lang), *([r.gaps or ""] if gaps else [])]
                    for r in shown.itertuples()]
    return section


def _stages(changes: Changes, lang: str) -> _Section:
    frame = changes.stages
    section = _Section(t("digest.stages", lang), [t("digest.stages_n", lang, n=_n(len(frame), lang))
                                                  if len(frame) else t("digest.stages_none", lang)])
    shown, section.more = _listed(frame)
    if len(frame):
        section.columns = [t("digest.col.unit", lang), t("digest.col.eselon1", lang),
                           t("digest.col.from", lang), t("digest.col.to", lang)]
        section.rows = [[_text(r.unit_name), _text(r.eselon1),
                         schema.STAGES.label(r.old, lang) if r.old else "–",
                         schema.STAGES.label(r.new, lang) if r.new else "–"]
                        for r in shown.itertuples()]
    return section


def _agents(changes: Changes, lang: str, show_rows: bool) -> list[_Section]:
    added, removed = changes.agents_added, changes.agents_removed
    section = _Section(t("digest.agents", lang), [t("digest.agents_n", lang,
                                                    added=_n(len(added), lang),
                                                    removed=_n(len(removed), lang))
                                                  if len(added) or len(removed)
                                                  else t("digest.agents_none", lang)])
    if changes.per_eselon1.empty:
        return [section]
    section.columns = [t("digest.col.eselon1", lang), t("digest.col.added", lang),
                       t("digest.col.removed", lang)]
    section.rows = [[_text(r.eselon1), _n(r.added, lang), _n(r.removed, lang)]
                    for r in changes.per_eselon1.itertuples()]
    out = [section]
    if not show_rows:  # names are for those who may see rows: counts only
        return out
    for key, frame in (("digest.agents_added", added), ("digest.agents_removed", removed)):
        if frame.empty:
            continue
        shown, more = _listed(frame)
        out.append(_Section(t(key, lang), [], [t("digest.col.name", lang),
                                               t("digest.col.unit", lang),
                                               t("digest.col.eselon1", lang)],
                            [[_text(r.name), _text(r.unit_name), _text(r.eselon1)]
                             for r in shown.itertuples()], more))
    return out


def _overdue(changes: Changes, lang: str, show_rows: bool) -> _Section:
    frame = changes.overdue
    section = _Section(t("digest.overdue", lang), [t("digest.overdue_n", lang, n=_n(len(frame), lang))
                                                   if len(frame) else t("digest.overdue_none", lang)])
    if frame.empty:
        return section
    if show_rows:
        shown, section.more = _listed(frame)
        section.columns = [t("digest.col.plan", lang), t("digest.col.unit", lang),
                           t("digest.col.due", lang), t("digest.col.days", lang)]
        section.rows = [[_text(r.title), _text(r.unit_name), format_date(r.due_date, lang),
                         _n(int(r.days_overdue), lang)] for r in shown.itertuples()]
    else:  # counts per Eselon I, no titles
        counts = frame["eselon1"].fillna("–").value_counts().sort_index()
        section.columns = [t("digest.col.eselon1", lang), t("digest.col.plans", lang)]
        section.rows = [[str(k), _n(int(v), lang)] for k, v in counts.items()]
    return section


def _period_text(period: Period, lang: str, zone: str) -> str:
    new = t("digest.version_at", lang, version=period.new_id,
            at=format_datetime(period.new_at, lang, zone))
    if period.old_id is None:
        return t("digest.period_start", lang, new=new)
    old = t("digest.version_at", lang, version=period.old_id,
            at=format_datetime(period.old_at, lang, zone))
    if period.old_id == period.new_id:
        return t("digest.period_same", lang, new=new)
    return t("digest.period", lang, old=old, new=new)


def _charts(tables: Tables, lang: str, source: str) -> list[tuple[str, object]]:
    """(key, figure) of the charts the digest shows: stages now, agents per Eselon I now."""
    return [("stages", charts.stage_bar(metrics.stage_counts(tables["units"]), lang,
                                        source=source)),
            ("agents", charts.agents_per_eselon1_bar(metrics.agents_per_eselon1(tables), lang,
                                                     source=source))]


def _images(figures: list[tuple[str, object]], exporter: ImageExporter | None, lang: str
            ) -> tuple[list[tuple[str, bytes, str]], str]:
    if exporter is None or not exporter.available():
        return [], exporter.unavailable_message(lang) if exporter is not None else ""
    try:
        pngs = exporter.to_images([fig for _, fig in figures], "png", width=IMAGE_WIDTH, scale=2)
    except ImageExportError as exc:
        return [], exporter.unavailable_message(lang) or str(exc)
    return [(make_msgid(f"zi-{key}")[1:-1], png, charts.alt_text(fig))
            for (key, fig), png in zip(figures, pngs, strict=True)], ""


def _html_table(section: _Section) -> str:
    if not section.columns:
        return ""
    head = "".join(f'<th style="{_HEAD}">{html.escape(c)}</th>' for c in section.columns)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{html.escape(v)}</td>' for v in row)
                   + "</tr>" for row in section.rows)
    return f'<table role="table" style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _text_table(section: _Section) -> list[str]:
    if not section.columns:
        return []
    return [" | ".join(section.columns)] + [" | ".join(row) for row in section.rows]


def build_digest(changes: Changes, tables: Tables, period: Period, *, scope_text: str,
                 show_rows: bool, lang: str = "id", zone: str = DEFAULT_ZONE,
                 exporter: ImageExporter | None = None) -> DigestMail:
    """The digest of `changes` in `lang`; `tables` (the new version as the principal sees it)
    feed the charts; `show_rows` False lists no agent names or plan titles, only counts."""
    empty = changes.is_empty
    n = len(changes.eligibility) + len(changes.stages) + len(changes.agents_added) + len(
        changes.agents_removed) + len(changes.overdue)
    versions = (f"{period.old_id} → {period.new_id}" if period.old_id not in (None, period.new_id)
                else str(period.new_id))
    subject = t("digest.subject_none" if empty else "digest.subject", lang, n=_n(n, lang),
                versions=versions)
    sections = [_eligibility(changes, lang), _stages(changes, lang),
                *_agents(changes, lang, show_rows), _overdue(changes, lang, show_rows)]
    source = t("app.source", lang, version=period.new_id)
    images, note = _images(_charts(tables, lang, source), exporter, lang)
    intro = [_period_text(period, lang, zone), t("digest.scope", lang, scope=scope_text)]
    headline = t("digest.nothing", lang) if empty else t("digest.summary", lang, n=_n(n, lang))
    footer = t("digest.footer", lang, source=source)

    text = [t("digest.title", lang), "", *intro, "", headline, ""]
    for s in sections if not empty else []:
        text += [s.title.upper(), *s.lines, *_text_table(s)]
        text += [t("digest.more", lang, n=_n(s.more, lang))] if s.more else []
        text.append("")
    text += [t("digest.charts_note", lang) if images else note, "", footer]

    esc = html.escape
    parts = [f'<h1 style="font-size:20px;margin:0 0 8px">{esc(t("digest.title", lang))}</h1>',
             *(f'<p style="margin:2px 0">{esc(line)}</p>' for line in intro),
             f'<p style="font-size:16px;font-weight:bold;margin:12px 0">{esc(headline)}</p>']
    for s in sections if not empty else []:
        parts.append(f'<h2 style="font-size:16px;margin:16px 0 4px">{esc(s.title)}</h2>')
        parts += [f'<p style="margin:2px 0">{esc(line)}</p>' for line in s.lines]
        parts.append(_html_table(s))
        if s.more:
            parts.append(f'<p style="margin:2px 0">{esc(t("digest.more", lang, n=_n(s.more, lang)))}</p>')
    if images:
        parts.append(f'<h2 style="font-size:16px;margin:16px 0 4px">{esc(t("digest.charts", lang))}</h2>')
        parts += [f'<p style="margin:8px 0"><img src="cid:{cid}" width="{IMAGE_WIDTH}" '
                  f'alt="{esc(alt)}" style="max-width:100%;height:auto;border:0"></p>'
                  for cid, _, alt in images]
    elif note:
        parts.append(f'<p style="margin:8px 0;color:#57606a">{esc(note)}</p>')
    parts.append(f'<p style="margin:16px 0 0;color:#57606a;font-size:12px">{esc(footer)}</p>')
    document = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                f'<title>{esc(subject)}</title></head><body style="{_BODY}">'
                + "".join(parts) + "</body></html>")
    return DigestMail(subject, "\n".join(text).strip() + "\n", document, lang, images, note)


def email_message(mail: DigestMail, *, sender: str, recipients: Sequence[str],
                  attachments: Sequence[Attachment] = ()) -> EmailMessage:
    """multipart/mixed (when attached) > alternative > plain text, related(HTML, PNGs by cid)."""
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid("zi-digest")
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    html_part = message.get_payload()[1]
    for cid, png, _alt in mail.images:
        html_part.add_related(png, "image", "png", cid=f"<{cid}>", filename=f"{cid.split('@')[0]}.png")
    for item in attachments:
        main, sub = item.mime.split("/", 1)
        message.add_attachment(item.data, maintype=main, subtype=sub, filename=item.filename)
    message["Content-Language"] = mail.lang  # last: set_content drops Content-* headers
    return message


def standalone_html(mail: DigestMail) -> str:
    """The HTML part as one file: each cid: image as a data: URI, so a browser shows it."""
    page = mail.html
    for cid, png, _alt in mail.images:
        page = page.replace(f'src="cid:{cid}"',
                            f'src="data:image/png;base64,{base64.b64encode(png).decode()}"')
    return page

"""Data as text, never markup: escapes for where names meet Markdown or Plotly's HTML subset.

Unit, Eselon I and agent names come from uploaded files. Streamlit renders captions, alerts and
labels as Markdown (and some HTML), and Plotly renders `<b>`, `<a href>` and `<br>` in hover,
label and title text; a name holding either would become live markup on a public page.
"""

from __future__ import annotations

import html
import re

__all__ = ["markdown_text", "plotly_text"]

# Everything CommonMark (and Streamlit's extras: :colour[…], :material/…:, $math$) gives meaning.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:$&=])")


def markdown_text(value: object) -> str:
    """`value` shown literally inside Markdown: every markup character backslash-escaped and
    line breaks flattened (a name never starts a heading or a list)."""
    text = " ".join(str(value).split())
    return _MARKDOWN.sub(r"\\\1", text)


def plotly_text(value: object) -> str:
    """`value` shown literally in Plotly text: `<`, `>` and `&` as entities."""
    return html.escape(str(value), quote=False)

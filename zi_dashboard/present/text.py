"""Data as text, never markup: escapes for where names meet Markdown or Plotly's HTML subset.

Unit, Eselon I and agent names come from uploaded files. Streamlit renders captions, alerts and
labels as Markdown (and some HTML), and Plotly renders `<b>`, `<a href>` and `<br>` in hover,
label and title text; a name holding either would become live markup on a public page.

Where each escape belongs (checked in Streamlit 1.67's browser rendering, tests/test_markup.py):
- `markdown_text`: captions, alerts, st.markdown, subheaders, widget and metric labels, help
  tooltips, tab and expander labels, page-link labels, and the options of pills,
  segmented_control and radio;
- nothing: selectbox and multiselect options (`format_func` output), dataframes and download
  file names are plain text there, and an escape would show its backslashes;
- `plotly_text`: every string a figure shows (titles, tick labels, trace, pie and treemap
  labels, annotations, and the custom data a hovertemplate prints).
"""

from __future__ import annotations

import html
import re

__all__ = ["WORD_JOINER", "markdown_text", "plotly_text"]

# Everything CommonMark (and Streamlit's extras: :colour[…], :material/…:, $math$) gives meaning.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:$&=])")
# An invisible, non-breaking character (U+2060) that splits patterns which Streamlit's Markdown
# finds in the text *after* backslash escapes are read, so escapes alone cannot stop them: GFM
# autolinks (http://…, www.…, name@host.tld), :material/…: icons, :streamlit:, :emoji: codes and
# the arrows made of "->", "<=", "--".
WORD_JOINER = "\u2060"
_AFTER_ESCAPED_COLON = re.compile(r"(\\:)")
_BEFORE_AT = re.compile(r"@")
_WWW_DOT = re.compile(r"(?i)(www)(?=\\\.)")
_SYMBOL_PAIR = re.compile(r"(\\[-<>~])(?=\\[-<>=])")


def markdown_text(value: object) -> str:
    """`value` shown literally inside Markdown: every markup character backslash-escaped, line
    breaks flattened (a name never starts a heading or a list), and autolinks, icons and arrows
    broken by an invisible word joiner."""
    text = _MARKDOWN.sub(r"\\\1", " ".join(str(value).split()))
    text = _AFTER_ESCAPED_COLON.sub(r"\1" + WORD_JOINER, text)
    text = _BEFORE_AT.sub(WORD_JOINER + "@", text)
    text = _WWW_DOT.sub(r"\1" + WORD_JOINER, text)
    return _SYMBOL_PAIR.sub(r"\1" + WORD_JOINER, text)


def plotly_text(value: object) -> str:
    """`value` shown literally in Plotly text: `<`, `>` and `&` as entities (Plotly reads tags
    and entities in every label, title and hover text)."""
    return html.escape("" if value is None else str(value), quote=False)

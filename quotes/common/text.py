"""HTML (what CMS editors store) as plain text for the parser.

The markup is parsed by BeautifulSoup over Python's own ``html.parser`` (no C
library, tolerant of the broken markup editors produce). Entities are decoded;
script, style and other non-text elements are dropped; block elements become
paragraph breaks (``"\\n\\n"``) and ``<br>`` a line break, so the sentence
splitter sees the paragraphs a reader sees. Whitespace inside a paragraph is
collapsed as a browser renders it (``<pre>`` keeps its line breaks). The
response returns this text, and every offset indexes it.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

DROP = frozenset(
    "script style noscript template head title svg math iframe object embed canvas audio video select button input textarea".split()
)
BLOCKS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul""".split()
)
_NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")
_LEAVE = object()  # marks the end of an element on the walk's stack


def has_text(text: str) -> bool:
    """Whether a reader would see anything: a character other than white space and the invisible
    format characters (Unicode ``Cf``: zero-width space and joiners, soft hyphen, byte order mark,
    direction marks), which is what "HTML with no text" (a 422) means."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def html_to_text(html: str) -> str:
    """The readable text of an HTML document or fragment, paragraphs separated by a blank line."""
    html = html.removeprefix("\ufeff")  # a byte order mark (files saved by editors): not text, as in a browser
    paragraphs: list[str] = []
    line: list[str] = []  # pieces of the current paragraph; "\n" for <br>

    def flush() -> None:
        lines = (re.sub(" {2,}", " ", ln).strip(" ") for ln in "".join(line).split("\n"))
        text = "\n".join(ln for ln in lines if ln)
        if text:
            paragraphs.append(text)
        line.clear()

    soup = BeautifulSoup(html, "html.parser")
    # An explicit stack, not recursion: deeply nested markup must not overflow.
    stack: list[object] = list(reversed(soup.contents))
    pre = 0
    while stack:
        node = stack.pop()
        if node is _LEAVE:
            node = stack.pop()
            pre -= node.name == "pre"
            flush()
        elif isinstance(node, Tag):
            if node.name in DROP:
                continue
            if node.name == "br":
                line.append("\n")
            elif node.name in BLOCKS:
                flush()
                pre += node.name == "pre"
                stack.extend((node, _LEAVE))
                stack.extend(reversed(node.contents))
            else:
                stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            if pre:
                line.append("\n".join(_SPACE.sub(" ", ln) for ln in str(node).split("\n")))
            else:
                line.append(_SPACE.sub(" ", str(node)))
    flush()
    return "\n\n".join(paragraphs)


# bs4 fills its entity tables on first use (~0.2 s); pay that at import, before gunicorn forks.
html_to_text("&amp;")

"""Find quoted stretches in raw text, before any parsing.

Quote-mark conventions are data (:data:`MARKS`); the scanner decides for each
mark whether it opens, closes, or is an apostrophe, from its neighbours.

>>> [q.text for q in find_quotes('He said "yes," and left. It\u2019s \u2018fine\u2019.')]
['"yes,"', '\u2018fine\u2019']
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


# mark -> (level, role). Level "double" quotes are quotations; "single" ones
# are quotations only at top level (headlines, British style) and are left
# inside a double quote (a nested quote stays part of the outer one).
MARKS: dict[str, tuple[str, Role]] = {
    "\u201c": ("double", Role.OPEN),  # “
    "\u201d": ("double", Role.CLOSE),  # ”
    "\u201e": ("double", Role.OPEN),  # „
    "\u201f": ("double", Role.OPEN),  # ‟
    "\u00ab": ("double", Role.OPEN),  # «
    "\u00bb": ("double", Role.CLOSE),  # »
    '"': ("double", Role.EITHER),
    "''": ("double", Role.EITHER),  # NYT writes '' for both ends
    "``": ("double", Role.OPEN),  # PTB / LaTeX opener
    "\u2018": ("single", Role.OPEN),  # ‘
    "\u2019": ("single", Role.CLOSE),  # ’ (also the apostrophe)
    "\u2039": ("single", Role.OPEN),  # ‹
    "\u203a": ("single", Role.CLOSE),  # ›
    "'": ("single", Role.EITHER),
}
_MARK_RE = re.compile("|".join(re.escape(m) for m in sorted(MARKS, key=len, reverse=True)))
# A mark may open after these (besides whitespace and the paragraph start).
_BEFORE_OPENER = set("([{\u2014\u2013-/:;,") | {m for m, (_, r) in MARKS.items() if len(m) == 1 and r is not Role.CLOSE}


class QuoteSpan(NamedTuple):
    """A quoted stretch ``text[start:end]``, marks included.

    ``closed`` is False when the paragraph ended first (news convention for a
    quotation running on); ``continues`` is True when this stretch reopens
    such an unclosed quotation at the start of the next paragraph. A named tuple:
    built in C, compiled or not (a dataclass's ``__init__`` stays interpreted).
    """

    start: int
    end: int
    text: str
    closed: bool
    continues: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets without the marks (and without the closing mark if any)."""
        s = self.start
        while s < self.end and self.text[s - self.start] in "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u2039\u203a`":
            s += 1
        e = self.end
        if self.closed:
            while e > s and self.text[e - 1 - self.start] in "\"'\u201c\u201d\u00bb\u2019\u203a":
                e -= 1
        return s, e


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_quotes(text: str) -> list[QuoteSpan]:
    """All top-level quoted stretches of ``text`` in order."""
    spans: list[QuoteSpan] = []
    prev_unclosed = False
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        if not para.strip():
            continue  # blank lines do not end a run-on quotation
        found, unclosed = _scan_paragraph(para)
        first_offset = len(para) - len(para.lstrip())
        for k, (s, e, closed) in enumerate(found):
            continues = prev_unclosed and k == 0 and s == first_offset
            spans.append(QuoteSpan(p_start + s, p_start + e, text[p_start + s : p_start + e], closed, continues))
        prev_unclosed = unclosed
    return spans


def _wholly_straight_quoted(para: str) -> tuple[int, int] | None:
    """A paragraph that opens and ends with the only two straight double marks in it and quotes
    with curly ones inside (``"I've learned ... as “too loud” or “too that.”"``): mixed typography,
    one quotation with nested ones, whatever the curly marks would pair with on their own."""
    body = para.strip()
    if len(body) < 3 or body[0] != '"' or body[-1] != '"' or body.count('"') != 2:
        return None
    if not any(c in body for c in "“”„‟"):
        return None  # no curly doubles: the scan below reads it the same way
    start = len(para) - len(para.lstrip())
    return start, start + len(body)


# Words that open a speech tag right after a quotation, never a possessed noun.
_SPEECH_TAG_WORDS = frozenset({"he", "she", "they", "we", "i", "you", "it", "said", "says", "added", "told", "asked"})


def _plural_possessive(para: str, i: int, j: int) -> bool:
    """ "'We will not sign away our members' futures,' she said": after an "s" and before a word in
    lower case, a single mark is an apostrophe when a later one can still close the quotation."""
    if para[i - 1 : i] != "s" or para[j : j + 1] != " " or not para[j + 1 : j + 2].islower():
        return False
    if para[j + 1 :].split(maxsplit=1)[0].strip(",.") in _SPEECH_TAG_WORDS:
        return False  # "'Vote for the Democrats' she said, ...": the quotation ends there
    return any(
        MARKS[m.group()][0] == "single" and MARKS[m.group()][1] is not Role.OPEN and _can_close(para, m.start(), m.end())
        for m in _MARK_RE.finditer(para, j)
    )


def _can_close(para: str, i: int, j: int) -> bool:
    """May the mark at ``para[i:j]`` close a quotation: a word before it, none glued after it?"""
    prev = para[i - 1] if i > 0 else " "
    nxt = para[j] if j < len(para) else " "
    return not prev.isspace() and not nxt.isalnum()


def _scan_paragraph(para: str) -> tuple[list[tuple[int, int, bool]], bool]:
    whole = _wholly_straight_quoted(para)
    if whole is not None:
        return [(*whole, True)], False
    found: list[tuple[int, int, bool]] = []
    dq: int | None = None  # start of the open double quote
    sq: int | None = None  # start of an open top-level single quote
    inner: int | None = None  # start of a double quote nested in the single one
    pending: list[tuple[int, int, bool]] = []  # nested double quotes, kept if the single one never closes
    n = len(para)
    for m in _MARK_RE.finditer(para):
        i, j, mark = m.start(), m.end(), m.group()
        level, role = MARKS[mark]
        prev = para[i - 1] if i > 0 else " "
        nxt = para[j] if j < n else " "
        can_open = (prev.isspace() or prev in _BEFORE_OPENER) and not nxt.isspace()
        can_close = _can_close(para, i, j)
        if level == "double" and sq is not None:
            # British style: a double quote nested in an open single one stays part of it.
            if inner is None and (role is Role.OPEN or (role is Role.EITHER and can_open)):
                inner = i
            elif inner is not None and role is not Role.OPEN:
                pending.append((inner, j, True))
                inner = None
            continue
        if level == "double":
            if dq is None:
                # A closing mark opening the paragraph closes nothing: a mistyped opener ("” … what I learned").
                opens_paragraph = role is Role.CLOSE and not para[:i].strip()
                if role is Role.OPEN or (role is Role.EITHER and (can_open or not can_close)) or opens_paragraph:
                    dq, sq = i, None
            elif role is Role.CLOSE or (role is Role.EITHER and (can_close or not can_open)):
                found.append((dq, j, True))
                dq = None
            elif role is Role.OPEN and can_open and not can_close:
                # A second opener: the first was never closed; restart here.
                dq = i
            continue
        if dq is not None:
            continue  # nested single quotes stay inside the double quote
        if sq is not None and role is not Role.OPEN and can_close and not _plural_possessive(para, i, j):
            found.append((sq, j, True))
            sq, pending = None, []
        elif sq is None and role is not Role.CLOSE and can_open and not prev.isalnum() and not nxt.isdigit():
            sq = i
    if pending:  # the single quote never closed: it was an apostrophe, the doubles are quotations
        found = sorted(found + pending)
    if dq is not None:
        end = len(para.rstrip())
        found.append((dq, end, False))
        found.sort()
        return found, True
    return found, False

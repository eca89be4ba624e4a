"""Build a Parse from a compact hand-written dependency table, through Stanza's
own CoNLL-U reader, so unit tests pin exact behaviour in milliseconds.

Each sentence is lines of ``FORM LEMMA UPOS HEAD DEPREL`` (ids are line
numbers; ``UPOS`` may carry a PTB tag as ``VERB/VBG``); each form is found in
``text`` left to right to get its offsets.
"""

from __future__ import annotations

from stanza.utils.conll import CoNLL

from quotes.engine.parse import Parse, from_stanza


def conllu(text: str, sentences: list[str]) -> str:
    out, cursor = [], 0
    for sent in sentences:
        rows = [line.split() for line in sent.strip().splitlines() if line.strip()]
        out.append("# text = " + " ".join(r[0] for r in rows))
        for k, (form, lemma, upos, head, deprel) in enumerate(rows, start=1):
            start = text.index(form, cursor)
            cursor = start + len(form)
            misc = f"start_char={start}|end_char={cursor}"
            upos, _, xpos = upos.partition("/")
            out.append("\t".join([str(k), form, lemma, upos, xpos or "_", "_", head, deprel, "_", misc]))
        out.append("")
    return "\n".join(out) + "\n"


def build(text: str, sentences: list[str]) -> Parse:
    doc = CoNLL.conll2doc(input_str=conllu(text, sentences))
    return from_stanza(doc, text)

"""quotes.engine.parse: the flat tokens every later stage reads."""

from __future__ import annotations

import dataclasses

import pytest

from quotes.engine.parse import Tok

ARGS = dict(i=3, sent=1, text="Ushakov", lemma="Ushakov", upos="PROPN", xpos="NNP", head=4, deprel="nsubj:pass", start=10, end=17, ner="S-PER")


def test_tok_of_is_the_constructors_token():
    """``Tok.of`` (the fast path of ``from_stanza``) gives the very token ``Tok(...)`` gives, frozen alike."""
    fast, slow = Tok.of(**ARGS), Tok(**ARGS)
    assert fast == slow and hash(fast) == hash(slow)
    assert (fast.rel, fast.lower) == (slow.rel, slow.lower) == ("nsubj", "ushakov")
    assert Tok.of(*[v for k, v in ARGS.items() if k != "ner"]) == Tok(**{**ARGS, "ner": "O"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.head = 0

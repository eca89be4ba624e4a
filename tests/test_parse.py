"""quotes.engine.parse: the flat tokens every later stage reads."""

from __future__ import annotations

from quotes.engine.parse import Tok

ARGS = dict(i=3, sent=1, text="Ushakov", lemma="Ushakov", upos="PROPN", xpos="NNP", head=4, deprel="nsubj:pass", start=10, end=17, ner="S-PER")


def test_tok_derives_its_bare_relation_and_lower_case():
    """``rel`` (the relation without its subtype) and ``lower`` come with every token; a token with no
    entity tag is outside any entity ("O")."""
    tok = Tok(**ARGS)
    assert (tok.rel, tok.lower, tok.head) == ("nsubj", "ushakov", 4)
    assert Tok(*[v for k, v in ARGS.items() if k != "ner"]).ner == "O"


def _doc():
    import stanza

    words = [
        {"id": 1, "text": "Ushakov", "lemma": "Ushakov", "upos": "PROPN", "xpos": "NNP", "head": 2, "deprel": "nsubj", "start_char": 0, "end_char": 7},
        {"id": 2, "text": "noted", "lemma": "note", "upos": "VERB", "xpos": "VBD", "head": 0, "deprel": "root", "start_char": 8, "end_char": 13},
        {"id": 3, "text": ".", "lemma": ".", "upos": "PUNCT", "xpos": ".", "head": 2, "deprel": "punct", "start_char": 13, "end_char": 14},
    ]
    return stanza.Document([words], text="Ushakov noted.")


def test_from_stanza_reads_the_same_tokens_through_stanzas_properties(monkeypatch):
    """The flattening reads the fields Stanza stores; a Stanza that stores them under other names
    gets its properties read instead, with the same tokens."""
    from operator import attrgetter

    from quotes.engine import parse

    fast = parse.from_stanza(_doc(), "Ushakov noted.")
    assert [(t.text, t.lemma, t.head, t.deprel, t.start, t.end) for t in fast.toks] == [
        ("Ushakov", "Ushakov", 1, "nsubj", 0, 7),
        ("noted", "note", -1, "root", 8, 13),
        (".", ".", 1, "punct", 13, 14),
    ]
    monkeypatch.setattr(parse, "_STORED_FIELDS", attrgetter("_no_such_field"))
    assert parse._field_reader(_doc()) is parse._WORD_FIELDS
    assert repr(parse.from_stanza(_doc(), "Ushakov noted.")) == repr(fast)  # every field of every token

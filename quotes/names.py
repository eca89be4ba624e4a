"""Names and roles: "Kremlin aide Yury Ushakov" -> name "Yury Ushakov", role "Kremlin aide".

Works without NER: a name chunk is a run of capitalised words, role nouns
(``quotes/data/roles.txt``) and courtesy titles; the role is everything up to
the last role noun, the name what follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from quotes.cues import data_lines
from quotes.parse import Parse, Tok

# Pronouns a speaker mention can be, and what they may refer to.
PRONOUNS: dict[str, str] = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "they": "any",
    "them": "any",
    "it": "nonperson",
    "who": "relative",
    "which": "relative",
    "that": "relative",
    "i": "self",
    "we": "self",
    "you": "self",
}
PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Titles and role nouns that say which pronoun fits ("Mrs. Clinton", "the spokeswoman").
GENDERED_WORDS: dict[str, str] = {
    "mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f",
    "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "congressman": "m",
    "congresswoman": "f", "councilman": "m", "councilwoman": "f", "king": "m", "queen": "f", "prince": "m",
    "princess": "f",
}  # fmt: skip


def gender_of(toks) -> str | None:
    return next((GENDERED_WORDS[t.lower] for t in toks if t.lower in GENDERED_WORDS), None)


# Stanza's OntoNotes NER labels (official models only) -> speaker kind.
NER_KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "organisation",
    "NORP": "organisation",
    "FAC": "organisation",
}


# Abbreviated titles and the role noun they stand for ("Sen. Cruz" is "the senator").
ROLE_ABBREVIATIONS: dict[str, str] = {
    "sen.": "senator",
    "gov.": "governor",
    "rep.": "representative",
    "gen.": "general",
    "lt.": "lieutenant",
    "col.": "colonel",
    "pm": "prime minister",
    "prof.": "professor",
}


def role_matches(noun: str, role: str) -> bool:
    """Does a role such as "Texas Sen." or "Kremlin aide" name what ``noun`` ("senator", "aide") does?"""
    words = [ROLE_ABBREVIATIONS.get(w, w) for w in role.lower().split()]
    return noun.lower() in " ".join(words).split()


@cache
def wordlist(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines(name))


def is_role_word(t: Tok) -> bool:
    return t.lower in wordlist("roles.txt")


def is_honorific(t: Tok) -> bool:
    return t.lower in wordlist("honorifics.txt")


@dataclass(frozen=True)
class NameChunk:
    """A written name with an optional role before it."""

    first: int  # token range of the whole chunk, inclusive
    last: int
    name_toks: tuple[int, ...]
    role: str | None
    name: str

    @cached_property
    def key(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.name.split())


def _chunkable(parse: Parse, t: Tok) -> bool:
    if is_role_word(t) or is_honorific(t):
        return True
    nxt = parse.toks[t.i + 1] if t.i + 1 < len(parse.toks) else None
    if t.upos in ("NOUN", "ADJ") and t.text.islower() and nxt is not None and is_role_word(nxt):
        return True  # "finance minister", "former president": part of the role
    if not t.is_capitalised or t.upos not in ("PROPN", "NOUN", "ADJ", "X"):
        return False
    first_of_sentence = t.i == parse.sentences[t.sent][0]
    return t.upos == "PROPN" or not first_of_sentence


def name_chunks(parse: Parse) -> list[NameChunk]:
    """Every name chunk in the document, in text order.

    A chunk needs at least one capitalised non-role word after its last role
    noun ("the senator" alone is not a name)."""
    chunks: list[NameChunk] = []
    run: list[Tok] = []
    for t in (*parse.toks, None):
        chunkable = t is not None and _chunkable(parse, t)
        if chunkable and (not run or (run[-1].sent == t.sent and run[-1].i == t.i - 1)):
            run.append(t)
            continue
        if run:
            chunk = _split(parse, run)
            if chunk:
                chunks.append(chunk)
        run = [t] if chunkable else []
    return chunks


def _split(parse: Parse, run: list[Tok]) -> NameChunk | None:
    last_role = max((k for k, t in enumerate(run) if is_role_word(t)), default=-1)
    name = [t for t in run[last_role + 1 :] if not is_honorific(t) and t.is_capitalised]
    if not name or not any(t.upos == "PROPN" for t in name):
        return None
    role_toks = [t for t in run[: last_role + 1] if not is_honorific(t)]
    role = parse.text[role_toks[0].start : role_toks[-1].end] if role_toks else None
    return NameChunk(
        first=run[0].i,
        last=run[-1].i,
        name_toks=tuple(t.i for t in name),
        role=role,
        name=parse.text[name[0].start : name[-1].end],
    )


def appositive_role(parse: Parse, name_toks: tuple[int, ...]) -> str | None:
    """Role from an appositive on any word of a name: "Ushakov, a Kremlin
    aide," -> "Kremlin aide"."""
    for ap in (a for i in name_toks for a in parse.kids(i, "appos")):
        sub = [parse.toks[i] for i in parse.subtree(ap.i)]
        if not any(is_role_word(t) for t in sub):
            continue
        words = [t for t in sub if not t.is_punct]
        while words and words[0].upos == "DET":
            words = words[1:]
        if words:
            return parse.text[words[0].start : words[-1].end]
    return None


def kind_of(words: list[str], has_role: bool, ner: str | None = None) -> str:
    """person | organisation, from NER when the model has it, else from word lists."""
    if ner and ner in NER_KINDS:
        return NER_KINDS[ner]
    lower = [w.lower() for w in words]
    if any(w in wordlist("org_words.txt") for w in lower):
        return "organisation"
    if " ".join(lower) in wordlist("places.txt"):
        return "organisation"
    return "person"


def nominal_kind(head: Tok) -> str:
    """Kind of a common-noun speaker ("the report", "a spokesman", "the campaign")."""
    lemma = head.lemma.lower()
    if lemma in wordlist("document_nouns.txt") or head.lower in wordlist("document_nouns.txt"):
        return "document"
    if lemma in wordlist("org_words.txt"):
        return "organisation"
    if is_role_word(head):
        return "person"
    return "unknown"

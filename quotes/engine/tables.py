"""Every word table the engine reads, loaded at once.

The tables (cue lexicons, role nouns, WordNet synonyms and hypernyms, names, places,
abbreviations, the learned stage's model) are read on first use and kept for the life of
the process. A server that loads the engine before forking (gunicorn's preload, a worker's
batch helpers) calls :func:`load_tables` first, so that its children share one copy instead of
each reading its own: the WordNet role tables alone are some 5 MiB of Python objects, which a
batch helper otherwise read the first time a role needed them (``bench/speed.py``'s memory lines).
"""

from __future__ import annotations

from quotes.engine import cues, learned, names, resolvers, roles, rule_tokenizer

WORDLISTS = (
    "addressee_cues.txt",
    "agent_nouns.txt",
    "company_endings.txt",
    "company_nouns.txt",
    "document_nouns.txt",
    "group_nouns.txt",
    "headline_rubrics.txt",
    "honorifics.txt",
    "not_names.txt",
    "org_words.txt",
    "peerage.txt",
    "places.txt",
    "postnominals.txt",
    "role_participles.txt",
    "roles.txt",
    "time_nouns.txt",
    "wordnet_document_nouns.txt",
    "wordnet_person_nouns.txt",
    "wordnet_places.txt",
)
WORD_TABLES = (
    "institution_members.tsv",
    "org_families.tsv",
    "party_words.tsv",
    "wordnet_person_synonyms.tsv",
    "wordnet_person_hypernyms.tsv",
)


def load_tables() -> None:
    """Read every table now (each is read once per process; later calls cost nothing)."""
    for name in WORDLISTS:
        roles.wordlist(name)
    for name in WORD_TABLES:
        roles.word_table(name)
    roles.role_nouns()
    cues.lexicon()
    cues.nominal_lexicon()
    cues.phrasal_verbs()
    names.given_names()
    names.document_nouns()
    resolvers.institution_family()
    rule_tokenizer.abbreviations()
    if learned.enabled():  # off by default: then its model is never read
        learned.model()
        learned.sense_classes()
        learned.trigger_lemmas()

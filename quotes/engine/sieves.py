"""Pairing: an ordered list of named sieves, each claiming what it is sure of.

Modelled on CoreNLP's quote attribution: every sieve is a small function
``(parse, candidates, claims) -> list[Draft]``. Sieves run in :data:`SIEVES`
order; what one claims (a quotation, a cue word, a stretch of content) is not
offered to later ones, so the surest patterns win. Adding a rule means adding
a sieve to the list. Each draft records the sieve's name and confidence.

Here: the list and the loop that runs it. The sieves themselves are in
:mod:`quotes.engine.quote_sieves` (those that start from a quotation) and
:mod:`quotes.engine.clause_sieves` (those that start from a cue); what they share
(drafts, claims) in :mod:`quotes.engine.claims`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotes.engine import learned
from quotes.engine.candidates import Candidates
from quotes.engine.claims import Claims, Draft
from quotes.engine.clause_sieves import (
    according_to,
    as_reported,
    cue_verb_clause,
    in_document,
    learned_cue_clause,
    nominal_cue_clause,
    parenthetical_cue,
    partial_quote_of_cue,
    quote_in_cue_clause,
    reported_clause_before_cue,
)
from quotes.engine.parse import Parse
from quotes.engine.quote_sieves import (
    floating_quote,
    headline_label,
    quote_with_adjacent_cue,
    quote_with_punct_cue,
    title_or_scare_quote,
    transcript_turn,
    unattributed_quote,
)

SieveFn = Callable[[Parse, Candidates, Claims], list[Draft]]


@dataclass(frozen=True)
class Sieve:
    name: str
    run: Callable[..., list[Draft]]
    needs_history: bool = False  # called with the drafts of earlier sieves


RULE_SIEVES: tuple[Sieve, ...] = (
    Sieve("quote_with_adjacent_cue", quote_with_adjacent_cue),
    Sieve("transcript_turn", transcript_turn),
    Sieve("headline_label", headline_label),
    Sieve("quote_with_punct_cue", quote_with_punct_cue),
    Sieve("according_to", according_to),
    Sieve("as_reported", as_reported),
    Sieve("parenthetical_cue", parenthetical_cue),
    Sieve("cue_verb_clause", cue_verb_clause),
    Sieve("partial_quote_of_cue", partial_quote_of_cue),
    Sieve("reported_clause_before_cue", reported_clause_before_cue),
    Sieve("quote_in_cue_clause", quote_in_cue_clause),
    Sieve("nominal_cue_clause", nominal_cue_clause),
    Sieve("in_document", in_document),
    Sieve("title_or_scare_quote", title_or_scare_quote),
    Sieve("floating_quote", floating_quote, needs_history=True),
    Sieve("unattributed_quote", unattributed_quote),
)


def with_learned_stage(rules: tuple[Sieve, ...] = RULE_SIEVES) -> tuple[Sieve, ...]:
    """The rule sieves with the learned stage after the ones that make attributions and before
    the ones that skip quotations (titles, scare quotes, floating and unattributed quotations)."""
    at = next(i for i, s in enumerate(rules) if s.name == "title_or_scare_quote")
    return (*rules[:at], Sieve("learned_cue_clause", learned_cue_clause), *rules[at:])


# The default: the rules, and the learned stage when QUOTES_LEARNED_STAGE is on (quotes/engine/learned.py).
SIEVES: tuple[Sieve, ...] = with_learned_stage() if learned.enabled() else RULE_SIEVES


def run_sieves(parse: Parse, cands: Candidates, sieves: tuple[Sieve, ...] = SIEVES) -> list[Draft]:
    """All drafts, attributions and skips, from the sieves in order."""
    claims = Claims()
    drafts: list[Draft] = []
    for sieve in sieves:
        new = sieve.run(parse, cands, claims, drafts) if sieve.needs_history else sieve.run(parse, cands, claims)
        for d in new:
            claims.take(d)
            if d.extends is None:
                drafts.append(d)
            else:
                drafts[next(i for i, x in enumerate(drafts) if x is d.extends)] = d
    return drafts

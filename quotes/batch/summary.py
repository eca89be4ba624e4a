"""The speaker summary of a batch run (``--summary``): speakers by number of attributions."""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from quotes.batch.sources import PARQUET_SUFFIXES

log = logging.getLogger("quotes.batch")


# -- the speaker summary -------------------------------------------------------------


def speaker_table(bodies: Iterable[dict]) -> tuple[list[dict[str, Any]], int]:
    """Speakers by number of attributions across every result: canonical name and
    kind; the role is the one most often given at their attributions. Also the
    number of attributions with no speaker."""
    counts: Counter = Counter()
    docs: dict[tuple[str, str], set] = {}
    roles: dict[tuple[str, str], Counter] = {}
    unattributed = 0
    for body in bodies:
        for a in body.get("attributions") or ():
            sp = a.get("speaker")
            if not sp:
                unattributed += 1
                continue
            # An unnamed source counts under its description: "(unnamed) White House spokesman".
            key = (sp["name"] or f"(unnamed) {sp.get('role') or sp['mention']['text']}", sp["kind"])
            counts[key] += 1
            docs.setdefault(key, set()).add(body.get("id"))
            if sp.get("role"):
                roles.setdefault(key, Counter())[sp["role"]] += 1
    table = []
    for (name, kind), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0].casefold(), kv[0][1])):
        role = roles.get((name, kind))
        table.append(
            {
                "speaker": name,
                "role": role.most_common(1)[0][0] if role else "",
                "kind": kind,
                "attributions": n,
                "documents": len(docs[(name, kind)]),
            }
        )
    return table, unattributed


def write_summary_csv(table: list[dict[str, Any]], path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["speaker", "role", "kind", "attributions", "documents"])
        w.writeheader()
        w.writerows(table)


def format_table(table: list[dict[str, Any]], top: int) -> str:
    rows = table[:top] if top else table
    head = ("#", "speaker", "role", "kind", "attributions", "documents")
    cells = [[str(i), r["speaker"], r["role"], r["kind"], str(r["attributions"]), str(r["documents"])] for i, r in enumerate(rows, start=1)]
    widths = [max([len(h)] + [len(c[k]) for c in cells]) for k, h in enumerate(head)]
    right = {0, 4, 5}

    def fmt(c):
        return "  ".join(x.rjust(w) if k in right else x.ljust(w) for k, (x, w) in enumerate(zip(c, widths))).rstrip()

    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(c) for c in cells])


def summary_path(output: str) -> str:
    out = output.rstrip("/")
    for suffix in (*PARQUET_SUFFIXES, ".jsonl", ".ndjson", ".json"):
        if out.lower().endswith(suffix):
            out = out[: -len(suffix)]
            break
    return out + ".speakers.csv"

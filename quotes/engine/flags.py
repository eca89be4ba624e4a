"""How a ``QUOTES_*`` on/off switch is spelt, in one place for the engine and the settings above it.

>>> parse_flag("QUOTES_X", " Yes ")
True
"""

from __future__ import annotations


def parse_flag(name: str, raw: str) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off/""`` (any case); a ValueError naming ``name`` otherwise."""
    raw = raw.strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{name} must be true or false, got {raw!r}")

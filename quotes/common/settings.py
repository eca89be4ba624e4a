"""Every setting of the service in one place, each overridable by an environment variable.

Each field of :class:`Settings` carries its variable name and its default as the
string one would write in the environment; ``Settings.from_env()`` parses them.
The Configuration table in ``docs/deployment.md`` and ``config/example.env`` list the same names
and defaults (tests keep them in step).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from quotes.engine.flags import parse_flag


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


def _str(name: str, raw: str) -> str | None:
    return raw.strip() or None


def _number(kind: type, minimum: float) -> Callable[[str, str], Any]:
    def parse(name: str, raw: str):
        try:
            value = kind(raw)
        except ValueError as exc:
            raise ConfigError(f"{name} must be {'an integer' if kind is int else 'a number'}, got {raw!r}") from exc
        if value < minimum:
            raise ConfigError(f"{name} must be >= {minimum}, got {value}")
        return value

    return parse


def _bool(name: str, raw: str) -> bool:
    try:
        return parse_flag(name, raw)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def _list(name: str, raw: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in raw.split(",") if x.strip())


_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


def _digest(name: str, entry: str) -> str:
    """One API key entry as the hex SHA-256 of the key: ``sha256:<64 hex digits>``
    as given (the plain key never needs to sit in configuration), or a plain key, hashed now."""
    if entry.lower().startswith("sha256:"):
        digest = entry[len("sha256:") :].strip().lower()
        if not _HEX_DIGEST.fullmatch(digest):
            raise ConfigError(f"{name}: a sha256: entry needs 64 hexadecimal digits after the colon")
        return digest
    return hashlib.sha256(entry.encode("utf-8")).hexdigest()


def _keys(name: str, raw: str) -> tuple[str, ...]:
    return tuple(_digest(name, entry) for entry in _list(name, raw))


def _keys_file(name: str, raw: str) -> tuple[str, ...]:
    """The API keys of a file: one entry a line (``sha256:<hex>`` or a plain key), ``#`` comments."""
    path = raw.strip()
    if not path:
        return ()
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read {path}: {getattr(exc, 'strerror', None) or exc.__class__.__name__}") from exc
    entries = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not entries:
        raise ConfigError(f"{name}: {path} holds no keys")
    return tuple(_digest(name, entry) for entry in entries)


def _level(name: str, raw: str) -> str:
    level = raw.strip().lower()
    if level not in ("debug", "info", "warning", "error", "critical"):
        raise ConfigError(f"{name} must be one of debug, info, warning, error, critical, got {raw!r}")
    return level


def _tokenizer(name: str, raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("rules", "model"):
        raise ConfigError(f"{name} must be rules or model, got {raw!r}")
    return value


def setting(env: str, default: str, parse: Callable[[str, str], Any]) -> Any:
    """A dataclass field read from ``env``; ``default`` is written as in the environment."""
    return field(metadata={"env": env, "default": default, "parse": parse})


@dataclass(frozen=True)
class Settings:
    stanza_dir: str | None = setting("QUOTES_STANZA_DIR", "", _str)  # a Stanza resources directory to load, offline
    torch_threads: int = setting("QUOTES_TORCH_THREADS", "0", _number(int, 0))  # 0 = cores / workers
    max_body_bytes: int = setting("QUOTES_MAX_BODY_BYTES", str(2 * 1024 * 1024), _number(int, 1))
    max_chars: int = setting("QUOTES_MAX_CHARS", "200000", _number(int, 1))  # per document, after HTML is turned into text
    max_batch: int = setting("QUOTES_MAX_BATCH", "50", _number(int, 1))  # documents per batch request
    request_timeout: float = setting("QUOTES_REQUEST_TIMEOUT", "120", _number(float, 0.001))  # seconds per request
    cors_origins: tuple[str, ...] = setting("QUOTES_CORS_ORIGINS", "", _list)  # empty = CORS off; "*" = any origin
    workers: int = setting("QUOTES_WORKERS", "2", _number(int, 1))  # gunicorn processes
    threads: int = setting("QUOTES_THREADS", "4", _number(int, 1))  # gunicorn threads per worker (>1: gthread)
    max_pending: int = setting("QUOTES_MAX_PENDING", "2", _number(int, 0))  # requests waiting for a worker's pipeline; more get 503
    max_html_tags: int = setting("QUOTES_MAX_HTML_TAGS", "20000", _number(int, 1))  # HTML tags per request; more get 422
    api_keys: tuple[str, ...] = setting("QUOTES_API_KEYS", "", _keys)  # SHA-256 hex digests; empty (with no file) = no auth
    api_keys_file: tuple[str, ...] = setting("QUOTES_API_KEYS_FILE", "", _keys_file)  # the digests of the keys in that file
    max_requests: int = setting("QUOTES_MAX_REQUESTS", "2000", _number(int, 0))  # a worker is recycled after this many; 0 = never
    port: int = setting("PORT", "8000", _number(int, 1))
    preload: bool = setting("QUOTES_PRELOAD", "1", _bool)  # load the model before forking workers
    batch_helpers: int = setting("QUOTES_BATCH_HELPERS", "1", _number(int, 0))  # processes per worker sharing a batch; 0 = none
    malloc_arenas: int = setting("QUOTES_MALLOC_ARENAS", "2", _number(int, 0))  # glibc malloc arenas per worker; 0 = glibc's default
    selective_parse: bool = setting("QUOTES_SELECTIVE_PARSE", "1", _bool)  # depparse only sentences that can hold an attribution
    tokenizer: str = setting("QUOTES_TOKENIZER", "rules", _tokenizer)  # rules (engine/rule_tokenizer.py) or the model's
    learned_stage: bool = setting("QUOTES_LEARNED_STAGE", "0", _bool)  # learned_cue_clause sieve (engine/learned.py) after the rules
    log_level: str = setting("QUOTES_LOG_LEVEL", "info", _level)
    metrics_dir: str | None = setting("PROMETHEUS_MULTIPROC_DIR", "", _str)  # shared by gunicorn workers; made if unset

    @classmethod
    def from_env(cls) -> Settings:
        values = {}
        for f in fields(cls):
            env, default, parse = f.metadata["env"], f.metadata["default"], f.metadata["parse"]
            values[f.name] = parse(env, os.environ.get(env, default))
        return cls(**values)

    @property
    def api_key_digests(self) -> tuple[str, ...]:
        """SHA-256 hex digests of every accepted API key; empty = /v1 is open."""
        return self.api_keys + self.api_keys_file

    def effective_torch_threads(self) -> int:
        """Torch threads per process: by default the cores shared out among
        workers, so two workers on two cores do not fight over them."""
        if self.torch_threads:
            return self.torch_threads
        return max(1, (os.cpu_count() or 1) // self.workers)


ENV_NAMES = {f.name: f.metadata["env"] for f in fields(Settings)}
DEFAULTS = {f.metadata["env"]: f.metadata["default"] for f in fields(Settings)}

"""Every setting of the service in one place, each overridable by an environment variable.

``Settings.from_env()`` reads them; the README's configuration table lists the
same names and defaults (a test keeps the two in step).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _int(name: str, default: int, minimum: int = 0) -> int:
    raw = _env(name, str(default))
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be >= {minimum}, got {value}")
    return value


def _bool(name: str, default: bool) -> bool:
    raw = _env(name, "1" if default else "0").strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


@dataclass(frozen=True)
class Settings:
    stanza_dir: str | None  # QUOTES_STANZA_DIR: a Stanza resources directory to load, offline
    torch_threads: int  # QUOTES_TORCH_THREADS: 0 = cores / workers
    max_body_bytes: int  # QUOTES_MAX_BODY_BYTES
    max_chars: int  # QUOTES_MAX_CHARS
    request_timeout: int  # QUOTES_REQUEST_TIMEOUT (seconds)
    workers: int  # QUOTES_WORKERS (gunicorn processes)
    threads: int  # QUOTES_THREADS (gunicorn threads per worker)
    port: int  # PORT
    preload: bool  # QUOTES_PRELOAD: load the model before forking workers
    log_level: str  # QUOTES_LOG_LEVEL

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            stanza_dir=_env("QUOTES_STANZA_DIR", "") or None,
            torch_threads=_int("QUOTES_TORCH_THREADS", 0),
            max_body_bytes=_int("QUOTES_MAX_BODY_BYTES", 2 * 1024 * 1024, 1),
            max_chars=_int("QUOTES_MAX_CHARS", 200_000, 1),
            request_timeout=_int("QUOTES_REQUEST_TIMEOUT", 120, 1),
            workers=_int("QUOTES_WORKERS", 2, 1),
            threads=_int("QUOTES_THREADS", 1, 1),
            port=_int("PORT", 8000, 1),
            preload=_bool("QUOTES_PRELOAD", True),
            log_level=_env("QUOTES_LOG_LEVEL", "info"),
        )

    def effective_torch_threads(self) -> int:
        """Torch threads per process: by default the cores shared out among
        workers, so two workers on two cores do not fight over them."""
        if self.torch_threads:
            return self.torch_threads
        return max(1, (os.cpu_count() or 1) // self.workers)


ENV_NAMES = {
    "stanza_dir": "QUOTES_STANZA_DIR",
    "torch_threads": "QUOTES_TORCH_THREADS",
    "max_body_bytes": "QUOTES_MAX_BODY_BYTES",
    "max_chars": "QUOTES_MAX_CHARS",
    "request_timeout": "QUOTES_REQUEST_TIMEOUT",
    "workers": "QUOTES_WORKERS",
    "threads": "QUOTES_THREADS",
    "port": "PORT",
    "preload": "QUOTES_PRELOAD",
    "log_level": "QUOTES_LOG_LEVEL",
}
assert set(ENV_NAMES) == {f.name for f in fields(Settings)}

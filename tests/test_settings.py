"""Every setting is read from the environment and documented with its default."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from quotes.common.settings import DEFAULTS, ConfigError, Settings

ROOT = Path(__file__).resolve().parents[1]


def readme_table() -> dict[str, str]:
    """variable -> default, from the Configuration table of the docs' Deployment page."""
    readme = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]*) \|", section, flags=re.M)
    return {name: default.strip().strip("`") for name, default in rows}


def test_every_setting_is_in_the_docs_with_its_default():
    table = readme_table()
    for name, default in DEFAULTS.items():
        assert name in table, f"{name} is missing from the Configuration table in docs/deployment.md"
        assert table[name] == default or (default == "" and table[name].startswith("unset")), (name, table[name], default)


def test_every_setting_is_in_the_example_env():
    example = (ROOT / "config" / "example.env").read_text(encoding="utf-8")
    for name, default in DEFAULTS.items():
        assert re.search(rf"^#? ?{name}={re.escape(default)}\s", example, flags=re.M), name


def test_environment_overrides_and_defaults(monkeypatch):
    for name in DEFAULTS:
        monkeypatch.delenv(name, raising=False)
    default = Settings.from_env()
    assert (default.max_batch, default.request_timeout, default.cors_origins, default.stanza_dir) == (50, 120.0, (), None)
    monkeypatch.setenv("QUOTES_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("QUOTES_REQUEST_TIMEOUT", "2.5")
    monkeypatch.setenv("QUOTES_PRELOAD", "off")
    s = Settings.from_env()
    assert s.cors_origins == ("https://a.example", "https://b.example") and s.request_timeout == 2.5 and s.preload is False
    assert len(fields(Settings)) == len(DEFAULTS)


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("QUOTES_MAX_BATCH", "0", "must be >= 1"),
        ("QUOTES_REQUEST_TIMEOUT", "soon", "must be a number"),
        ("QUOTES_PRELOAD", "maybe", "true or false"),
        ("QUOTES_LOG_LEVEL", "loud", "must be one of"),
        ("QUOTES_TOKENIZER", "neural", "must be rules or model"),
    ],
)
def test_bad_values_are_config_errors(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        Settings.from_env()

"""Which model serves: QUOTES_STANZA_DIR, then the official models, then the embedded one."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from quotes.common.nlp import ModelError, check_dir, choose_model, embedded_dir
from quotes.common.settings import Settings


@pytest.fixture()
def base(monkeypatch, tmp_path) -> Settings:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no-official-models"))
    return replace(Settings.from_env(), stanza_dir=None)


def test_embedded_model_ships_in_the_package_with_its_card_and_a_licence_clean_provenance():
    root = embedded_dir()
    assert set(check_dir(root)) >= {"tokenize", "pos", "lemma", "depparse"}
    card = (root / "README.md").read_text(encoding="utf-8")
    assert "UD English EWT only" in card and "CC BY-SA 4.0" in card and "No non-commercial restriction remains" in card
    assert sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) <= 10_000_000


def test_embedded_is_the_last_resort(base, caplog):
    choice = choose_model(base)
    assert choice.source == "embedded"
    assert "quotes download" in caplog.text


def test_official_models_are_preferred_when_installed(base, monkeypatch, tmp_path):
    official = tmp_path / "official"
    shutil.copytree(embedded_dir(), official)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(official))
    choice = choose_model(base)
    assert (choice.source, choice.dir) == ("official", str(official))


def test_configured_dir_wins_and_is_never_silently_replaced(base, tmp_path):
    assert choose_model(replace(base, stanza_dir=str(embedded_dir()))).source == "env"
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "resources.json").write_text("{}")
    with pytest.raises(ModelError, match="lacks English models"):
        choose_model(replace(base, stanza_dir=str(tmp_path / "half")))

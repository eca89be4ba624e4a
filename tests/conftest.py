from __future__ import annotations

from pathlib import Path

import pytest

from quotes.common.nlp import NLP
from quotes.common.settings import Settings
from quotes.service.app import create_app

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> NLP:
    """The real pipeline, loaded once. A configured QUOTES_STANZA_DIR that is
    missing or broken raises here: the suite fails loudly, it never skips."""
    pipeline = NLP(settings)
    pipeline.load()
    return pipeline


@pytest.fixture()
def app(settings: Settings, nlp: NLP):
    return create_app(settings, nlp=nlp)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (DATA / "putin-india.txt").read_text(encoding="utf-8")

"""What keeps a gunicorn worker's private memory small (quotes.common.memory, wired in
quotes.service.gunicorn_conf). The sizes themselves are measured by bench/speed.py."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, **env: str) -> str:
    import os

    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_trim_gives_freed_parse_buffers_back_to_the_system():
    # 16 KiB blocks between small live ones: freed, they stay in the heap (glibc only
    # returns the top of it by itself) until trim() hands whole pages back.
    out = _run(
        """
        from quotes.common import memory

        def rss_mib():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * 4096 / 2**20

        keep, drop = [], []
        for _ in range(12_000):
            drop.append(bytes(16_384))
            keep.append(bytes(600))
        del drop
        before = rss_mib()
        assert memory.trim()
        print(before - rss_mib())
        """
    )
    assert float(out) > 100, f"trim() gave back only {out} MiB of ~190 MiB freed"


def test_the_gunicorn_hooks_freeze_before_forking_and_trim_after_parsing_only():
    out = _run(
        """
        import gc
        from quotes.service import gunicorn_conf
        from quotes.common import memory

        trims = []
        memory.trim = lambda: trims.append(1) or True
        gunicorn_conf.pre_fork(None, None)
        frozen = gc.get_freeze_count()
        gunicorn_conf.post_request(None, None, {"PATH_INFO": "/healthz"}, None)
        gunicorn_conf.post_request(None, None, {"PATH_INFO": "/v1/attributions/batch"}, None)
        print(frozen > 1000, len(trims))
        """,
        QUOTES_LOG_LEVEL="warning",
    )
    assert out == "True 1"


def test_malloc_arenas_are_limited_unless_set_to_zero():
    out = _run(
        """
        from quotes.common import memory
        print(memory.limit_arenas(2), memory.limit_arenas(0))
        """
    )
    assert out == "True False"


def test_release_frees_what_only_the_cyclic_collector_frees():
    """A parsed Stanza document links its words, tokens and sentences both ways: after a parse,
    ``release`` collects such cycles before it trims, so their memory can go back."""
    import gc
    import weakref

    from quotes.common import memory

    class Word:
        pass

    gc.disable()  # no collection of its own between the two checks
    try:
        word, token = Word(), Word()
        word.parent, token.words = token, [word]
        alive = weakref.ref(word)
        del word, token
        assert alive() is not None  # reference counting alone never frees a cycle
        memory.release()
        assert alive() is None
    finally:
        gc.enable()


def test_the_preloaded_app_has_read_every_word_table_a_worker_will_need():
    """With preload the master reads the word tables once and every worker and batch helper
    shares them; a table first read while serving is a private copy in each process (the
    WordNet role tables alone are some 5 MiB of Python objects)."""
    out = _run(
        """
        import importlib, pkgutil
        import quotes.engine
        from quotes.common.settings import Settings
        from quotes.engine.extract import extract_stanza
        from quotes.service.app import create_app

        nlp = create_app(Settings.from_env()).extensions["quotes.nlp"]
        modules = [importlib.import_module(f"quotes.engine.{m.name}") for m in pkgutil.iter_modules(quotes.engine.__path__)]
        loaders = {f"{m.__name__}.{k}": f for m in modules for k, f in vars(m).items() if hasattr(f, "cache_info")}
        before = {k: f.cache_info().currsize for k, f in loaders.items()}
        text = (
            "WASHINGTON - Sen. Jane Roe, a Democrat from Ohio, said on Monday the bill would fail. "
            "\\u201cIt is dead,\\u201d the lawmaker told reporters at the Capitol. The state's attorney "
            "general, Mark Poe, disagreed. According to a report by the Brookings Institution, the plan "
            "would cost $2 billion. A judge said the case was closed, and Justice Ann Lee of the Supreme "
            "Court added that the ruling stands. A White House spokesman declined to comment. In a new poll "
            "released Tuesday, most voters backed the plan, the survey found. Mr. Poe hopes to win."
        )
        extract_stanza(nlp(text), text)
        grew = sorted(k for k, f in loaders.items() if f.cache_info().currsize != before[k])
        print(len(loaders), grew)
        """,
        QUOTES_LOG_LEVEL="warning",
    )
    count, grew = out.splitlines()[-1].split(" ", 1)
    assert int(count) > 10  # the test sees the engine's loaders
    assert grew == "[]", f"read while serving, not before forking: {grew}"

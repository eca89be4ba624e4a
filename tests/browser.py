"""Helpers for the browser tests: the app on a loopback port, and Debian's Chromium driven by Playwright.

Only the Chromium that the system package installs is used (``apt-get install chromium``, done by
``.ci/run``); Playwright's own browser download is never needed. If that browser is missing or
cannot start, the tests fail with a message saying so: they are never skipped."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


class LiveServer:
    """A werkzeug server for ``app`` on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, app: Flask):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, name="ui-live-server", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def launch(playwright):
    """Debian's Chromium, headless; fails the test run loudly when it is not there or does not start."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's chromium package "
            "(`apt-get install -y chromium`, as .ci/run does) or QUOTES_CHROMIUM pointing at a Chromium binary",
            pytrace=False,
        )
    try:
        return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=30_000)
    except Exception as exc:  # noqa: BLE001 - any failure to start is the same loud failure
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)

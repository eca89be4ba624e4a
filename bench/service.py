"""The service under test for the benchmarks: gunicorn started as deployed (``config/gunicorn.conf.py``,
the Procfile's command) on a free 127.0.0.1 port, its log in a file, plus the HTTP clients and the
``/proc`` readings (worker PIDs, RSS) that bench/abuse.py, bench/fuzz.py and bench/soak.py share.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.live import LiveGunicorn  # noqa: E402 - the repository root first, so it runs from a checkout


class Server(LiveGunicorn):
    """gunicorn with the project's config on 127.0.0.1 (tests/live.py, the one helper for a live
    service), started at once, its log in ``workdir/name.log``.

    ``env`` is laid over this process's environment (so unset ``QUOTES_*`` take the config's
    defaults); ``PROMETHEUS_MULTIPROC_DIR`` is dropped so that the config makes a fresh one."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str = "gunicorn", nice: int = 0):
        super().__init__(env, log_path=workdir / f"{name}.log", nice=nice)
        self.start()

    def wait_ready(self, seconds: float = 180, warm: int = 0) -> float:
        """Seconds from the start until ``/readyz`` answered; RuntimeError (``tests.live.NotReady``) if
        gunicorn exits or never gets there."""
        return super().wait_ready(seconds, warm)

    def lifecycle(self) -> dict[str, int]:
        """Worker boots, deaths and restarts, from gunicorn's own log lines."""
        boots = deaths = timeouts = planned = 0
        for line in self.log_text().splitlines():
            try:
                message = json.loads(line).get("message", "")
            except ValueError:
                message = line
            if message.startswith("Booting worker"):
                boots += 1
            elif "WORKER TIMEOUT" in message:
                timeouts += 1
            elif re.search(r"was sent SIG(?!TERM)|exited with code|failed to boot", message):
                deaths += 1
            elif "Autorestarting worker" in message:
                planned += 1
        return {"boots": boots, "deaths": deaths + timeouts, "timeouts": timeouts, "planned_restarts": planned}

    def app_errors(self) -> int:
        """Log lines of unhandled errors (each would have been a 500)."""
        text = self.log_text()
        return text.count('"unhandled error"') + text.count("Error handling request")


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def memory_kb(pid: int) -> dict[str, int] | None:
    """RSS (``/proc/PID/status``) and PSS (``smaps_rollup``: shared pages split between their
    sharers, so a forked worker is not charged for the whole preloaded model) in kB; None if gone."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    out["rss"] = int(line.split()[1])
                    break
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    out["pss"] = int(line.split()[1])
                    break
    except OSError:
        return None
    return out if "rss" in out else None


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None, timeout: float = 60):
    """One request on a new connection: (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class Client:
    """A keep-alive connection, reopened when the server closed it."""

    def __init__(self, port: int, timeout: float = 120):
        self.port, self.timeout = port, timeout
        self.conn: http.client.HTTPConnection | None = None
        self.reconnects = 0

    def send(self, method: str, path: str, body: bytes, headers: dict[str, str]):
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body if body or method not in ("GET", "HEAD") else None, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                out = resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
                if resp.will_close:
                    self.close()
                return out
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if attempt:  # a fresh connection failed too: no answer
                    raise exc
                self.reconnects += 1  # keep-alive connection closed by the server between requests: retry once
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

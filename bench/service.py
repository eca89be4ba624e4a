"""The service under test for the benchmarks: gunicorn started as deployed (``config/gunicorn.conf.py``,
the Procfile's command) on a free 127.0.0.1 port, its log in a file, plus the HTTP clients and the
``/proc`` readings (worker PIDs, RSS) that bench/abuse.py, bench/fuzz.py and bench/soak.py share.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with the project's config on 127.0.0.1, its log in ``workdir/name.log``.

    ``env`` is laid over this process's environment (so unset ``QUOTES_*`` take the config's
    defaults); ``PROMETHEUS_MULTIPROC_DIR`` is dropped so that the config makes a fresh one."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str = "gunicorn", nice: int = 0):
        self.port = free_port()
        self.log_path = workdir / f"{name}.log"
        full = {**os.environ, **env, "PORT": str(self.port)}
        full.pop("PROMETHEUS_MULTIPROC_DIR", None)
        cmd = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}", "app:app"]
        if nice:
            cmd = ["nice", "-n", str(nice), *cmd]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=full, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        self.started = time.monotonic()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, seconds: float = 180) -> float:
        """Seconds until ``/readyz`` answered 200; raises RuntimeError if gunicorn exits or never gets there."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                status, _, _ = request(self.port, "GET", "/readyz", timeout=10)
                if status == 200:
                    return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn not ready in {seconds:.0f} s; see {self.log_path}")

    def workers(self) -> list[int]:
        """The master's children: the workers (their batch helpers are the workers' children)."""
        return children(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

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

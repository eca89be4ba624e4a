"""The service as deployed, for tests and benchmarks: gunicorn with the project's own config
(``config/gunicorn.conf.py``, as the Procfile and the Dockerfile run it) on a free loopback port,
its log in a file, ready once ``/readyz`` says so.

Used by tests/test_gunicorn.py, tests/test_faults.py and bench/speed.py, and through
bench/service.py's ``Server`` (which adds the benches' log readings) by bench/abuse.py,
bench/fuzz.py and bench/soak.py; the benches put the repository root on ``sys.path`` to import it::

    with LiveGunicorn({"QUOTES_WORKERS": "2"}) as server:
        urllib.request.urlopen(server.url + "/v1/attributions", ...)
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class NotReady(RuntimeError):
    """gunicorn exited, or did not become ready in time; the message ends with its log's tail."""


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveGunicorn:
    """``gunicorn -c config/gunicorn.conf.py app:app`` on 127.0.0.1 (its own session, so that a stop
    reaches its workers and their helpers), with ``env`` over this process's environment.

    The log goes to ``log_path`` (default: a file in a temporary folder removed at :meth:`cleanup`);
    ``nice`` runs gunicorn at that niceness (a bench sharing its machine)."""

    def __init__(self, env: dict[str, str] | None = None, log_path: Path | str | None = None, port: int | None = None, nice: int = 0):
        self.port = port or free_port()
        self.nice = nice
        self.env = {**os.environ, "PORT": str(self.port), **(env or {})}
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # the config makes a fresh one
        self._tmp = None
        if log_path is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="quotes-gunicorn-")
            log_path = Path(self._tmp.name) / "gunicorn.log"
        self.log_path = Path(log_path)
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveGunicorn:
        cmd = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}", "app:app"]
        if self.nice:
            cmd = ["nice", "-n", str(self.nice), *cmd]
        self._log = open(self.log_path, "wb")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def ready(self) -> bool:
        """Does ``/readyz`` answer 200 with ``"status": "ready"`` now?"""
        try:
            with urllib.request.urlopen(f"{self.url}/readyz", timeout=10) as r:
                return r.status == 200 and json.load(r).get("status") == "ready"
        except (OSError, ValueError):
            return False

    def wait_ready(self, seconds: float = 120, warm: int = 0) -> float:
        """Seconds from :meth:`start` until ``/readyz`` said ready; :class:`NotReady` if gunicorn exits
        or ``seconds`` pass first. ``warm``: that many more probes after it (each worker warms up on
        its own)."""
        assert self.proc is not None, "wait_ready() before start()"
        started = time.monotonic()
        while not self.ready():
            if self.proc.poll() is not None:
                raise NotReady(f"gunicorn exited with {self.proc.returncode}; its log:\n{self.log_tail()}")
            if time.monotonic() > started + seconds:
                raise NotReady(f"gunicorn not ready in {seconds:.0f} s; its log:\n{self.log_tail()}")
            time.sleep(0.3)
        took = time.monotonic() - self.started
        for _ in range(warm):
            self.ready()
        return took

    def workers(self) -> list[int]:
        """The master's child processes (its workers) now."""
        assert self.proc is not None
        try:
            return [int(p) for p in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]
        except OSError:
            return []

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_text()[-chars:]

    def messages(self) -> list[str]:
        """The log's messages (the ``message`` of each JSON line; other lines as they are)."""
        out = []
        for line in self.log_text().splitlines():
            try:
                out.append(json.loads(line).get("message", ""))
            except (ValueError, AttributeError):
                out.append(line)
        return out

    def stop(self, timeout: float = 40) -> int | None:
        """SIGTERM (gunicorn's graceful stop), then SIGKILL to its whole session after ``timeout``."""
        code = None
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=10)
            code = self.proc.returncode
        if self._log is not None:
            self._log.close()
            self._log = None
        return code

    def cleanup(self) -> None:
        """Remove the temporary log folder (after :meth:`stop`; the log is gone with it)."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> LiveGunicorn:
        self.start()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            self.cleanup()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        self.cleanup()

"""The Procfile's command for real: gunicorn with config/gunicorn.conf.py on a loopback port."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

from tests.live import LiveGunicorn


def _children(pid: int | str) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def _alive(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_procfile_command_serves_the_seed(seed_text, tmp_path):
    server = LiveGunicorn({"QUOTES_WORKERS": "2"}, log_path=tmp_path / "gunicorn.log").start()
    port, proc = server.port, server.proc
    helpers: list[str] = []
    try:
        server.wait_ready(90)
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/attributions", data=seed_text.encode(), headers={"Content-Type": "text/plain"}
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            body = json.load(r)
        assert len(body["attributions"]) == 5
        assert {s["name"] for s in body["speakers"]} == {"Yury Ushakov", "India"}
        # Two workers, one extraction: whichever worker answers, /metrics counts it once.
        for _ in range(4):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
                metrics = r.read().decode()
            assert 'quotes_http_requests_total{method="POST",route="/v1/attributions",status="200"} 1.0' in metrics
            assert "quotes_documents_parsed_total 1.0" in metrics and "quotes_words_parsed_total 346.0" in metrics
        # Each worker forked one batch helper (QUOTES_BATCH_HELPERS=1); a batch shared with it
        # gives the single document's answer for each of its documents.
        workers = _children(proc.pid)
        helpers = [h for w in workers for h in _children(w)]
        assert len(workers) == 2 and len(helpers) == 2
        docs = [{"id": k, "text": seed_text} for k in "ab"]
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/attributions/batch",
            data=json.dumps({"documents": docs}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            results = json.load(r)["results"]
        assert [x["attributions"] for x in results] == [body["attributions"]] * 2
        # A worker killed outright (out of memory, say) takes its helper with it.
        victim = workers[0]
        orphans = _children(victim)
        os.kill(int(victim), signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(_alive(h) for h in orphans) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert orphans and not any(_alive(h) for h in orphans), "a batch helper outlived its killed worker"
        deadline = time.monotonic() + 60  # the replacement worker forks its own helper
        while time.monotonic() < deadline:
            workers = _children(proc.pid)
            helpers = [h for w in workers for h in _children(w)]
            if len(helpers) == 2:
                break
            time.sleep(0.2)
        assert len(helpers) == 2
    finally:
        server.stop(timeout=30)
    out = server.log_text()
    # The helpers leave with their workers.
    deadline = time.monotonic() + 10
    while any(_alive(h) for h in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(h) for h in helpers), "batch helpers outlived gunicorn"
    # Every log line is JSON; the request's line has its route, status and words.
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    (extraction,) = [x for x in lines if x.get("route") == "/v1/attributions"]
    assert extraction["status"] == 200 and extraction["words"] == 346 and extraction["request_id"]

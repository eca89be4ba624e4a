"""Faults, for real: gunicorn with the Procfile's config on loopback ports.

- A request over QUOTES_REQUEST_TIMEOUT gets the 504 envelope and the worker goes on serving.
- A worker killed mid-request (SIGKILL) is replaced by the master; /readyz recovers and later
  requests succeed. The client of the killed request sees its connection closed with no answer
  (http.client: RemoteDisconnected); behind a proxy that is the proxy's 502.
- A long document near QUOTES_MAX_CHARS, with a sentence of 1,400 words and 1,600 lone
  quotation marks, is processed in bounded memory, offsets exact.
- Protocol garbage that gunicorn answers itself comes back in the JSON envelope too.
- The queue bound: with the pipeline busy and the queue full, 503 with Retry-After at once.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from quotes.common.settings import Settings
from quotes.service.app import create_app
from tests.live import LiveGunicorn


def call(port: int, method: str, path: str, body: bytes = b"", ctype: str = "text/plain", timeout: float = 60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body or None, headers={"Content-Type": ctype} if body else {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


class Gunicorn(LiveGunicorn):
    def peak_rss_mb(self, pid: int) -> float:
        status = Path(f"/proc/{pid}/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024


@contextmanager
def gunicorn(**env: str) -> Iterator[Gunicorn]:
    with Gunicorn({"QUOTES_WORKERS": "1", "QUOTES_MAX_REQUESTS": "0", **env}) as server:
        yield server


def test_timeout_kill_and_protocol_garbage(seed_text):
    long_text = ("\n\n".join([seed_text] * 80)).encode()  # ~176,000 characters: several seconds of parsing on any machine
    with gunicorn(QUOTES_REQUEST_TIMEOUT="1", QUOTES_THREADS="4") as server:
        # Over the time limit: the 504 envelope, and the same worker serves the next request.
        (worker,) = server.workers()
        status, headers, body = call(server.port, "POST", "/v1/attributions", long_text)
        err = json.loads(body)
        assert status == 504 and err["error"]["code"] == "timeout" and err["request_id"] == headers["X-Request-ID"]
        status, _, body = call(server.port, "POST", "/v1/attributions", b'"We will win," the mayor said.')
        assert status == 200 and json.loads(body)["attributions"] and server.workers() == [worker]

        # SIGKILL in the middle of a request.
        seen: list[BaseException | int] = []

        def victim() -> None:
            try:
                seen.append(call(server.port, "POST", "/v1/attributions", long_text)[0])
            except (OSError, http.client.HTTPException) as exc:
                seen.append(exc)

        t = threading.Thread(target=victim)
        t.start()
        time.sleep(0.5)
        os.kill(worker, signal.SIGKILL)
        t.join(timeout=30)
        (what,) = seen
        assert isinstance(what, http.client.RemoteDisconnected | ConnectionResetError), what  # no answer at all
        server.wait_ready(seconds=60)
        (replacement,) = server.workers()
        assert replacement != worker
        status, _, body = call(server.port, "POST", "/v1/attributions", b'"We will win," the mayor said.')
        assert status == 200 and json.loads(body)["attributions"][0]["speaker"]["mention"]["text"] == "the mayor"
        messages = server.messages()
        assert f"Worker (pid:{worker}) was sent SIGKILL! Perhaps out of memory?" in messages
        assert f"Booting worker with pid: {replacement}" in messages

        # What never reaches the app (gunicorn answers it) is in the JSON envelope too.
        for raw, status in ((b"GARBAGE\r\n\r\n", 400), (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n\r\n", 414)):
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                s.sendall(raw)
                answer = b""
                while chunk := s.recv(65536):
                    answer += chunk
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 %d " % status) and b"Content-Type: application/json" in head
            assert b"X-Content-Type-Options: nosniff" in head
            err = json.loads(body)
            assert set(err) == {"error", "request_id"} and err["error"]["code"] in ("bad_request", "uri_too_long")

        # A body over QUOTES_MAX_BODY_BYTES from a client that sends it all before reading (urllib,
        # requests): the 413 envelope, not a broken pipe; with and without Content-Length.
        # 24 MiB, over the default 2 MiB and over what the socket buffers hold: without reading it the
        # server would close on unread bytes while the client still writes (a broken pipe at 8 MiB).
        big = b"He said hi. " * (24 * 1024 * 1024 // 12)
        for data in (big, iter([big[i : i + 65536] for i in range(0, len(big), 65536)])):
            req = urllib.request.Request(f"{server.url}/v1/attributions", data=data, headers={"Content-Type": "text/plain"})
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(req, timeout=60)
            err = json.loads(info.value.read())
            assert info.value.code == 413 and err["error"]["code"] == "body_too_large", err
        status, _, body = call(server.port, "POST", "/v1/attributions", b'"We will win," the mayor said.')
        assert status == 200 and server.workers() == [replacement]


def test_a_long_document_near_the_limit_in_bounded_memory(seed_text):
    no_full_stop = " ".join(["the minister said that prices would rise"] * 200)  # 1,400 words in one sentence
    marks = '" ' * 800 + "\u201c\u201d" * 400  # lone and alternating marks
    parts, text = [no_full_stop, marks], ""
    while len(text) < 19_500:
        parts.append(seed_text)
        text = "\n\n".join(parts)
    text = text[:19_900]
    with gunicorn(QUOTES_MAX_CHARS="20000", QUOTES_THREADS="2") as server:
        call(server.port, "POST", "/v1/attributions", seed_text.encode())  # warm up
        (worker,) = server.workers()
        before = server.peak_rss_mb(worker)
        t0 = time.monotonic()
        status, _, body = call(server.port, "POST", "/v1/attributions", text.encode(), timeout=120)
        took = time.monotonic() - t0
        growth = server.peak_rss_mb(worker) - before
    assert status == 200, body[:300]
    result = json.loads(body)
    assert len(result["attributions"]) >= 5 and result["meta"]["words"] > 2500
    spans = [s for a in result["attributions"] for s in a["content"]["spans"]]
    spans += [a["cue"] for a in result["attributions"] if a["cue"]] + [m for s in result["speakers"] for m in s["mentions"]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    # Whole, the 1,400-word sentence alone would need about 6 GB in the parser.
    print(f"long document: {len(text)} characters, {result['meta']['words']} words, {took:.1f} s, peak RSS +{growth:.0f} MB")
    assert growth < 400, f"peak RSS grew {growth:.0f} MB"
    assert took < 90


def test_a_full_queue_answers_503_with_retry_after_at_once(nlp):
    settings = replace(Settings.from_env(), max_pending=0)
    app = create_app(settings, nlp=nlp)
    client = app.test_client()
    admission = app.extensions["quotes.admission"]
    with admission.slot():  # a request is in the pipeline; none may wait
        t0 = time.monotonic()
        resp = client.post("/v1/attributions", json={"text": "He said hi."})
        assert time.monotonic() - t0 < 1
        body = resp.get_json()
        assert resp.status_code == 503 and body["error"]["code"] == "overloaded"
        assert "QUOTES_MAX_PENDING" in body["error"]["message"] and int(resp.headers["Retry-After"]) >= 1
        assert client.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": "x"}]}).status_code == 503
        # Probes are not queued: liveness at once, readiness without a test parse.
        assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
    assert client.post("/v1/attributions", json={"text": "He said hi."}).status_code == 200
    assert admission.active == 0

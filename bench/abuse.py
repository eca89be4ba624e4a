#!/usr/bin/env python
"""Abuse and overload campaign: nothing a client sends may hurt the service.

Starts the real service (gunicorn with ``config/gunicorn.conf.py``) on a free
127.0.0.1 port, sends a seeded corpus of bad and odd requests, then stops by
itself and prints a table and one JSON line of figures. Nothing leaves the
machine; every server it starts is stopped at the end.

Phase 1, abuse (``--requests``, default 10,000): malformed and deeply nested
JSON, invalid UTF-8 and NUL bytes, wrong JSON types in every field, huge
numbers, bodies at and over every size limit, empty texts, batches at and over
the limit with good and bad documents mixed, HTML bombs, pathological quotation
marks, sentences with no punctuation, other scripts, protocol-level garbage,
API keys missing or wrong. Most are cheap rejections; a few hundred are real
parses of odd texts. The limits are set low for the run (``--max-chars`` etc.)
so that it takes minutes on two cores. A prober hits ``/healthz`` throughout
and a monitor reads every worker's RSS from ``/proc``. Every answer is checked:
its status against what the request deserves, the JSON error envelope (no
internals), the security headers, and for results every offset against the
text sent.

Phase 2, overload (``--overload-seconds``, 0 to skip): capacity measured with
one client per worker on a real article, then an open-loop run at twice that
rate with a new connection per request: requests past the queue bound
(``QUOTES_MAX_PENDING``) must get 503 with ``Retry-After`` quickly, accepted
ones a bounded latency, and none may go unanswered. ``--contrast`` repeats it
with ``QUOTES_THREADS=1`` (gunicorn's sync workers: no queue bound) for
comparison.

    .venv/bin/python bench/abuse.py                       # ~10,000 requests + overload, a few minutes
    .venv/bin/python bench/abuse.py --requests 2000 --overload-seconds 0

Exit status 0 when the targets hold: no 5xx, no worker death, /healthz
answered throughout, every answer as documented, RSS under ``--max-rss-mb``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import http.client
import json
import math
import os
import random
import re
import signal
import socket
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.service import Client, Server, request  # noqa: E402 - the repository root first, so it runs from a checkout
from quotes.engine import quotemarks  # noqa: E402

ARTICLE = (ROOT / "tests" / "data" / "putin-india.txt").read_text(encoding="utf-8")
API_KEY = "abuse-campaign-key-" + "x" * 24  # the server is given only its sha256
INTERNALS = re.compile(r"Traceback|File \"|site-packages|\.py\b|/work/|/home/|/usr/|/tmp/|stanza \d|torch", re.I)


# -- the server -------------------------------------------------------------------------------


def raw_exchange(port: int, data: bytes, timeout: float = 20):
    """Bytes on a fresh socket, the answer parsed: (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                blob = b"".join(chunks)
                if b"\r\n\r\n" in blob:
                    head, _, rest = blob.partition(b"\r\n\r\n")
                    m = re.search(rb"content-length:\s*(\d+)", head, re.I)
                    if m and len(rest) >= int(m.group(1)):
                        break
        except (TimeoutError, ConnectionResetError):
            pass
    blob = b"".join(chunks)
    if not blob:
        raise ConnectionError("no answer")
    head, _, body = blob.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:  # what follows is the answer to the next request on the same bytes
        body = body[: int(headers["content-length"])]
    return status, headers, body


# -- monitors ---------------------------------------------------------------------------------


class HealthProbe(threading.Thread):
    """GET /healthz every ``interval`` s on its own connection; any failure or a wait over 2 s counts."""

    def __init__(self, port: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.port, self.interval = port, interval
        self.stop_event = threading.Event()
        self.ok = self.failed = 0
        self.latencies: list[float] = []
        self.failures: list[str] = []

    def run(self) -> None:
        while not self.stop_event.wait(self.interval):
            t0 = time.monotonic()
            try:
                status, _, body = request(self.port, "GET", "/healthz", timeout=2)
                good = status == 200 and json.loads(body) == {"status": "ok"}
            except (OSError, ValueError) as exc:
                good, status = False, type(exc).__name__
            took = time.monotonic() - t0
            self.latencies.append(took)
            if good:
                self.ok += 1
            else:
                self.failed += 1
                self.failures.append(f"{status} after {took:.2f} s")

    def figures(self) -> dict:
        lat = sorted(self.latencies)
        return {
            "probes": self.ok + self.failed,
            "failed": self.failed,
            "p95_ms": round(pct(lat, 95) * 1000, 1) if lat else None,
            "max_ms": round(lat[-1] * 1000, 1) if lat else None,
            "answered_throughout": self.failed == 0 and self.ok > 0,
        }


class RssMonitor(threading.Thread):
    """Every worker's RSS from /proc; a worker over the cap is killed (this machine is shared) and counted."""

    def __init__(self, server: Server, cap_mb: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.server, self.cap_mb, self.interval = server, cap_mb, interval
        self.stop_event = threading.Event()
        self.max_rss: dict[int, float] = {}
        self.last_rss: dict[int, float] = {}
        self.killed: list[int] = []

    def run(self) -> None:
        while not self.stop_event.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        for pid in self.server.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            fields = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
            rss = int(fields.get("VmHWM", fields.get("VmRSS", "0"))) / 1024
            self.max_rss[pid] = max(self.max_rss.get(pid, 0.0), rss)
            self.last_rss[pid] = int(fields.get("VmRSS", "0")) / 1024
            if int(fields.get("VmRSS", "0")) / 1024 > self.cap_mb and pid not in self.killed:
                os.kill(pid, signal.SIGKILL)
                self.killed.append(pid)

    def figures(self) -> dict:
        values = sorted(self.max_rss.values())
        return {
            "max_rss_mb_per_worker": [round(v) for v in values],
            "max_rss_mb": round(values[-1]) if values else None,
            "end_rss_mb_per_worker": [round(self.last_rss[p]) for p in sorted(self.last_rss, key=self.max_rss.get)],
            "killed_over_cap": len(self.killed),
            "cap_mb": self.cap_mb,
        }


def pct(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


# -- the corpus -------------------------------------------------------------------------------


@dataclass
class Limits:
    max_chars: int
    max_body: int
    max_batch: int
    max_tags: int


@dataclass
class Case:
    category: str
    method: str = "POST"
    path: str = "/v1/attributions"
    content_type: str | None = "application/json"
    body: bytes = b""
    expect: frozenset[int] = frozenset({200})
    texts: list[str | None] | None = None  # the text of each document sent (None: HTML, compare with the answer's text)
    raw: bytes | None = None  # protocol cases: these bytes on a fresh socket
    headers: dict[str, str] = field(default_factory=dict)
    auth: bool = True  # send the valid key

    def all_headers(self) -> dict[str, str]:
        h = {}
        if self.content_type is not None:
            h["Content-Type"] = self.content_type
        if self.auth:
            h["Authorization"] = f"Bearer {API_KEY}"
        h.update(self.headers)
        return h


def js(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


def single(category: str, doc: dict, expect, text: str | None = None, **kw) -> Case:
    texts = [text if text is not None else (doc.get("text") if isinstance(doc, dict) and doc.get("format") != "html" else None)]
    return Case(category, body=js(doc), expect=frozenset(expect), texts=texts, **kw)


def batch(category: str, docs, expect, options=None, **kw) -> Case:
    body = {"documents": docs} if options is None else {"documents": docs, "options": options}
    texts = None
    if isinstance(docs, list):
        texts = [
            d.get("text") if isinstance(d, dict) and isinstance(d.get("text"), str) and d.get("format") != "html" else None for d in docs
        ]
    return Case(category, path="/v1/attributions/batch", body=js(body), expect=frozenset(expect), texts=texts, **kw)


TINY = ['"We will win," the mayor said.', "Prices will rise, the bank said.", "He said hi.", "According to Reuters, it rained."]
# every mark the service pairs, and marks it does not (low-9 single, CJK corner brackets)
MARKS = [*quotemarks.MARKS, "\u201a", "\u300c", "\u300d"]
CUE_WORDS = "the minister said that prices would rise according to officials who warned told reporters noted he she they claimed".split()
SCRIPTS = [
    "قال الوزير «سننتصر» يوم الأحد.",
    "השר אמר ״ננצח״ ביום ראשון.",
    "部长说：“我们会赢。”他在周日表示。",
    "大臣は「勝つ」と述べた。",
    "장관은 “우리는 이길 것”이라고 말했다.",
    "मंत्री ने कहा, “हम जीतेंगे”।",
    "Министр заявил: «Мы победим».",
    "Ο υπουργός είπε «θα νικήσουμε».",
    "รัฐมนตรีกล่าวว่าเราจะชนะ",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 said \u201c\U0001f389\U0001f389\u201d \U0001d54f\U0001d54f \u2603",
    'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319a\u0300\u0301\u0302 said \u202e"sdrawkcab"\u202c \u2066x\u2069.',
]


def _pick(rng: random.Random, items):
    return items[rng.randrange(len(items))]


def gen_malformed_json(rng, lim):
    bodies = [
        b"",
        b"{",
        b"}",
        b'{"text": "x",}',
        b"{'text': 'x'}",
        b'{"text": "x"} trailing',
        b'{"text": "He said hi."}{"text": 1}',
        b'{"text": "\x00 raw NUL"}',
        b'{"text": "tab\there"}',
        b"[1, 2,",
        b'{"text": tru}',
        b"nul",
        b'{"text": "\\ud83d\\ude00 unterminated',
        b'{"text": "\\x41"}',
        b'{"text": "\\u12"}',
        bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))),
    ]
    body = _pick(rng, bodies)
    path = _pick(rng, ["/v1/attributions", "/v1/attributions/batch"])
    return Case("malformed_json", path=path, body=body, expect=frozenset({400, 422}))


def gen_deep_json(rng, lim):
    depth = _pick(rng, [50, 500, 998, 999, 1000, 1001, 3000, (lim.max_body - 40) // 2])
    shape = rng.randrange(5)
    if shape == 0:
        body = b"[" * depth + b"]" * depth
    elif shape == 1:
        body = b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    elif shape == 2:
        body = b'{"text": "x", "options": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"
    elif shape == 3:
        body = b'{"documents": [' + b"{" + b'"a":{' * depth + b"}" * depth + b"}]}"
    else:
        body = b'{"text": "x", "id": ' + b"[" * depth + b"]" * depth + b"}"
    path = "/v1/attributions/batch" if shape == 3 else "/v1/attributions"
    # A batch document with an unknown field fails alone: 200, its slot holding the error.
    expect = ({200, 400} if shape == 3 else {400, 422}) if len(body) <= lim.max_body else {413}
    return Case("deep_json", path=path, body=body, expect=frozenset(expect))


def gen_bad_utf8(rng, lim):
    junk = _pick(rng, [b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xf4\x90\x80\x80"])
    kind = rng.randrange(4)
    # JSON is decoded with surrogatepass: an encoded surrogate (\xed\xa0\x80) is read, then refused as not a character.
    surrogate = junk == b"\xed\xa0\x80"
    if kind == 0:
        return Case("bad_utf8", body=b'{"text": "He said ' + junk + b'."}', expect=frozenset({422} if surrogate else {400}))
    if kind == 1:
        return Case("bad_utf8", content_type="text/plain", body=b"He said " + junk + b" hi.", expect=frozenset({400}))
    if kind == 2:
        return Case("bad_utf8", content_type="text/html", body=b"<p>He said " + junk + b"</p>", expect=frozenset({400}))
    body = b'{"documents": [{"id": "a", "text": "' + junk + b'"}]}'
    return Case("bad_utf8", path="/v1/attributions/batch", body=body, expect=frozenset({200} if surrogate else {400}))


def gen_surrogates(rng, lim):
    s = _pick(rng, ["\ud800", "\udfff", "\udc00x\ud800", "a\ud83d"])  # unpaired, as JSON can spell them
    kind = rng.randrange(3)
    if kind == 0:
        return single("surrogates", {"text": f"He said {s}."}, {422})
    if kind == 1:
        return single("surrogates", {"text": "He said hi.", "id": s}, {422})
    docs = [{"id": f"d{s}", "text": "x"}, {"id": "b", "text": s}]
    return batch("surrogates", docs, {200})


WRONG = [None, True, False, 0, -1, 1.5, "str", "", [], {}, [1], [None], {"a": 1}, 1e308, "direct", ["quoted"], [[]]]


def gen_wrong_types(rng, lim):
    value = _pick(rng, WRONG)
    where = rng.randrange(12)
    doc: dict = {"text": _pick(rng, TINY)}
    if where == 0:
        doc["text"] = value
    elif where == 1:
        doc["id"] = value
    elif where == 2:
        doc["format"] = value
    elif where == 3:
        doc["options"] = value
    elif where in (4, 5, 6, 7, 8):
        key = ["min_confidence", "types", "frames", "include_speakers", "include_skipped"][where - 4]
        doc["options"] = {key: value}
    elif where == 9:
        doc[_pick(rng, ["surprise", "Text", "TEXT", "options ", "__proto__"])] = value
    if where <= 9:
        return single("wrong_types", doc, {200, 422}, text=doc["text"] if isinstance(doc.get("text"), str) else None)
    if where == 10:
        return batch("wrong_types", value, {200, 422})
    docs = [{"id": "a", "text": "He said hi."}, {"id": value, "text": value, "format": value}]
    return batch("wrong_types", docs, {200, 422})


def gen_huge_numbers(rng, lim):
    raw = _pick(
        rng,
        [
            b"1e999",
            b"-1e999",
            b"1e-400",
            b"9" * 5000,
            b"-" + b"9" * 4000,
            b"1.00000000000000000000001",
            b"NaN",
            b"Infinity",
            b"-Infinity",
            b"12345678901234567890",
            b"0.5e1",
        ],
    )
    field_ = rng.randrange(3)
    if field_ == 0:
        body = b'{"text": "He said hi.", "options": {"min_confidence": ' + raw + b"}}"
    elif field_ == 1:
        body = b'{"text": "He said hi.", "id": ' + raw + b"}"
    else:
        body = b'{"text": ' + raw + b"}"
    return Case("huge_numbers", body=body, expect=frozenset({200, 400, 422}), texts=["He said hi."] if field_ < 2 else None)


def gen_size_limits(rng, lim):
    kind = rng.randrange(7)
    if kind == 0:  # a body of exactly the limit: accepted for reading, its text over the character limit
        pad = lim.max_body - len(b'{"text": ""}')
        return Case("size_limits", body=b'{"text": "' + b"a" * pad + b'"}', expect=frozenset({422}))
    if kind == 1:
        n = lim.max_body + _pick(rng, [1, 2, 1000, lim.max_body])
        return Case("size_limits", content_type="text/plain", body=b"b" * n, expect=frozenset({413}))
    if kind == 2:
        return single("size_limits", {"text": "c" * (lim.max_chars + 1)}, {422})
    if kind == 3:  # HTML whose text is over the limit, though its markup is not a problem
        return Case(
            "size_limits", content_type="text/html", body=("<p>" + "d " * lim.max_chars + "</p>").encode(), expect=frozenset({422, 413})
        )
    if kind == 4:  # one million one-character tokens: far over every limit
        return Case("size_limits", content_type="text/plain", body=b'" ' * 1_000_000, expect=frozenset({413}))
    if kind == 5:
        return batch("size_limits", [{"id": "a", "text": "e" * (lim.max_chars + 1)}, {"id": "b", "text": "  "}], {200})
    return Case("size_limits", content_type="text/plain", body=b"x" * lim.max_body, expect=frozenset({422}))


def gen_empty(rng, lim):
    text = _pick(rng, ["", " ", "\n\n\t", "\u00a0\u2002\u3000", "\r\n" * 50, "\u2028\u2029", "\x1c\x1d\x1e\x1f"])
    kind = rng.randrange(3)
    if kind == 0:
        return single("empty_texts", {"text": text}, {422})
    if kind == 1:
        return Case("empty_texts", content_type="text/plain", body=text.encode(), expect=frozenset({422}))
    html = _pick(rng, ["<p> </p>", "<script>alert(1)</script>", "<!-- only -->", "<br><br>", "<style>p{}</style>", "&nbsp;"])
    return Case("empty_texts", content_type="text/html", body=html.encode(), expect=frozenset({422}))


def gen_batch_limits(rng, lim):
    kind = rng.randrange(5)
    if kind == 0:
        n = _pick(rng, [lim.max_batch + 1, lim.max_batch * 2, 100, 1000])
        case = batch("batch_limits", [{"id": str(i), "text": "x"} for i in range(n)], {422})
        return case if len(case.body) <= lim.max_body else Case("batch_limits", path=case.path, body=case.body, expect=frozenset({413}))
    if kind == 1:
        return batch("batch_limits", [], {422})
    if kind == 2:  # a long list of numbers in place of documents
        n = (lim.max_body - 30) // 2
        return Case(
            "batch_limits", path="/v1/attributions/batch", body=b'{"documents": [' + b"1," * (n - 1) + b"1]}", expect=frozenset({422})
        )
    if kind == 3:  # an option list far longer than its choices
        n = (lim.max_body - 60) // 10
        body = b'{"text": "x", "options": {"types": [' + b'"direct",' * (n - 1) + b'"direct"]}}'
        return Case("batch_limits", body=body, expect=frozenset({422}))
    keys = {f"k{i}": i for i in range(rng.randint(17, 500))}
    return single("batch_limits", {"text": "x", **keys}, {422})


def gen_html_bombs(rng, lim):
    kind = rng.randrange(10)
    over = lim.max_tags + rng.randint(1, 300)
    under = rng.randint(5, lim.max_tags // 2)
    if kind == 0:
        html = "<div>" * over + "He said hi." + "</div>" * over
    elif kind == 1:
        html = "<b><i>" * (over // 2 + 1) + "x"
    elif kind == 2:
        html = '<a href="' + "h" * (lim.max_body - 100) + '">He said "hi."</a>'
    elif kind == 3:
        html = "<p>x" * over
    elif kind == 4:
        html = "<!--" + "-" * 2000 + " never closed <p>x</p>"
    elif kind == 5:
        html = "<script>" + "<p>" * 300 + " unclosed"
    elif kind == 6:
        html = "&amp;" * (lim.max_chars + 1)
    elif kind == 7:
        html = "<a" * over
    elif kind == 8:
        html = "<div>" * under + "&#0;&#xD800;&#x110000;&#65533;&#x1F600;&nbsp&lt&gt; said \u201cyes\u201d" + "</span>" * under
    else:
        html = "<![CDATA[" + "x" * 500 + "]]><svg><p>" * under + "</svg>He said hi."
    if rng.random() < 0.5:
        case = Case("html_bombs", content_type="text/html", body=html.encode("utf-8"), texts=[None])
    else:
        case = single("html_bombs", {"text": html, "format": "html"}, {})
    case.expect = frozenset({200, 422} if len(case.body) <= lim.max_body else {413})
    return case


def gen_content_types(rng, lim):
    kind = rng.randrange(11)
    body = js({"text": "He said hi."})
    if kind == 0:
        return Case("content_types", content_type=None, body=body, expect=frozenset({415}))
    if kind == 1:
        return Case("content_types", content_type="application/x-www-form-urlencoded", body=b"text=hi", expect=frozenset({415}))
    if kind == 2:
        return Case(
            "content_types", content_type="multipart/form-data; boundary=x", body=b"--x\r\n\r\nhi\r\n--x--", expect=frozenset({415})
        )
    if kind == 3:
        return Case(
            "content_types", content_type="application/json; charset=latin-1", body=body, expect=frozenset({200}), texts=["He said hi."]
        )
    if kind == 4:
        t = "He said \u201chi.\u201d"
        return Case("content_types", content_type="text/plain; charset=utf-16", body=t.encode("utf-16"), expect=frozenset({200}), texts=[t])
    if kind == 5:
        return Case("content_types", content_type="text/plain; charset=klingon", body=b"He said hi.", expect=frozenset({400}))
    if kind == 6:
        return Case("content_types", content_type="TEXT/PLAIN", body=b"He said hi.", expect=frozenset({200}), texts=["He said hi."])
    if kind == 7:
        return Case("content_types", content_type="application/json-seq", body=body, expect=frozenset({415}))
    if kind == 8:
        return Case("content_types", path="/v1/attributions/batch", content_type="text/plain", body=b"x", expect=frozenset({415}))
    if kind == 9:
        return Case(
            "content_types",
            content_type="text/plain; charset=latin-1",
            body="He said caf\u00e9.".encode("latin-1"),
            expect=frozenset({200}),
            texts=["He said caf\u00e9."],
        )
    return Case(
        "content_types", content_type="text/plain", body="\ufeffHe said hi.".encode(), expect=frozenset({200}), texts=["\ufeffHe said hi."]
    )


def gen_methods_paths(rng, lim):
    options = [
        ("GET", "/v1/attributions", {405}),
        ("PUT", "/v1/attributions", {405}),
        ("DELETE", "/v1/attributions/batch", {405}),
        ("PATCH", "/v1/attributions", {405}),
        ("GET", "/nope", {404}),
        ("POST", "/v1/attributions/", {404}),
        ("GET", "/v1/%00", {404}),
        ("GET", "/v1/docs/assets/../../../../etc/passwd", {404}),
        ("GET", "/static/../quotes/settings.py", {404}),
        ("GET", "/v1/docs/assets/%2e%2e/%2e%2e/etc/passwd", {404}),
        ("GET", "/" + "a" * 3000, {404}),
        ("GET", "/healthz?" + "q=1&" * 500, {200}),
        ("POST", "/healthz", {405}),
        ("GET", "/v1/openapi.json", {200}),
        ("GET", "/metrics", {200}),
        ("GET", "/v2/attributions", {404}),
    ]
    method, path, expect = _pick(rng, options)
    return Case("methods_paths", method=method, path=path, content_type=None, expect=frozenset(expect))


def gen_headers(rng, lim):
    kind = rng.randrange(6)
    body = js({"text": "He said hi."})
    h: dict[str, str] = {}
    if kind == 0:
        h["X-Request-ID"] = "r" * 8000
    elif kind == 1:
        h["X-Request-ID"] = "<script>alert(1)</script>\"'{}"
    elif kind == 2:
        h.update({f"X-Junk-{i}": "v" * 50 for i in range(60)})
    elif kind == 3:
        h["Accept"] = "text/html"
    elif kind == 4:
        h["Expect"] = "100-continue"
    else:
        h["Origin"] = "https://evil.example"
    return Case("headers", body=body, headers=h, expect=frozenset({200}), texts=["He said hi."])


def gen_auth(rng, lim):
    kind = rng.randrange(7)
    body = js({"text": "He said hi."})
    path = _pick(rng, ["/v1/attributions", "/v1/attributions/batch", "/v1/anything"])
    if kind == 0:
        return Case("auth", path=path, body=body, auth=False, expect=frozenset({401}))
    header = [
        "Bearer wrong",
        "Basic " + "QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        f"Bearer {API_KEY}x",
        f"Bearer {API_KEY[:-1]}",
        "Bearer " + "k" * 4000,
        f"Token {API_KEY}",
    ][kind - 1]
    return Case("auth", path=path, body=body, auth=False, headers={"Authorization": header}, expect=frozenset({401}))


def gen_protocol(rng, lim):
    kind = rng.randrange(11)
    host = b"Host: 127.0.0.1\r\nAuthorization: Bearer " + API_KEY.encode() + b"\r\n"
    big = b'{"text": "' + b"He said hi. " * (lim.max_body // 12 + 10) + b'"}'  # chunked, past the body limit
    raw = [
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/9.9\r\n" + host + b"\r\n",
        b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n" + host + b"\r\n",
        b"GET /healthz HTTP/1.1\r\n" + host + b"X-Long: " + b"l" * 9000 + b"\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n" + host + b"".join(b"X-H%d: v\r\n" % i for i in range(120)) + b"\r\n",
        b"POST /v1/attributions HTTP/1.1\r\n" + host + b"Content-Length: abc\r\n\r\n",
        b"POST /v1/attributions HTTP/1.1\r\n" + host + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"POST /v1/attributions HTTP/1.1\r\n"
        + host
        + b"Transfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\nZZ\r\nhi\r\n0\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n" + host + b"X-Nul: a\x00b\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n" + host + b"Bad Header Name: x\r\n\r\n",
        b"POST /v1/attributions HTTP/1.1\r\n"
        + host
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"%x\r\n%s\r\n0\r\n\r\n" % (len(big), big),
    ][kind]
    return Case("protocol", raw=raw, expect=frozenset({413} if kind == 10 else {400, 414, 431, 505, 501}))


def random_text(rng, lim, n):
    kind = rng.randrange(8)
    if kind == 0:  # thousands of unmatched or alternating marks
        unit = _pick(rng, ['"', '" ', "\u201c \u201d ", "\u201d \u201c ", "\u00ab \" \u2019 \u201e ' ", "'", "''", "``", "\u300c\u300d"])
        return (unit * (n // len(unit) + 1))[:n]
    if kind == 1:  # quotation marks everywhere in cue text
        return "".join(_pick(rng, MARKS) if rng.random() < 0.3 else _pick(rng, CUE_WORDS) + " " for _ in range(n // 4))[:n]
    if kind == 2:  # one-character tokens repeated
        unit = _pick(rng, ["a ", ". ", ", ", "\u2014 ", ": ", "' ", "x"])
        return (unit * (n // len(unit) + 1))[:n]
    if kind == 3:  # a very long sentence with no punctuation
        return " ".join(_pick(rng, CUE_WORDS) for _ in range(n // 5))[:n]
    if kind == 4:  # other scripts, mixed with an English attribution
        parts = [_pick(rng, SCRIPTS) for _ in range(8)] + ['He said "yes."']
        rng.shuffle(parts)
        return " ".join(parts)[:n]
    if kind == 5:  # control characters, odd line breaks, NUL
        pieces = [
            '"We will win," the mayor said.',
            "\x00",
            "\r\n",
            "\r",
            "\u2028",
            "\ufeff",
            "\t",
            "\x0b",
            "\x1b[31m",
            "\uffff",
            "\ue000",
            "\n\n\n\n",
        ]
        return "".join(_pick(rng, pieces) for _ in range(n // 6))[:n]
    if kind == 6:  # a real article, mutilated
        start = rng.randrange(max(1, len(ARTICLE) - n))
        chars = list(ARTICLE[start : start + n])
        for _ in range(len(chars) // 10):
            i = rng.randrange(len(chars))
            chars[i] = _pick(rng, MARKS + ["", "\n", " ", "\x00", "\u00ad"])
        return "".join(chars)[:n]
    return "\n\n".join(_pick(rng, TINY) for _ in range(n // 30 + 1))[:n]


def gen_odd_texts(rng, lim):
    n = _pick(rng, [rng.randint(1, 200), rng.randint(200, lim.max_chars), lim.max_chars])
    text = random_text(rng, lim, n)
    if not text.strip():
        text = "x" + text
    if rng.random() < 0.3:
        return Case("odd_texts", content_type="text/plain; charset=utf-8", body=text.encode(), expect=frozenset({200}), texts=[text])
    return single("odd_texts", {"text": text, "id": f"odd-{n}"}, {200})


def gen_batch_mixed(rng, lim):
    docs = []
    for i in range(lim.max_batch):
        r = rng.random()
        if r < 0.5:
            docs.append({"id": f"g{i}", "text": random_text(rng, lim, rng.randint(10, lim.max_chars // lim.max_batch))})
            if not docs[-1]["text"].strip():
                docs[-1]["text"] = "x"
        elif r < 0.6:
            docs.append({"id": f"h{i}", "text": "<p>&ldquo;Yes,&rdquo; <b>she</b> said.<p>unclosed", "format": "html"})
        else:
            docs.append(
                _pick(
                    rng,
                    [
                        {"id": f"e{i}", "text": ""},
                        {"id": f"t{i}", "text": 5},
                        {"text": "no id"},
                        {"id": f"l{i}", "text": "z" * (lim.max_chars + 1)},
                        7,
                        None,
                        {"id": f"f{i}", "text": "x", "format": "pdf"},
                    ],
                )
            )
    options = _pick(rng, [None, {"include_speakers": False}, {"types": ["direct"]}, {"min_confidence": 0.5}])
    # Every bad document, null included, fails alone: its slot has the error, the batch is 200.
    return batch("batch_mixed", docs, {200}, options)


CHEAP = [
    (gen_malformed_json, 10),
    (gen_deep_json, 6),
    (gen_bad_utf8, 6),
    (gen_surrogates, 3),
    (gen_wrong_types, 18),
    (gen_huge_numbers, 5),
    (gen_size_limits, 7),
    (gen_empty, 5),
    (gen_batch_limits, 6),
    (gen_html_bombs, 8),
    (gen_content_types, 5),
    (gen_methods_paths, 7),
    (gen_headers, 3),
    (gen_auth, 6),
    (gen_protocol, 5),
]
PARSES = [(gen_odd_texts, 4), (gen_batch_mixed, 1)]


def schedule(n: int, parses: int, seed: int, only: str | None = None) -> list:
    """Which generator makes request i: ``parses`` real parses, the rest cheap, shuffled (seeded)."""
    if only:
        gens = [g for g, _ in PARSES + CHEAP if g.__name__.removeprefix("gen_") in only.split(",")]
        return [gens[i % len(gens)] for i in range(n)]
    plan = []
    for group, count in ((PARSES, parses), (CHEAP, n - parses)):
        total = sum(w for _, w in group)
        for gen, w in group:
            plan += [gen] * int(count * w / total)
        while len(plan) < (parses if group is PARSES else n):
            plan.append(group[len(plan) % len(group)][0])
    random.Random(seed).shuffle(plan)
    return plan


# -- checking answers -------------------------------------------------------------------------


def spans_of(result: dict):
    for a in result.get("attributions", []):
        yield from a["content"]["spans"]
        if a.get("cue"):
            yield a["cue"]
        if a.get("speaker"):
            yield a["speaker"]["mention"]
    for s in result.get("speakers", []):
        yield from s["mentions"]
    for s in result.get("skipped", []):
        yield s


def check_result(result: dict, text: str | None) -> str | None:
    if not {"attributions", "meta"} <= set(result):
        return "result without attributions/meta"
    text = result.get("text", text)
    if text is None:
        return None
    for span in spans_of(result):
        if not (0 <= span["start"] <= span["end"] <= len(text)) or text[span["start"] : span["end"]] != span["text"]:
            return f"span {span['start']}:{span['end']} is not the text sent"
    return None


def check_error_body(body: dict, headers: dict) -> str | None:
    if set(body) != {"error", "request_id"}:
        return f"error body keys {sorted(body)}"
    err = body["error"]
    if not isinstance(err, dict) or not isinstance(err.get("code"), str) or not isinstance(err.get("message"), str):
        return "error object without code/message"
    if not set(err) <= {"code", "message", "details"}:
        return f"error keys {sorted(err)}"
    if body["request_id"] != headers.get("x-request-id"):
        return "request_id differs from X-Request-ID"
    if INTERNALS.search(json.dumps(body)):
        return "internals in an error: " + json.dumps(body)[:200]
    return None


def check(case: Case, status: int, headers: dict, data: bytes) -> list[str]:
    problems = []
    if status not in case.expect:
        why = ""
        try:
            why = ": " + json.loads(data)["error"]["message"][:100]
        except (ValueError, KeyError, TypeError):
            pass
        problems.append(f"{case.category}: status {status}, expected {sorted(case.expect)}{why}")
    if headers.get("x-content-type-options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if case.method in ("HEAD", "OPTIONS") or (case.path in ("/metrics",) and status == 200):
        return problems
    try:
        body = json.loads(data)
    except ValueError:
        return problems + [f"not JSON: {data[:80]!r}"]
    if status >= 400:
        bad = check_error_body(body, headers)
        if bad:
            problems.append(bad)
        if status == 401 and "www-authenticate" not in headers:
            problems.append("401 without WWW-Authenticate")
        return problems
    if headers.get("cache-control") != "no-store" and case.path.startswith("/v1/attributions"):
        problems.append("result without Cache-Control: no-store")
    if case.path == "/v1/attributions":
        bad = check_result(body, case.texts[0] if case.texts else None)
        if bad:
            problems.append(bad)
    elif case.path == "/v1/attributions/batch":
        results = body.get("results")
        if not isinstance(results, list) or (case.texts is not None and len(results) != len(case.texts)):
            return problems + ["batch results do not match the documents"]
        for i, slot in enumerate(results):
            if "error" in slot:
                if set(slot) != {"id", "error"} or INTERNALS.search(json.dumps(slot)):
                    problems.append(f"bad error slot {json.dumps(slot)[:120]}")
                continue
            bad = check_result(slot, case.texts[i] if case.texts else None)
            if bad:
                problems.append(f"document {i}: {bad}")
    return problems


# -- phase 1: abuse ---------------------------------------------------------------------------


@dataclass
class Outcome:
    category: str
    status: int | None
    seconds: float
    problems: list[str]
    parse: bool


def run_abuse(args, workdir: Path) -> dict:
    lim = Limits(args.max_chars, args.max_body, args.max_batch, args.max_tags)
    env = {
        "QUOTES_WORKERS": str(args.workers),
        # The queue bound is the overload phase's subject; here it must never be what answers.
        "QUOTES_THREADS": str(args.concurrency + 2),
        "QUOTES_MAX_PENDING": str(args.concurrency),
        "QUOTES_MAX_CHARS": str(lim.max_chars),
        "QUOTES_MAX_BODY_BYTES": str(lim.max_body),
        "QUOTES_MAX_BATCH": str(lim.max_batch),
        "QUOTES_MAX_HTML_TAGS": str(lim.max_tags),
        "QUOTES_REQUEST_TIMEOUT": str(args.request_timeout),
        "QUOTES_MAX_REQUESTS": "0",  # no recycling: memory growth would show
        "QUOTES_API_KEYS": "sha256:" + hashlib.sha256(API_KEY.encode()).hexdigest(),
        "QUOTES_LOG_LEVEL": "info",
    }
    server = Server(env, workdir, "abuse")
    try:
        t_boot = time.monotonic()
        server.wait_ready()
        boot_s = time.monotonic() - t_boot
        probe, rss = HealthProbe(server.port), RssMonitor(server, args.max_rss_mb)
        rss.sample()
        boot_rss = [round(v) for v in sorted(rss.last_rss.values())]
        probe.start()
        rss.start()
        plan = schedule(args.requests, args.parses, args.seed, args.only)
        outcomes: list[Outcome] = []
        lock = threading.Lock()
        counter = iter(range(len(plan)))
        stop_at = time.monotonic() + args.max_seconds
        reconnects = []

        def worker() -> None:
            client = Client(server.port)
            while time.monotonic() < stop_at:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                gen = plan[i]
                case = gen(random.Random(f"{args.seed}:{i}"), lim)
                t0 = time.monotonic()
                try:
                    if case.raw is not None:
                        status, headers, data = raw_exchange(server.port, case.raw)
                    else:
                        status, headers, data = client.send(case.method, case.path, case.body, case.all_headers())
                    problems = check(case, status, headers, data)
                except (OSError, http.client.HTTPException) as exc:
                    status, problems = None, [f"no answer: {type(exc).__name__}: {exc}"[:160]]
                    client.close()
                outcome = Outcome(case.category, status, time.monotonic() - t0, problems, gen in (g for g, _ in PARSES))
                with lock:
                    outcomes.append(outcome)
            reconnects.append(client.reconnects)
            client.close()

        t0 = time.monotonic()
        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        last, step, checkpoints = 0, max(1, len(plan) // 4), {}
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
            done = len(outcomes)
            if done // step > len(checkpoints):  # worker RSS now, after each quarter of the requests
                checkpoints[done // step * step] = [round(v) for v in sorted(rss.last_rss.values())]
            if not args.quiet and done - last >= 1000:
                last = done // 1000 * 1000
                print(f"  {done} requests, {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
        elapsed = time.monotonic() - t0
        probe.stop_event.set()
        rss.stop_event.set()
        probe.join()
        rss.join()
        rss.sample()
    finally:
        server.stop()
    figures = summarise_abuse(args, outcomes, elapsed, boot_s, probe, rss, server, sum(reconnects))
    figures["rss"]["rss_mb_after_requests"] = {"boot": boot_rss, **{str(k): v for k, v in checkpoints.items()}}
    return figures


def summarise_abuse(args, outcomes: list[Outcome], elapsed: float, boot_s: float, probe, rss, server, reconnects: int) -> dict:
    by_cat: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_cat[o.category].append(o)
    statuses = Counter(str(o.status) if o.status is not None else "none" for o in outcomes)
    problems = [o for o in outcomes if o.problems]
    lat = sorted(o.seconds for o in outcomes)
    parse_lat = sorted(o.seconds for o in outcomes if o.parse)
    life = server.lifecycle()
    rows = []
    for cat in sorted(by_cat):
        os_ = by_cat[cat]
        cl = sorted(o.seconds for o in os_)
        st = Counter(o.status for o in os_)
        rows.append(
            {
                "category": cat,
                "requests": len(os_),
                "statuses": " ".join(f"{k}:{v}" for k, v in sorted(st.items(), key=lambda kv: str(kv[0]))),
                "p95_ms": round(pct(cl, 95) * 1000, 1),
                "problems": sum(1 for o in os_ if o.problems),
            }
        )
    samples = Counter(p for o in problems for p in o.problems)
    figures = {
        "requests": len(outcomes),
        "seconds": round(elapsed, 1),
        "boot_seconds": round(boot_s, 1),
        "real_parses": sum(1 for o in outcomes if o.parse),
        "by_status": dict(sorted(statuses.items())),
        "status_5xx": sum(v for k, v in statuses.items() if k.startswith("5")),
        "status_500": statuses.get("500", 0),
        "no_answer": statuses.get("none", 0),
        "problems": len(problems),
        "problem_samples": [f"{n}x {p}" for p, n in samples.most_common(8)],
        "worker_deaths": life["deaths"],
        "worker_restarts": max(0, life["boots"] - args.workers),
        "planned_restarts": life["planned_restarts"],
        "unhandled_errors_logged": server.app_errors(),
        "health": probe.figures(),
        "rss": rss.figures(),
        "p50_ms": round(pct(lat, 50) * 1000, 1),
        "p95_ms": round(pct(lat, 95) * 1000, 1),
        "p95_parse_ms": round(pct(parse_lat, 95) * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        "keepalive_reconnects": reconnects,
        "limits": {
            "max_chars": args.max_chars,
            "max_body_bytes": args.max_body,
            "max_batch": args.max_batch,
            "max_html_tags": args.max_tags,
        },
    }
    figures["rows"] = rows
    return figures


# -- phase 2: overload ------------------------------------------------------------------------


def run_overload(args, workdir: Path, threads: int, pending: int, name: str, rate: float | None = None) -> dict:
    env = {
        "QUOTES_WORKERS": str(args.workers),
        "QUOTES_THREADS": str(threads),
        "QUOTES_MAX_PENDING": str(pending),
        "QUOTES_REQUEST_TIMEOUT": "30",
        "QUOTES_MAX_REQUESTS": "0",
        "QUOTES_LOG_LEVEL": "warning",
    }
    server = Server(env, workdir, name)
    body = ARTICLE.encode()
    headers = {"Content-Type": "text/plain"}
    try:
        server.wait_ready()
        for _ in range(4):  # warm up both workers' kernels
            request(server.port, "POST", "/v1/attributions", body, headers)
        capacity = None
        if rate is None:
            capacity = measure_capacity(server.port, body, headers, args.workers, args.capacity_seconds)
            rate = 2 * capacity
        probe = HealthProbe(server.port)
        probe.start()
        results = open_loop(server.port, body, headers, rate, args.overload_seconds, args.seed)
        probe.stop_event.set()
        probe.join()
    finally:
        server.stop()
    life = server.lifecycle()
    ok = sorted(r[1] for r in results if r[0] == 200)
    busy = sorted(r[1] for r in results if r[0] == 503)
    statuses = Counter(str(r[0]) if r[0] is not None else "none" for r in results)
    retry_after = Counter(r[2] for r in results if r[0] == 503)
    return {
        "server": f"QUOTES_WORKERS={args.workers} QUOTES_THREADS={threads} QUOTES_MAX_PENDING={pending}",
        "capacity_rps": round(capacity, 2) if capacity else None,
        "offered_rps": round(rate, 2),
        "seconds": args.overload_seconds,
        "requests": len(results),
        "by_status": dict(sorted(statuses.items())),
        "accepted_rps": round(len(ok) / max(r[3] for r in results), 2) if results else 0,
        "last_answer_s": round(max(r[3] for r in results), 1) if results else 0,
        "no_answer": statuses.get("none", 0),
        "accepted_ms": {"p50": ms(pct(ok, 50)), "p95": ms(pct(ok, 95)), "max": ms(ok[-1] if ok else 0)},
        "rejected_503_ms": {"p50": ms(pct(busy, 50)), "p95": ms(pct(busy, 95)), "max": ms(busy[-1] if busy else 0)},
        "retry_after_s": dict(sorted(retry_after.items())),
        "health": probe.figures(),
        "worker_deaths": life["deaths"],
    }


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def measure_capacity(port: int, body: bytes, headers: dict, workers: int, seconds: float) -> float:
    """Parses per second with two closed-loop clients per worker (so no worker idles while a
    client is between requests); a client turned away with 503 tries again 50 ms later."""
    done = []
    stop = time.monotonic() + seconds

    def loop() -> None:
        c = Client(port)
        while time.monotonic() < stop:
            status, _, _ = c.send("POST", "/v1/attributions", body, headers)
            if status == 200:
                done.append(time.monotonic())
            else:
                time.sleep(0.05)
        c.close()

    t0 = time.monotonic()
    ts = [threading.Thread(target=loop) for _ in range(2 * workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return len(done) / (time.monotonic() - t0)


def open_loop(port: int, body: bytes, headers: dict, rate: float, seconds: float, seed: int) -> list:
    """Poisson arrivals at ``rate`` per second for ``seconds``, a new connection each;
    (status or None, latency from the planned arrival, Retry-After, seconds from the start to the answer)."""
    rng = random.Random(seed)
    arrivals, t = [], 0.0
    while True:
        t += rng.expovariate(rate)
        if t >= seconds:
            break
        arrivals.append(t)

    def one(at: float):
        try:
            status, h, _ = request(port, "POST", "/v1/attributions", body, headers, timeout=90)
            return status, time.monotonic() - (t0 + at), h.get("retry-after"), time.monotonic() - t0
        except (OSError, http.client.HTTPException):
            return None, time.monotonic() - (t0 + at), None, time.monotonic() - t0

    futures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=256) as pool:
        t0 = time.monotonic()
        for at in arrivals:
            delay = t0 + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(one, at))
        return [f.result() for f in futures]


# -- report -----------------------------------------------------------------------------------


def print_report(abuse: dict | None, overload: list[dict]) -> None:
    if abuse:
        print(
            f"\nAbuse: {abuse['requests']} requests in {abuse['seconds']} s ({abuse['real_parses']} real parses), limits {abuse['limits']}"
        )
        print(f"{'category':<16} {'requests':>8} {'p95 ms':>8} {'problems':>8}  statuses")
        for r in abuse["rows"]:
            print(f"{r['category']:<16} {r['requests']:>8} {r['p95_ms']:>8} {r['problems']:>8}  {r['statuses']}")
        h, m = abuse["health"], abuse["rss"]
        print(f"by status: {abuse['by_status']}")
        print(
            f"5xx: {abuse['status_5xx']} (500: {abuse['status_500']}), no answer: {abuse['no_answer']}, answers not as documented: "
            f"{abuse['problems']}, unhandled errors logged: {abuse['unhandled_errors_logged']}"
        )
        print(f"worker deaths: {abuse['worker_deaths']}, restarts: {abuse['worker_restarts']} (planned: {abuse['planned_restarts']})")
        print(f"/healthz: {h['probes']} probes, {h['failed']} failed, p95 {h['p95_ms']} ms, max {h['max_ms']} ms")
        print(
            f"max RSS per worker: {m['max_rss_mb_per_worker']} MB, at the end {m['end_rss_mb_per_worker']} MB "
            f"(cap {m['cap_mb']} MB, killed over cap: {m['killed_over_cap']}); RSS after n requests: {m['rss_mb_after_requests']}"
        )
        print(f"latency: p50 {abuse['p50_ms']} ms, p95 {abuse['p95_ms']} ms, real parses p95 {abuse['p95_parse_ms']} ms", end="")
        print(f", max {abuse['max_ms']} ms")
        for s in abuse["problem_samples"]:
            print(f"  problem: {s}")
    for o in overload:
        print(f"\nOverload ({o['server']}): capacity {o['capacity_rps']} parses/s, offered {o['offered_rps']}/s for {o['seconds']} s")
        print(
            f"  {o['requests']} requests: {o['by_status']}; accepted {o['accepted_rps']}/s "
            f"(last answer after {o['last_answer_s']} s); no answer: {o['no_answer']}"
        )
        print(f"  accepted latency ms {o['accepted_ms']}; 503 latency ms {o['rejected_503_ms']}; Retry-After {o['retry_after_s']}")
        print(f"  /healthz {o['health']}; worker deaths {o['worker_deaths']}")


def targets_met(abuse: dict | None, overload: list[dict]) -> bool:
    ok = True
    if abuse:
        ok &= abuse["status_5xx"] == 0 and abuse["worker_deaths"] == 0 and abuse["no_answer"] == 0 and abuse["problems"] == 0
        ok &= abuse["health"]["answered_throughout"] and abuse["rss"]["killed_over_cap"] == 0
    if overload:
        o = overload[0]  # the bounded configuration; a contrast run is for comparison only
        ok &= (
            o["no_answer"] == 0 and o["worker_deaths"] == 0 and set(o["by_status"]) <= {"200", "503"} and o["health"]["answered_throughout"]
        )
    return bool(ok)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=10_000, help="abuse requests (0: skip the phase)")
    p.add_argument("--parses", type=int, default=None, help="how many of them are real parses of odd texts (default 4 %%)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--concurrency", type=int, default=6, help="client connections in the abuse phase")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--max-chars", type=int, default=2000, help="QUOTES_MAX_CHARS for the abuse run")
    p.add_argument("--max-body", type=int, default=16384, help="QUOTES_MAX_BODY_BYTES for the abuse run")
    p.add_argument("--max-batch", type=int, default=5, help="QUOTES_MAX_BATCH for the abuse run")
    p.add_argument("--max-tags", type=int, default=500, help="QUOTES_MAX_HTML_TAGS for the abuse run")
    p.add_argument("--request-timeout", type=float, default=60, help="QUOTES_REQUEST_TIMEOUT for the abuse run")
    p.add_argument("--max-rss-mb", type=int, default=2500, help="a worker over this is killed (and the run fails)")
    p.add_argument("--max-seconds", type=float, default=900, help="the abuse phase stops sending after this")
    p.add_argument("--overload-seconds", type=float, default=20, help="length of the overload run (0: skip)")
    p.add_argument("--capacity-seconds", type=float, default=10)
    p.add_argument("--contrast", action="store_true", help="repeat the overload with QUOTES_THREADS=1 (sync workers, no queue bound)")
    p.add_argument("--only", help="comma-separated categories to send (debugging)")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    if args.parses is None:
        args.parses = args.requests * 4 // 100
    with tempfile.TemporaryDirectory(prefix="quotes-abuse-") as tmp:
        workdir = Path(tmp)
        abuse = run_abuse(args, workdir) if args.requests else None
        overload = []
        if args.overload_seconds:
            overload.append(run_overload(args, workdir, threads=4, pending=2, name="overload"))
            if args.contrast:
                overload.append(run_overload(args, workdir, threads=1, pending=2, name="contrast", rate=overload[0]["offered_rps"]))
        print_report(abuse, overload)
        met = targets_met(abuse, overload)
        line = {"abuse": {k: v for k, v in (abuse or {}).items() if k != "rows"}, "overload": overload, "targets_met": met}
        print(json.dumps(line, ensure_ascii=False))
        if not met and abuse:
            keep = Path(tempfile.gettempdir()) / "quotes-abuse-last.log"
            keep.write_bytes((workdir / "abuse.log").read_bytes())
            print(f"server log kept in {keep}", file=sys.stderr)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

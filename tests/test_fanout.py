"""Batch fan-out (quotes.service.fanout): a batch's documents shared between a worker and its
helper processes give exactly the results of one process, survive a dead helper and
keep the time limit. Each scenario runs in a fresh Python process, as a gunicorn worker
forks its helpers from a process with one thread; the speed-up is in bench/speed.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRELUDE = """
import json, os, signal, time
from dataclasses import replace
from quotes.service import fanout
from quotes.service.app import create_app
from quotes.common.nlp import NLP
from quotes.common.settings import Settings

texts = [json.loads(line)["text"] for line in open("tests/data/batch/docs.jsonl", encoding="utf-8")]
settings = Settings.from_env()
nlp = NLP(settings)
nlp.load()

def content(body):  # the results without their timings
    return [{k: v for k, v in r.items() if k != "meta"} for r in body["results"]]

def batch(client, docs):
    resp = client.post("/v1/attributions/batch", json={"documents": [{"id": str(i), "text": t} for i, t in enumerate(docs)]})
    return resp.status_code, resp.get_json()
"""


def _run(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, "QUOTES_LOG_LEVEL": "critical"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_helpers_give_the_results_of_one_process_take_overflow_and_survive_a_dead_helper():
    out = _run(
        """
        client = create_app(settings, nlp=nlp).test_client()
        _, alone = batch(client, texts)                     # no helpers yet: the worker parses all
        helpers = fanout.start(nlp, 1)
        _, shared = batch(client, texts)
        sent = helpers.groups_sent
        # A second request while this worker parses: an idle helper takes it instead of it waiting.
        quick = create_app(replace(settings, request_timeout=10), nlp=nlp).test_client()
        nlp._lock.acquire()
        try:  # a 10 s limit: without the helper this request would wait, then fail with 504
            overflow = quick.post("/v1/attributions", json={"text": texts[0]}).get_json()
        finally:
            nlp._lock.release()
        sent_overflow = helpers.groups_sent - sent
        os.kill(helpers.pids[0], signal.SIGKILL)            # out of memory, say
        time.sleep(0.5)
        status, after = batch(client, texts)
        single = client.post("/v1/attributions", json={"text": texts[0]}).get_json()
        print(json.dumps({
            "docs": len(texts),
            "same": content(shared) == content(alone),
            "words": [alone["meta"]["words"], shared["meta"]["words"]],
            "sent": sent,
            "after_status": status,
            "same_after": content(after) == content(alone),
            "broken": helpers.broken,
            "single_same": single["attributions"] == alone["results"][0]["attributions"],
            "overflow_same": overflow["attributions"] == alone["results"][0]["attributions"],
            "sent_overflow": sent_overflow,
        }))
        """
    )
    assert out["docs"] >= 3
    assert out["sent"] == 1, "the helper did not get its share of the batch"
    assert out["same"] and out["words"][0] == out["words"][1]
    assert out["after_status"] == 200 and out["same_after"] and out["broken"]
    assert out["single_same"]
    assert out["sent_overflow"] == 1 and out["overflow_same"], "a request waited for a busy pipeline beside an idle helper"


def test_a_helper_keeps_the_request_time_limit():
    out = _run(
        """
        from quotes.common.deadline import DeadlineExceeded

        helpers = fanout.start(nlp, 1)
        long = " ".join(texts * 40)                         # seconds of parsing, against a 0.3 s limit
        t0 = time.monotonic()
        future = helpers.submit([long], t0 + 0.3)
        try:
            helpers.collect(future, t0 + 0.3)
            raised = None
        except DeadlineExceeded:
            raised = "DeadlineExceeded"
        helper_took = time.monotonic() - t0
        client = create_app(replace(settings, request_timeout=0.3), nlp=nlp).test_client()
        status, body = batch(client, [long, long])
        client = create_app(settings, nlp=nlp).test_client()
        again, result = batch(client, texts)
        print(json.dumps({"raised": raised, "helper_took": helper_took, "status": status, "code": body["error"]["code"],
                          "again": again, "sent": helpers.groups_sent, "broken": helpers.broken}))
        """
    )
    assert out["raised"] == "DeadlineExceeded" and out["helper_took"] < 5, "the helper parsed past its time limit"
    assert (out["status"], out["code"]) == (504, "timeout")
    assert out["again"] == 200 and out["sent"] == 3 and not out["broken"]

"""Schemathesis against the live service: gunicorn on a loopback port, every route and method of
/v1/openapi.json, every check, a fixed number of examples per operation and a fixed seed, under a
time bound. Any failure of any check fails this test; nothing is skipped. The long run is
bench/fuzz.py (README, Contract and docs)."""

from __future__ import annotations

from bench.fuzz import BOUNDED, fuzz

TIME_BOUND_S = 300  # Schemathesis itself; on an idle 2-core machine it takes about 40 s


def test_schemathesis_finds_nothing(tmp_path):
    figures = fuzz(**BOUNDED, workdir=tmp_path, timeout=TIME_BOUND_S)
    report = figures["summary"][-4000:]
    assert figures["exit_code"] == 0, report
    assert figures["operations"]["tested"] == figures["operations"]["selected"] == 6, figures["operations"]
    failed = {name: c["failed"] for name, c in figures["checks"].items() if c["failed"]}
    assert not failed and not figures["errors"], (failed, figures["failures"], figures["errors"], report)
    # Every check of Schemathesis ran, on real answers.
    for check in (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "unsupported_method",
        "allow_header_conformance",
    ):
        assert figures["checks"].get(check, {}).get("run", 0) > 0, check
    assert figures["requests"] >= 150 and {"coverage", "fuzzing"} <= set(figures["requests_by_phase"]), figures["requests_by_phase"]
    assert figures["unhandled_errors"] == 0 and figures["worker_deaths"] == 0
    assert figures["ok"]

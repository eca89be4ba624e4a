"""bench/peer.py's own logic: articles shared fairly between processes, and the
service's responses turned into the scorer's predictions faithfully."""

from __future__ import annotations

from types import SimpleNamespace

from bench.peer import _shares, _token_spans, run_service, service_predictions


def test_every_article_goes_to_exactly_one_share_and_shares_are_balanced():
    lengths = [5000, 100, 2500, 2500, 40, 900, 3000, 70]
    shares = _shares(lengths, 3)
    assert sorted(i for share in shares for i in share) == list(range(len(lengths)))
    sizes = [sum(lengths[i] for i in share) for share in shares]
    assert max(sizes) - min(sizes) <= max(lengths)
    assert _shares([10], 4) == [[0]]  # no empty shares


def test_neighbouring_tokens_make_one_span():
    tokens = [SimpleNamespace(i=i, idx=idx, text=text) for i, idx, text in [(4, 20, "Smith"), (3, 15, "John"), (7, 40, "Jr")]]
    assert _token_spans(tokens) == [[15, 25], [40, 42]]


def test_service_responses_become_scorer_predictions(client, seed_text):
    response = client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain").get_json()
    predictions = service_predictions(response)
    assert len(predictions) == len(response["attributions"])
    for p, a in zip(predictions, response["attributions"]):
        assert [seed_text[s:e] for s, e in p["content"]] == [s["text"] for s in a["content"]["spans"]]
        assert [seed_text[s:e] for s, e in p["source"]] == ([a["speaker"]["mention"]["text"]] if a["speaker"] else [])
        assert [seed_text[s:e] for s, e in p["cue"]] == ([a["cue"]["text"]] if a["cue"] else [])
    assert service_predictions(None) == []


def test_the_service_leg_runs_against_a_real_gunicorn(seed_text):
    # the leg of the benchmark that drives `quotes serve` (it broke once when bench/speed.py's helpers moved)
    run = run_service([seed_text, "Officials said the talks had failed."], concurrency=2)
    first, second = run["responses"]
    assert len(first["attributions"]) == 5 and second["attributions"][0]["cue"]["text"] == "said"
    assert run["wall_s"] > 0 and run["pss_mib"] > 0

"""The founding example: the seed article through the real small model and the
HTTP API must give exactly the five attributions of shared/seed/expected.md."""

from __future__ import annotations

import pytest


def span_of(text: str, needle: str, after: int = 0) -> dict:
    start = text.index(needle, after)
    return {"start": start, "end": start + len(needle), "text": needle}


@pytest.fixture()
def body(client, seed_text):
    resp = client.post("/v1/attributions", data=seed_text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    assert resp.status_code == 200
    return resp.get_json()


def test_five_attributions_in_text_order(body):
    assert [a["type"] for a in body["attributions"]] == ["indirect", "indirect", "direct", "indirect", "direct"]


def test_according_to_kremlin_aide(body, seed_text):
    a = body["attributions"][0]
    content = "Russian President Vladimir Putin has received an official invitation from Indian Prime Minister Narendra Modi to visit India, with plans to finalise the dates for the visit in early 2025"
    assert a["content"]["spans"] == [span_of(seed_text, content)]
    assert a["cue"] == span_of(seed_text, "according to")
    assert a["speaker"]["mention"] == span_of(seed_text, "Kremlin aide Yury Ushakov")
    assert (a["speaker"]["name"], a["speaker"]["role"], a["speaker"]["kind"]) == ("Yury Ushakov", "Kremlin aide", "person")


def test_revealed_clause(body, seed_text):
    a = body["attributions"][1]
    content = (
        "both leaders have a standing agreement to meet annually, with this year marking Russia's turn to host the bilateral discussions"
    )
    assert a["content"]["spans"] == [span_of(seed_text, content)]
    assert a["cue"] == span_of(seed_text, "revealed")
    assert a["speaker"]["mention"] == span_of(seed_text, "Ushakov", 250)
    assert a["speaker"]["name"] == "Yury Ushakov"


def test_direct_quote_keeps_marks_and_curly_apostrophe(body, seed_text):
    a = body["attributions"][2]
    quote = '"Our leaders have an agreement to hold meetings once a year. This time, it\u2019s our turn,"'
    assert a["content"]["spans"] == [{"start": 406, "end": 493, "text": quote}]
    assert seed_text[406:493] == quote
    assert a["cue"] == {"start": 502, "end": 507, "text": "noted"}
    assert a["speaker"]["mention"] == {"start": 494, "end": 501, "text": "Ushakov"}
    assert (a["speaker"]["name"], a["speaker"]["role"]) == ("Yury Ushakov", "Kremlin aide")
    assert a["partial"] is False


def test_pronoun_resolves_to_ushakov(body, seed_text):
    a = body["attributions"][3]
    content = "the tentative dates for the visit will be decided early in the new year"
    assert a["content"]["spans"] == [span_of(seed_text, content)]
    assert a["cue"] == span_of(seed_text, "indicated")
    assert a["speaker"]["mention"] == {"start": seed_text.index("He further"), "end": seed_text.index("He further") + 2, "text": "He"}
    assert (a["speaker"]["name"], a["speaker"]["role"], a["speaker"]["kind"]) == ("Yury Ushakov", "Kremlin aide", "person")


def test_partial_quote_by_india(body, seed_text):
    a = body["attributions"][4]
    assert a["content"]["spans"] == [span_of(seed_text, '"peace and diplomacy"')]
    assert a["cue"] == span_of(seed_text, "advocating for")
    assert a["speaker"]["mention"]["text"] == "India"
    assert a["speaker"]["mention"]["start"] == seed_text.index("India has maintained")
    assert (a["speaker"]["name"], a["speaker"]["role"], a["speaker"]["kind"]) == ("India", None, "organisation")
    assert a["partial"] is True


def test_every_span_indexes_the_input(body, seed_text):
    for a in body["attributions"]:
        for s in [*a["content"]["spans"], a["cue"], a["speaker"]["mention"]]:
            assert seed_text[s["start"] : s["end"]] == s["text"]


def test_speakers_list(body):
    speakers = {s["name"]: s for s in body["speakers"]}
    assert set(speakers) == {"Yury Ushakov", "India"}
    ushakov, india = speakers["Yury Ushakov"], speakers["India"]
    assert ushakov["roles"] == ["Kremlin aide"] and ushakov["kind"] == "person"
    ids = [a["id"] for a in body["attributions"]]
    assert ushakov["attributions"] == ids[:4]
    assert india["attributions"] == ids[4:] and india["roles"] == [] and india["kind"] == "organisation"
    assert {"start": 201, "end": 226, "text": "Kremlin aide Yury Ushakov"} in ushakov["mentions"]
    assert all(a["speaker"]["id"] == ushakov["id"] for a in body["attributions"][:4])


def test_title_is_skipped_not_attributed(body, seed_text):
    title = '"The Order of St. Andrew the Apostle,"'
    assert all("Order of St. Andrew" not in a["content"]["text"] for a in body["attributions"])
    assert body["skipped"] == [
        {"text": title, "start": seed_text.index(title), "end": seed_text.index(title) + len(title), "reason": "title"}
    ]


def test_meta_names_the_model(body):
    meta = body["meta"]
    assert meta["schema_version"] == "1"
    assert meta["model"]["source"] in ("embedded", "env", "official")
    assert meta["model"]["stanza"] and meta["model"]["name"] and meta["model"]["version"] and "dir" not in meta["model"]
    assert set(meta["timings_ms"]) == {"parse", "extract"}

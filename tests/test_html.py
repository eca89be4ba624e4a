"""HTML input: the text a reader sees, and offsets that index the text returned."""

from __future__ import annotations

import html

import pytest

from quotes.common.text import html_to_text


@pytest.mark.parametrize(
    "markup, text",
    [
        (
            "<p>&ldquo;We will win,&rdquo; the <b>mayor</b>\n   said.</p><p>Next&nbsp;one &amp; more.</p>",
            "“We will win,” the mayor said.\n\nNext one & more.",
        ),
        ("<html><head><title>T</title><style>p{}</style></head><body><h1>Head</h1><p>One<br>two</p></body></html>", "Head\n\nOne\ntwo"),
        ("<div>a<script>var s = '<p>x</p>';</script><noscript>no</noscript><!-- note -->b</div>", "ab"),
        ("<ul><li>first</li><li>second</li></ul><blockquote>quoted</blockquote>", "first\n\nsecond\n\nquoted"),
        ("<p>unclosed <i>italic<p>next", "unclosed italic\n\nnext"),
        ("<pre>line 1\nline 2</pre>after", "line 1\nline 2\n\nafter"),
        ("plain &lt;not a tag&gt; &#8220;x&#x201D;", "plain <not a tag> “x”"),
        ("<table><tr><td>cell 1</td><td>cell 2</td></tr></table>", "cell 1\n\ncell 2"),
        ("<p> </p><div></div>", ""),
    ],
)
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_deep_nesting_does_not_overflow():
    assert html_to_text("<div>" * 3000 + "deep" + "</div>" * 3000) == "deep"


def as_html(text: str) -> str:
    """An editor's version of a plain article: paragraphs, entities, inline markup."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p, quote=False).replace('Ushakov', '<strong>Ushakov</strong>')}</p>\n" for p in paragraphs)
    return f"<!DOCTYPE html><html><head><script>alert('x')</script></head><body><article>{body}</article></body></html>"


def test_html_body_gives_the_same_attributions_with_offsets_into_the_returned_text(client, seed_text):
    plain = client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain").get_json()
    resp = client.post("/v1/attributions", data=as_html(seed_text).encode(), content_type="text/html; charset=utf-8")
    body = resp.get_json()
    assert resp.status_code == 200
    text = body["text"]
    assert text == seed_text.strip()
    assert body["attributions"] == plain["attributions"]
    assert list(body["meta"]["timings_ms"]) == ["html", "parse", "extract"]
    spans = [s for a in body["attributions"] for s in a["content"]["spans"]]
    spans += [a["cue"] for a in body["attributions"] if a["cue"]] + [a["speaker"]["mention"] for a in body["attributions"] if a["speaker"]]
    spans += [m for s in body["speakers"] for m in s["mentions"]] + body["skipped"]
    assert spans and all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_html_in_json_with_format(client):
    markup = "<div><p>&ldquo;Prices will fall,&rdquo; the <em>minister</em> said.</p><p>Nobody agreed.</p></div>"
    body = client.post("/v1/attributions", json={"text": markup, "format": "html", "id": "cms-1"}).get_json()
    assert body["id"] == "cms-1" and body["text"] == "“Prices will fall,” the minister said.\n\nNobody agreed."
    (a,) = body["attributions"]
    assert a["type"] == "direct" and a["speaker"]["mention"]["text"] == "the minister"
    span = a["content"]["spans"][0]
    assert body["text"][span["start"] : span["end"]] == "“Prices will fall,”"


def test_html_without_text_is_422(client):
    resp = client.post("/v1/attributions", data=b"<p> </p><script>x()</script>", content_type="text/html")
    assert resp.status_code == 422 and resp.get_json()["error"]["details"] == {"text": ["the HTML has no text"]}


NO_TEXT = {"text": ["the HTML has no text"]}


@pytest.mark.parametrize(
    "body",
    [
        "\ufeff<p></p>".encode(),  # a file saved with a byte order mark: was a 200 with the text "\ufeff"
        "\ufeff<html><head><title>T</title></head><body><p>&nbsp;</p></body></html>".encode(),
        b"<p>&#8203;</p>",  # zero-width space
        b"<p>&shy;&zwnj;&zwj;&lrm;</p><p>&#xFEFF;</p>",  # soft hyphen, joiners, a direction mark, a stray BOM
        "<p>\u2060\u200b \u200b</p>".encode(),
    ],
)
def test_html_with_nothing_a_reader_sees_is_the_documented_422(client, body):
    resp = client.post("/v1/attributions", data=body, content_type="text/html")
    assert resp.status_code == 422 and resp.content_type == "application/json"
    assert resp.get_json() == {
        "error": {"code": "invalid_input", "message": "the HTML has no text", "details": NO_TEXT},
        "request_id": resp.headers["X-Request-ID"],
    }
    # the same in JSON, and in a batch's slot (the batch itself 200, as documented)
    text = body.decode("utf-8")
    assert client.post("/v1/attributions", json={"text": text, "format": "html"}).get_json()["error"]["details"] == NO_TEXT
    batch = client.post("/v1/attributions/batch", json={"documents": [{"id": "x", "text": text, "format": "html"}]})
    assert batch.status_code == 200
    assert batch.get_json()["results"] == [
        {"id": "x", "error": {"code": "invalid_input", "message": "the HTML has no text", "details": NO_TEXT}}
    ]


def test_a_byte_order_mark_is_not_part_of_the_html_text(client):
    assert html_to_text("\ufeff<p>Hi.</p>") == "Hi."
    body = client.post("/v1/attributions", data="\ufeff<p>“We will win,” the mayor said.</p>".encode(), content_type="text/html").get_json()
    assert body["text"] == "“We will win,” the mayor said." and body["attributions"][0]["speaker"]["mention"]["text"] == "the mayor"
    # invisible characters between visible ones stay: offsets index the returned text
    assert html_to_text("<p>co&shy;operate</p>") == "co\u00adoperate"

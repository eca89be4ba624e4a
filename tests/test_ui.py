"""The editor's page at GET /, in a real browser (Debian's Chromium driven by Playwright).

The app runs on a loopback port; each test pastes an article (the seed article mostly), presses
Extract and checks what a person sees. Screenshots go to artifacts/screenshots/. A missing or
broken browser fails these tests (see tests/browser.py); nothing is skipped."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from quotes.api import create_app
from tests.browser import LAPTOP, PHONE, SCREENSHOTS, LiveServer, launch

TITLE = '"The Order of St. Andrew the Apostle,"'
EXPECTED = {  # the seed article's five attributions (as tests/test_seed.py pins them)
    "a1": (
        "indirect",
        "Russian President Vladimir Putin has received an official invitation from Indian Prime Minister Narendra Modi to visit India, with plans to finalise the dates for the visit in early 2025",
    ),
    "a2": (
        "indirect",
        "both leaders have a standing agreement to meet annually, with this year marking Russia's turn to host the bilateral discussions",
    ),
    "a3": ("direct", '"Our leaders have an agreement to hold meetings once a year. This time, it\u2019s our turn,"'),
    "a4": ("indirect", "the tentative dates for the visit will be decided early in the new year"),
    "a5": ("direct", '"peace and diplomacy"'),
}

# What the page shows, read from the DOM: every highlighted region and inline mark.
READ_MARKS = """() => {
  const out = {};
  for (const m of document.querySelectorAll('#doc mark.q')) {
    const a = out[m.dataset.aid] ||= {parts: [], classes: m.className, off: m.classList.contains('off')};
    a.parts.push(m.textContent);
  }
  return out;
}"""
VISIBLE = "() => [...new Set([...document.querySelectorAll('#doc mark.q:not(.off)')].map(m => m.dataset.aid))].sort()"


@pytest.fixture(scope="module")
def server(settings, nlp):
    with LiveServer(create_app(settings, nlp=nlp)) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []  # under the Content-Security-Policy the app itself sends
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(server.url)
    yield page
    context.close()
    assert violations == []


@pytest.fixture(scope="module")
def seed_result(server, seed_text) -> dict:
    """The API's own answer for the seed article, for comparing with what the page shows."""
    req = urllib.request.Request(
        server.url + "v1/attributions", data=json.dumps({"text": seed_text}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.load(resp)


def extract(page: Page, text: str, *, keys: bool = False) -> None:
    page.fill("#article", text)
    if keys:
        page.focus("#article")
        page.keyboard.press("Control+Enter")
    else:
        page.click("#extract")
    expect(page.locator("#status")).to_contain_text("Found", timeout=60_000)
    expect(page.locator("#results")).to_be_visible()


def shot(page: Page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


def speaker(page: Page, name: str):
    return page.locator("#speakers button.speaker", has=page.locator(".name", has_text=re.compile(f"^{re.escape(name)}$")))


def test_the_page_and_its_assets_are_served_by_the_app(server):
    with urllib.request.urlopen(server.url, timeout=10) as resp:
        assert resp.headers["Content-Type"].startswith("text/html")
        html = resp.read().decode()
    assert 'src="static/app.js"' in html and 'href="static/app.css"' in html
    # Nothing from another host, nothing inline that a strict Content-Security-Policy would block.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"""\sstyle=|\son[a-z]+=""", html)
    for asset in ("app.js", "app.css", "favicon.svg"):
        with urllib.request.urlopen(server.url + "static/" + asset, timeout=10) as resp:
            assert resp.status == 200 and len(resp.read()) < 40_000


def test_seed_article_is_highlighted_in_place(page: Page, server, seed_text, seed_result):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    extract(page, seed_text)

    # The article is rendered from exactly the text sent: every offset lands where it should.
    assert page.eval_on_selector("#doc", "e => e.textContent") == seed_text
    marks = page.evaluate(READ_MARKS)
    assert sorted(marks) == sorted(EXPECTED) == sorted(a["id"] for a in seed_result["attributions"])
    for a in seed_result["attributions"]:
        kind, content = EXPECTED[a["id"]]
        assert marks[a["id"]]["parts"] == [content] == [s["text"] for s in a["content"]["spans"]]
        assert f"t-{kind}" in marks[a["id"]]["classes"] and not marks[a["id"]]["off"]
        cue = page.locator(f'#doc span.cue[data-cue~="{a["id"]}"]')
        expect(cue).to_have_text(a["cue"]["text"])
        mention = page.locator(f'#doc span.mention[data-mention~="{a["id"]}"]')
        expect(mention).to_have_text(a["speaker"]["mention"]["text"])
    expect(page.locator('#doc span.cue[data-cue~="a3"]')).to_have_text("noted")
    expect(page.locator('#doc span.mention[data-mention~="a4"]')).to_have_text("He")

    # The title is shown as skipped, with its reason, and is no quotation.
    skipped = page.locator("#doc span.skipped")
    expect(skipped).to_have_count(1)
    expect(skipped).to_have_text(TITLE)
    expect(skipped).to_have_attribute("data-label", "title")
    assert page.locator("#doc mark.q", has_text="The Order of St. Andrew").count() == 0

    # Speakers panel.
    ushakov = speaker(page, "Yury Ushakov")
    expect(ushakov.locator(".role")).to_have_text("Kremlin aide")
    expect(ushakov.locator(".kind")).to_have_text("person")
    count = int(re.match(r"(\d+) quotations?", ushakov.locator(".count").inner_text()).group(1))
    assert count >= 4
    expect(speaker(page, "India").locator(".count")).to_have_text("1 quotation")
    expect(speaker(page, "India").locator(".kind")).to_have_text("organisation")
    expect(page.locator("#summary")).to_contain_text("5 attributions · 2 speakers · 1 skipped")

    # No request left the app: everything came from the loopback server, the API call included.
    assert requests and all(url.startswith(server.url) for url in requests), requests
    assert server.url + "v1/attributions" in requests
    shot(page, "laptop-seed.png")
    shot(page, "laptop-seed-viewport.png", full_page=False)


def test_details_on_hover_and_keyboard_focus(page: Page, seed_text):
    extract(page, seed_text)
    tip = page.locator("#tip")
    page.hover('#doc mark.q[data-aid="a3"]')
    expect(tip).to_be_visible()
    for text in ("Yury Ushakov", "Kremlin aide", "direct", "0.90", "quote_with_adjacent_cue", "noted"):
        expect(tip).to_contain_text(text)
    shot(page, "laptop-tooltip.png", full_page=False)

    # "He" in a4 is tied to Ushakov by the pronoun resolver, and the tooltip says so.
    page.hover('#doc mark.q[data-aid="a4"]')
    expect(tip).to_contain_text("Yury Ushakov")
    expect(tip).to_contain_text("Identified by")
    expect(tip).to_contain_text("pronoun")

    page.hover('#doc span.skipped')
    expect(tip).to_contain_text("Skipped")
    expect(tip).to_contain_text("title")

    # Keyboard: Tab from the last export button reaches the first quotation, then the next.
    page.mouse.move(5, 5)  # the pointer out of the way, over the header
    page.focus("#download-csv")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.aid") == "a1"
    expect(tip).to_contain_text("according_to")
    expect(tip).to_contain_text("Kremlin aide")
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "tip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.aid") == "a2"
    expect(tip).to_contain_text("cue_verb_clause")
    assert page.locator("[aria-describedby=tip]").count() == 1

    # The pointer shows another quotation for a while; when it leaves, the focused one's details return.
    page.hover('#doc mark.q[data-aid="a3"]')
    expect(tip).to_contain_text("quote_with_adjacent_cue")
    page.mouse.move(5, 5)
    expect(tip).to_contain_text("cue_verb_clause")
    assert page.evaluate("document.activeElement.dataset.aid") == "a2"
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_type_filters_and_confidence_slider(page: Page, seed_text, seed_result):
    extract(page, seed_text)
    assert page.evaluate(VISIBLE) == ["a1", "a2", "a3", "a4", "a5"]

    page.get_by_label("indirect", exact=True).uncheck()
    assert page.evaluate(VISIBLE) == ["a3", "a5"]
    expect(page.locator("#summary .showing")).to_have_text("Showing 2 of 5.")
    # A hidden attribution's cue and speaker lose their highlight too.
    expect(page.locator('#doc span.cue[data-cue~="a2"]')).to_have_class(re.compile(r"\bcue-off\b"))
    page.get_by_label("direct", exact=True).uncheck()
    assert page.evaluate(VISIBLE) == []
    page.get_by_label("direct", exact=True).check()
    page.get_by_label("indirect", exact=True).check()

    # The slider by keyboard: 16 steps of 0.05.
    page.focus("#min-confidence")
    for _ in range(16):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#min-confidence-value")).to_have_text("0.80")
    expected = sorted(a["id"] for a in seed_result["attributions"] if a["confidence"] >= 0.8)
    assert expected == ["a1", "a3"]
    assert page.evaluate(VISIBLE) == expected

    page.fill("#min-confidence", "0")
    expect(page.locator("#min-confidence-value")).to_have_text("0.00")
    assert len(page.evaluate(VISIBLE)) == 5

    page.get_by_label("Show skipped").uncheck()
    expect(page.locator("#doc span.skipped")).to_have_class(re.compile(r"\boff\b"))


def test_clicking_a_speaker_highlights_only_their_quotations(page: Page, seed_text):
    extract(page, seed_text)
    india = speaker(page, "India")
    india.click()
    expect(india).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(VISIBLE) == ["a5"]
    assert page.locator("#doc span.ref.sel").count() >= 1  # India's other mentions are marked
    shot(page, "laptop-speaker-india.png", full_page=False)

    speaker(page, "Yury Ushakov").click()
    expect(india).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(VISIBLE) == ["a1", "a2", "a3", "a4"]
    speaker(page, "Yury Ushakov").click()  # again: everyone
    assert len(page.evaluate(VISIBLE)) == 5

    india.click()
    page.click("#all-speakers")
    assert len(page.evaluate(VISIBLE)) == 5
    expect(page.locator("#all-speakers")).to_be_hidden()


def test_empty_text_gives_a_readable_message(page: Page):
    page.click("#extract")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("There is no text to extract from (422)")
    expect(error).to_contain_text("Paste an article")
    expect(page.locator("#results")).to_be_hidden()
    shot(page, "laptop-empty-error.png", full_page=False)


@pytest.mark.parametrize(
    ("status", "body", "content_type", "message"),
    [
        (413, {"error": {"code": "body_too_large", "message": "request body is larger than the limit of 10 bytes"}}, "application/json", "too large"),
        (422, {"error": {"code": "invalid_input", "message": "too many characters", "details": {"text": ["at most 5 characters"]}}}, "application/json", "at most 5 characters"),
        (503, {"error": {"code": "not_ready", "message": "the NLP pipeline is not loaded yet"}}, "application/json", "not ready yet"),
        (502, "<html><body>Bad gateway</body></html>", "text/html", "502"),
    ],
)
def test_api_errors_are_shown_as_messages(page: Page, seed_text, status, body, content_type, message):
    page.route(
        "**/v1/attributions",
        lambda route: route.fulfill(status=status, content_type=content_type, body=body if isinstance(body, str) else json.dumps(body)),
    )
    page.fill("#article", seed_text)
    page.focus("#article")
    page.keyboard.press("Control+Enter")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(message)
    expect(error).to_contain_text(f"({status})")
    expect(page.locator("#results")).to_be_hidden()
    expect(page.locator("#extract")).to_be_enabled()


def test_busy_service_and_api_key(page: Page, seed_text):
    page.route(
        "**/v1/attributions",
        lambda route: route.fulfill(
            status=503,
            headers={"Retry-After": "3"},
            content_type="application/json",
            body=json.dumps({"error": {"code": "overloaded", "message": "the service is busy"}}),
        ),
    )
    extract_fails = page.locator("#error")
    page.fill("#article", seed_text)
    page.click("#extract")
    expect(extract_fails).to_contain_text("The service is busy (503)")
    expect(extract_fails).to_contain_text("Try again in 3 seconds.")
    page.unroute("**/v1/attributions")

    # With API keys on, the page asks for one and sends it as a bearer token.
    sent: list[str | None] = []

    def keyed(route):
        sent.append(route.request.headers.get("authorization"))
        if route.request.headers.get("authorization") == "Bearer sesame":
            route.continue_()
        else:
            route.fulfill(status=401, content_type="application/json", body=json.dumps({"error": {"code": "unauthorized", "message": "this route needs an API key"}}))

    page.route("**/v1/attributions", keyed)
    expect(page.locator("#api-key")).to_be_hidden()
    page.click("#extract")
    expect(extract_fails).to_contain_text("This service needs an API key (401)")
    expect(page.locator("#api-key")).to_be_focused()
    shot(page, "laptop-api-key.png", full_page=False)
    page.keyboard.type("wrong")
    page.keyboard.press("Control+Enter")
    expect(extract_fails).to_contain_text("The API key was not accepted (401)")
    page.fill("#api-key", "sesame")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Found 5 attributions")
    assert sent == [None, "Bearer wrong", "Bearer sesame"]


def test_html_file_and_code_point_offsets(page: Page, tmp_path):
    article = tmp_path / "budget.html"
    article.write_text("<h2>Budget</h2><p>&ldquo;Prices will fall,&rdquo; the <em>minister</em> said.</p><script>track()</script>", encoding="utf-8")
    page.set_input_files("#file", str(article))
    expect(page.locator("#status")).to_contain_text("Loaded budget.html")
    expect(page.locator('input[name="format"][value="html"]')).to_be_checked()
    page.focus("#article")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Found 1 attribution")
    # Rendered from the text the service read from the HTML, so the highlight lands exactly.
    assert page.eval_on_selector("#doc", "e => e.textContent") == "Budget\n\n\u201cPrices will fall,\u201d the minister said."
    expect(page.locator("#doc mark.q")).to_have_text("\u201cPrices will fall,\u201d")
    expect(page.locator("#doc span.mention")).to_have_text("the minister")

    # A file dropped on the box (or anywhere on the page) is read into it, not opened instead of the page.
    prevented = page.evaluate(
        """() => {
          const dt = new DataTransfer();
          dt.items.add(new File(['"Hi," she said.'], 'note.txt', {type: 'text/plain'}));
          const drop = new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt});
          document.getElementById('article').dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
          document.getElementById('article').dispatchEvent(drop);
          return drop.defaultPrevented;
        }"""
    )
    assert prevented
    expect(page.locator("#status")).to_contain_text("Loaded note.txt")
    expect(page.locator("#article")).to_have_value('"Hi," she said.')
    expect(page.locator('input[name="format"][value="text"]')).to_be_checked()

    # Offsets count code points (Python) and the page maps them onto JavaScript's UTF-16 strings.
    page.check('input[name="format"][value="auto"]')
    extract(page, '\U0001f389 Party time. "We will win," the mayor said.', keys=True)
    expect(page.locator("#doc mark.q")).to_have_text('"We will win,"')
    expect(page.locator("#doc span.cue")).to_have_text("said")


def canned(text: str) -> dict:
    """A response the page must draw, independent of the engine: a quotation in two parts,
    a mixed one, one with no speaker, a scare quote, and an emoji before them (offsets count
    code points, as the API's do)."""

    def span(needle: str, after: int = 0) -> dict:
        start = text.index(needle, after)
        return {"start": start, "end": start + len(needle), "text": needle}

    # An unnamed source, as the engine gives it: no name, its description as the role.
    mayor = {"id": "s1", "mention": span("the mayor"), "name": None, "role": "mayor", "kind": "person"}
    return {
        "id": None,
        "attributions": [
            {"id": "a1", "type": "direct", "partial": False, "content": {"text": '"We will win," "and we will win big."', "spans": [span('"We will win,"'), span('"and we will win big."')]},
             "cue": span("said"), "speaker": mayor, "frame": "speech", "confidence": 0.95, "sieve": "quote_with_adjacent_cue"},
            {"id": "a2", "type": "mixed", "partial": False, "content": {"text": "", "spans": [span('the plan was "a disaster"')]},
             "cue": span("thinks"), "speaker": {**mayor, "mention": span("She")}, "frame": "belief", "confidence": 0.7, "sieve": "cue_verb_clause"},
            {"id": "a3", "type": "indirect", "partial": False, "content": {"text": "", "spans": [span("the plant will close")]},
             "cue": span("reported"), "speaker": None, "frame": "speech", "confidence": 0.6, "sieve": "cue_verb_clause"},
        ],
        "speakers": [{"id": "s1", "name": None, "roles": ["mayor"], "kind": "person", "mentions": [span("the mayor"), span("She")], "attributions": ["a1", "a2"]}],
        "skipped": [{**span('"reform"'), "reason": "scare_quote"}],
        "meta": {"schema_version": "1", "words": 30},
    }


def test_parts_mixed_and_unattributed_quotations(page: Page):
    text = '\U0001f389 "We will win," the mayor said, "and we will win big." She thinks the plan was "a disaster". It was reported that the plant will close. Critics call it a "reform".'
    page.route("**/v1/attributions", lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(canned(text))))
    extract(page, text)
    assert page.eval_on_selector("#doc", "e => e.textContent") == text
    marks = page.evaluate(READ_MARKS)
    assert marks["a1"]["parts"] == ['"We will win,"', '"and we will win big."']
    assert page.locator('#doc mark.q.first[data-aid="a1"]').count() == 1  # one type badge per quotation
    assert marks["a2"]["parts"] == ['the plan was "a disaster"'] and "t-mixed" in marks["a2"]["classes"]
    expect(page.locator('#doc span.skipped')).to_have_text('"reform"')
    expect(page.locator('#doc span.skipped')).to_have_attribute("data-label", "scare quote")

    # Hovering the second part of a quotation tells the same attribution.
    page.locator('#doc mark.q[data-aid="a1"]').nth(1).hover()
    expect(page.locator("#tip")).to_contain_text("direct, 2 parts")
    page.hover('#doc mark.q[data-aid="a3"]')
    expect(page.locator("#tip")).to_contain_text("No source given")

    nobody = speaker(page, "No source given")
    expect(nobody.locator(".count")).to_have_text("1 quotation")
    nobody.click()
    assert page.evaluate(VISIBLE) == ["a3"]
    # A quotation that is filtered out loses its type badge too (drawn by CSS ::before).
    badge = "e => getComputedStyle(e, '::before').content"
    assert page.eval_on_selector('#doc mark.q[data-aid="a3"]', badge) == '"I"'
    assert page.eval_on_selector('#doc mark.q[data-aid="a1"]', badge) == "none"
    mayor = speaker(page, "the mayor (unnamed)")
    expect(mayor.locator(".role")).to_have_text("mayor")
    mayor.click()
    assert page.evaluate(VISIBLE) == ["a1", "a2"]
    assert page.locator("#doc span.ref.sel").count() == 2
    shot(page, "laptop-parts-mixed.png", full_page=False)


def test_copy_and_download(page: Page, seed_text, seed_result, tmp_path):
    extract(page, seed_text)
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == "attributions.csv"
    download.save_as(tmp_path / "a.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4", "a5"]
    a3 = rows[2]
    assert (a3["speaker"], a3["role"], a3["type"], a3["quotation"]) == ("Yury Ushakov", "Kremlin aide", "direct", EXPECTED["a3"][1])
    assert a3["roles"] == "Kremlin aide"  # every role the article gives the speaker
    assert (a3["start"], a3["end"], a3["spans"]) == ("406", "493", "406-493")
    assert rows[4]["speaker"] == "India" and rows[4]["role"] == ""

    with page.expect_download() as info:
        page.click("#download-json")
    path = tmp_path / "a.json"
    info.value.save_as(path)
    downloaded = json.loads(path.read_text(encoding="utf-8"))
    assert downloaded["attributions"] == seed_result["attributions"]

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.rstrip("/"))
    page.click("#copy-json")
    expect(page.locator("#status")).to_have_text("JSON copied to the clipboard.")
    copied = json.loads(page.evaluate("navigator.clipboard.readText()"))
    assert copied["attributions"] == seed_result["attributions"]


def test_phone_width(browser, server, seed_text):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(server.url)
        extract(page, seed_text)
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, "phone-top.png", full_page=False)
        page.locator("#results").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('results').scrollIntoView()")
        shot(page, "phone-results.png", full_page=False)
        # No sideways scrolling; panel, filters and article all on screen width.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for selector in ("#extract", "#speakers", "#doc", "#download-csv", "#min-confidence"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, selector
        speaker(page, "India").tap()
        assert page.evaluate(VISIBLE) == ["a5"]
        speaker(page, "India").tap()
        page.locator('#doc mark.q[data-aid="a3"]').tap()
        expect(page.locator("#tip")).to_be_visible()
        expect(page.locator("#tip")).to_contain_text("Yury Ushakov")
        tip = page.locator("#tip").bounding_box()
        assert tip and tip["x"] >= 0 and tip["x"] + tip["width"] <= PHONE["width"]
        shot(page, "phone-tooltip.png", full_page=False)
        page.keyboard.press("Escape")
        shot(page, "phone-seed.png")
    finally:
        context.close()


def test_labels_and_contrast(page: Page, seed_text):
    extract(page, seed_text)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, textarea, select, button')].filter(e =>
              !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim()).map(e => e.outerHTML)"""
    )
    assert unlabelled == []
    # WCAG contrast of text against its effective background, for everything the page colours.
    ratios = page.evaluate(
        """() => {
          const rgb = s => s.match(/[\\d.]+/g).map(Number);
          const lum = ([r, g, b]) => { const f = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
          const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
          const out = {};
          for (const sel of ['mark.t-direct', 'mark.t-indirect', 'mark.t-direct .cue', 'span.cue', 'span.mention', 'span.skipped', '.hint', '#summary',
                             '#extract', '.speaker .meta', '.speaker .role', 'label[for=min-confidence]']) {
            const e = document.querySelector(sel);
            if (!e) { out[sel] = 0; continue; }
            const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(bg(e))];
            out[sel] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          }
          return out;
        }"""
    )
    low = {sel: round(r, 2) for sel, r in ratios.items() if r < 4.5 and sel != "mark.t-direct .cue"}
    assert not low, low


def test_works_under_a_strict_content_security_policy(page: Page, server, seed_text):
    csp = "default-src 'self'"  # no inline script or style, nothing from elsewhere

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": csp})

    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.route(server.url, with_csp)
    page.goto(server.url)
    extract(page, seed_text)
    assert len(page.evaluate(VISIBLE)) == 5
    page.hover('#doc mark.q[data-aid="a1"]')
    expect(page.locator("#tip")).to_be_visible()
    speaker(page, "India").click()
    assert page.evaluate(VISIBLE) == ["a5"]
    with page.expect_download() as info:
        page.click("#download-csv")
    assert info.value.suggested_filename == "attributions.csv"
    assert violations == []

/* The editor's page: calls the public POST /v1/attributions API as a CMS would and shows
   the article with every attribution highlighted in place. Plain JS, no build step, no
   network access beyond this service. Every piece of text from the article or the API is
   put in the page with textContent, never as HTML. */
(() => {
  "use strict";

  const API = "v1/attributions"; // relative: works when the service is mounted under a prefix
  const TYPES = ["direct", "indirect", "mixed"];
  const REASONS = { title: "a title, not speech", scare_quote: "scare quotes, not speech", no_cue: "no speaker found" };
  const MAX_FILE_BYTES = 20 * 1024 * 1024;

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  const ui = {
    form: $("form"), article: $("article"), drop: $("drop"), file: $("file"), extract: $("extract"),
    status: $("status"), error: $("error"), results: $("results"), doc: $("doc"), summary: $("summary"),
    speakers: $("speakers"), allSpeakers: $("all-speakers"), tip: $("tip"), min: $("min-confidence"),
    minValue: $("min-confidence-value"), showSkipped: $("show-skipped"), keyField: $("key-field"), apiKey: $("api-key"),
  };

  const state = {
    result: null, // the API's response, as received
    text: "", // the text the offsets index: what was sent, or the response's `text` for HTML
    name: "attributions", // base name for downloads
    types: new Set(TYPES),
    min: 0,
    speaker: null, // a speaker id, "-" for attributions with no speaker, or null for all
    showSkipped: true,
    byId: new Map(),
    controller: null,
    tipFor: null, // the quotation or skipped candidate the details belong to
  };

  /* ---------- input ---------- */

  function chosenFormat() {
    const checked = document.querySelector('input[name="format"]:checked');
    return checked ? checked.value : "auto";
  }

  function looksLikeHtml(text) {
    return /^\s*</.test(text) && /<\/?(html|body|p|div|span|h[1-6]|br|em|strong|b|i|a|article|section|li|ul|ol|blockquote|figure|table)\b[^>]*>/i.test(text);
  }

  function setFormat(value) {
    const radio = document.querySelector(`input[name="format"][value="${value}"]`);
    if (radio) radio.checked = true;
  }

  async function loadFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      showError("The file is too large", [`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; open a single article.`]);
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (err) {
      showError("The file could not be read", [`${file.name}: ${err && err.message ? err.message : err}`]);
      return;
    }
    ui.article.value = text;
    const html = /\.html?$/i.test(file.name) || file.type === "text/html";
    setFormat(html ? "html" : /\.txt$/i.test(file.name) ? "text" : "auto");
    state.name = file.name.replace(/\.[^.]*$/, "") || "attributions";
    clearError();
    say(`Loaded ${file.name} (${text.length.toLocaleString("en")} characters). Press Extract.`);
    ui.article.focus();
  }

  /* ---------- calling the API ---------- */

  async function extract() {
    const raw = ui.article.value;
    let format = chosenFormat();
    if (format === "auto") format = looksLikeHtml(raw) ? "html" : "text";
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    clearError();
    ui.extract.disabled = true;
    ui.extract.textContent = "Extracting…";
    ui.results.setAttribute("aria-busy", "true");
    say("Extracting…");
    const started = performance.now();
    try {
      let response;
      try {
        response = await fetch(API, {
          method: "POST",
          headers: headers(),
          body: JSON.stringify({ text: raw, format }),
          signal: controller.signal,
        });
      } catch (err) {
        if (err && err.name === "AbortError") return;
        fail("The service could not be reached", ["Check that it is running, then try again.", String(err && err.message ? err.message : err)]);
        return;
      }
      let body = null;
      if ((response.headers.get("Content-Type") || "").includes("json")) {
        try { body = await response.json(); } catch (_) { body = null; }
      }
      if (controller !== state.controller) return;
      if (!response.ok || !body || !Array.isArray(body.attributions)) {
        const [title, lines] = describeError(response, body);
        fail(title, lines);
        return;
      }
      state.result = body;
      state.text = typeof body.text === "string" ? body.text : raw;
      state.speaker = null;
      render();
      if (document.activeElement !== ui.article) { // room for the article; the box grows back on focus
        ui.form.classList.add("compact");
        ui.article.scrollTop = 0;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const n = body.attributions.length;
      say(`Found ${n} attribution${n === 1 ? "" : "s"} in ${seconds} s.`);
      const top = ui.results.getBoundingClientRect().top;
      if (top > window.innerHeight * 0.8) ui.results.scrollIntoView({ block: "start" });
    } finally {
      if (controller === state.controller) {
        state.controller = null;
        ui.extract.disabled = false;
        ui.extract.textContent = "Extract";
        ui.results.removeAttribute("aria-busy");
      }
    }
  }

  function headers() {
    const result = { "Content-Type": "application/json", Accept: "application/json" };
    const key = ui.apiKey.value.trim();
    if (key) result.Authorization = `Bearer ${key}`;
    return result;
  }

  function flatten(details, prefix) {
    // {"text": ["text is empty"]} -> ["text: text is empty"]
    if (details === null || details === undefined) return [];
    if (typeof details === "string") return [prefix ? `${prefix}: ${details}` : details];
    if (Array.isArray(details)) return details.flatMap((d) => flatten(d, prefix));
    if (typeof details === "object") {
      return Object.entries(details).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k === "_schema" ? "" : k));
    }
    return [String(details)];
  }

  function describeError(response, body) {
    const status = response.status;
    const error = body && body.error ? body.error : null;
    const details = error ? flatten(error.details, "") : [];
    const lines = [];
    let title;
    if (status === 413) {
      title = "The article is too large for this service";
      lines.push(error ? error.message : "The request body is over the size limit.", "Send a shorter article, or ask the operator to raise the limit.");
    } else if (status === 422) {
      const empty = details.some((d) => /empty|blank|no text/i.test(d));
      title = empty ? "There is no text to extract from" : "The article was refused";
      lines.push(empty ? "Paste an article, or open a .txt or .html file, then press Extract." : error ? error.message : "");
      if (!empty || details.length > 1) lines.push(...details);
    } else if (status === 401) {
      const given = !!ui.apiKey.value.trim();
      title = given ? "The API key was not accepted" : "This service needs an API key";
      lines.push(given ? "Check the API key field, then press Extract again." : "Enter it in the API key field, then press Extract again.");
      ui.keyField.hidden = false;
      setTimeout(() => ui.apiKey.focus(), 0);
    } else if (status === 429 || (status === 503 && error && error.code === "overloaded")) {
      const retry = Number(response.headers.get("Retry-After"));
      title = "The service is busy";
      lines.push(retry > 0 ? `Try again in ${retry} second${retry === 1 ? "" : "s"}.` : "Try again in a moment.");
      if (error) lines.push(error.message);
    } else if (status === 503) {
      title = "The service is not ready yet";
      lines.push("The language model is still loading or failed to load. Try again in a minute.");
      if (error) lines.push(error.message);
    } else if (status === 504) {
      title = "The article took too long to analyse";
      lines.push(error ? error.message : "The request ran past the service's time limit.", "Try a shorter article.");
    } else if (status === 200) {
      title = "The service answered something this page does not understand";
      lines.push("Expected a JSON result with attributions.");
    } else {
      title = `The service answered ${status}${response.statusText ? " " + response.statusText : ""}`;
      if (error) lines.push(error.message, ...details);
      else lines.push("The answer was not the service's JSON error; a proxy in between may have answered.");
    }
    if (status !== 200) title += ` (${status})`;
    if (body && body.request_id) lines.push(`Request id: ${body.request_id}`);
    return [title, lines.filter(Boolean)];
  }

  function fail(title, lines) {
    state.result = null;
    ui.results.hidden = true;
    hideTip();
    showError(title, lines);
    say("");
  }

  function showError(title, lines) {
    ui.error.replaceChildren(el("strong", "error-title", title));
    for (const line of lines || []) ui.error.append(el("p", "", line));
    ui.error.hidden = false;
  }

  function clearError() {
    ui.error.hidden = true;
    ui.error.replaceChildren();
  }

  function say(message) {
    ui.status.textContent = message;
  }

  /* ---------- rendering ---------- */

  // The API's offsets count Unicode code points (Python); JavaScript strings count UTF-16 units.
  function codePointIndexer(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
    const units = [];
    let u = 0;
    for (const ch of text) { units.push(u); u += ch.length; }
    units.push(u);
    return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
  }

  function speakersOf(result) {
    if (Array.isArray(result.speakers)) return result.speakers;
    const seen = new Map(); // include_speakers: false, or an older service: derive them
    for (const a of result.attributions) {
      const s = a.speaker;
      if (!s) continue;
      if (!seen.has(s.id)) seen.set(s.id, { id: s.id, name: s.name, roles: s.role ? [s.role] : [], kind: s.kind, mentions: [], attributions: [] });
      seen.get(s.id).attributions.push(a.id);
    }
    return [...seen.values()];
  }

  function render() {
    const result = state.result;
    const text = state.text;
    const at = codePointIndexer(text);
    state.byId = new Map(result.attributions.map((a) => [a.id, a]));

    const regions = []; // content spans and skipped candidates: the outer layer
    const inlines = []; // cues, speaker mentions, other mentions of speakers
    result.attributions.forEach((a) => {
      (a.content && a.content.spans ? a.content.spans : []).forEach((s, part) => {
        regions.push({ start: at(s.start), end: at(s.end), kind: "quote", a, part });
      });
      if (a.cue) inlines.push({ start: at(a.cue.start), end: at(a.cue.end), kind: "cue", id: a.id });
      if (a.speaker && a.speaker.mention) {
        const m = a.speaker.mention;
        inlines.push({ start: at(m.start), end: at(m.end), kind: "mention", id: a.id });
      }
    });
    (result.skipped || []).forEach((s, i) => regions.push({ start: at(s.start), end: at(s.end), kind: "skipped", s, i }));
    for (const sp of speakersOf(result)) {
      for (const m of sp.mentions || []) inlines.push({ start: at(m.start), end: at(m.end), kind: "ref", id: sp.id });
    }
    const valid = (r) => r.start >= 0 && r.end <= text.length && r.start < r.end;

    const cuts = new Set([0, text.length]);
    for (const r of [...regions, ...inlines]) if (valid(r)) { cuts.add(r.start); cuts.add(r.end); }
    const points = [...cuts].sort((x, y) => x - y);

    const doc = ui.doc;
    doc.replaceChildren();
    let current = null; // the region element being filled
    let currentRegion = null;
    const firstPart = new Set();
    for (let k = 0; k + 1 < points.length; k++) {
      const start = points[k];
      const end = points[k + 1];
      let region = null; // innermost region covering this piece
      for (const r of regions) {
        if (valid(r) && r.start <= start && r.end >= end && (!region || r.start > region.start || (r.start === region.start && r.end < region.end))) region = r;
      }
      if (region !== currentRegion) {
        currentRegion = region;
        current = region ? regionElement(region, firstPart) : null;
        if (current) doc.append(current);
      }
      const covering = inlines.filter((r) => valid(r) && r.start <= start && r.end >= end);
      const piece = text.slice(start, end);
      const target = current || doc;
      if (!covering.length) {
        target.append(document.createTextNode(piece));
        continue;
      }
      const span = el("span", "", piece);
      for (const kind of ["cue", "mention", "ref"]) {
        const ids = covering.filter((r) => r.kind === kind).map((r) => r.id);
        if (ids.length) { span.classList.add(kind); span.dataset[kind] = ids.join(" "); }
      }
      target.append(span);
    }

    renderSpeakers(result);
    renderSummary(result);
    ui.results.hidden = false;
    applyFilters();
  }

  function regionElement(region, firstPart) {
    if (region.kind === "skipped") {
      const span = el("span", "skipped");
      span.dataset.skip = String(region.i);
      span.dataset.label = (region.s.reason || "skipped").replace(/_/g, " ");
      span.tabIndex = 0;
      return span;
    }
    const a = region.a;
    const mark = el("mark", `q t-${TYPES.includes(a.type) ? a.type : "indirect"}`);
    mark.dataset.aid = a.id;
    mark.dataset.part = String(region.part);
    if (!firstPart.has(a.id)) { firstPart.add(a.id); mark.classList.add("first"); }
    if (a.partial) mark.classList.add("partial");
    mark.tabIndex = 0;
    return mark;
  }

  function renderSpeakers(result) {
    const list = ui.speakers;
    list.replaceChildren();
    const speakers = speakersOf(result).map((sp) => ({
      id: sp.id, name: displayName(sp), roles: sp.roles || [], kind: sp.kind, count: (sp.attributions || []).length,
    }));
    const anonymous = result.attributions.filter((a) => !a.speaker).length;
    if (anonymous) speakers.push({ id: "-", name: "No source given", roles: [], kind: "", count: anonymous });
    if (!speakers.length) {
      list.append(el("li", "hint", "No speakers."));
      return;
    }
    for (const sp of speakers) {
      const button = el("button", "speaker");
      button.type = "button";
      button.dataset.sid = sp.id;
      button.setAttribute("aria-pressed", "false");
      button.append(el("span", "name", sp.name));
      if (sp.roles.length) button.append(el("span", "role", sp.roles.join(", ")));
      const meta = el("span", "meta");
      if (sp.kind) meta.append(el("span", "kind", sp.kind));
      meta.append(el("span", "count", `${sp.count} quotation${sp.count === 1 ? "" : "s"}`));
      button.append(meta);
      const item = el("li");
      item.append(button);
      list.append(item);
    }
  }

  function renderSummary(result) {
    const n = result.attributions.length;
    const speakers = speakersOf(result).length;
    const skipped = (result.skipped || []).length;
    const meta = result.meta || {};
    const parts = [
      `${n} attribution${n === 1 ? "" : "s"}`,
      `${speakers} speaker${speakers === 1 ? "" : "s"}`,
      `${skipped} skipped`,
    ];
    if (typeof meta.words === "number") parts.push(`${meta.words.toLocaleString("en")} words`);
    if (meta.model && meta.model.name) parts.push(`model ${meta.model.name} (${meta.model.source})`);
    ui.summary.replaceChildren(el("span", "", parts.join(" · ")), el("span", "showing"));
    if (typeof result.text === "string") ui.summary.append(el("span", "note", "Shown: the text the service read from the HTML."));
  }

  /* ---------- filters ---------- */

  function visible(a) {
    if (!state.types.has(a.type)) return false;
    if (typeof a.confidence === "number" && a.confidence + 1e-9 < state.min) return false;
    if (state.speaker === "-") return !a.speaker;
    if (state.speaker) return !!a.speaker && a.speaker.id === state.speaker;
    return true;
  }

  function applyFilters() {
    if (!state.result) return;
    const on = new Set(state.result.attributions.filter(visible).map((a) => a.id));
    for (const mark of ui.doc.querySelectorAll("mark.q")) {
      const shown = on.has(mark.dataset.aid);
      mark.classList.toggle("off", !shown);
      mark.tabIndex = shown ? 0 : -1;
    }
    for (const kind of ["cue", "mention"]) {
      for (const span of ui.doc.querySelectorAll(`span.${kind}`)) {
        span.classList.toggle(`${kind}-off`, !span.dataset[kind].split(" ").some((id) => on.has(id)));
      }
    }
    for (const span of ui.doc.querySelectorAll("span.ref")) {
      span.classList.toggle("sel", !!state.speaker && span.dataset.ref.split(" ").includes(state.speaker));
    }
    for (const span of ui.doc.querySelectorAll("span.skipped")) {
      span.classList.toggle("off", !state.showSkipped);
      span.tabIndex = state.showSkipped ? 0 : -1;
    }
    for (const button of ui.speakers.querySelectorAll("button.speaker")) {
      button.setAttribute("aria-pressed", String(button.dataset.sid === state.speaker));
    }
    ui.allSpeakers.hidden = !state.speaker;
    const total = state.result.attributions.length;
    const showing = ui.summary.querySelector(".showing");
    if (showing) showing.textContent = on.size === total ? "" : `Showing ${on.size} of ${total}.`;
    hideTip();
  }

  /* ---------- details on hover and focus ---------- */

  function tipRows(rows) {
    const dl = el("dl");
    for (const [term, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      dl.append(el("dt", "", term), el("dd", "", value));
    }
    return dl;
  }

  function fillTip(target) {
    const tip = ui.tip;
    tip.replaceChildren();
    if (target.classList.contains("skipped")) {
      const s = (state.result.skipped || [])[Number(target.dataset.skip)];
      if (!s) return false;
      tip.append(el("strong", "tip-title", "Skipped"), tipRows([["Reason", `${s.reason.replace(/_/g, " ")}: ${REASONS[s.reason] || "not attributed speech"}`]]));
      return true;
    }
    const a = state.byId.get(target.dataset.aid);
    if (!a) return false;
    const sp = a.speaker;
    tip.append(el("strong", "tip-title", sp ? displayName(sp) : "No source given"));
    tip.append(tipRows([
      ["Role", sp ? sp.role || "—" : null],
      ["Kind", sp ? sp.kind : null],
      ["As written", sp && sp.mention && sp.mention.text !== sp.name ? sp.mention.text : null],
      ["Identified by", sp && sp.resolved_by && sp.resolved_by !== "name" ? sp.resolved_by : null],
      ["Type", a.type + (a.partial ? " (partial)" : "") + (a.content.spans.length > 1 ? `, ${a.content.spans.length} parts` : "")],
      ["Cue", a.cue ? a.cue.text : "none (continues the previous speaker)"],
      ["Confidence", typeof a.confidence === "number" ? a.confidence.toFixed(2) : null],
      ["Rule", a.sieve],
      ["Frame", a.frame],
    ]));
    return true;
  }

  function showTip(target, clientY) {
    if (target.classList.contains("off") || !fillTip(target)) { hideTip(); return; }
    const tip = ui.tip;
    tip.hidden = false;
    const rects = [...target.getClientRects()];
    let rect = rects[0] || target.getBoundingClientRect();
    if (clientY !== undefined) rect = rects.find((r) => clientY >= r.top && clientY <= r.bottom) || rect;
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    let top = rect.bottom + 6;
    if (top + height > window.innerHeight && rect.top - height - 6 > 0) top = rect.top - height - 6;
    tip.style.left = `${Math.round(left + window.scrollX)}px`;
    tip.style.top = `${Math.round(top + window.scrollY)}px`;
    state.tipFor = target;
  }

  function hideTip() {
    ui.tip.hidden = true;
    state.tipFor = null;
  }

  const tipTarget = (node) => (node instanceof Element ? node.closest("mark.q, span.skipped") : null);

  ui.doc.addEventListener("mouseover", (e) => {
    const target = tipTarget(e.target);
    if (target && target !== state.tipFor) showTip(target, e.clientY);
  });
  ui.doc.addEventListener("mouseout", (e) => {
    const from = tipTarget(e.target);
    if (!from || from === tipTarget(e.relatedTarget) || state.tipFor !== from) return;
    // The pointer left what it showed: back to the focused quotation's details, if one has focus.
    const focused = tipTarget(document.activeElement);
    if (focused && focused !== from && ui.doc.contains(focused)) showTip(focused);
    else if (focused !== from) hideTip();
  });
  // The details are the focused quotation's description for assistive technology; the pointer
  // may show another's for a while, and they come back when it leaves.
  ui.doc.addEventListener("focusin", (e) => {
    const target = tipTarget(e.target);
    if (!target) return;
    target.setAttribute("aria-describedby", "tip");
    showTip(target);
  });
  ui.doc.addEventListener("focusout", (e) => {
    if (e.target instanceof Element) e.target.removeAttribute("aria-describedby");
    hideTip();
  });

  /* ---------- exports ---------- */

  function csvCell(value) {
    let s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // a spreadsheet must not run a cell as a formula
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  // A source the article never names (name null) is shown as written: "a White House spokesman (unnamed)".
  function displayName(sp) {
    if (sp.name) return sp.name;
    const written = sp.mention ? sp.mention.text : sp.mentions && sp.mentions.length ? sp.mentions[0].text : "";
    return written ? `${written} (unnamed)` : "(unnamed)";
  }

  function toCsv(result) {
    const roles = new Map(speakersOf(result).map((sp) => [sp.id, (sp.roles || []).join("; ")]));
    const header = ["id", "speaker", "role", "roles", "kind", "type", "partial", "quotation", "start", "end", "spans", "cue", "confidence", "rule"];
    const rows = result.attributions.map((a) => {
      const spans = a.content.spans;
      return [
        a.id, a.speaker ? a.speaker.name || "" : "", a.speaker ? a.speaker.role || "" : "",
        a.speaker ? roles.get(a.speaker.id) || a.speaker.role || "" : "", a.speaker ? a.speaker.kind : "",
        a.type, a.partial ? "true" : "false", spans.map((s) => s.text).join(" … "),
        spans.length ? spans[0].start : "", spans.length ? spans[spans.length - 1].end : "",
        spans.map((s) => `${s.start}-${s.end}`).join(";"), a.cue ? a.cue.text : "",
        typeof a.confidence === "number" ? a.confidence : "", a.sieve || "",
      ];
    });
    return "\ufeff" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = el("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  const json = () => JSON.stringify(state.result, null, 2) + "\n";

  async function copyJson() {
    if (!state.result) return;
    const text = json();
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      const area = el("textarea", "visually-hidden");
      area.value = text;
      document.body.append(area);
      area.select();
      const ok = document.execCommand && document.execCommand("copy");
      area.remove();
      if (!ok) { say("Copying is not allowed here; use Download JSON."); return; }
    }
    say("JSON copied to the clipboard.");
  }

  /* ---------- wiring ---------- */

  ui.form.addEventListener("submit", (e) => { e.preventDefault(); extract(); });
  for (const type of ["focus", "click", "input"]) ui.article.addEventListener(type, () => ui.form.classList.remove("compact"));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (!ui.extract.disabled) extract(); }
    if (e.key === "Escape") hideTip();
  });
  ui.file.addEventListener("change", () => { loadFile(ui.file.files[0]); ui.file.value = ""; });
  // A file dropped anywhere on the page is read (never opened in place of the page).
  window.addEventListener("dragover", (e) => {
    e.preventDefault();
    ui.drop.classList.toggle("dragging", e.target instanceof Node && ui.drop.contains(e.target));
  });
  window.addEventListener("dragleave", (e) => { if (!e.relatedTarget) ui.drop.classList.remove("dragging"); });
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    ui.drop.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files.length) loadFile(e.dataTransfer.files[0]);
  });

  for (const box of document.querySelectorAll('input[name="type"]')) {
    box.addEventListener("change", () => {
      if (box.checked) state.types.add(box.value); else state.types.delete(box.value);
      applyFilters();
    });
  }
  ui.min.addEventListener("input", () => {
    state.min = Number(ui.min.value);
    ui.minValue.textContent = state.min.toFixed(2);
    applyFilters();
  });
  ui.showSkipped.addEventListener("change", () => { state.showSkipped = ui.showSkipped.checked; applyFilters(); });
  ui.speakers.addEventListener("click", (e) => {
    const button = e.target instanceof Element ? e.target.closest("button.speaker") : null;
    if (!button) return;
    state.speaker = state.speaker === button.dataset.sid ? null : button.dataset.sid;
    applyFilters();
  });
  ui.allSpeakers.addEventListener("click", () => { state.speaker = null; applyFilters(); });
  $("copy-json").addEventListener("click", copyJson);
  $("download-json").addEventListener("click", () => state.result && download(`${state.name}.json`, "application/json", json()));
  $("download-csv").addEventListener("click", () => state.result && download(`${state.name}.csv`, "text/csv;charset=utf-8", toCsv(state.result)));
  window.addEventListener("resize", hideTip);
  if (window.matchMedia && window.matchMedia("(max-width: 900px)").matches) $("key").open = false; // room for the article on a phone
})();

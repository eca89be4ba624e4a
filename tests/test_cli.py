"""The `quotes` command as a batch script or a container build would use it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from quotes.common.nlp import embedded_dir, model_version
from tests.conftest import DATA


def quotes(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotes.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_extract_prints_the_api_json(client, seed_text):
    done = quotes("extract", str(DATA / "putin-india.txt"))
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    api = client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain").get_json()
    assert cli["attributions"] == api["attributions"] and cli["speakers"] == api["speakers"]
    assert cli["id"] == "putin-india.txt"


def test_extract_from_stdin():
    done = quotes("extract", "-", stdin='"We are ready," the mayor said.')
    assert done.returncode == 0, done.stderr
    (a,) = json.loads(done.stdout)["attributions"]
    assert a["cue"]["text"] == "said" and a["speaker"]["mention"]["text"] == "the mayor"


def test_missing_model_dir_is_exit_2_with_a_clear_message(tmp_path):
    done = quotes("extract", "-", env={"QUOTES_STANZA_DIR": str(tmp_path / "nope")}, stdin="He said hi.")
    assert done.returncode == 2
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr


def test_model_dir_without_resources_json_is_exit_2(tmp_path):
    done = quotes("extract", "-", env={"QUOTES_STANZA_DIR": str(tmp_path)}, stdin="He said hi.")
    assert done.returncode == 2 and "resources.json" in done.stderr


def test_download_offline_fails_in_one_line_with_exit_2(tmp_path):
    # A dead proxy makes "offline" certain even on a machine that has a network.
    dead = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
    done = quotes("download", "--dir", str(tmp_path / "models"), env=dead)
    assert done.returncode == 2
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("quotes:")]
    assert len(lines) == 1 and "could not download" in lines[0]
    assert "Traceback" not in done.stderr


def test_bad_setting_is_exit_2():
    done = quotes("extract", "-", env={"QUOTES_MAX_CHARS": "lots"}, stdin="x")
    assert done.returncode == 2 and "QUOTES_MAX_CHARS must be an integer" in done.stderr


def test_configured_model_dir_serves_the_same_result(tmp_path):
    # a copy of the package's own model in a directory of the operator's choosing (not ../shared's
    # old copy, which is being retired)
    model_dir = tmp_path / "models" / "stanza-en"
    shutil.copytree(embedded_dir(), model_dir)
    done = quotes("extract", str(DATA / "putin-india.txt"), env={"QUOTES_STANZA_DIR": str(model_dir)})
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    # the version names the files, not where they lie: the same as the package's own model's
    assert (body["meta"]["model"]["source"], body["meta"]["model"]["version"]) == ("env", model_version(embedded_dir()))
    assert [(a["type"], a["cue"]["text"], a["speaker"]["name"]) for a in body["attributions"]] == [
        ("indirect", "according to", "Yury Ushakov"),
        ("indirect", "revealed", "Yury Ushakov"),
        ("direct", "noted", "Yury Ushakov"),
        ("indirect", "indicated", "Yury Ushakov"),
        ("direct", "advocating for", "India"),
    ]

"""`quotes batch`: JSONL, folder and Parquet in; JSONL and Parquet out; bad documents,
the time and size guards, resuming after a kill, the speaker summary, and the Dask
engine on a local cluster giving the local engine's results."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import WorkerPlugin

from quotes.batch import summary
from quotes.cli import main

DATA = Path(__file__).parent / "data" / "batch"
DOCS = DATA / "docs.jsonl"

SENTENCES = [
    '"We will open the new bridge in spring," said Mayor Lena Ortiz.',
    "The council said the works would start next month.",
    "Residents told reporters that the old bridge was unsafe.",
    '"It has been closed for too long," one shop owner said.',
    "According to the engineers, the steel arrived early.",
    "The weather was dry and mild for most of the week.",
]


@pytest.fixture(autouse=True)
def one_torch_thread(monkeypatch):
    """One torch thread, as in the service's workers: two threads on a busy machine can
    wait on each other long enough to turn a 20 ms parse into seconds."""
    monkeypatch.setenv("QUOTES_TORCH_THREADS", "1")


def _docs() -> list[dict]:
    return [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines()]


def _bodies(out: Path) -> list[dict]:
    """Every row of an output, in file order, without the timings (they vary)."""
    if out.suffix == ".parquet":
        table = pq.read_table(out)  # a directory of part files; _SUCCESS and .tmp- files are skipped
        rows = [json.loads(s) for s in table.column("result").to_pylist()]
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r.get("meta", {}).pop("timings_ms", None)
    return rows


def _by_id(out: Path) -> dict[str, dict]:
    rows = _bodies(out)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "an id has more than one row"
    return {r["id"]: r for r in rows}


def _write_jsonl(path: Path, docs: list[dict | str]) -> Path:
    path.write_text("".join((d if isinstance(d, str) else json.dumps(d)) + "\n" for d in docs), encoding="utf-8")
    return path


def test_jsonl_in_jsonl_out_is_the_api_batch_result(tmp_path, client, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(DOCS), str(out)]) == 0
    assert "8 documents (0 failed)" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl.partial").exists()
    rows = _bodies(out)
    assert [r["id"] for r in rows] == [d["id"] for d in _docs()]  # one row per document, in input order
    api = client.post("/v1/attributions/batch", json={"documents": _docs()}).get_json()["results"]
    for r in api:
        r["meta"].pop("timings_ms")
    assert rows == api  # the same documents, the same JSON as the HTTP batch endpoint
    html = rows[4]
    assert html["id"] == "html-1" and html["text"] == "Transport\n\n“The new line opens in May,” the transport minister said."


def test_folder_in_parquet_out(tmp_path, capsys):
    out = tmp_path / "out.parquet"
    assert main(["batch", str(DATA / "folder"), str(out)]) == 0
    assert (out / "_SUCCESS").is_file()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    table = pq.read_table(out)
    assert table.column_names == ["id", "error", "words", "attributions", "result"]
    rows = _by_id(out)
    assert sorted(rows) == ["2024/transport.html", "broken.txt", "harbour.txt"]  # notes.md is not an article
    assert rows["broken.txt"] == {
        "id": "broken.txt",
        "error": {"code": "invalid_input", "message": "the file is not UTF-8 text"},
    }
    assert rows["2024/transport.html"]["text"] == "“The new line opens in May,” the transport minister said."
    assert rows["harbour.txt"]["attributions"][0]["speaker"]["name"] == "Lena Ortiz"
    errors = dict(zip(table.column("id").to_pylist(), table.column("error").to_pylist()))
    assert errors == {"2024/transport.html": None, "broken.txt": "invalid_input", "harbour.txt": None}


def test_parquet_in_gives_the_jsonl_results(tmp_path):
    docs = _docs()
    src = tmp_path / "docs.parquet"
    pq.write_table(
        pa.table(
            {
                "id": [d["id"] for d in docs] + [None],
                "text": [d["text"] for d in docs] + ['"Yes," she said.'],
                "format": [d.get("format") for d in docs] + [None],
            }
        ),
        src,
        row_group_size=3,
    )
    from_jsonl, from_parquet = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["batch", str(DOCS), str(from_jsonl)]) == 0
    assert main(["batch", str(src), str(from_parquet)]) == 0
    rows = _bodies(from_parquet)
    assert rows[:-1] == _bodies(from_jsonl)
    assert rows[-1]["id"] == "row:9"  # a null id becomes the row number


def test_a_bad_document_in_the_middle_gets_its_error_row(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTES_MAX_BODY_BYTES", "1000")  # the limit on a document as read (HTML before it is text)
    monkeypatch.setenv("QUOTES_MAX_HTML_TAGS", "50")
    good = _docs()
    src = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            good[0],
            "{not json",
            {"id": "empty", "text": "   "},
            {"id": 7, "text": "x", "format": "pdf"},
            {"id": "no-text"},
            {"id": "long", "text": "The mayor said yes. " * 20},
            {"text": '"No," he said.'},
            '{"id": "sur\\ud800", "text": "He said \\udc00 hi."}',
            {"id": "big-html", "format": "html", "text": "<p>" + "<b></b>" * 200 + "Hi.</p>"},
            {"id": "tag-soup", "format": "html", "text": "<p>" + "<i></i>" * 30 + "Hi.</p>"},
            good[1],
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), str(out), "--max-chars", "300"]) == 0
    rows = _bodies(out)
    assert [r["id"] for r in rows] == [
        "harbour",
        "line:2",
        "empty",
        "7",
        "no-text",
        "long",
        "line:7",
        "sur\\ud800",
        "big-html",
        "tag-soup",
        "budget",
    ]
    codes = [r.get("error", {}).get("code") for r in rows]
    assert codes == [None] + ["invalid_input"] * 5 + [None] + ["invalid_input"] * 3 + [None]
    assert rows[1]["error"]["message"] == "line 2 is not a JSON object"
    assert rows[2]["error"]["details"] == {"text": ["text is empty"]}
    assert "format" in rows[3]["error"]["details"]
    assert "QUOTES_MAX_CHARS" in rows[5]["error"]["message"]
    assert "surrogate" in rows[7]["error"]["message"] and "QUOTES_MAX_BODY_BYTES" in rows[8]["error"]["message"]
    assert "QUOTES_MAX_HTML_TAGS" in rows[9]["error"]["message"]
    assert rows[0]["attributions"] and rows[10]["attributions"] and rows[6]["attributions"][0]["cue"]["text"] == "said"


def test_a_slow_document_times_out_alone(tmp_path):
    long = " ".join(SENTENCES * 1200)  # 7,200 sentences, 72,000 words: ten seconds or more to parse at 5,000 words/s
    src = _write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": "a", "text": SENTENCES[0]}, {"id": "slow", "text": long}, {"id": "b", "text": SENTENCES[3]}],
    )
    out = tmp_path / "out.jsonl"
    t0 = time.monotonic()
    assert main(["batch", str(src), str(out), "--timeout", "3", "--max-chars", "1000000"]) == 0
    assert time.monotonic() - t0 < 60
    a, slow, b = _bodies(out)
    assert slow["error"]["code"] == "timeout" and "3 s" in slow["error"]["message"]
    assert a["attributions"][0]["speaker"]["name"] == "Lena Ortiz" and b["attributions"]


def _many(path: Path, n: int) -> Path:
    """``n`` articles of a few dozen sentences each, different enough to be told apart."""
    docs = []
    for i in range(n):
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(30))
        docs.append({"id": f"doc-{i:03d}", "text": f"Report number {i}. " + body})
    return _write_jsonl(path, docs)


def test_resume_after_kill_loses_and_repeats_nothing(tmp_path, capsys):
    src = _many(tmp_path / "in.jsonl", 40)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotes.cli", "batch", str(src), str(out), "--chunk", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "QUOTES_TORCH_THREADS": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if partial.exists() and partial.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()  # never taken for complete
    before = partial.read_bytes().count(b"\n")
    assert 3 <= before < 40
    with open(partial, "ab") as f:  # a write torn by the kill
        f.write(b'{"id":"doc-0')

    assert main(["batch", str(src), str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{before} documents already done" in err and f"{40 - before} documents (0 failed)" in err
    assert not partial.exists()
    rows = _by_id(out)
    assert sorted(rows) == [f"doc-{i:03d}" for i in range(40)]
    assert all(r["attributions"] for r in rows.values())

    assert main(["batch", str(src), str(out)]) == 0  # complete: nothing left to do
    assert "0 documents (0 failed), 40 already done" in capsys.readouterr().err
    assert len(_bodies(out)) == 40


def test_parquet_output_resumes_by_id(tmp_path, capsys):
    docs = _docs()
    first, full = _write_jsonl(tmp_path / "first.jsonl", docs[:3]), DOCS
    out = tmp_path / "out.parquet"
    assert main(["batch", str(first), str(out), "--part-rows", "2"]) == 0
    assert len(list(out.glob("part-*.parquet"))) == 2
    (out / ".tmp-part-x.parquet").write_bytes(b"PAR1 torn")  # left by a killed run
    assert main(["batch", str(full), str(out)]) == 0
    assert "3 documents already done" in capsys.readouterr().err
    assert not (out / ".tmp-part-x.parquet").exists() and (out / "_SUCCESS").exists()
    assert sorted(_by_id(out)) == sorted(d["id"] for d in docs)


def test_summary_table_and_csv(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(DOCS), str(out), "--summary", "--top", "3"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split() == ["#", "speaker", "role", "kind", "attributions", "documents"]
    assert len(printed) == 2 + 3 + 1 and "CSV:" in printed[-1]
    csv_lines = (tmp_path / "out.speakers.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == "speaker,role,kind,attributions,documents"
    assert "Lena Ortiz,Mayor,person,2,1" in csv_lines


def test_speaker_table_counts_across_documents():
    def att(name, role, kind="person"):
        return {"speaker": {"name": name, "role": role, "kind": kind}}

    bodies = [
        {"id": "1", "attributions": [att("Ann Lee", "senator"), att("Ann Lee", None), {"speaker": None}]},
        {"id": "2", "attributions": [att("Ann Lee", "senator"), att("Bob Ray", "coach"), att("Bob Ray", "manager")]},
        {"id": "3", "error": {"code": "timeout", "message": "…"}},
    ]
    table, unattributed = summary.speaker_table(bodies)
    assert unattributed == 1
    assert table == [
        {"speaker": "Ann Lee", "role": "senator", "kind": "person", "attributions": 3, "documents": 2},
        {"speaker": "Bob Ray", "role": "coach", "kind": "person", "attributions": 2, "documents": 1},
    ]


def test_bad_input_is_exit_1(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl")]) == 1
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"body": ["x"]}), bad)
    assert main(["batch", str(bad), str(tmp_path / "o.jsonl")]) == 1
    assert "no id and no text column" in capsys.readouterr().err


def test_dask_local_cluster_gives_the_local_results(tmp_path, capsys):
    docs = _docs()
    src = tmp_path / "docs.parquet"
    pq.write_table(
        pa.table({"id": [d["id"] for d in docs], "text": [d["text"] for d in docs], "format": [d.get("format") for d in docs]}), src
    )
    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    assert main(["batch", str(src), str(local), "--workers", "2", "--part-rows", "3", "--chunk", "2"]) == 0

    from distributed import Client, LocalCluster

    # A running cluster, as `dask scheduler` and `dask worker --nthreads 1` would give: --scheduler.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        argv = ["batch", str(src), str(dask), "--engine", "dask", "--scheduler", cluster.scheduler_address]
        assert main([*argv, "--part-rows", "3", "--chunk", "2"]) == 0
        with Client(cluster) as client:  # one pipeline per worker process: the plugin loaded it, the tasks reused it
            loaded = client.run(lambda: len(__import__("quotes.batch.documents").batch.documents._NLP))
            assert list(loaded.values()) == [1, 1]
    assert "8 documents (0 failed)" in capsys.readouterr().err
    assert (dask / "_SUCCESS").exists() and len(list(dask.glob("part-*.parquet"))) == 3  # one part per partition
    assert _by_id(dask) == _by_id(local)
    # and resuming through the engine, on a local cluster it starts itself: nothing is done twice
    assert main(["batch", str(src), str(dask), "--engine", "dask", "--workers", "2", "--part-rows", "3"]) == 0
    assert "0 documents (0 failed), 8 already done" in capsys.readouterr().err
    assert len(_bodies(dask)) == 8


class KillOncePlugin(WorkerPlugin):
    """The pipeline plugin, except that the first worker to set it up dies on the spot (as a
    worker SIGKILLed while loading the model would): the scheduler's broadcast of the plugin
    fails with CommClosedError, the nanny starts a fresh worker, which loads the pipeline."""

    name = "quotes-pipeline"

    def __init__(self):
        self.marker = os.environ["QUOTES_TEST_KILL_MARKER"]  # read here, in the test; pickled with the plugin

    async def setup(self, worker) -> None:
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            from quotes.batch.dask_engine import PipelinePlugin

            return await PipelinePlugin().setup(worker)
        os._exit(1)


def test_dask_worker_killed_while_loading_the_pipeline_does_not_fail_the_run(tmp_path, capsys, monkeypatch):
    from distributed import LocalCluster

    from quotes.batch import dask_engine as batch_dask

    marker = tmp_path / "killed"
    monkeypatch.setenv("QUOTES_TEST_KILL_MARKER", str(marker))
    monkeypatch.setattr(batch_dask, "PipelinePlugin", KillOncePlugin)
    out = tmp_path / "out.jsonl"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        argv = ["batch", str(DOCS), str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address, "--part-rows", "4"]
        assert main(argv) == 0
    assert marker.exists()  # a worker did die in the plugin's setup
    assert "8 documents (0 failed)" in capsys.readouterr().err
    assert len(_by_id(out)) == 8

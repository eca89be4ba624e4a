"""The ``quotes`` command: extract, serve, download."""

from __future__ import annotations

import argparse
import json
import os
import sys

from quotes.batch.cli import add_arguments as add_batch_arguments
from quotes.common.nlp import NLP, ModelError, download
from quotes.common.settings import ConfigError, Settings

EXIT_MODEL = 2


def _extract(args: argparse.Namespace) -> int:
    from quotes.common.schemas import dump_result
    from quotes.engine.extract import analyze

    text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    if not text.strip():
        print("quotes: the input text is empty", file=sys.stderr)
        return 1
    nlp = NLP(Settings.from_env())
    nlp.load()
    result = analyze(text, nlp)
    # the same meta.model as the service and the batch give: name, version, source, Stanza's version
    body = dump_result(result, doc_id=None if args.file == "-" else os.path.basename(args.file), model=nlp.model_info())
    json.dump(body, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _serve(args: argparse.Namespace) -> int:
    if args.port:
        os.environ["PORT"] = str(args.port)
    if args.workers:
        os.environ["QUOTES_WORKERS"] = str(args.workers)
    Settings.from_env()  # fail here, clearly, on a bad setting
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:quotes.service.gunicorn_conf", "quotes.service.app:create_app()"]
    os.execv(sys.executable, argv)
    return 0  # not reached


def _download(args: argparse.Namespace) -> int:
    target = download(args.dir)
    print(f"official Stanza English models installed in {target}; `quotes serve` now prefers them")
    return 0


def _batch(args: argparse.Namespace) -> int:
    from quotes.batch.cli import main as batch_main

    return batch_main(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotations in news text and say who said them.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the JSON attributions of a text file (or - for stdin)")
    p.add_argument("file")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(run=_extract)
    p = sub.add_parser("serve", help="run the HTTP service under gunicorn with config from the environment")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int)
    p.set_defaults(run=_serve)
    p = sub.add_parser("download", help="install the official Stanza English models (needs network)")
    p.add_argument("--dir", help="target resources directory (default: STANZA_RESOURCES_DIR or Stanza's default)")
    p.set_defaults(run=_download)
    p = sub.add_parser("batch", help="run a JSONL file, a folder or Parquet through the extractor into JSONL or Parquet (resumable)")
    add_batch_arguments(p)
    p.set_defaults(run=_batch)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (ModelError, ConfigError) as exc:
        print(f"quotes: {exc}", file=sys.stderr)
        return EXIT_MODEL
    except OSError as exc:
        print(f"quotes: {exc.strerror or exc}: {getattr(exc, 'filename', '')}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""The Stanza pipeline: which model, built once per process, and its download.

Model choice, in order:
1. ``QUOTES_STANZA_DIR``: a Stanza resources directory, loaded offline; a
   missing or broken one is an error, never a silent fallback.
2. The official English models, when installed in Stanza's default directory
   (``STANZA_RESOURCES_DIR`` or Stanza's own default): ``quotes download``.
3. The embedded default that ships inside this package (small, no NER,
   trained on UD English EWT only, CC BY-SA 4.0: see ``quotes/models/stanza-en/README.md``).

Nothing else in the project builds a ``stanza.Pipeline``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from quotes.common.settings import Settings

log = logging.getLogger("quotes.nlp")

WANTED = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
REQUIRED = ("tokenize", "pos", "lemma", "depparse")


class ModelError(RuntimeError):
    """The configured model cannot be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class ModelChoice:
    source: str  # env | official | embedded
    dir: str
    processors: tuple[str, ...]

    @property
    def name(self) -> str:
        return Path(self.dir).name

    @property
    def version(self) -> str:
        return model_version(Path(self.dir))


def model_version(root: Path, lang: str = "en") -> str:
    """A short version of a resources directory's models: the first 12 hex digits of the SHA-256 of
    its ``resources.json`` entry for ``lang``, which records the checksum of every model file (the
    same files give the same version, on any machine and under any path)."""
    try:
        entry = json.loads((root / "resources.json").read_text(encoding="utf-8"))[lang]
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"
    return hashlib.sha256(json.dumps(entry, sort_keys=True).encode()).hexdigest()[:12]


def embedded_dir() -> Path:
    return Path(str(resources.files("quotes") / "models" / "stanza-en"))


def official_dir() -> Path:
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(os.environ.get("STANZA_RESOURCES_DIR") or DEFAULT_MODEL_DIR)


def _processors(root: Path, lang: str = "en") -> tuple[str, ...]:
    """Processors a resources directory has model files for."""
    have = []
    for proc in WANTED:
        d = root / lang / proc
        if d.is_dir() and any(d.glob("*.pt")):
            have.append(proc)
    return tuple(have)


def check_dir(root: Path) -> tuple[str, ...]:
    """Processors of a usable resources directory, or ModelError saying what is wrong."""
    if not root.is_dir():
        raise ModelError(f"model directory {root} does not exist")
    if not (root / "resources.json").is_file():
        raise ModelError(f"model directory {root} has no resources.json (not a Stanza resources directory)")
    procs = _processors(root)
    missing = [p for p in REQUIRED if p not in procs]
    if missing:
        raise ModelError(f"model directory {root} lacks English models for: {', '.join(missing)}")
    return procs


def choose_model(settings: Settings) -> ModelChoice:
    if settings.stanza_dir:
        root = Path(settings.stanza_dir).expanduser().resolve()
        return ModelChoice("env", str(root), check_dir(root))
    official = official_dir()
    try:
        return ModelChoice("official", str(official), check_dir(official))
    except ModelError:
        pass
    root = embedded_dir()
    procs = check_dir(root)
    log.warning(
        "serving with the small embedded English model (%s): run `quotes download` for the official Stanza models, which parse far better",
        root,
    )
    return ModelChoice("embedded", str(root), procs)


def build_pipeline(choice: ModelChoice, torch_threads: int = 1):
    """A Stanza pipeline for ``choice``, never touching the network, whose dependency
    parser decodes trees with the fast decoder (``quotes.engine.decoder``: same trees) and
    whose batching runs on ``quotes.engine.speedups`` (same outputs)."""
    import stanza
    import torch

    from quotes.engine import decoder, speedups

    torch.set_num_threads(max(1, torch_threads))
    decoder.install()
    speedups.install()
    try:
        return stanza.Pipeline(
            lang="en",
            dir=choice.dir,
            processors=",".join(choice.processors),
            download_method=None,
            logging_level="ERROR",
            use_gpu=False,
            tokenize_max_seqlen=1000,
            pos_batch_maximum_tokens=2000,  # the tagger's padded bilinear heads: 5000 (Stanza's) took 0.5 GB on long sentences
        )
    except Exception as exc:  # stanza raises many types for a broken model file
        raise ModelError(f"could not load the Stanza model in {choice.dir}: {exc}") from exc


class NLP:
    """The one pipeline of this process: loaded once, shared by every request."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._pipeline = None
        self.choice: ModelChoice | None = None
        self.error: str | None = None
        self._info: dict[str, str] | None = None

    def load(self):
        # Loaded already: no lock, which a running parse holds (a request waiting here would
        # wait with no regard to its own time limit; parse_many waits with a timeout).
        if self._pipeline is not None:
            return self._pipeline
        with self._lock:
            if self._pipeline is None:
                try:
                    self.choice = choose_model(self.settings)
                    self._pipeline = build_pipeline(self.choice, self.settings.effective_torch_threads())
                    self.error = None
                except ModelError as exc:
                    self.error = str(exc)
                    raise
            return self._pipeline

    @property
    def ready(self) -> bool:
        return self._pipeline is not None

    @property
    def busy(self) -> bool:
        """Is a parse running now (a request arriving would wait for it)?"""
        return self._lock.locked()

    def __call__(self, text: str):
        """Parse one text the way the service does (see :meth:`parse_many`)."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: list[str], deadline_at: float | None = None) -> list:
        """Parse several texts in one Stanza bulk call (their sentences batched
        together), giving up with DeadlineExceeded past ``deadline_at`` (a
        ``time.monotonic()`` value), including time spent waiting for the pipeline."""
        import stanza

        from quotes.common.deadline import DeadlineExceeded, deadline
        from quotes.engine.selective import parse_documents

        pipeline = self.load()
        wait = -1 if deadline_at is None else max(0.0, deadline_at - time.monotonic())
        if not self._lock.acquire(timeout=wait):
            raise DeadlineExceeded("the pipeline stayed busy with other requests past the time limit")
        try:
            with deadline(deadline_at):
                docs = [stanza.Document([], text=t) for t in texts]
                return parse_documents(pipeline, docs, selective=self.settings.selective_parse, rules=self.settings.tokenizer == "rules")
        finally:
            self._lock.release()

    def model_info(self) -> dict[str, str]:
        """Which model serves, for responses' ``meta.model``: its name, version and source, and the
        Stanza version; never the server's file path (the log says where the model was loaded from)."""
        import stanza

        assert self.choice is not None, "model_info() before load()"
        if self._info is None:
            choice = self.choice
            self._info = {"name": choice.name, "version": choice.version, "source": choice.source, "stanza": stanza.__version__}
        return dict(self._info)


def download(model_dir: str | None = None) -> Path:
    """Install the official English models (with Stanza's progress bar).

    Raises ModelError with a one-line reason when the model hub is unreachable."""
    import stanza

    target = Path(model_dir) if model_dir else official_dir()
    try:
        stanza.download("en", model_dir=str(target), processors=",".join(WANTED), logging_level="INFO")
    except Exception as exc:  # requests/urllib errors, HTTP errors, disk errors
        raise ModelError(f"could not download the official Stanza English models into {target}: {_why(exc)}") from exc
    check_dir(target)
    return target


def _why(exc: Exception) -> str:
    """One short line for a failed download."""
    import requests

    if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.Timeout):
        return "the model hub is unreachable from this machine (no network, DNS or proxy); copy the models in and set QUOTES_STANZA_DIR"
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    return f"{type(exc).__name__}: {first[:160]}"

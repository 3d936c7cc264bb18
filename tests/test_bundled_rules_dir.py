"""The bundled rules are found both in a checkout and in an installed package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import cleaner.rules
from cleaner.rules import bundled_rules_dir


def test_checkout_layout() -> None:
    assert bundled_rules_dir() == Path(cleaner.rules.__file__).resolve().parent.parent / "rules"
    assert (bundled_rules_dir() / "hindustantimes.com.yaml").is_file()


def test_installed_layout(tmp_path: Path) -> None:
    """pip puts rules/ in site-packages/cleaner/bundled_rules/ (see pyproject.toml)."""
    site = tmp_path / "site-packages"
    shutil.copytree(Path(cleaner.rules.__file__).parent, site / "cleaner",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(bundled_rules_dir(), site / "cleaner" / "bundled_rules")
    code = "from cleaner.rules import bundled_rules_dir; print(bundled_rules_dir())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)}).stdout.strip()
    assert Path(out) == (site / "cleaner" / "bundled_rules").resolve()

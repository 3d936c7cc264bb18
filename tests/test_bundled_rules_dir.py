"""The bundled rules are found both in a checkout and in an installed package."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

import cleaner.rules
from cleaner.rules import bundled_rules_dir


def test_checkout_layout() -> None:
    assert bundled_rules_dir() == Path(cleaner.rules.__file__).resolve().parent.parent / "rules"
    assert (bundled_rules_dir() / "hindustantimes.com.yaml").is_file()


def test_installed_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pip puts rules/ in site-packages/cleaner/bundled_rules/ (see pyproject.toml)."""
    package = tmp_path / "site-packages" / "cleaner"
    (package / "bundled_rules").mkdir(parents=True)
    shutil.copy(cleaner.rules.__file__, package / "rules.py")
    spec = importlib.util.spec_from_file_location("installed_rules", package / "rules.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "installed_rules", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    assert module.bundled_rules_dir() == (package / "bundled_rules").resolve()

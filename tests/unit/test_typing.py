"""The desktop package's opt-out list from mypy (pyproject.toml) may only shrink.

`[tool.mypy]` checks `desktop` with the strict flags relaxed; a module that does not pass yet
is listed in an override with `ignore_errors = true`. This test records that list: taking a
module off is a one-line change here, putting one on fails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: The desktop modules mypy ignores, as recorded when the list was last shortened (now none).
OPT_OUT: frozenset[str] = frozenset()


def _overrides() -> list[dict]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["mypy"].get("overrides", [])


def _modules(override: dict) -> list[str]:
    module = override.get("module", [])
    return [module] if isinstance(module, str) else list(module)


def desktop_opt_out() -> set[str]:
    """Desktop modules whose mypy errors pyproject.toml ignores."""
    return {module for override in _overrides() if override.get("ignore_errors")
            for module in _modules(override) if module == "desktop" or module.startswith("desktop.")}


def test_opt_out_list_only_shrinks() -> None:
    added = desktop_opt_out() - OPT_OUT
    assert not added, f"desktop modules newly excluded from mypy (fix their errors instead): {sorted(added)}"


def test_desktop_is_checked_as_a_whole() -> None:
    # a wildcard would empty the list in one line while hiding every module's errors
    assert not {m for m in desktop_opt_out() if m.endswith("*") or m == "desktop"}


def test_the_checked_packages_include_desktop() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert "desktop" in config["files"]

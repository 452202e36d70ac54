"""The architecture's contracts (pyproject.toml `[tool.importlinter]`), and what they cannot say.

import-linter's `lint-imports` checks the layers (desktop → userdata → indexer), Qt-free
`indexer` and `userdata`, extraction independent of search, Whoosh imported only by
`indexer.search._whoosh`, that private package used only inside `indexer.search`, and the user
database (`userdata.db`) below notes and digests, notes never importing digests, and the analysis
(`indexer.insight`) above the rest of the core, importing extraction only through the library. Each
contract is shown to break on a stand-in tree that violates it. Beyond import-linter: every
core module imports with Qt unavailable, a CLI process never loads `desktop` or PySide6, and
no import cycle exists inside `indexer` or `userdata`, at module or function level.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LAYERS = "layers: desktop above userdata above indexer"
QT_FREE = "indexer and userdata are Qt-free and do not depend on desktop"
INDEPENDENT = "extraction and search are independent of each other"
WHOOSH = "only indexer.search._whoosh imports whoosh"
PRIVATE = "private packages (indexer.search._whoosh) are used only inside their parent package"
NOTES = "userdata.notes does not import userdata.digest"
USER_DB = "userdata.db and userdata.errors import neither notes nor digests"
INSIGHT_ON_TOP = "indexer.insight sits on top of the core: extraction, search and the library do not import it"
INSIGHT_NO_EXTRACT = "indexer.insight does not import extraction directly"
CONTRACTS = (LAYERS, QT_FREE, INDEPENDENT, WHOOSH, PRIVATE, NOTES, USER_DB, INSIGHT_ON_TOP, INSIGHT_NO_EXTRACT)


def lint_imports(cwd: Path, extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the venv's `lint-imports` in `cwd` (which holds the config), without a cache."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is not installed next to this Python; install the project with .[dev]"
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="300")
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), env.get("PYTHONPATH", "")])
    return subprocess.run([exe, "--no-cache", "--no-logo"], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


def kept_and_broken(stdout: str) -> tuple[set[str], set[str]]:
    lines = [" ".join(line.split()) for line in stdout.splitlines()]
    kept = {name for name in CONTRACTS if any(line == f"{name} KEPT" for line in lines)}
    broken = {name for name in CONTRACTS if any(line == f"{name} BROKEN" for line in lines)}
    return kept, broken


def test_the_config_declares_the_contracts():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {c["name"]: c for c in config["contracts"]}
    assert set(CONTRACTS) <= set(contracts)
    assert contracts[LAYERS]["layers"] == ["desktop", "userdata", "indexer"]
    assert contracts[QT_FREE]["source_modules"] == ["indexer", "userdata"]
    assert {"PySide6", "desktop"} <= set(contracts[QT_FREE]["forbidden_modules"])
    assert contracts[WHOOSH]["allowed_importers"] == ["indexer.search._whoosh"]


def test_the_code_keeps_every_contract():
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert kept_and_broken(run.stdout) == (set(CONTRACTS), set())


STAND_IN = {
    "indexer/__init__.py": "",
    "indexer/extract/__init__.py": "",
    "indexer/extract/pipeline.py": "",
    "indexer/search/__init__.py": "from indexer.search._whoosh import index\n",
    "indexer/search/query.py": "",
    "indexer/search/_whoosh/__init__.py": "",
    "indexer/search/_whoosh/index.py": "import whoosh.index\n",
    "indexer/library/__init__.py": "import indexer.extract.pipeline\nimport indexer.search\n",
    "indexer/insight/__init__.py": "import indexer.library\n",
    "userdata/__init__.py": "import indexer.library\n",
    "userdata/errors.py": "",
    "userdata/db.py": "import userdata.errors\n",
    "userdata/notes/__init__.py": "import userdata.db\n",
    "userdata/digest/__init__.py": "import userdata.db\nimport userdata.notes\n",
    "desktop/__init__.py": "import userdata\nimport indexer.search\n",
}

VIOLATIONS = {
    LAYERS: ("indexer/library/__init__.py", "import userdata"),
    QT_FREE: ("userdata/__init__.py", "from PySide6 import QtCore"),
    INDEPENDENT: ("indexer/search/query.py", "import indexer.extract.pipeline"),
    WHOOSH: ("indexer/library/__init__.py", "from whoosh import query"),
    PRIVATE: ("desktop/__init__.py", "from indexer.search._whoosh import index"),
    NOTES: ("userdata/notes/__init__.py", "import userdata.digest"),
    USER_DB: ("userdata/db.py", "import userdata.notes"),
    INSIGHT_ON_TOP: ("indexer/library/__init__.py", "import indexer.insight"),
    INSIGHT_NO_EXTRACT: ("indexer/insight/__init__.py", "import indexer.extract.pipeline"),
}


@pytest.mark.parametrize("contract", CONTRACTS)
def test_a_violation_breaks_its_contract(tmp_path: Path, contract: str):
    """The project's config on a stand-in tree that keeps every contract but one."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    for name, text in STAND_IN.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text('"""Stand-in."""\n' + text, encoding="utf-8")
    clean = lint_imports(tmp_path, extra_path=tmp_path)
    assert kept_and_broken(clean.stdout) == (set(CONTRACTS), set()), clean.stdout + clean.stderr

    module, bad_import = VIOLATIONS[contract]
    with open(tmp_path / module, "a", encoding="utf-8") as f:
        f.write(bad_import + "\n")
    run = lint_imports(tmp_path, extra_path=tmp_path)

    assert run.returncode == 1, run.stdout + run.stderr
    assert kept_and_broken(run.stdout) == (set(CONTRACTS) - {contract}, {contract}), run.stdout


def core_modules() -> list[str]:
    names = []
    for package in ("indexer", "userdata"):
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            if parts[-1] != "__main__":
                names.append(".".join(parts))
    return names


QT_BLOCKED = """
import importlib, sys
sys.modules["PySide6"] = None  # any Qt import now raises ImportError
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok")
"""


def test_every_core_module_imports_without_qt():
    modules = core_modules()
    assert "userdata.digest.export.to_docx" in modules and "indexer.search._whoosh.codec" in modules
    run = subprocess.run([sys.executable, "-c", QT_BLOCKED, *modules], cwd=REPO, capture_output=True, text=True,
                         timeout=180, check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


CLI_PROBE = """
import sys
sys.argv = ["hanlin", *sys.argv[1:]]
from indexer.cli import main  # what the console script runs, before its quick exit
try:
    main()
except SystemExit:
    pass
print("LOADED", sorted({m.split(".")[0] for m in sys.modules} & {"desktop", "PySide6"}), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["search", "科技", "--library", "{lib}"], ["status", "--library", "{lib}"],
                                  ["digest", "list"], ["audit"], ["bundle", "--help"]])
def test_a_cli_process_never_loads_desktop_or_qt(tmp_path: Path, args: list[str]):
    env = dict(os.environ, HANLIN_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    argv = [a.format(lib=tmp_path / "lib") for a in args]
    run = subprocess.run([sys.executable, "-c", CLI_PROBE, *argv], cwd=tmp_path, env=env, capture_output=True,
                         text=True, encoding="utf-8", timeout=120, check=False)
    assert "Traceback" not in run.stderr, run.stderr
    assert "LOADED []" in run.stderr, run.stderr


def runtime_nodes(tree: ast.AST):
    """Every node of `tree` except what sits under ``if TYPE_CHECKING:`` (never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                yield child
                yield from runtime_nodes(child)
            continue
        yield node
        yield from runtime_nodes(node)


def imports_of(path: Path, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """Every module of `modules` that `module` imports when it runs, at any level of its code
    (function-level imports too). ``from package import submodule`` imports the submodule."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return found & modules


def import_graph(packages: tuple[str, ...]) -> dict[str, set[str]]:
    files = {}
    for package in packages:
        for path in (REPO / package).rglob("*.py"):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            files[".".join(parts)] = (path, is_package)
    return {name: imports_of(path, name, is_package, set(files)) - {name} for name, (path, is_package) in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_inside_the_core():
    graph = import_graph(("indexer", "userdata"))
    assert graph["indexer.library.library"], "the walker found no imports: it is broken"
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]

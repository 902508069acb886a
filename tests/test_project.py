"""The project's own promises: documented settings, Streamlit only at the edge, thin pages."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zi_dashboard.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
CORE = [p for p in (ROOT / "zi_dashboard").rglob("*.py") if "ui" not in p.relative_to(ROOT).parts[1:2]]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_readme_documents_every_setting(setting):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{setting.name}`" in readme


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make run" in head and "make test" in head


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_modules_do_not_import_streamlit(path):
    assert "streamlit" not in _imports(path)


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_stay_thin(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 90
    # Pages compose: no SQL, no openpyxl, no pandas chains of their own.
    assert "openpyxl" not in source and "sqlalchemy" not in source
    assert not re.search(r"\.groupby\(|\.merge\(|pd\.", source)


MODULES = sorted((ROOT / "zi_dashboard").rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_under_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_the_top_level_holds_few_modules_and_one_folder_per_pipeline_stage():
    package = ROOT / "zi_dashboard"
    modules = sorted(p.name for p in package.glob("*.py"))
    assert modules == ["__init__.py", "__main__.py", "cli.py", "config.py"]
    folders = sorted(p.name for p in package.iterdir() if (p / "__init__.py").exists())
    assert folders == ["access", "analysis", "charts", "domain", "exports", "i18n", "ingest", "present",
                       "sample", "store", "ui"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_imports(path: Path, known: set[str]) -> set[str]:
    """The project modules `path` imports outside functions (TYPE_CHECKING blocks included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    top = [*tree.body, *(n for node in tree.body if isinstance(node, ast.If) for n in node.body)]
    for node in top:  # an import inside a function runs later and is no cycle of modules
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
    return {m for m in found if m in known}


def test_no_import_cycles():
    known = {_module_name(p) for p in MODULES}
    graph = {_module_name(p): _project_imports(p, known) for p in MODULES}
    # A package's __init__ re-exporting its own modules is not a cycle of theirs.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_streamlit_upload_limit_matches_the_setting_default():
    text = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    limit = re.search(r"^maxUploadSize\s*=\s*(\d+)", text, flags=re.M).group(1)
    assert limit == next(s.default for s in SETTINGS if s.name == "ZI_MAX_UPLOAD_MB")

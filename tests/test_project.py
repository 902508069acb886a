"""The project's own promises: documented settings, Streamlit only at the edge, thin pages."""

import ast
import re
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


@pytest.mark.parametrize("path", sorted((ROOT / "zi_dashboard").rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 450

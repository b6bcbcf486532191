"""The code passes the project's linters (ruff for Python, djlint for templates)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_ruff_check_and_format():
    check = run(str(BIN / "ruff"), "check", ".")
    assert check.returncode == 0, check.stdout + check.stderr
    formatting = run(str(BIN / "ruff"), "format", "--check", ".")
    assert formatting.returncode == 0, formatting.stdout + formatting.stderr


def test_djlint_templates():
    lint = run(str(BIN / "djlint"), "templates", "--lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code (``from x import y`` gives x and x.y)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_app_and_its_configuration_never_import_the_dev_tools():
    """dev/ (benchmark, load test, evaluations) is not in the production image: nothing the app or
    its configuration runs may need it. (Settings name the "dev" app as a string, when DEV_TOOLS.)"""
    files = sorted([*(ROOT / "archive").rglob("*.py"), *(ROOT / "config").rglob("*.py")])
    assert len(files) > 50
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] == "dev"
        )
        for path in files
    }
    assert {path: names for path, names in offenders.items() if names} == {}

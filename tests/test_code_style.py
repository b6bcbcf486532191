"""The code passes the project's linters (ruff for Python, djlint for templates)."""

import ast
import functools
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


@functools.cache
def import_statements(path: Path) -> tuple[ast.Import | ast.ImportFrom, ...]:
    """A file's import statements, at any depth of its code: found once for all the tests here,
    which each read the archive's files (parsing and walking them was 3.5 CPU-s in all)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return tuple(node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code (``from x import y`` gives x and x.y)."""
    names = set()
    for node in import_statements(path):
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


# The layers, read from the source (no import runs; no database): pure cores -> models -> services
# -> views and the API. An edge is an import written in a module, at its top or inside a function
# (an import moved into a function hides a cycle, it does not remove one). `from package import
# name` is an edge to the submodule when `name` is one, else to the package; the implicit import of
# a package's __init__ by its submodules is not an edge, so a package may re-export its submodules.
ARCHIVE = ROOT / "archive"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def archive_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ARCHIVE.rglob("*.py"))}


def written_imports(name: str, path: Path, modules) -> list[tuple[str, int]]:
    """(module imported, line) for every import in the file, relative ones made absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in import_statements(path):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append((submodule if submodule in modules else base, node.lineno))
    return found


def archive_graph() -> dict[str, set[str]]:
    modules = archive_modules()
    return {
        name: {
            imported
            for imported, _ in written_imports(name, path, modules)
            if imported in modules and imported != name
        }
        for name, path in modules.items()
        if ".migrations" not in name
    }


def offending_imports(package: str, refused) -> list[str]:
    """``module:line imports x`` for each import under ``package`` that ``refused(module, x)``."""
    modules = archive_modules()
    found = []
    for name, path in modules.items():
        if name == package or name.startswith(package + "."):
            for imported, line in written_imports(name, path, modules):
                if refused(name, imported):
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return found


def within(module: str, *packages: str) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def test_the_pure_cores_import_no_database_models_or_services():
    """archive/core is plain Python over text: it needs no database, so it imports nothing of
    django.db, and of the archive only other cores (never the models, services, views or search)."""
    assert not offending_imports(
        "archive.core",
        lambda _, imported: (
            within(imported, "django.db")
            or (within(imported, "archive") and not within(imported, "archive.core"))
        ),
    )


def test_no_view_module_imports_another_but_the_shared_helpers():
    assert not offending_imports(
        "archive.views",
        lambda name, imported: (
            within(imported, "archive.views") and imported not in ("archive.views.shared", name)
        ),
    )


def test_services_import_no_views_api_or_admin():
    """Services sit under the views, the API and the admin, which call them."""
    assert not offending_imports(
        "archive.services",
        lambda _, imported: within(imported, "archive.views", "archive.api", "archive.admin", "archive.urls"),
    )


def test_every_import_of_the_archive_names_a_module_that_exists():
    """A module that moves leaves no import of its old name behind (in the app or the tests)."""
    modules = archive_modules()
    missing = []
    for path in sorted([*ARCHIVE.rglob("*.py"), *(ROOT / "tests").rglob("*.py")]):
        for imported, line in written_imports(module_name(path), path, modules):
            if within(imported, "archive") and imported not in modules:
                missing.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not missing


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_import_cycles_are_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_the_archive_has_no_import_cycles():
    assert import_cycles(archive_graph()) == []

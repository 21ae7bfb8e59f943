"""No import cycle between ringkas modules: read with the standard library's ``ast``, not by importing.

Every import counts, a lazy one inside a function too: it postpones a cycle to the first call but does not
remove it (``settings -> pipelines -> base -> generator -> settings`` was one). Only imports under
``if TYPE_CHECKING:`` are left out, since only type checkers run them. A plugin chosen by name goes
through a registry's ``"module:attr"`` string, which is no import here.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module, name: str, is_package: bool, modules: set[str], lazy: bool) -> set[str]:
    package = name if is_package else name.rpartition(".")[0]
    skipped = {id(node) for top in ast.walk(tree) if isinstance(top, ast.If)
               and "TYPE_CHECKING" in ast.unparse(top.test) for node in ast.walk(top)}
    if not lazy:  # only what runs when the module is imported
        skipped |= {id(node) for top in ast.walk(tree) if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef))
                    for node in ast.walk(top)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found |= submodules  # "from package import module" imports the module, not the package's names
            if len(submodules) < len(node.names):
                found.add(base)
    return {m for m in found if m in modules and m != name}


def import_graph(lazy: bool = True) -> dict[str, set[str]]:
    """Module -> the ringkas modules it imports (``lazy``: inside functions too)."""
    paths = sorted((SRC / "ringkas").rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(ast.parse(p.read_text("utf-8")), _module_name(p), p.name == "__init__.py",
                                      modules, lazy) for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path of module names (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


# Lazy imports that close a cycle, found when this test landed, in code another change was writing at the
# time (the cleaner's site template). Remove an entry with the cycle; the test below fails on a stale one.
LAZY_EDGES_LEFT = {("ringkas.clean.template", "ringkas.clean.gates"), ("ringkas.clean.template", "ringkas.clean.html")}


def test_no_import_cycle_when_modules_are_imported() -> None:
    cycle = find_cycle(import_graph(lazy=False))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_import_cycle_between_ringkas_modules_lazy_imports_included() -> None:
    graph, eager = import_graph(), import_graph(lazy=False)
    for source, target in LAZY_EDGES_LEFT:
        assert target in graph[source] and target not in eager[source], (source, target)
        graph[source].discard(target)
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def _stdlib_toml_imports(tree: ast.Module) -> list[int]:
    """Lines that import the standard library's ``tomllib`` directly (Python 3.11+ only)."""
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Import) and any(a.name == "tomllib" for a in node.names))
            or (isinstance(node, ast.ImportFrom) and node.module == "tomllib" and not node.level)]


def test_toml_is_read_through_ringkas_toml_so_python_3_10_can_import_every_module() -> None:
    """pyproject says Python >= 3.10, where ``tomllib`` does not exist: ``ringkas._toml`` picks tomli there."""
    direct = {str(p.relative_to(SRC)): lines for p in sorted((SRC / "ringkas").rglob("*.py"))
              if p.name != "_toml.py" and (lines := _stdlib_toml_imports(ast.parse(p.read_text("utf-8"))))}
    assert direct == {}


def test_the_toml_import_finder_finds_a_direct_import() -> None:
    assert _stdlib_toml_imports(ast.parse("import tomllib\nfrom tomllib import loads\n")) == [1, 2]
    assert _stdlib_toml_imports(ast.parse("from ringkas._toml import tomllib\n")) == []

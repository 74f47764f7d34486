"""The package's imports point one way: no cycle, and no stage reaching back upstream.

Every import counts, also the lazy ones inside functions and those under TYPE_CHECKING.
"""

import ast
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "assembler"

# Edges that must not exist although they would not close a cycle today: each was once a
# stage reaching upstream or sideways. Values are module name prefixes.
FORBIDDEN = {
    "assembler.validate": ["assembler.economy", "assembler.goals", "assembler.figures"],
    "assembler.economy": ["assembler.read", "assembler.load"],
    "assembler.goals": ["assembler.read", "assembler.load"],
    "assembler.figures": ["assembler.read", "assembler.load"],
    "assembler.starter": ["assembler.pipeline"],
    "assembler.mark": ["assembler.pipeline"],
    "assembler.batch": ["assembler.cli"],
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:  # `from . import fmt` imports the module assembler.fmt
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported_modules(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_walk_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "assembler.load_folder" in graph["assembler.pipeline"]  # imported inside prepare()
    assert "assembler.render.docx" in graph["assembler.pipeline"]  # `from .render.docx import`
    assert "assembler.fmt" in graph["assembler.economy"]  # `from . import fmt`
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_in_the_package():
    assert cycles(import_graph()) == []


def test_no_stage_imports_upstream():
    graph = import_graph()
    assert set(FORBIDDEN) <= set(graph), "a module was renamed: update FORBIDDEN"
    wrong = [(source, target) for source, prefixes in FORBIDDEN.items()
             for target in sorted(graph.get(source, ()))
             if any(target == p or target.startswith(p + ".") or target.startswith(p + "_")
                    for p in prefixes)]
    assert wrong == []

"""The package's imports point one way: no cycle, and no stage reaching back upstream.

Every import counts, also the lazy ones inside functions and those under TYPE_CHECKING.
"""

import ast
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "assembler"

# The pipeline's stages, each a package, and the stages each may import. Nothing reaches back
# upstream, and the stages fed by the model (validate, compute) do not read workbooks themselves.
ALLOWED = {
    "contract": set(),
    "read": {"contract"},
    "validate": {"contract"},
    "compute": {"contract"},
    "render": {"contract", "compute"},
    "verify": {"contract", "read", "compute", "render"},
    "app": {"contract", "read", "validate", "compute", "render", "verify"},
    "cli": {"contract", "app"},
}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


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
    assert "assembler.read.folder" in graph["assembler.app.report"]  # imported inside prepare()
    assert "assembler.render.document" in graph["assembler.app.report"]  # `from ..render.document`
    # `from ..contract import fmt`
    assert "assembler.contract.fmt" in graph["assembler.compute.economy"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_in_the_package():
    assert cycles(import_graph()) == []


def test_every_module_is_in_a_stage():
    loose = [m for m in import_graph() if m != "assembler" and stage(m) not in ALLOWED]
    assert loose == [], "put the module in the stage package it belongs to"


def test_no_stage_imports_upstream():
    wrong = [(source, target) for source, targets in import_graph().items()
             for target in sorted(targets)
             if stage(target) != stage(source) and stage(target) not in ALLOWED[stage(source)]]
    assert wrong == []

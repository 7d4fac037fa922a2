"""The run layer has one direction: stages <- pipeline <- batch <- cli (issue 14).

Reads every module's imports, at top level and inside functions (an import hidden in a function
is still a dependency), and checks that no import cycle exists anywhere in src/ and that no module
imports one from a layer above its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first: a module may import from its own layer and the ones before it.
LAYERS = [
    {"errors", "model", "files", "dutch", "docdate", "__init__"},
    {"reading"},
    {"detect"},
    {"decide"},
    {"writing"},
    {"package"},
    {"run"},
    {"review", "evaluate"},
    {"cli", "__main__"},
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "woopub").rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("woopub"):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("woopub"))
        edges[name] = {m for m in found if m in modules and m != name}
    return edges


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    return next(i for i, layer in enumerate(LAYERS) if part in layer)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
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
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer():
    for module in _modules():
        _layer(module)  # raises StopIteration for a folder the layers do not name


def test_no_import_cycle_in_src():
    assert _cycles(_imports(_modules())) == []


def test_no_module_imports_from_a_layer_above_its_own():
    edges = _imports(_modules())
    upward = sorted(f"{a} -> {b}" for a, targets in edges.items() for b in targets if _layer(b) > _layer(a))
    assert upward == []


def test_the_checks_see_a_cycle_and_an_upward_import():
    # the checks themselves: a made-up graph with both faults is caught
    edges = {"woopub.run.pipeline": {"woopub.run.batch"}, "woopub.run.batch": {"woopub.run.pipeline"},
             "woopub.reading.extract": {"woopub.run.batch"}}
    assert _cycles(edges) == [["woopub.run.batch", "woopub.run.pipeline"]]
    assert _layer("woopub.run.batch") > _layer("woopub.reading.extract")


def test_every_import_of_woopub_names_resolves():
    # imports inside functions run only when the function does: a name moved or removed
    # elsewhere fails there at run time, not when the module loads
    import importlib

    missing = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("woopub"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        try:
                            importlib.import_module(f"{node.module}.{alias.name}")
                        except ImportError:
                            missing.append(f"{name}:{node.lineno}: {node.module}.{alias.name}")
    assert missing == []

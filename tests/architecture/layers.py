"""The house plan, as data and a reader of every import in the project's apps.

Used by ``tests/architecture`` and by ``make check`` (``python -m
tests.architecture.layers``). Imports inside functions count: a lazy import
hides a cycle, it does not remove it.
"""

import ast
import io
import sys
import tokenize
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# From the ground up; an app may import only the apps before it.
LAYERS = ("core", "editorial", "resources", "home", "search", "alerts", "portal")
MAX_MODULE_LINES = 500


def app_modules(app):
    """The app's Python files, migrations left out (they are generated history)."""
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def imported_modules(path):
    """Every absolute module name ``path`` imports, at any depth of the code."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def app_imports():
    """``{(importer, imported): ["path:line module", ...]}`` between the project's apps."""
    edges = defaultdict(list)
    for app in LAYERS:
        for path in app_modules(app):
            for line, module in imported_modules(path):
                target = module.split(".")[0]
                if target in LAYERS and target != app:
                    edges[app, target].append(f"{path.relative_to(ROOT)}:{line} {module}")
    return edges


def upward_imports():
    """Imports of an app from a layer above it (or of the project shell)."""
    rank = {app: index for index, app in enumerate(LAYERS)}
    return {edge: where for edge, where in app_imports().items() if rank[edge[1]] > rank[edge[0]]}


def cycles():
    """Every cycle in the app import graph, each as a tuple of apps."""
    graph = defaultdict(set)
    for importer, imported in app_imports():
        graph[importer].add(imported)
    found = set()

    def walk(start, node, path):
        for nxt in graph[node]:
            if nxt == start:
                found.add(tuple(path))
            elif nxt not in path and nxt > start:
                walk(start, nxt, [*path, nxt])

    for app in sorted(graph):
        walk(app, app, [app])
    return sorted(found)


def long_modules():
    """Modules of the apps, the tests, bench and tools over MAX_MODULE_LINES lines."""
    long = []
    for folder in (*LAYERS, "tests", "bench", "tools"):
        for path in app_modules(folder):
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > MAX_MODULE_LINES:
                long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    return long


def language_literals(codes):
    """String literals that are a language code, in app code outside the settings."""
    found = []
    for app in LAYERS:
        for path in app_modules(app):
            if "settings" in path.relative_to(ROOT).parts:
                continue
            source = path.read_text(encoding="utf-8")
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type != tokenize.STRING:
                    continue
                try:
                    value = ast.literal_eval(token.string)
                except (ValueError, SyntaxError):
                    continue
                if value in codes:
                    found.append(f"{path.relative_to(ROOT)}:{token.start[0]} {token.string}")
    return found


def main():
    problems = [
        *(f"upward import {a} -> {b}: {where[0]}" for (a, b), where in upward_imports().items()),
        *(f"import cycle: {' -> '.join(cycle)}" for cycle in cycles()),
        *(f"module too long: {entry}" for entry in long_modules()),
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"layers: {' < '.join(LAYERS)}; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The three floors of the code hold: ground apps import no domain app, domain apps no circle.

Read from the source with ``ast``, so imports inside functions count too. Tests, migrations and
the browser harness are left out: a test may use another app's factories.
"""

import ast
import itertools
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
GROUND = {"core", "geo", "sdg", "accounts"}
# Above every domain app: the workspace composes them, the API and URL conf wire them.
TOP = {"workspace", "api"}
NOT_APPS = {"settings", "browser_tests", "site_tests", "locale", "static", "templates"}

Edge = tuple[str, str]  # (importing app, imported app)


def _apps() -> set[str]:
    return {
        path.name
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name not in NOT_APPS
    }


def _imported_apps(path: Path, apps: set[str]) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "samskapa" and parts[1] in apps:
                found.add((parts[1], node.lineno))
    return found


def import_graph() -> dict[Edge, list[str]]:
    """Every app-to-app import, with the places (file:line) where it happens."""
    apps = _apps()
    edges: dict[Edge, list[str]] = defaultdict(list)
    for app in apps:
        for path in sorted((PACKAGE / app).rglob("*.py")):
            relative = path.relative_to(PACKAGE)
            if {"tests", "migrations"} & set(relative.parts):
                continue
            for imported, line in _imported_apps(path, apps):
                if imported != app:
                    edges[(app, imported)].append(f"{relative}:{line}")
    return edges


def _cycle(edges: dict[Edge, list[str]]) -> list[str] | None:
    """One circle of imports between domain apps, as the list of apps on it, or None."""
    graph: dict[str, set[str]] = defaultdict(set)
    for importer, imported in edges:
        graph[importer].add(imported)
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(app: str) -> list[str] | None:
        state[app] = "open"
        stack.append(app)
        for imported in sorted(graph[app]):
            if state.get(imported) == "open":
                return [*stack[stack.index(imported) :], imported]
            if imported not in state and (found := visit(imported)):
                return found
        stack.pop()
        state[app] = "done"
        return None

    for app in sorted(graph):
        if app not in state and (found := visit(app)):
            return found
    return None


def test_ground_apps_import_no_domain_app() -> None:
    upward = {
        edge: places
        for edge, places in import_graph().items()
        if edge[0] in GROUND and edge[1] not in GROUND
    }
    assert upward == {}, f"ground apps reach upward: {upward}"


def test_nothing_but_the_top_imports_the_top() -> None:
    into_top = {
        edge: places
        for edge, places in import_graph().items()
        if edge[1] in TOP and edge[0] not in TOP
    }
    assert into_top == {}, f"imports of the top apps from below: {into_top}"


def test_domain_apps_import_each_other_in_no_circle() -> None:
    edges = import_graph()
    domain = {edge: places for edge, places in edges.items() if not set(edge) & (GROUND | TOP)}
    circle = _cycle(domain)
    if circle:
        steps = list(itertools.pairwise(circle))
        evidence = {step: domain[step][:3] for step in steps}
        raise AssertionError(f"domain apps import each other in a circle: {evidence}")


def test_the_check_finds_a_circle() -> None:
    # The check itself must be able to fail.
    edges = {("needs", "projects"): ["a"], ("projects", "needs"): ["b"], ("ideas", "needs"): []}
    assert _cycle(edges) in (["needs", "projects", "needs"], ["projects", "needs", "projects"])
    assert _cycle({("ideas", "needs"): ["a"], ("needs", "projects"): ["b"]}) is None

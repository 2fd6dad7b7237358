"""What must never reach a student's machine, as normalised syntax trees, and a scan for it.

The answers are the bodies of the solution notebooks' answers (each function or method holding a solution
region), of every wrong implementation the exercises declare, and of every hidden-case generator. A body is
compared as a syntax tree with its docstring dropped and its names numbered in order of appearance, so a copy
with other variable names, other comments or other formatting is still found. Predictions are values, not
bodies: :func:`shipped_predictions` looks for them in their lesson's notebook and check data.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
from pathlib import Path

from grader.lessons import SOLUTIONS, answer_cells, lesson_ids, notebook_path, read_notebook
from grader.lessons import topic as lesson_topic
from grader.schema import topic_exercises, topics

# Bodies this small (``return x``, ``return 2 * x``) say nothing about an answer.
SMALLEST = 5


class _Numbered(ast.NodeTransformer):
    """Numbers the names a body binds (arguments, assignments, loop variables); library and global names stay."""

    def __init__(self, local: set[str]):
        self.local, self.names = local, {}

    def _number(self, name: str) -> str:
        return self.names.setdefault(name, f"v{len(self.names)}") if name in self.local else name

    def visit_Name(self, node):
        return ast.copy_location(ast.Name(self._number(node.id), node.ctx), node)

    def visit_arg(self, node):
        return ast.copy_location(ast.arg(self._number(node.arg)), node)


def normalised(body: list[ast.stmt] | ast.expr, arguments: set[str] = frozenset()) -> str | None:
    """A body's shape with its own names numbered; ``return expr`` and a lambda's ``expr`` read alike."""
    if isinstance(body, list):
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            body = body[1:]  # the docstring
        if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None:
            body = body[0].value
    tree = ast.Module(body=body, type_ignores=[]) if isinstance(body, list) else ast.Expression(body)
    tree = ast.parse(ast.unparse(tree), mode="exec" if isinstance(body, list) else "eval")
    local = set(arguments) | {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    local |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
    tree = _Numbered(local).visit(tree)
    if sum(1 for _ in ast.walk(tree)) < SMALLEST:
        return None
    return ast.dump(tree, annotate_fields=False)


def _arguments(node: ast.FunctionDef | ast.Lambda) -> set[str]:
    arguments = node.args
    return {
        a.arg
        for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
        if a is not None
    }


def bodies(tree: ast.AST) -> list[tuple[str, str]]:
    """(name, normalised body) of every function, method and lambda in ``tree``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append((node.name, normalised(node.body, _arguments(node))))
        elif isinstance(node, ast.Lambda):
            found.append(("lambda", normalised(node.body, _arguments(node))))
    return [(name, body) for name, body in found if body is not None]


def _solution_bodies() -> dict[str, str]:
    found = {}
    for lesson_id in lesson_ids():
        for cell in answer_cells(read_notebook(notebook_path(lesson_id, SOLUTIONS))):
            tree = ast.parse(cell.source)
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    segment = ast.get_source_segment(cell.source, node) or ""
                    if (
                        "### BEGIN SOLUTION" in segment
                        and (body := normalised(node.body, _arguments(node))) is not None
                    ):
                        found.setdefault(body, f"{lesson_id}: the answer {node.name}")
    return found


class NotNamed(ValueError):
    """A wrong implementation or case generator that is not a named module-level function."""


def _function_bodies(function, what: str) -> dict[str, str]:
    if not (inspect.isfunction(function) or inspect.isclass(function)):
        return {}  # a NumPy function, say: library code, no answer of the course's
    if "<" in function.__qualname__:
        raise NotNamed(f"{what}: {function.__qualname__} is not a named module-level function")
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {body: f"{what} ({name})" for name, body in bodies(tree)}


def secrets() -> dict[str, str]:
    """Normalised body -> what it is, for every answer, wrong implementation and hidden-case generator."""
    found = _solution_bodies()
    for topic in topics():
        for exercise in topic_exercises(topic).values():
            for mistake in exercise.mistakes:
                found.update(
                    _function_bodies(mistake.implementation, f"{exercise.id}: wrong implementation of {mistake.name!r}")
                )
            found.update(_function_bodies(exercise.hidden, f"{exercise.id}: hidden cases"))
    return found


def shipped_bodies(folder: Path) -> list[tuple[str, str, str]]:
    """(file, function, normalised body) for every function in the Python files and notebooks under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*")):
        if ".venv" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            sources = [path.read_text(encoding="utf-8")]
        elif path.suffix == ".ipynb":
            notebook = json.loads(path.read_text(encoding="utf-8"))
            sources = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
        else:
            continue
        for source in sources:
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            found += [(str(path.relative_to(folder)), name, body) for name, body in bodies(tree)]
    return found


_NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d+(?:e-?\d+)?")


def _numbers(text: str) -> list[float]:
    return [float(found) for found in _NUMBER.findall(text)]


def _strings(data) -> list[str]:
    """Every string in a JSON value, but for the choices a prediction offers (which the lesson shows too)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [text for item in data for text in _strings(item)]
    if isinstance(data, dict):
        return [text for key, item in data.items() if key != "choices" for text in _strings(item)]
    return []


def shipped_predictions(folder: Path) -> list[str]:
    """Where the students' copy in ``folder`` holds a prediction's answer in plain form, one line each.

    In the prediction's check data: any number within twice its tolerance, or the chosen answer
    outside the list of choices. In the lesson's notebook: an assignment of such a value to any name, or the
    number written to 2 or 3 decimals anywhere (text included).
    """
    found = []
    for lesson_id in lesson_ids():
        topic_name = lesson_topic(lesson_id)
        predictions = [e for e in topic_exercises(topic_name).values() if e.predict is not None]
        if not predictions:
            continue
        checkdata = json.loads((folder / "grader" / "checkdata" / f"{topic_name}.json").read_text(encoding="utf-8"))
        notebook = json.loads((folder / "lessons" / lesson_id / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]]
        for exercise in predictions:
            answer, tolerance = exercise.reference, exercise.predict.tolerance
            entry = checkdata["exercises"][exercise.id]
            data = json.dumps(entry)
            if tolerance is not None:
                near = [n for n in _numbers(data) if abs(n - answer) <= 2 * tolerance]
                written = [f"{answer:.2f}", f"{answer:.3f}"]
                in_text = [w for w in written if any(re.search(rf"(?<![\w.]){re.escape(w)}(?!\d)", s) for s in sources)]
                found += [f"{exercise.id}: the check data holds {n}" for n in near]
                found += [f"{exercise.id}: the lesson writes {w}" for w in in_text]
            else:
                key = answer.casefold()
                strings = _strings(entry)
                found += [f"{exercise.id}: the check data holds {key!r}" for text in strings if text.casefold() == key]
            for source in sources:
                try:
                    tree = ast.parse(source)
                except SyntaxError:
                    continue
                for node in ast.walk(tree):
                    if isinstance(node, ast.Assign) and _is_answer(node.value, answer, tolerance):
                        found.append(f"{exercise.id}: the lesson assigns {ast.unparse(node)}")
    return found


_ARITHMETIC = (ast.Expression, ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop)


def _is_answer(node: ast.expr, answer, tolerance) -> bool:
    """Whether an assigned literal, or arithmetic on number literals (``(2 / 0.1) ** 0.5``), is the answer."""
    tree = ast.Expression(node)
    arithmetic = all(isinstance(n, _ARITHMETIC) for n in ast.walk(tree))
    small = not any(
        isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and abs(n.value) >= 1e4
        for n in ast.walk(tree)
    )
    if not (arithmetic and small):
        return False
    try:
        value = eval(compile(tree, "<cell>", "eval"), {"__builtins__": {}})  # literals and arithmetic only
    except Exception:  # noqa: BLE001 - 1 / 0, "a" - 1: not an answer
        return False
    if tolerance is None:
        return isinstance(value, str) and value.casefold() == answer.casefold()
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value - answer) <= 2 * tolerance

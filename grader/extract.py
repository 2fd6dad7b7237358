"""The reference implementations, extracted from the solution notebooks: each answer is written once.

A lesson's answers are the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in its answer cells.
``reference_module(lesson_id)`` writes them, in notebook order, as the source of ``grader/references/<topic>.py``
with what they need from the rest of the notebook: the imports that bind the names they use, and the given
functions they call (``sigmoid`` defined in a code cell of the lesson, say). ``python -m grader generate``
writes that file and a test keeps it equal to a fresh extraction, so the grader grades with exactly the code
the solution notebook runs.
"""

from __future__ import annotations

import ast
import builtins
import re
import symtable

from grader.lessons import LessonError, answer_cells, code_cells, notebook_path, read_notebook, relative

MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def _without_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not MARKER.match(line)).strip() + "\n"


def _bound(source: str) -> set[str]:
    """The module-level names the code binds: assignments, definitions, imports."""
    table = symtable.symtable(source, "<cell>", "exec")
    return {
        symbol.get_name()
        for symbol in table.get_symbols()
        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()
    }


def _free(source: str) -> set[str]:
    """Module-level names the code reads (at the top or inside its functions and classes) but does not bind,
    leaving out builtins."""
    top = symtable.symtable(source, "<cell>", "exec")
    read = set()

    def walk(table: symtable.SymbolTable) -> None:
        for symbol in table.get_symbols():
            if symbol.is_referenced() and (table is top or symbol.is_global()):
                read.add(symbol.get_name())
        for child in table.get_children():
            walk(child)

    walk(top)
    return {name for name in read - _bound(source) if not hasattr(builtins, name)}


def reference_module(lesson_id: str) -> str:
    """The source of the lesson's reference module: its answers and what they need, in notebook order."""
    path = notebook_path(lesson_id)
    notebook = read_notebook(path)
    answers = [_without_markers(cell.source) for cell in answer_cells(notebook)]
    imports: dict[str, str] = {}  # bound name -> the import statement that binds it
    given: dict[str, tuple[int, str]] = {}  # function or class name -> (notebook order, its source)
    for order, cell in enumerate(code_cells(notebook)):
        if cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        tree = ast.parse(cell.source)
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    single = type(node)(
                        names=[alias],
                        **({"module": node.module, "level": node.level} if isinstance(node, ast.ImportFrom) else {}),
                    )
                    imports[(alias.asname or alias.name).split(".")[0]] = ast.unparse(single)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                given[node.name] = (order, ast.get_source_segment(cell.source, node))
    defined = set().union(*map(_bound, answers))
    needed, pending, used_given = set(), set().union(*map(_free, answers)) - defined, {}
    while pending:
        name = pending.pop()
        needed.add(name)
        if name in given:
            used_given[name] = given[name]
            pending |= _free(given[name][1]) - defined - needed
        elif name not in imports:
            raise LessonError(f"{relative(path)}: the answers use {name!r}, which no import or given function defines")
    statements = sorted({imports[name] for name in needed if name in imports and name not in given})
    parts = [
        f'"""The reference implementations of {lesson_id}: its solution notebook\'s answers.\n\n'
        f"Generated from {relative(path)}\nby `python -m grader generate`: edit the notebook, not this file.\n"
        '"""\n',
        "\n".join(statements) + "\n" if statements else "",
        *(source + "\n" for _, source in sorted(used_given.values())),
        *answers,
    ]
    return "\n\n".join(part.rstrip("\n") + "\n" for part in parts if part)

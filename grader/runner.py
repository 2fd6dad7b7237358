"""Runs a grading plan inside the student's sandbox: the notebook's cells, then probes of their functions.

This code shares a process with the student's code, so nothing here is trusted: it only *produces data*
(each cell's outputs, and what the student's functions returned for the checks' inputs) and writes it as
JSON lines to a pipe the supervisor reads. The grader judges that data in its own process.

The plan holds the code cells and the visible probes. Where a hidden check stands, the runner only keeps the
function the student defined at that point; once every cell has run it says so, receives the hidden cases
through a second pipe, and calls those functions on them. Whatever a cell prints then is never reported.

A plan may also run checks with the lesson's own versions of the functions the checked function calls
(:mod:`grader.dependencies`): each such check opens its run, receives its cases through the second pipe, and
while it runs the names of those functions call the grader, which answers every call with a value.
"""

from __future__ import annotations

import builtins
import json
import os
import signal
import sys
import time

from grader.adapters import resolve_call
from grader.attempt import Attempt, Raised, attempt, raised_by
from grader.wire import decode, encode

CELL_TEXT_LIMIT = 10_000


class _Shell:
    """An IPython shell that executes cells without printing tracebacks (the grader reports errors itself), nor the
    text of a cell whose value is a drawing."""

    def __init__(self):
        from IPython.core.displayhook import DisplayHook
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets import Type
        from traitlets.config import Config

        class DrawingsUnshown(DisplayHook):
            def __call__(self, result=None):
                if not _is_drawing(result):
                    super().__call__(result)

        class QuietShell(InteractiveShell):
            displayhook_class = Type(DrawingsUnshown)

            def showtraceback(self, *args, **kwargs):
                pass

            def showsyntaxerror(self, *args, **kwargs):
                pass

        config = Config()
        config.HistoryManager.enabled = False
        self.shell = QuietShell.instance(colors="nocolor", config=config)

    def run(self, source: str) -> dict:
        from IPython.utils.capture import capture_output

        started = time.perf_counter()
        with capture_output() as captured:
            result = self.shell.run_cell(source, store_history=False)
        seconds = round(time.perf_counter() - started, 3)
        error = result.error_before_exec or result.error_in_exec
        texts = [captured.stdout, captured.stderr]
        texts += [out.data.get("text/plain", "") for out in captured.outputs if "text/plain" in out.data]
        record = {"text": _truncated("".join(t for t in texts if t)), "seconds": seconds}
        if error is not None:
            record["error"] = _raised_record(raised_by(error))
        _close_figures()
        return record


def _is_drawing(value) -> bool:
    """Whether a cell's value is a drawing (a figure, axes, lines...): figures are not drawn while grading, and
    their text ("<Axes: title=...>") would stand in their place in the feedback."""
    artist = sys.modules.get("matplotlib.artist")
    if artist is None:
        return False
    if isinstance(value, (list, tuple)) and value:
        return all(isinstance(item, artist.Artist) for item in value)
    return isinstance(value, artist.Artist)


def _truncated(text: str) -> str:
    if len(text) <= CELL_TEXT_LIMIT:
        return text
    return text[:CELL_TEXT_LIMIT] + f"\n... [{len(text) - CELL_TEXT_LIMIT} more characters not kept]"


def _close_figures() -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def _raised_record(raised: Raised) -> dict:
    return {"name": raised.name, "ancestry": list(raised.ancestry), "message": raised.message, "where": raised.where}


def attempt_record(result: Attempt) -> dict:
    raised = None if result.raised is None else _raised_record(result.raised)
    try:
        output = encode(result.output)
    except Exception:  # noqa: BLE001 - a returned object may break anything it is asked (its repr, its length...)
        output = {"t": "other", "type": "an object the grader cannot read"}
    return {"output": output, "raised": raised, "changed_input": result.changed_input}


def probe(function, step: dict, cases: list) -> list[dict]:
    """Call the student's ``function`` (None: not defined) on every case; return one attempt record per case."""
    if function is None:
        missing = Raised("NameError", ("Exception",), f"name {step['function']!r} is not defined")
        return [attempt_record(Attempt(raised=missing)) for _ in cases]
    call = resolve_call(step.get("call"))
    records = []
    for case in cases:
        with _silenced():
            result = attempt(call, function, tuple(decode(case)))
        records.append(attempt_record(result))
    return records


class _silenced:
    """Drop what the student's function prints while probed, so hidden inputs cannot reach the feedback."""

    def __enter__(self):
        from IPython.utils.capture import capture_output

        self.capture = capture_output()
        self.capture.__enter__()

    def __exit__(self, *exc):
        self.capture.__exit__(*exc)
        return False


_prepared: _Shell | None = None


def prepare() -> None:
    """Do once, before any fork, what every run needs: the shell, and Matplotlib's fonts and text layout."""
    global _prepared
    _prepared = _Shell()
    from helpers import draw_network

    draw_network([[[0.5]]], inputs=[1.0], labels=[["in"], ["out"]], title="warm-up")
    _close_figures()


def run_plan(plan: dict, records_fd: int, hidden_fd: int) -> None:
    """Run the cells and visible probes of ``plan``, then the hidden probes on the cases read from ``hidden_fd``."""
    shell = _prepared or _Shell()
    runner = os.getpid()
    deferred = []  # (the hidden step, the student's function when the notebook reached it)
    substituted = []  # the same, for checks run with the lesson's versions of the functions they call
    with os.fdopen(records_fd, "w", encoding="utf-8", buffering=1) as records:

        def write(record: dict) -> None:
            if os.getpid() == runner:  # a process the student forked must not report
                records.write(json.dumps(record) + "\n")

        for index, step in enumerate(plan["steps"]):
            namespace = shell.shell.user_ns
            if step["kind"] == "code":
                write({"step": index, **shell.run(step["source"])})
            elif step["kind"] == "probe":
                write({"step": index, "attempts": probe(namespace.get(step["function"]), step, step["cases"])})
            elif step["kind"] == "substituted":
                substituted.append((step, namespace.get(step["function"])))
            else:
                deferred.append((step, namespace.get(step["function"])))
            _end_strays(runner)
        write({"step": "cells done"})
        with os.fdopen(hidden_fd, "rb") as answers:
            hidden = json.loads(answers.readline() or b"[]")
            for number, ((step, function), cases) in enumerate(zip(deferred, hidden)):
                write({"hidden": number, "attempts": probe(function, step, cases)})
                _end_strays(runner)
            for number, (step, function) in enumerate(substituted):
                write({"substitute": number})
                cases = json.loads(answers.readline() or b"{}").get("cases", [])
                with _LessonsVersions(shell.shell.user_ns, step["depends"], number, write, answers):
                    attempts = probe(function, step, cases)
                write({"substituted": number, "attempts": attempts})
                _end_strays(runner)
        write({"done": True})


class _LessonsVersions:
    """While a check runs, the functions it calls (by their names in the notebook) are the lesson's own:
    each call sends its arguments to the grader, whose answer is the value the lesson's function returns."""

    def __init__(self, namespace: dict, names: list[str], number: int, write, answers):
        self.namespace, self.names, self.number, self.write, self.answers = namespace, names, number, write, answers

    def __enter__(self):
        self.saved = {name: self.namespace[name] for name in self.names if name in self.namespace}
        self.namespace.update({name: self._asking(name) for name in self.names})

    def __exit__(self, *exc):
        for name in self.names:
            if name in self.saved:
                self.namespace[name] = self.saved[name]
            else:
                self.namespace.pop(name, None)
        return False

    def _asking(self, name: str):
        def asked(*args, **kwargs):
            self.write({"ask": self.number, "function": name, "args": encode(args), "kwargs": encode(kwargs)})
            answer = json.loads(self.answers.readline() or b"{}")
            if "output" in answer:
                return decode(answer["output"])
            raise _unanswered(answer)

        asked.__name__ = asked.__qualname__ = name
        return asked


def _unanswered(answer: dict) -> Exception:
    """What a call of the lesson's function raised (its type when a builtin one, and its message), or why the
    grader did not answer it."""
    if isinstance(answer.get("raised"), dict):
        known = getattr(builtins, str(answer["raised"].get("name")), None)
        kind = known if isinstance(known, type) and issubclass(known, Exception) else RuntimeError
        return kind(str(answer["raised"].get("message", "")))
    return RuntimeError(f"the grader did not answer this call: {answer.get('refused', 'no answer')}")


def _end_strays(runner: int) -> None:
    """Processes a cell forked stop with it: a copy of the runner exits, and the runner ends the rest."""
    if os.getpid() != runner:
        os._exit(0)
    if runner == 1:  # the first process of its own PID namespace: -1 reaches every other one in it
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass

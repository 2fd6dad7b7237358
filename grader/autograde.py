"""Trusted autograding: an nbgrader-compatible ``autograde`` whose verdicts students cannot fake.

For each submission in nbgrader's ``submitted/`` folder:

1. the submitted notebook is read as untrusted data; only its answer cells are kept, matched by their
   nbgrader id (or, failing that, by the function they define); every other cell comes from the lesson;
2. a *plan* is made: the lesson's code cells with the student's answers, and for each check cell, the
   inputs of its checks (visible and hidden) — never the expected values;
3. the plan runs in a :class:`grader.sandbox.Sandbox`, which returns plain data: each cell's text
   output, and what the student's functions returned for each input;
4. this process judges that data against the reference implementations, writes nbgrader's
   ``autograded/`` notebook (with the verdicts as the check cells' outputs) and the scores into
   nbgrader's gradebook, so ``nbgrader generate_feedback``, ``export`` and the formgrader work as usual.

A journal records each finished submission (with a digest of its files) before its grades are written,
so a batch killed half-way resumes without regrading, and the same submission always gets the same score.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from grader.attempt import Attempt, Raised
from grader.checks import DID_NOT_RUN, Verdict, judge_hidden, judge_visible
from grader.lessons import CHECK_CALL, LESSONS, SOLUTIONS, LessonError, notebook_path
from grader.sandbox import Limits, RunStatus, Sandbox
from grader.spec import CheckSpec
from grader.specs import hidden_spec, visible
from grader.wire import WireError, decode, encode
from grader.schema import find
SKIP_TAG = "skip-when-grading"
MAX_NOTEBOOK_BYTES = 20 * 1024**2
MAX_KEPT_TEXT = 200_000


@dataclass
class Check:
    kind: str  # "check" or "check_hidden"
    spec: CheckSpec


@dataclass
class LessonCell:
    grade_id: str
    cell_type: str
    role: str  # "answer", "test", "code" or "text"
    source: str
    metadata: dict
    points: float = 0.0
    checks: list[Check] = field(default_factory=list)
    skip: bool = False


@dataclass
class Lesson:
    lesson_id: str
    cells: list[LessonCell]
    metadata: dict

    @property
    def notebook_name(self) -> str:
        return f"{self.lesson_id}.ipynb"

    @property
    def max_score(self) -> float:
        return sum(cell.points for cell in self.cells if cell.role == "test")

    def answer_functions(self) -> dict[str, str]:
        """grade id of each answer cell -> the function it defines (from the lesson's own cell)."""
        return {c.grade_id: m.group(1) for c in self.cells if c.role == "answer" and (m := re.search(r"^def (\w+)\(", c.source, re.M))}


def load_lesson(lesson_id: str) -> Lesson:
    """The lesson as the grader sees it: source order, answer/test/code cells, and each check's cases."""
    from grader.lessons import read_notebook

    solution = read_notebook(notebook_path(lesson_id, SOLUTIONS))
    release = {c.metadata["nbgrader"]["grade_id"]: c for c in read_notebook(notebook_path(lesson_id, LESSONS)).cells}
    cells = []
    for cell in solution.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta["grade_id"]
        if cell.cell_type != "code":
            role = "text"
        elif meta.get("solution"):
            role = "answer"
        elif meta.get("grade"):
            role = "test"
        else:
            role = "code"
        shown = release[grade_id] if grade_id in release else cell
        checks = []
        if role == "test":
            for kind, exercise_id, _ in CHECK_CALL.findall(cell.source):
                spec = visible(find(exercise_id)) if kind == "check" else hidden_spec(exercise_id)
                checks.append(Check(kind, spec))
        cells.append(LessonCell(
            grade_id, cell.cell_type, role, cell.source if role == "test" else shown.source, dict(cell.metadata),
            float(meta.get("points", 0)), checks, SKIP_TAG in cell.metadata.get("tags", []),
        ))  # fmt: skip
    return Lesson(lesson_id, cells, dict(solution.metadata))


@dataclass
class Submission:
    answers: dict[str, str]
    problems: list[str]


def read_submission(lesson: Lesson, folder: Path) -> Submission:
    """The student's answers, from whatever is in ``folder``; problems are one-line reasons."""
    expected = folder / lesson.notebook_name
    problems = []
    if not expected.is_file():
        others = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
        if len(others) != 1:
            return Submission({}, [f"no notebook named {lesson.notebook_name} was submitted"])
        problems.append(f"the notebook was renamed to {others[0].name}; graded anyway")
        expected = others[0]
    size = expected.stat().st_size
    if size == 0:
        return Submission({}, problems + ["the notebook file is empty"])
    if size > MAX_NOTEBOOK_BYTES:
        return Submission({}, problems + [f"the notebook is too large ({size // 1024**2} MB; the limit is {MAX_NOTEBOOK_BYTES // 1024**2} MB)"])
    text = expected.read_text(encoding="utf-8", errors="replace")
    try:
        json.loads(text)
    except (ValueError, RecursionError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        return Submission({}, problems + [f"the notebook is not valid JSON{where}"])
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable notebook is reported, never fatal
        return Submission({}, problems + [f"the file is not a notebook nbformat can read ({type(error).__name__})"])
    cells = [c for c in notebook.get("cells", []) if isinstance(c, dict) and c.get("cell_type") == "code"]
    answers, seen = {}, set()
    for cell in cells:
        grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if grade_id in seen:
            problems.append(f"cell {grade_id} appears more than once; the first one was graded")
        elif grade_id is not None:
            answers[grade_id] = source
            seen.add(grade_id)
    for grade_id, function in lesson.answer_functions().items():
        if grade_id in answers:
            continue
        defining = [c for c in cells if re.search(rf"^def {re.escape(function)}\(", "".join(c.get("source", "")), re.M)]
        if defining:
            answers[grade_id] = "".join(defining[0].get("source", ""))
            problems.append(f"the answer cell for {function} lost its nbgrader id; matched by the function it defines")
        else:
            problems.append(f"the answer cell for {function} is missing")
    wanted = {c.grade_id for c in lesson.cells if c.role == "answer"}
    return Submission({k: v for k, v in answers.items() if k in wanted}, problems)


def make_plan(lesson: Lesson, submission: Submission) -> tuple[dict, dict[int, tuple[int, int]]]:
    """The steps the sandbox runs, and for each probe step: (index of the lesson cell, index of its check)."""
    steps, probes = [], {}
    for index, cell in enumerate(lesson.cells):
        if cell.skip or cell.role == "text":
            continue
        if cell.role == "test":
            for number, check in enumerate(cell.checks):
                probes[len(steps)] = (index, number)
                steps.append({
                    "kind": "probe", "function": check.spec.function, "call": check.spec.call,
                    "cases": [encode(case.args) for case in check.spec.cases],
                })  # fmt: skip
        else:
            source = submission.answers.get(cell.grade_id, cell.source) if cell.role == "answer" else cell.source
            steps.append({"kind": "code", "source": source, "cell": index})
    return {"steps": steps}, probes


def _attempts(record: dict | None) -> list[Attempt] | None:
    if record is None or not isinstance(record.get("attempts"), list):
        return None
    attempts = []
    for item in record["attempts"]:
        try:
            raised = item.get("raised")
            attempts.append(Attempt(
                output=decode(item.get("output")),
                raised=None if raised is None else Raised(
                    str(raised.get("name"))[:100], tuple(str(n)[:100] for n in raised.get("ancestry", [])[:20]),
                    str(raised.get("message", ""))[:500], str(raised.get("where", ""))[:300],
                ),
                changed_input=item.get("changed_input") is True,
            ))  # fmt: skip
        except (WireError, AttributeError, TypeError, ValueError, RecursionError):
            attempts.append(Attempt(raised=Raised("UnreadableOutput", (), "", "")))
    return attempts


def _environment_problems(lesson: Lesson, plan: dict, status: RunStatus) -> list[str]:
    """Imports that failed in the lesson's own cells: the grading environment lacks something."""
    problems = []
    for record in status.records:
        step, error = record.get("step"), record.get("error")
        if not (isinstance(step, int) and 0 <= step < len(plan["steps"]) and isinstance(error, dict)):
            continue
        cell = lesson.cells[plan["steps"][step]["cell"]] if plan["steps"][step]["kind"] == "code" else None
        if cell is not None and cell.role == "code" and error.get("name") in ("ImportError", "ModuleNotFoundError"):
            problems.append(f"the grader could not run the lesson's cell {cell.grade_id} ({error['name']}: {str(error.get('message'))[:200]})")
    return problems


def _stopped(status: RunStatus, limits: Limits) -> str:
    if status.timed_out:
        return f"the notebook did not finish within the time limit of {limits.seconds:g} s"
    if status.memory_exceeded:
        return f"the notebook used more than the memory limit of {limits.memory_bytes // 1024**2} MB"
    crash = next((r["crash"] for r in status.records if "crash" in r), None)
    return f"the notebook stopped early ({crash or status.exit})"


def judge(lesson: Lesson, plan_probes: dict[int, tuple[int, int]], status: RunStatus, limits: Limits) -> dict[int, list[Verdict]]:
    """The verdicts of every check cell (by lesson cell index), computed here from the sandbox's data."""
    by_step = {}
    for record in status.records:  # the first record of a step is final: a later cell cannot rewrite it
        if isinstance(record.get("step"), int):
            by_step.setdefault(record["step"], record)
    verdicts: dict[int, list[Verdict]] = {i: [] for i, c in enumerate(lesson.cells) if c.role == "test"}
    for step, (cell_index, number) in plan_probes.items():
        check = lesson.cells[cell_index].checks[number]
        attempts = _attempts(by_step.get(step))
        if attempts is None or len(attempts) != len(check.spec.cases):
            verdict = Verdict(False, f"{check.spec.id}: this check did not run: {_stopped(status, limits)}.", (DID_NOT_RUN,))
        elif check.kind == "check":
            verdict = judge_visible(check.spec, attempts)
        else:
            verdict = judge_hidden(check.spec, attempts)
        verdicts[cell_index].append(verdict)
    return verdicts


def autograded_notebook(lesson: Lesson, submission: Submission, plan: dict, status: RunStatus,
                        verdicts: dict[int, list[Verdict]]) -> nbformat.NotebookNode:  # fmt: skip
    """nbgrader's autograded notebook: the lesson's cells, the student's answers, outputs and verdicts."""
    outputs_by_cell = {}
    for record in status.records:
        step = record.get("step")
        if isinstance(step, int) and 0 <= step < len(plan["steps"]) and plan["steps"][step]["kind"] == "code":
            outputs_by_cell.setdefault(plan["steps"][step]["cell"], record)
    kept = 0
    cells = []
    for index, cell in enumerate(lesson.cells):
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source)
        else:
            source = submission.answers.get(cell.grade_id, cell.source) if cell.role == "answer" else cell.source
            new = nbformat.v4.new_code_cell(source)
            if cell.role == "test":
                new.outputs = [_verdict_output(v) for v in verdicts.get(index, [])]
            elif cell.skip:
                new.outputs = [nbformat.v4.new_output("stream", name="stdout", text="(not run when grading)\n")]
            elif index in outputs_by_cell:
                new.outputs, kept = _cell_outputs(outputs_by_cell[index], kept)
        new.metadata = cell.metadata
        new.id = cell.grade_id
        cells.append(new)
    return nbformat.v4.new_notebook(cells=cells, metadata=lesson.metadata)


def _cell_outputs(record: dict, kept: int) -> tuple[list, int]:
    outputs = []
    text = str(record.get("text", ""))[: max(0, MAX_KEPT_TEXT - kept)]
    if text:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))
    error = record.get("error")
    if isinstance(error, dict):
        name, message = str(error.get("name", "Error"))[:100], str(error.get("message", ""))[:500]
        outputs.append(nbformat.v4.new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"]))
    return outputs, kept + len(text)


def _verdict_output(verdict: Verdict) -> nbformat.NotebookNode:
    if verdict.passed:
        return nbformat.v4.new_output("stream", name="stdout", text=verdict.message + "\n")
    return nbformat.v4.new_output("error", ename="CheckFailed", evalue=verdict.message, traceback=[f"CheckFailed: {verdict.message}"])


@dataclass
class Result:
    """One submission's outcome, as kept in the journal and shown in the batch report."""

    student: str
    digest: str
    scores: dict[str, float]
    max_score: float
    problems: list[str]
    mistakes: dict[str, list[str]]  # exercise id -> mistakes named (empty: failed, no mistake recognised)
    seconds: float
    isolation: str

    @property
    def score(self) -> float:
        return sum(self.scores.values())


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            with open(path, "rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def grade_submission(lesson: Lesson, student: str, folder: Path, sandbox: Sandbox, workdir: Path,
                     autograded: Path) -> Result:  # fmt: skip
    """Grade one submission in the sandbox, write its autograded notebook, and return its result."""
    submission = read_submission(lesson, folder)
    plan, probes = make_plan(lesson, submission)
    if submission.answers or not submission.problems:
        status = sandbox.run(plan, workdir, scratch_files=folder)
    else:
        status = RunStatus(exit="nothing to run", isolation="none")
    verdicts = judge(lesson, probes, status, sandbox.limits)
    problems = list(submission.problems)
    if not status.finished and submission.answers:
        problems.append(_stopped(status, sandbox.limits))
    problems += _environment_problems(lesson, plan, status)
    scores, mistakes = {}, {}
    for index, cell_verdicts in verdicts.items():
        cell = lesson.cells[index]
        scores[cell.grade_id] = cell.points if cell_verdicts and all(v.passed for v in cell_verdicts) else 0.0
        for check, verdict in zip(cell.checks, cell_verdicts):
            if not verdict.passed:
                named = mistakes.setdefault(check.spec.id, [])
                named.extend(name for name in verdict.mistakes if name not in named)
    notebook = autograded_notebook(lesson, submission, plan, status, verdicts)
    if autograded.exists():
        shutil.rmtree(autograded)
    _write_atomically(autograded / lesson.notebook_name, nbformat.writes(notebook))
    return Result(student, "", scores, lesson.max_score, problems, mistakes, status.seconds, status.isolation)


@dataclass(frozen=True)
class Course:
    """nbgrader's folders and gradebook for this course, as ``grader/nbgrader_config.py`` sets them."""

    root: Path
    submitted_directory: str
    autograded_directory: str
    feedback_directory: str
    db_url: str
    course_id: str

    @classmethod
    def from_config(cls) -> "Course":
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        from grader.lessons import GRADER

        coursedir = CourseDirectory(config=PyFileConfigLoader("nbgrader_config.py", path=str(GRADER)).load_config())
        return cls(Path(coursedir.root), coursedir.submitted_directory, coursedir.autograded_directory,
                   coursedir.feedback_directory, coursedir.db_url, coursedir.course_id)  # fmt: skip

    def folder(self, step: str, student: str = "", lesson_id: str = "") -> Path:
        return self.root / getattr(self, f"{step}_directory") / student / lesson_id

    @property
    def database(self) -> Path:
        return Path(self.db_url.removeprefix("sqlite:///"))

    @property
    def journal(self) -> Path:
        return self.database.parent / "journal"

    def hidden_from_students(self) -> tuple[str, ...]:
        """Folders no student process may see: solutions, answer keys, submissions, grades, feedback."""
        from grader import exercises, references

        answer_keys = {Path(exercises.__file__).parent, Path(references.__file__).parent}
        folders = {SOLUTIONS, *answer_keys, self.database.parent, self.journal}
        folders |= {self.folder(step) for step in ("submitted", "autograded", "feedback")}
        return tuple(sorted(str(f.resolve()) for f in folders))

    def students(self, lesson_id: str) -> list[str]:
        base = self.folder("submitted")
        return sorted(p.name for p in base.iterdir() if (p / lesson_id).is_dir()) if base.is_dir() else []


def _timestamp(folder: Path):
    from nbgrader.utils import parse_utc

    path = folder / "timestamp.txt"
    try:
        return parse_utc(path.read_text().strip()) if path.is_file() else None
    except (ValueError, TypeError):
        return None


class Gradebook:
    """nbgrader's gradebook, opened once for a batch; grades are committed in groups (the journal has them all)."""

    def __init__(self, course: Course, lesson_id: str):
        from nbgrader.api import Gradebook as NbgraderGradebook
        from nbgrader.api import MissingEntry

        self.lesson_id = lesson_id
        self.gradebook = NbgraderGradebook(course.db_url, course.course_id)
        try:
            self.gradebook.find_assignment(lesson_id)
        except MissingEntry:
            self.close()
            raise LessonError(
                f"the gradebook has no lesson {lesson_id!r}: run `nbgrader generate_assignment {lesson_id}` in grader/ first"
            ) from None
        self.students = {student.id for student in self.gradebook.students}
        self.uncommitted = 0

    def record(self, result: Result, timestamp=None) -> None:
        """Set one submission's scores; they reach the database at the next ``commit``."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbgrader's own session handling warns on every new submission
            if result.student not in self.students:
                self.gradebook.add_student(result.student)
                self.students.add(result.student)
            extra = {"timestamp": timestamp} if timestamp else {}
            submission = self.gradebook.update_or_create_submission(self.lesson_id, result.student, **extra)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grade.auto_score = result.scores.get(grade.name, 0.0)
        self.uncommitted += 1
        if self.uncommitted >= 25:
            self.commit()

    def commit(self) -> None:
        self.gradebook.db.commit()
        self.uncommitted = 0

    def close(self) -> None:
        self.gradebook.close()


def _journal_entry(path: Path, digest: str) -> Result | None:
    try:
        entry = Result(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    return entry if entry.digest == digest else None


_local = threading.local()
_lessons: dict[tuple[str, int], Lesson] = {}


def _grade_here(lesson_id: str, student: str, folder: Path, autograded: Path, runs: Path, limits: Limits,
                hide: tuple[str, ...], datasets: str) -> Result:  # fmt: skip
    """Grade one submission with this thread's own sandbox (in this process, or on a Dask worker)."""
    version = notebook_path(lesson_id, SOLUTIONS).stat().st_mtime_ns
    if (lesson_id, version) not in _lessons:
        _lessons[(lesson_id, version)] = load_lesson(lesson_id)
    sandbox = getattr(_local, "sandbox", None)
    if sandbox is None or sandbox.limits != limits or sandbox.hide != hide:
        with _sandboxes_lock:
            _local.sandbox = sandbox = Sandbox(len(_sandboxes), limits, hide, datasets)
            _sandboxes.append(sandbox)
    shutil.rmtree(runs, ignore_errors=True)  # left over if a killed batch was grading this submission
    try:
        return grade_submission(_lessons[(lesson_id, version)], student, folder, sandbox, runs, autograded)
    finally:
        shutil.rmtree(runs, ignore_errors=True)


_sandboxes: list[Sandbox] = []
_sandboxes_lock = threading.Lock()


class _Executor:
    """Runs grading tasks on local threads, or on a Dask cluster when given its scheduler's address."""

    def __init__(self, workers: int, scheduler: str | None):
        self.client = None
        if scheduler:
            from distributed import Client

            self.client = Client(scheduler)
        else:
            self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers))

    def submit(self, *args):
        if self.client is not None:
            return self.client.submit(_grade_here, *args, pure=False)
        return self.pool.submit(_grade_here, *args)

    def as_completed(self, futures):
        if self.client is not None:
            from distributed import as_completed

            return as_completed(futures)
        return concurrent.futures.as_completed(futures)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        else:
            self.pool.shutdown()
            with _sandboxes_lock:
                while _sandboxes:
                    _sandboxes.pop().close()


def _failed(student: str, lesson: Lesson, error: BaseException) -> Result:
    scores = {c.grade_id: 0.0 for c in lesson.cells if c.role == "test"}
    return Result(student, "", scores, lesson.max_score, [f"grading failed ({type(error).__name__}: {error})"], {}, 0.0, "")


def autograde(lesson_id: str, students: list[str] | None = None, limits: Limits = Limits(), workers: int = 1,
              scheduler: str | None = None, on_result=None) -> list[Result]:  # fmt: skip
    """Grade every submission of ``lesson_id`` (or only ``students``) and record the grades.

    ``workers`` sandboxes run side by side on this machine, or the work goes to the Dask cluster whose
    scheduler address is ``scheduler`` (its workers must see the course's folders). Submissions already
    in the journal with the same files are not regraded, so a killed batch resumes where it stopped.
    ``on_result`` is called with each Result as it is recorded.
    """
    from helpers.datasets import keras_datasets_dir

    course = Course.from_config()
    lesson = load_lesson(lesson_id)
    journal = course.journal / lesson_id
    hide, datasets = course.hidden_from_students(), str(keras_datasets_dir())
    gradebook = Gradebook(course, lesson_id)
    results, pending = [], {}
    executor = None
    try:
        for student in students or course.students(lesson_id):
            folder = course.folder("submitted", student, lesson_id)
            autograded = course.folder("autograded", student, lesson_id)
            digest = _digest(folder)
            result = _journal_entry(journal / f"{student}.json", digest)
            if result is not None and (autograded / lesson.notebook_name).is_file():
                gradebook.record(result, _timestamp(folder))
                results.append(result)
                if on_result is not None:
                    on_result(result)
                continue
            executor = executor or _Executor(workers, scheduler)
            runs = journal / ".runs" / student
            future = executor.submit(lesson_id, student, folder, autograded, runs, limits, hide, datasets)
            pending[future] = (student, folder, digest)
        for future in executor.as_completed(list(pending)) if executor else []:
            student, folder, digest = pending[future]
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - one submission's failure never stops the batch
                result = _failed(student, lesson, error)
            result.digest = digest
            _write_atomically(journal / f"{student}.json", json.dumps(asdict(result)))
            gradebook.record(result, _timestamp(folder))
            results.append(result)
            if on_result is not None:
                on_result(result)
    finally:
        if executor is not None:
            executor.close()
        gradebook.commit()
        gradebook.close()
    return sorted(results, key=lambda r: r.student)

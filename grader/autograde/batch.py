"""A batch: every submission of a lesson, graded side by side, recorded in the journal and the gradebook.

Each worker thread (on this machine, or on a Dask worker) keeps its own sandbox and the view its students'
processes see; a submission in the journal with the same files is not graded again.
"""

from __future__ import annotations

import concurrent.futures
import shutil
import tempfile
import threading
from pathlib import Path

from grader.autograde.course import Course, Settings
from grader.autograde.gradebook import Gradebook
from grader.autograde.journal import Result, record, recorded
from grader.autograde.lesson import GradedLesson, load_lesson
from grader.autograde.submission import grade_submission
from grader.autograde.text import printable
from grader.autograde.uploads import read_folder
from grader.lessons import SOLUTIONS, notebook_path
from grader.sandbox import Sandbox, check_isolation

_local = threading.local()
_lessons: dict[tuple[str, int], GradedLesson] = {}
_sandboxes: list[tuple[Sandbox, Path]] = []  # each with the folder of its view's copy of the course
_sandboxes_lock = threading.Lock()


def _lesson(lesson_id: str) -> GradedLesson:
    version = notebook_path(lesson_id, SOLUTIONS).stat().st_mtime_ns
    if (lesson_id, version) not in _lessons:
        _lessons[(lesson_id, version)] = load_lesson(lesson_id)
    return _lessons[(lesson_id, version)]


def _sandbox(settings: Settings) -> Sandbox:
    """This thread's sandbox, made (with this process's view of what students may see) on first use."""
    from grader.view import build
    from helpers.datasets import keras_datasets_dir

    sandbox = getattr(_local, "sandbox", None)
    if sandbox is None or (sandbox.limits, sandbox.isolation) != (settings.limits, settings.isolation):
        with _sandboxes_lock:
            folder = Path(tempfile.mkdtemp(prefix="nn-course-view-"))
            folder.chmod(0o755)
            view = build(folder / "course", str(keras_datasets_dir()))
            _local.sandbox = sandbox = Sandbox(len(_sandboxes), settings.limits, view, settings.isolation)
            _sandboxes.append((sandbox, folder))
    return sandbox


def _warm(settings: Settings, ready: threading.Barrier) -> None:
    _sandbox(settings).start()
    try:
        ready.wait(timeout=30)
    except threading.BrokenBarrierError:
        pass


def _grade_here(lesson_id: str, student: str, folder: Path, autograded: Path, runs: Path, settings: Settings) -> Result:
    """Grade one submission with this thread's own sandbox (in this process, or on a Dask worker)."""
    sandbox = _sandbox(settings)
    shutil.rmtree(runs, ignore_errors=True)  # left over if a killed batch was grading this submission
    try:
        return grade_submission(_lesson(lesson_id), student, folder, sandbox, runs, autograded)
    finally:
        shutil.rmtree(runs, ignore_errors=True)


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

    def warm(self, settings: Settings, workers: int) -> None:
        """Start every worker's sandbox now, so that its imports overlap with the batch's own start."""
        if self.client is None:
            ready = threading.Barrier(workers)  # one per thread: each waits until all have started theirs
            for _ in range(workers):
                self.pool.submit(_warm, settings, ready)

    def as_completed(self, futures):
        if self.client is not None:
            from distributed import as_completed

            return as_completed(futures)
        return concurrent.futures.as_completed(futures)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            return
        self.pool.shutdown()
        with _sandboxes_lock:
            while _sandboxes:
                sandbox, folder = _sandboxes.pop()
                sandbox.close()
                shutil.rmtree(folder, ignore_errors=True)


def _failed(student: str, lesson: GradedLesson, error: BaseException) -> Result:
    scores = {c.grade_id: 0.0 for c in lesson.cells if c.role == "test"}
    reason = printable(f"grading failed ({type(error).__name__}: {error})", 300)
    return Result(student, "", scores, lesson.max_score, [reason], {}, 0.0, "")


def autograde(
    lesson_id: str, students: list[str] | None = None, settings: Settings | None = None, on_result=None
) -> list[Result]:
    """Grade every submission of ``lesson_id`` (or only ``students``) and record the grades.

    Submissions already in the journal with the same files are not regraded, so a killed batch resumes where
    it stopped. ``on_result`` is called with each Result as it is recorded.
    """
    settings = settings or Settings()
    if not settings.scheduler:
        check_isolation(settings.isolation)
    executor = _Executor(settings.workers, settings.scheduler)
    executor.warm(settings, settings.workers)
    try:
        course = Course.from_config()
        lesson = _lesson(lesson_id)
        gradebook = Gradebook(course, lesson_id)
    except BaseException:
        executor.close()
        raise
    journal = course.journal / lesson_id
    results, pending = [], {}

    def keep(result: Result) -> None:
        gradebook.record(result)
        results.append(result)
        if on_result is not None:
            on_result(result)

    try:
        for student in students or course.students(lesson_id):
            folder = course.folder("submitted", student, lesson_id)
            autograded = course.folder("autograded", student, lesson_id)
            result = recorded(journal, student, read_folder(folder, lesson.notebook_name).digest)
            if result is not None and (autograded / lesson.notebook_name).is_file():
                keep(result)
                continue
            future = executor.submit(lesson_id, student, folder, autograded, journal / ".runs" / student, settings)
            pending[future] = student
        for future in executor.as_completed(list(pending)):
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - one submission's failure never stops the batch
                result = _failed(pending[future], lesson, error)
            record(journal, result)
            keep(result)
    finally:
        executor.close()
        gradebook.commit()
        gradebook.close()
    return sorted(results, key=lambda r: r.student)

"""Trusted autograding: an nbgrader-compatible ``autograde`` whose verdicts students cannot fake.

A pipeline of small steps, one module each, for every submission in nbgrader's ``submitted/`` folder:

1. :mod:`~grader.autograde.uploads` reads the submission as hostile data: regular files only, no link
   followed, sizes bounded; only the answer cells are kept (matched by nbgrader id, or by the function they
   define); every other cell comes from the lesson (:mod:`~grader.autograde.lesson`);
2. :mod:`~grader.autograde.plan` makes the plan: the lesson's code cells with the student's answers, and the
   inputs of each check (hidden ones handed over only after the cells have run), never the expected values;
3. the plan runs in a :class:`grader.sandbox.Sandbox`, which returns plain data: what each cell printed and
   what the student's functions returned;
4. :mod:`~grader.autograde.verdicts` judges that data here, with the check library's own judges;
5. :mod:`~grader.autograde.notebook` writes nbgrader's ``autograded/`` notebook, :mod:`~grader.autograde.journal`
   records the result, and :mod:`~grader.autograde.gradebook` writes the scores into nbgrader's gradebook, so
   ``nbgrader generate_feedback``, ``export`` and the formgrader work as usual.

:mod:`~grader.autograde.submission` chains the steps for one submission; :mod:`~grader.autograde.batch` runs
a lesson's batch, side by side or on a Dask cluster; :mod:`~grader.autograde.course` holds the configuration.
"""

from grader.autograde.batch import autograde
from grader.autograde.course import Course, Settings
from grader.autograde.journal import Result

__all__ = ["Course", "Result", "Settings", "autograde"]

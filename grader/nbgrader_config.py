"""nbgrader configuration for the course.

nbgrader reads this file when it runs inside ``grader/`` (``cd grader && nbgrader ...``).
The course directory is the repository: solution notebooks in ``solutions/`` are the
source, student notebooks in ``lessons/`` are the release. Everything nbgrader writes while
grading (submissions, grades, feedback) goes to ``grader/work/``, which git ignores, or to
the folder named by the environment variable ``NN_COURSE_WORK``.
"""

import os

import nbgrader

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.abspath(os.environ.get("NN_COURSE_WORK") or os.path.join(REPOSITORY, "grader", "work"))
os.makedirs(WORK, exist_ok=True)  # the gradebook cannot be created in a missing folder

c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.root = REPOSITORY
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "lessons"
c.CourseDirectory.submitted_directory = os.path.join(WORK, "submitted")
c.CourseDirectory.autograded_directory = os.path.join(WORK, "autograded")
c.CourseDirectory.feedback_directory = os.path.join(WORK, "feedback")
c.CourseDirectory.solution_directory = os.path.join(WORK, "released-solutions")
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(WORK, "gradebook.db")

# nbgrader's exchange, through which students fetch lessons and submit (nbgrader's default folder unless
# NN_COURSE_EXCHANGE names another; students' nbgrader must be configured with the same folder and course id).
if os.environ.get("NN_COURSE_EXCHANGE"):
    c.Exchange.root = os.environ["NN_COURSE_EXCHANGE"]

# `nbgrader export` writes the course's grades beside its gradebook, wherever it runs.
c.ExportPlugin.to = os.path.join(WORK, "grades.csv")

# Plain `nbgrader autograde` runs the lessons' demonstrations too (the trusted grader skips them): on a busy
# machine a training cell can take minutes.
c.Execute.timeout = 600

# Feedback pages name each exercise's checks in their summary and wrap long check messages: nbgrader's own
# feedback template, refined by grader/templates/feedback/exercise-feedback.html.j2.
c.HTMLExporter.template_name = "feedback"
c.HTMLExporter.template_file = "exercise-feedback.html.j2"
c.HTMLExporter.extra_template_basedirs = [
    os.path.join(REPOSITORY, "grader", "templates"),
    os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]

# A student who deletes a test cell still has it graded.
c.OverwriteCells.add_missing_cells = True

# Each stub raises NotImplementedError naming the function the student has to write.
c.GenerateAssignment.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "grader.preprocessors.ClearSolutionsNamingFunction",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
]

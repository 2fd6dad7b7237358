"""Checks for the course's exercises, and the nbgrader wiring that grades them.

In a lesson's test cells::

    from grader import check, check_hidden
    check("forward.w_sum", w_sum)          # the lesson's own examples
    check_hidden("forward.w_sum", w_sum)   # fresh inputs, run when the notebook is graded
"""

from grader.checks import CheckFailed, check, check_hidden

__all__ = ["CheckFailed", "check", "check_hidden"]

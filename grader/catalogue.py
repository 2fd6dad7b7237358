"""Mistakes learners make in more than one lesson, declared once.

An exercise module attaches a wrong implementation to a catalogue entry (``TRANSPOSED.via(column_sums)``);
where a lesson's layout needs its own advice, it keeps the name and gives the hint
(``ALPHA_FORGOTTEN.hinted("...")``), so the class report counts one mistake under one name.
"""

from grader.mistakes import (  # noqa: F401 - recognised from the output alone, and declared by exercises too
    ARRAY_NOT_LIST,
    EXTRA_AXIS,
    INPUT_CHANGED,
    LIST_NOT_ARRAY,
    NO_RETURN,
    SIGN_FLIPPED,
    SUM_MISSING,
    TRANSPOSED,
    Mistake,
)

ELEMENTWISE_NOT_DOT = Mistake(
    "elementwise product where a dot product was meant",
    "`a * b` multiplies position by position; a weighted sum (dot product) also adds the products together.",
)
WRONG_ORDER = Mistake(
    "layers applied in the wrong order",
    "Feed the input through the first weight matrix, then feed that result through the second.",
)
LAYER_SKIPPED = Mistake("a layer skipped", "Every weight matrix in the list is used once, in order.")
HARD_CODED_SIZE = Mistake(
    "size hard-coded",
    "Your function works for the lesson's example but not for other sizes: size the output from the inputs (len(...)).",
)

"""One module per lesson, each with an ``EXERCISES`` list (see :mod:`grader.exercise`)."""

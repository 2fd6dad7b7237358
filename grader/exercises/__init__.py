"""One module per lesson topic, each with an ``EXERCISES`` list (see :mod:`grader.schema`)."""

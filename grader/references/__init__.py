"""The reference implementations: one module per topic, generated from the lesson's solution notebook.

Nobody edits these files: ``python -m grader generate`` writes them from the answers in ``solutions/``
(see :mod:`grader.extract`), and a test fails when one differs from a fresh extraction.
"""

"""nbgrader's configuration for this course, read when nbgrader runs in the repository's root.

The configuration is ``grader/nbgrader_config.py`` (nbgrader reads ``nbgrader_config.py`` from the folder it
runs in, so both folders work).
"""

import os

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "grader", "nbgrader_config.py"))  # noqa: F821

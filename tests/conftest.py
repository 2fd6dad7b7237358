from pathlib import Path

import pytest

from support import Course


@pytest.fixture
def course(tmp_path: Path) -> Course:
    """An empty nbgrader course in a temporary folder."""
    return Course(tmp_path / "course")

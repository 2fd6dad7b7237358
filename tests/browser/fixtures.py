"""Fixtures of the browser tests: Chromium, JupyterLab from the students' copy, and a lesson open in it.

Every ``tests/test_browser*.py`` file uses them (registered in ``tests/conftest.py``); its tests carry
``pytestmark = BROWSER`` so that one test worker runs them all against one JupyterLab.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from browser import chromium
from browser.lab import SECONDS, JupyterLab, Notebook

BROWSER = [pytest.mark.browser, pytest.mark.xdist_group("student-release")]
# What a student sees: a laptop-sized window.
WINDOW = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser() -> Browser:
    path, reason = chromium.find()
    if path is None:
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=chromium.ARGUMENTS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory, student_release) -> JupyterLab:
    """JupyterLab from the students' copy of the course, as its `make lab-headless` starts it, on its lessons' copy."""
    folder = tmp_path_factory.mktemp("jupyterlab")
    shutil.copytree(student_release / "lessons", folder / "shipped")
    shutil.copytree(student_release / "lessons", folder / "lessons")
    (folder / "home").mkdir()
    with JupyterLab(folder / "lessons", folder / "home", bin_dir=student_release / ".venv" / "bin") as server:
        yield server


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("NN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_lesson(browser, lab) -> Callable[[str], Notebook]:
    """Opens a lesson ("02-gradient-descent/02-gradient-descent.ipynb") as the course ships it.

    Each lesson opens in a new browser window with a new kernel, the file browser closed; whatever an earlier
    test saved is forgotten. Windows and kernels end with the test.
    """
    contexts = []

    def open_(path: str) -> Notebook:
        shutil.copy(lab.root.parent / "shipped" / path, lab.root / path)
        context = browser.new_context(viewport=WINDOW)
        context.set_default_timeout(SECONDS * 1000)
        contexts.append(context)
        notebook = Notebook(context.new_page())
        notebook.page.goto(lab.page_url(path))
        notebook.wait_until_ready()
        notebook.hide_file_browser()
        return notebook

    yield open_
    for context in contexts:
        context.close()
    lab.shut_down_kernels()

"""The students' JupyterLab offers what students use of nbgrader (Assignments, Validate) and none of the
instructors' tools (Formgrader, Create Assignment, the course list): the students' copy turns them off."""

import urllib.error

import pytest
from browser.fixtures import BROWSER
from playwright.sync_api import expect

pytestmark = BROWSER

LESSON = "01-forward-propagation/01-forward-propagation.ipynb"


def test_the_nbgrader_menu_holds_only_what_students_use(open_lesson):
    lesson = open_lesson(LESSON)
    lesson.page.locator("#jp-MainMenu").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    menu = lesson.page.locator(".lm-Menu:visible").last
    expect(menu.get_by_role("menuitem").filter(has_text="Assignment List")).to_be_visible()
    for tool in ("Formgrader", "Course List"):
        expect(menu.get_by_role("menuitem").filter(has_text=tool)).to_have_count(0)
    lesson.page.keyboard.press("Escape")
    validate = lesson.panel.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate")
    expect(validate).to_be_visible()
    lesson.menu("View", "Property Inspector")  # Create Assignment would add its cell toolbar here: it is off
    expect(lesson.page.locator(".nbgrader-CellWidget, .nbgrader-NotebookWidget")).to_have_count(0)


def test_the_instructors_server_side_is_off(lab):
    with pytest.raises(urllib.error.HTTPError) as refused:
        lab.api("GET", "/formgrader/api/assignments")
    assert refused.value.code == 404
    assert isinstance(lab.api("GET", "/assignments?course_id="), (dict, list))

"""The set-up a newcomer relies on: one dependency list for pip and conda, and CI running the README's command."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

REPOSITORY = Path(__file__).resolve().parent.parent


def _pip_requirements() -> dict[str, str]:
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    return {Requirement(line).name: str(Requirement(line).specifier) for line in lines}


def _conda_requirements() -> dict[str, str]:
    environment = yaml.safe_load((REPOSITORY / "environment.yml").read_text())
    found = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, str) and entry not in ("pip",) and not entry.startswith("python"):
            requirement = Requirement(entry)
            found[requirement.name] = str(requirement.specifier)
    return found


def test_conda_and_pip_declare_the_same_packages_and_versions():
    assert _conda_requirements() == _pip_requirements()


def test_conda_environment_installs_the_course_itself():
    environment = yaml.safe_load((REPOSITORY / "environment.yml").read_text())
    pip_section = next(entry["pip"] for entry in environment["dependencies"] if isinstance(entry, dict))
    assert "--editable ." in pip_section


def test_python_versions_agree():
    requires = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]["requires-python"]
    environment = yaml.safe_load((REPOSITORY / "environment.yml").read_text())
    conda_python = next(e for e in environment["dependencies"] if isinstance(e, str) and e.startswith("python"))
    assert conda_python.removeprefix("python") == requires


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPOSITORY / "README.md").read_text()
    commands = re.findall(r"^\s*(make \w[\w-]*)\s*$", readme, re.MULTILINE)
    assert "make test" in commands and "make lab" in commands
    ci = [line.strip() for line in (REPOSITORY / ".ci" / "run").read_text().splitlines()]
    assert "make test" in ci


def test_the_students_copy_declares_its_packages_as_the_course_does():
    """The release's pyproject.toml lists what students need, each with the course's own versions."""
    student = tomllib.loads((REPOSITORY / "grader" / "student" / "pyproject.toml").read_text())["project"]
    declared = {Requirement(line).name: str(Requirement(line).specifier) for line in student["dependencies"]}
    course = _pip_requirements()
    assert {name: course[name] for name in declared} == declared
    assert {"numpy", "matplotlib", "jupyterlab", "nbgrader", "ipywidgets", "keras"} <= set(declared)
    assert (
        student["requires-python"]
        == tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]["requires-python"]
    )

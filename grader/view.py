"""What a student's process may see: an allow-list, built once per batch.

* the operating system's programs and libraries (``/usr`` and the links to it), and a few files of ``/etc``
  that libraries read (no users, no host names, no keys);
* the Python installation and the environment's packages, read-only;
* the course's *check runtime* and helpers, copied into a folder of their own (the same allow-list as the
  students' copy of the course, plus the in-sandbox runner) and shown where Python imports ``grader`` and
  ``helpers`` from, so that the exercise definitions, references, solutions, samples and git history of the
  course are simply not there;
* the Keras data sets the lessons load, read-only.

Everything else of the machine (homes, the course folder, submissions, the gradebook, other checkouts) is
absent. The sandbox turns this into mounts (with namespaces) or into Landlock rules (limited isolation).
"""

from __future__ import annotations

import os
import shutil
import site
import sys
from dataclasses import dataclass, field
from pathlib import Path

import grader
import helpers
from grader.lessons import DATA, REPOSITORY
from grader.release import DATA_FILES, RUNTIME

SYSTEM = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
ETC = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "fonts", "mime.types", "nsswitch.conf"]
DEVICES = ["null", "zero", "full", "random", "urandom"]
SANDBOX_RUNTIME = [*RUNTIME, "runner.py"]


@dataclass(frozen=True)
class View:
    """Read-only folders to show, each at the same path as on the machine, and where the course's copy goes."""

    folders: tuple[str, ...]
    course: dict[str, str] = field(default_factory=dict)  # package folder as Python imports it -> its allowed copy
    keras_datasets: str | None = None


def _package_folders() -> list[str]:
    """Where Python and its packages are: the installation, the environment and the user's own packages.

    Not the rest of the module path: it may hold the working folder, a clone of the course (with its answers)
    or anything else on the machine."""
    found = {sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix}
    user_site = site.getusersitepackages()
    if user_site in sys.path and os.path.isdir(user_site):
        found.add(user_site)
    return sorted({os.path.realpath(p) for p in found})


def _linked_folders(folder: str) -> list[str]:
    """The folders the files of ``folder`` link to (the data sets may be links to a shared copy)."""
    return sorted({os.path.dirname(os.path.realpath(entry.path)) for entry in os.scandir(folder)} - {folder})


def _copy_course(folder: Path) -> dict[str, str]:
    """The allowed files of ``grader`` and ``helpers`` (with the data the helpers read) in ``folder``."""
    shutil.rmtree(folder, ignore_errors=True)
    own_grader = Path(grader.__file__).resolve().parent
    own_helpers = Path(helpers.__file__).resolve().parent
    (folder / "grader" / "checkdata").mkdir(parents=True)
    for name in SANDBOX_RUNTIME:
        shutil.copyfile(own_grader / name, folder / "grader" / name)
    (folder / "helpers" / "data").mkdir(parents=True)
    for module in own_helpers.glob("*.py"):
        shutil.copyfile(module, folder / "helpers" / module.name)
    for name in DATA_FILES:
        shutil.copyfile(DATA / name, folder / "helpers" / "data" / name)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o444)
    folder.chmod(0o755)
    return {str(own_grader): str(folder / "grader"), str(own_helpers): str(folder / "helpers")}


class CourseInView(RuntimeError):
    """A folder students would see holds a copy of the course with its answers."""


def build(folder: Path, keras_datasets: str | None) -> View:
    """The view of a batch, with the course's allowed files copied into ``folder`` (a trusted place)."""
    datasets = os.path.realpath(keras_datasets) if keras_datasets and os.path.isdir(keras_datasets) else None
    folders = _package_folders() + (_linked_folders(datasets) if datasets else [])
    if (REPOSITORY / "solutions").is_dir():
        for shown in folders:
            if REPOSITORY.resolve().is_relative_to(shown):
                raise CourseInView(
                    f"{shown} holds the course's own folder {REPOSITORY}: students would see its answers"
                )
    return View(tuple(folders), _copy_course(folder), datasets)

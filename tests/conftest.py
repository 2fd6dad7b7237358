import os

# Before anything imports NumPy: tests run two at a time on two cores, and notebook kernels inherit this;
# OpenBLAS threads of one worker would only stall the other.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import fcntl
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from support import Course

# The browser tests' fixtures: Chromium, JupyterLab from the students' copy, a lesson open in it.
pytest_plugins = ["browser.fixtures"]

SHARED_KERAS_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "data" / "keras" / "datasets"


def pytest_configure(config):
    """Point Keras at a private, writable cache whose datasets/ links to the shared offline files.

    Keras writes into KERAS_HOME and deletes cached files whose hash is wrong, so the shared folder
    itself is never used. Runs once, in the main process: test workers and notebook kernels inherit it.
    """
    os.environ.setdefault("KERAS_BACKEND", "jax")
    if "PYTEST_XDIST_WORKER" in os.environ:
        return
    shared = Path(tempfile.mkdtemp(prefix="nn-course-tests-"))
    os.environ[SHARED] = str(shared)
    config.stash[SHARED_FOLDER] = shared
    if not SHARED_KERAS_DATASETS.is_dir():
        return
    home = Path(tempfile.mkdtemp(prefix="nn-course-keras-home-"))
    (home / "datasets").mkdir()
    for file in SHARED_KERAS_DATASETS.iterdir():
        (home / "datasets" / file.name).symlink_to(file)
    os.environ["KERAS_HOME"] = str(home)
    config.stash[KERAS_HOME] = home


KERAS_HOME = pytest.StashKey[Path]()
SHARED_FOLDER = pytest.StashKey[Path]()
# A folder every test worker of this run shares (made by the main process, which all workers come from).
SHARED = "NN_COURSE_TESTS_SHARED"


def pytest_unconfigure(config):
    for key in (KERAS_HOME, SHARED_FOLDER):
        folder = config.stash.get(key, None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def student_release() -> Path:
    """The students' copy of the course, built and set up with its own `make setup`, once for the whole run.

    Every worker shares it: the first to ask builds it while the others wait. It is installed by the release's
    own command only, in a fresh virtual environment that holds nothing of this repository.
    """
    from grader.release import build

    shared = Path(os.environ[SHARED])
    folder = shared / "student-release"
    with open(shared / "student-release.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".venv" / ".installed").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder, verify=False)  # tests/test_lessons.py checks that the generated files are in step
            result = subprocess.run(
                ["make", "setup"], cwd=folder, env=outside_the_repository(), capture_output=True, text=True
            )
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return folder


def outside_the_repository() -> dict[str, str]:
    """This process's environment without what would let a child import the repository's packages."""
    environment = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    repository_bin = str(Path(__file__).resolve().parents[1] / ".venv" / "bin")
    environment["PATH"] = os.pathsep.join(
        p for p in environment.get("PATH", "").split(os.pathsep) if p != repository_bin
    )
    return environment


@pytest.fixture
def course(tmp_path: Path) -> Course:
    """An empty nbgrader course in a temporary folder."""
    return Course(tmp_path / "course")


@pytest.fixture
def offline_keras_home(tmp_path, monkeypatch) -> Path:
    """An empty Keras cache, and downloads that fail at once (as on a machine with no network)."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    for variable in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(variable, "http://127.0.0.1:9")
    (tmp_path / "keras-home").mkdir()
    return tmp_path / "keras-home"


@pytest.fixture
def float64_keras():
    """Keras computing in float64, so its gradients can be compared with NumPy's to 1e-6 and better."""
    import jax
    import keras

    previous = keras.config.floatx()
    keras.config.set_floatx("float64")
    with jax.enable_x64(True):
        yield keras
    keras.config.set_floatx(previous)

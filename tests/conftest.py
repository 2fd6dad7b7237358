import os

# Before anything imports NumPy: tests run two at a time on two cores, and notebook kernels inherit this;
# OpenBLAS threads of one worker would only stall the other.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import shutil
import tempfile
from pathlib import Path

import pytest

from support import Course

SHARED_KERAS_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "data" / "keras" / "datasets"


def pytest_configure(config):
    """Point Keras at a private, writable cache whose datasets/ links to the shared offline files.

    Keras writes into KERAS_HOME and deletes cached files whose hash is wrong, so the shared folder
    itself is never used. Runs once, in the main process: test workers and notebook kernels inherit it.
    """
    os.environ.setdefault("KERAS_BACKEND", "jax")
    if "PYTEST_XDIST_WORKER" in os.environ or not SHARED_KERAS_DATASETS.is_dir():
        return
    home = Path(tempfile.mkdtemp(prefix="nn-course-keras-home-"))
    (home / "datasets").mkdir()
    for file in SHARED_KERAS_DATASETS.iterdir():
        (home / "datasets" / file.name).symlink_to(file)
    os.environ["KERAS_HOME"] = str(home)
    config.stash[KERAS_HOME] = home


KERAS_HOME = pytest.StashKey[Path]()


def pytest_unconfigure(config):
    home = config.stash.get(KERAS_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


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

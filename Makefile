# Two commands do everything on a fresh machine:
#   make lab    set up, then open JupyterLab on your own copy of the student lessons (my-lessons/)
#   make test   set up, then run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# Where the headless servers listen: this machine only. From elsewhere, forward the port over SSH; IP=0.0.0.0
# opens it to anyone who can reach this machine and holds the printed token.
IP     ?= 127.0.0.1
# Where `make lab` keeps your work: a copy of lessons/ that regenerating the lessons never touches.
MINE   := my-lessons
# Jupyter refuses to run as root unless told to (containers often are root).
LAB    := jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)
# nbgrader calls tools (alembic) from PATH: use the environment's own.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup browser my-lessons lab lab-headless test lessons release instructor instructor-headless grading-demo clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[test]"
	touch $(STAMP)

# Copies the lessons you do not have yet; a lesson you already started is left as it is.
my-lessons: setup
	@$(BIN)/python -c "import os, shutil; shutil.copytree('lessons', '$(MINE)', dirs_exist_ok=True, \
		copy_function=lambda source, target: os.path.exists(target) or shutil.copy2(source, target))"

lab: setup my-lessons
	$(LAB) --ServerApp.root_dir=$(MINE) --ip=$(IP) --port=$(PORT)

# For a machine without a browser: prints the address to open (see IP above).
lab-headless: setup my-lessons
	$(LAB) --ServerApp.root_dir=$(MINE) --no-browser --ip=$(IP) --port=$(PORT)

# Debian's Chromium drives the browser tests: installed here when it is missing and this machine allows it.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium >/dev/null; } || \
		echo "Chromium is missing and cannot be installed here: the browser tests will be skipped"

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15 $(PYTEST_ARGS)

# Regenerate every student notebook in lessons/ from its solution notebook.
lessons: setup
	$(BIN)/python -m grader generate

# The students' copy of the course, without answers: RELEASE=folder (default build/student-release).
RELEASE ?= build/student-release
release: setup
	$(BIN)/python -m grader release $(RELEASE) --force

# JupyterLab for instructors, with nbgrader's Formgrader on this course (Nbgrader → Formgrader).
instructor: setup
	cd grader && $(LAB) --ip=$(IP) --port=$(PORT)

instructor-headless: setup
	cd grader && $(LAB) --no-browser --ip=$(IP) --port=$(PORT)

# Grade the bundled sample submissions (correct, partly wrong, broken, not started) and show the report.
grading-demo: setup
	$(BIN)/python -m grader demo

clean:
	rm -rf $(VENV) .pytest_cache

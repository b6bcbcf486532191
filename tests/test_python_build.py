"""`make install`'s choice of the Python build to make the environment from (dev/python_build.py)."""

import os
import sys
from pathlib import Path

import pytest

from dev import python_build

VERSION = list(sys.version_info[:2])
GIVEN = sys.executable


def build(base, version=VERSION, makes_environments=True):
    return {"version": version, "base": base, "makes_environments": makes_environments}


@pytest.fixture
def machine(monkeypatch):
    """Interpreters by path with what each says it is, and each interpreter's CPU time for the work."""
    found, times = {}, {}
    monkeypatch.setattr(python_build, "identities", lambda paths: [found.get(path) for path in paths])
    monkeypatch.setattr(python_build, "candidates", lambda version: [p for p in found if p != GIVEN])
    monkeypatch.setattr(python_build, "seconds", lambda python: times.get(python))
    return found, times


def test_a_clearly_faster_build_of_the_same_version_is_chosen_by_its_own_path(machine, monkeypatch):
    found, times = machine
    found[GIVEN], times[GIVEN] = build("/opt/slow/python3.11"), 1.0
    found["/usr/bin/python3"], times["/usr/bin/python3.11"] = build("/usr/bin/python3.11"), 0.8
    cores_while_timing = []
    timed = python_build.seconds

    def seconds_noting_the_cores(python):
        cores_while_timing.append(os.sched_getaffinity(0))
        return timed(python)

    monkeypatch.setattr(python_build, "seconds", seconds_noting_the_cores)
    cores = os.sched_getaffinity(0)
    chosen, why = python_build.fastest_build()
    assert chosen == "/usr/bin/python3.11"
    assert "80% of the CPU time" in why and f"PYTHON={GIVEN}" in why
    assert len(cores_while_timing) == 2 * python_build.PAIRS and all(len(c) == 1 for c in cores_while_timing)
    assert os.sched_getaffinity(0) == cores  # every core again for the install


def test_without_a_way_to_keep_to_one_core_the_timings_run_where_they_run(machine, monkeypatch):
    # macOS has no sched_setaffinity.
    monkeypatch.delattr(os, "sched_setaffinity")
    found, times = machine
    found[GIVEN], times[GIVEN] = build("/opt/slow/python3.11"), 1.0
    found["/usr/bin/python3"], times["/usr/bin/python3.11"] = build("/usr/bin/python3.11"), 0.5
    assert python_build.fastest_build()[0] == "/usr/bin/python3.11"


def test_the_given_build_is_kept_unless_another_is_at_least_a_tenth_faster(machine):
    found, times = machine
    found[GIVEN], times[GIVEN] = build("/opt/given/python3.11"), 1.0
    found["/usr/bin/python3"], times["/usr/bin/python3.11"] = build("/usr/bin/python3.11"), 0.95
    chosen, why = python_build.fastest_build()
    assert chosen == GIVEN and "clearly faster" in why


def test_other_versions_and_builds_that_cannot_make_environments_are_not_chosen(machine):
    found, times = machine
    found[GIVEN], times[GIVEN] = build("/opt/given/python3.11"), 1.0
    found["/usr/bin/python3.99"], times["/usr/bin/python3.99"] = build("/usr/bin/python3.99", [3, 99]), 0.1
    found["/usr/bin/python3"] = build("/usr/bin/python3.11", makes_environments=False)
    times["/usr/bin/python3.11"] = 0.1
    found["/usr/local/bin/python3"] = None  # did not run
    assert python_build.fastest_build() == (GIVEN, "the only build of this version found")


def test_two_names_for_one_build_are_one_build(machine):
    # A pyenv shim, or a venv's python, in front of the interpreter given: nothing to choose.
    found, times = machine
    found[GIVEN], times[GIVEN] = build("/opt/given/python3.11"), 1.0
    found["/root/.shims/python3"] = build("/opt/given/python3.11")
    assert python_build.fastest_build() == (GIVEN, "the only build of this version found")


def test_the_given_build_is_kept_when_no_other_can_be_timed(machine):
    found, times = machine
    found[GIVEN], times[GIVEN] = build("/opt/given/python3.11"), 1.0
    found["/usr/bin/python3"] = build("/usr/bin/python3.11")  # its timing fails
    chosen, why = python_build.fastest_build()
    assert chosen == GIVEN and "could be measured" in why


def test_a_real_python_says_what_it_is_and_does_the_timed_work():
    answer, missing = python_build.identities([GIVEN, "/nonexistent/python3"])
    assert answer["version"] == VERSION and missing is None
    assert os.path.samefile(answer["base"], getattr(sys, "_base_executable", sys.executable))
    assert answer["makes_environments"] is True
    assert 0 < python_build.seconds(GIVEN) < 10
    assert python_build.seconds("/nonexistent/python3") is None


def test_candidates_are_found_on_path_once_each(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    name = f"python{VERSION[0]}.{VERSION[1]}"
    (first / name).symlink_to(sys.executable)
    (second / name).symlink_to(sys.executable)  # the same interpreter by another path
    (second / "python3").write_text("#!/bin/sh\n")  # not executable: not a candidate
    monkeypatch.setenv("PATH", f"{first}{os.pathsep}{second}")
    found = python_build.candidates(tuple(VERSION))
    assert str(first / name) in found
    assert str(second / name) not in found
    assert str(second / "python3") not in found


@pytest.fixture
def install_script(monkeypatch):
    """dev/install.py as `python3 dev/install.py` runs it: its folder first on sys.path."""
    monkeypatch.syspath_prepend(str(Path(python_build.__file__).parent))
    import install

    return install


def test_install_runs_itself_again_with_the_build_chosen(install_script, monkeypatch):
    faster = "/usr/bin/python3.11"
    monkeypatch.setattr(install_script.python_build, "fastest_build", lambda: (faster, "because"))

    def execv(path, args):
        raise SystemExit((path, args))

    monkeypatch.setattr(install_script.os, "execv", execv)
    with pytest.raises(SystemExit) as ran_again:
        install_script.main(["--fastest-build", ".venv", "-e", ".[dev]"])
    assert ran_again.value.code == (faster, [faster, install_script.__file__, ".venv", "-e", ".[dev]"])


def test_install_goes_on_in_the_given_python_when_it_is_the_fastest(install_script, monkeypatch):
    monkeypatch.setattr(install_script.python_build, "fastest_build", lambda: (sys.executable, "because"))
    installed = []
    monkeypatch.setattr(install_script, "install_with_uv", lambda *args: installed.append(args))
    install_script.main(["--fastest-build", ".venv", "-e", ".[dev]"])
    assert installed == [(".venv", ["-e", ".[dev]"])]

"""`make install`'s choice of the Python build to make the environment from (dev/python_build.py)."""

import os
import sys

import pytest

from dev import python_build

VERSION = list(sys.version_info[:2])


def build(base, seconds, version=VERSION, makes_environments=True):
    return {"version": version, "base": base, "makes_environments": makes_environments, "seconds": seconds}


@pytest.fixture
def machine(monkeypatch):
    """Interpreters by path, each with what its probe answers; the given one is sys.executable."""
    found = {}
    monkeypatch.setattr(python_build, "probe", lambda path: dict(found[path]) if path in found else None)
    monkeypatch.setattr(python_build, "candidates", lambda version: [p for p in found if p != sys.executable])
    return found


def test_a_clearly_faster_build_of_the_same_version_is_chosen_and_named(machine):
    machine[sys.executable] = build("/opt/slow/python3", 1.0)
    machine["/usr/bin/python3"] = build("/usr/bin/python3.11", 0.8)
    chosen, why = python_build.fastest_build()
    assert chosen == "/usr/bin/python3"
    assert "80% of the time" in why and f"PYTHON={sys.executable}" in why


def test_the_given_build_is_kept_unless_another_is_at_least_a_tenth_faster(machine):
    machine[sys.executable] = build("/opt/given/python3", 1.0)
    machine["/usr/bin/python3"] = build("/usr/bin/python3.11", 0.95)
    assert python_build.fastest_build()[0] == sys.executable


def test_other_versions_and_builds_that_cannot_make_environments_are_not_chosen(machine):
    machine[sys.executable] = build("/opt/given/python3", 1.0)
    machine["/usr/bin/python3.99"] = build("/usr/bin/python3.99", 0.1, version=[3, 99])
    machine["/usr/bin/python3"] = build("/usr/bin/python3.11", 0.1, makes_environments=False)
    chosen, why = python_build.fastest_build()
    assert chosen == sys.executable and why == "the only build of this version found"


def test_two_names_for_one_build_are_one_build(machine):
    # A shim or a venv's python names the same interpreter as the one given: nothing to choose.
    machine[sys.executable] = build("/opt/given/python3.11", 1.0)
    machine["/root/.shims/python3"] = build("/opt/given/python3.11", 0.5)
    assert python_build.fastest_build() == (sys.executable, "the only build of this version found")


def test_the_given_build_is_kept_when_it_cannot_be_measured(machine):
    machine["/usr/bin/python3"] = build("/usr/bin/python3.11", 0.1)
    chosen, why = python_build.fastest_build()
    assert chosen == sys.executable and "could not be measured" in why


def test_a_real_probe_answers_this_pythons_version_base_and_time():
    answer = python_build.probe(sys.executable)
    assert answer["version"] == VERSION
    assert os.path.samefile(answer["base"], getattr(sys, "_base_executable", sys.executable))
    assert answer["makes_environments"] is True and 0 < answer["seconds"] < 10
    assert python_build.probe("/nonexistent/python3") is None


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

"""The fastest build of this Python's version on the machine, to make the environment from: `make install`.

    python3 dev/python_build.py        prints the interpreter's path, and why, on stderr

The same version of Python is often installed more than once: pyenv's or a hand-built one first on
PATH, the system's own beside it. They can differ a good deal in speed. Debian's and most
distributions' builds use profile-guided and link-time optimisation; pyenv and `./configure`
without `--enable-optimizations` do not. Here, `make test` on a fresh clone took 189 CPU-seconds
and 105 s with Debian's Python 3.11, against 223 CPU-s and 122 s with pyenv's (docs/testing.md).

Only builds of the same major.minor version are considered, so nothing but speed changes: the same
language, the same packages, and the same bytecode, which the Makefile compiles with the Python it
was given. A build is chosen over the one given only if it does a short, mixed piece of Python
work in at most 90% of the given one's CPU time (share_of_time). How a build was compiled cannot be
read from sysconfig reliably (Debian's reports none of its optimisation flags), so it is measured.
Only the standard library is used here: nothing is installed yet when this runs.
"""

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys

# What each candidate is: its version, the interpreter behind it (a venv's or a shim's), and whether
# it can make an environment with pip (install.py's fallback).
IDENTITY = """
import importlib.util, json, os, sys
print(json.dumps({
    "version": list(sys.version_info[:2]),
    "base": os.path.realpath(getattr(sys, "_base_executable", sys.executable)),
    "makes_environments": all(importlib.util.find_spec(m) for m in ("venv", "ensurepip")),
}))
"""
# The kind of work Django and the tests do, timed in CPU-seconds (best of three after a warm-up):
# calls, attribute reads, dict lookups and string formatting; compiling source; Python's own
# pure-Python JSON encoder (indent makes it the pure-Python one); recursion.
TIMING = """
import json.encoder, time

class Item:
    def __init__(self, name, value):
        self.name, self.value = name, value
    def label(self):
        return f"{self.name}={self.value}"

SOURCE = "".join(
    f"def f{i}(a, b=1, *c, **d):\\n    x = [a + b for a in range({i})]\\n"
    f"    return {{'k': x, 'v': f'{{a}}-{{b}}'}}\\n"
    for i in range(150)
)
RECORDS = [{"id": i, "name": f"n{i}", "tags": ["a", "b", i * 1.5], "ok": i % 2 == 0} for i in range(300)]

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def work():
    items = [Item(str(i), i) for i in range(2000)]
    index = {item.name: item for item in items}
    sum(len(index[str(i)].label()) for i in range(2000))
    compile(SOURCE, "probe", "exec")
    json.encoder.JSONEncoder(indent=1).encode(RECORDS)
    fib(18)

work()
best = float("inf")
for _ in range(3):
    start = time.process_time()
    work()
    best = min(best, time.process_time() - start)
print(best)
"""
PAIRS = 6  # timings of the given build and a candidate, one after the other
CLEARLY_FASTER = 0.9  # a candidate's time as a share of the given one's, at most


def identities(pythons: list[str]) -> list[dict | None]:
    """What IDENTITY answers in each Python (None where it does not run), all asked at once: a
    pyenv shim alone takes 0.2 s to start."""
    processes = []
    for python in pythons:
        try:
            processes.append(subprocess.Popen([python, "-c", IDENTITY], stdout=subprocess.PIPE, text=True))
        except OSError:
            processes.append(None)
    answers = []
    for process in processes:
        try:
            out, _ = process.communicate(timeout=60) if process else (None, None)
        except subprocess.TimeoutExpired:
            process.kill()
            out = None
        answers.append(json.loads(out) if out and process.returncode == 0 else None)
    return answers


def seconds(python: str) -> float | None:
    """The CPU time TIMING's work took in `python`, or None if it did not run."""
    try:
        result = subprocess.run([python, "-c", TIMING], capture_output=True, text=True, timeout=60)
        return float(result.stdout) if result.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def candidates(version: tuple[int, int]) -> list[str]:
    """Interpreters that may be of `version`: its python3.X and python3 on PATH and in the usual places."""
    names = [f"python{version[0]}.{version[1]}", f"python{version[0]}"]
    folders = os.environ.get("PATH", "").split(os.pathsep) + ["/usr/local/bin", "/usr/bin"]
    found = {}
    for folder in folders:
        for name in names:
            path = shutil.which(name, path=folder) if folder else None
            if path:
                found.setdefault(os.path.realpath(path), path)
    return list(found.values())


def other_builds(given: str) -> list[str]:
    """The other builds of the given Python's version that can make an environment, by their own path."""
    version = list(sys.version_info[:2])
    paths = candidates(sys.version_info[:2])
    mine, *found = identities([given, *paths])
    bases = {mine["base"]} if mine else set()
    builds = []
    for answer in found:
        if (
            answer
            and answer["version"] == version
            and answer["makes_environments"]
            and answer["base"] not in bases
        ):
            bases.add(answer["base"])
            builds.append(answer["base"])  # the interpreter itself, not a shim in front of it
    return builds


def share_of_time(build: str, given: str) -> float | None:
    """The build's time as a share of the given one's: the median of PAIRS pairs timed one after the
    other on one core. The cores of a shared machine change speed from moment to moment (here the
    same process took 12 ms on one core and 19 ms on the other, or on the same core a second later),
    so only timings made side by side are compared."""
    shares = []
    for _ in range(PAIRS):
        mine, theirs = seconds(given), seconds(build)
        if not mine or not theirs:
            return None
        shares.append(theirs / mine)
    return statistics.median(shares)


@contextlib.contextmanager
def one_core():
    """This process and those it starts kept to one core meanwhile, where the system allows it
    (Linux; macOS has no such call, and its timings are then made wherever they run)."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, cores)  # install.py goes on in this process, on every core


def fastest_build(given: str = sys.executable) -> tuple[str, str]:
    """The interpreter to make the environment from, and a sentence that says why."""
    version = "{}.{}".format(*sys.version_info[:2])
    builds = other_builds(given)
    if not builds:
        return given, "the only build of this version found"
    with one_core():
        shares = {build: share_of_time(build, given) for build in builds}
    timed = {build: share for build, share in shares.items() if share is not None}
    if not timed:
        return given, f"the only build of Python {version} whose speed could be measured"
    build = min(timed, key=timed.get)
    if timed[build] > CLEARLY_FASTER:
        return given, f"no other build of Python {version} here is clearly faster"
    return build, (
        f"the fastest build of Python {version} here: it did a test's work in {timed[build]:.0%} of "
        f"the CPU time of {given} (PYTHON={given} to use that one)"
    )


if __name__ == "__main__":
    chosen, why = fastest_build()
    print(chosen)
    print(f"Python for the environment: {chosen}, {why}", file=sys.stderr)

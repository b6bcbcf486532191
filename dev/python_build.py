"""The fastest build of this Python's version on the machine, to make the environment from: `make install`.

    python3 dev/python_build.py        prints the interpreter's path, and why, on stderr

The same version of Python is often installed more than once: pyenv's or a hand-built one first on
PATH, the system's own beside it. They can differ a good deal in speed. Debian's and most
distributions' builds use profile-guided and link-time optimisation; pyenv and `./configure`
without `--enable-optimizations` do not. Here, `make test` on a fresh clone took 189 CPU-seconds
and 105 s with Debian's Python 3.11, against 223 CPU-s and 122 s with pyenv's (docs/testing.md).

Only builds of the same major.minor version are considered, so nothing but speed changes: the same
language, the same packages, and the same bytecode, which the Makefile compiles with the Python it
was given. A build is chosen over the one given only if it runs a small pure-Python loop at least
10% faster, timed here in each. How a build was compiled cannot be read from sysconfig reliably
(Debian's reports none of its optimisation flags), so it is measured. Only the standard library is
used here: nothing is installed yet when this runs.
"""

import json
import os
import shutil
import subprocess
import sys

# Asked of each candidate: its version, the interpreter behind it (a venv's or a shim's), whether it
# can make an environment with pip (install.py's fallback), and its best time for a loop of calls,
# attribute reads, dict lookups and string formatting, the kind of work Django and the tests do.
PROBE = """
import importlib.util, json, os, sys, time

class Item:
    def __init__(self, name, value):
        self.name, self.value = name, value
    def label(self):
        return f"{self.name}={self.value}"

def work():
    items = [Item(str(i), i) for i in range(2000)]
    index = {item.name: item for item in items}
    return sum(len(index[str(i)].label()) for i in range(2000))

best = float("inf")
for _ in range(10):
    start = time.process_time()
    for _ in range(5):
        work()
    best = min(best, time.process_time() - start)
print(json.dumps({
    "version": list(sys.version_info[:2]),
    "base": os.path.realpath(getattr(sys, "_base_executable", sys.executable)),
    "makes_environments": all(importlib.util.find_spec(m) for m in ("venv", "ensurepip")),
    "seconds": best,
}))
"""
CLEARLY_FASTER = 0.9  # a candidate's time as a share of the given one's, at most


def probe(python: str) -> dict | None:
    """What PROBE answers in `python`, or None if it does not run."""
    try:
        result = subprocess.run([python, "-c", PROBE], capture_output=True, text=True, timeout=30)
        return json.loads(result.stdout) if result.returncode == 0 else None
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


def fastest_build(given: str = sys.executable) -> tuple[str, str]:
    """The interpreter to make the environment from, and a sentence that says why."""
    version = sys.version_info[:2]
    mine = probe(given)
    if mine is None:
        return given, "the Python given (its speed could not be measured)"
    builds = {mine["base"]: (given, mine)}
    for path in candidates(version):
        found = probe(path)
        if found and found["version"] == list(version) and found["makes_environments"]:
            builds.setdefault(found["base"], (path, found))
    if len(builds) == 1:
        return given, "the only build of this version found"
    # Timed twice more, in turn, the best time of each kept: a moment's load on the machine must not
    # decide.
    for _ in range(2):
        for path, found in builds.values():
            again = probe(path)
            if again:
                found["seconds"] = min(found["seconds"], again["seconds"])
    path, best = min(builds.values(), key=lambda build: build[1]["seconds"])
    share = best["seconds"] / mine["seconds"]
    if share > CLEARLY_FASTER:
        return given, f"no other build of Python {version[0]}.{version[1]} is clearly faster"
    return path, (
        f"the fastest build of Python {version[0]}.{version[1]} here: it ran a test loop in "
        f"{share:.0%} of the time of {given} (PYTHON={given} to use that one)"
    )


if __name__ == "__main__":
    chosen, why = fastest_build()
    print(chosen)
    print(f"Python for the environment: {chosen}, {why}", file=sys.stderr)

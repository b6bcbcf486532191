"""Make the virtual environment and install the project into it: `make install` (so `make run`, `make test`).

    python3 dev/install.py [--fastest-build] VENV SPEC...   e.g. python3 dev/install.py .venv -e '.[dev]'

With --fastest-build (`make install` when no PYTHON is given), the environment is made from the
fastest build of this Python's version on the machine (dev/python_build.py), this script run again
by it.

The same packages, at the same versions, as the plain way with pip (`python3 -m venv VENV`, then
`VENV/bin/python -m pip install --upgrade pip`, then `pip install SPEC...`), but in about a third of
the time: uv installs them, with this machine's pip configuration passed on to it, since uv reads
no pip.conf. pip's own options that uv has an equal of are translated (index, extra indexes,
find-links, constraints, pre-releases, certificate, timeout, trusted hosts); uv is told to take
the best version from all indexes (`unsafe-best-match`, pip's way, not uv's default of the first
index that has the package). Bytecode is compiled as pip compiles it, but for a few packages that
nothing here imports (NOT_COMPILED). pip is installed into the environment too (its newest
release, as the upgrade did), and uv stays there (of the minor version whose build backend
pyproject.toml names, so that uv builds the project itself). A copy of that uv is kept in
~/.cache/gp-contract-archive/ for the next environment made on this machine (kept_uv_path).

Plain pip is used instead when INSTALLER=pip, when pip's configuration holds an option this script
does not know how to pass on (it says which), or when any step of the uv way fails (no uv to be
had, no network to fetch it, an error from uv). Only the standard library is used here: nothing
is installed yet when this runs.
"""

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import venv

import python_build  # dev/python_build.py: this script is run as a file, its folder first on sys.path

# uv of the minor version that pyproject.toml's build backend (uv_build) names: uv then builds the
# project itself, with no Python build backend to run.
UV_SERIES = "0.13"
UV = "uv>=0.13,<0.14"

# Never imported by the archive, its tests or its tools as they are (about a quarter of the
# environment's source): pip and pygments (pip's `pip` command, pytest's coloured tracebacks) and
# Playwright's asyncio API (the tests drive the sync one). Anything imported from them still
# works, compiled when imported. (Hypothesis is compiled: `make test` names its pytest plugins, so
# pytest no longer rewrites Hypothesis's modules, and the test workers import them as they are.)
NOT_COMPILED = ("pip", "pygments", "playwright/async_api")

# pip's options that change nothing in what is installed.
HARMLESS = {
    "disable-pip-version-check",
    "quiet",
    "verbose",
    "progress-bar",
    "no-cache-dir",
    "cache-dir",
    "root-user-action",
    "no-warn-script-location",
    "no-color",
    "no-input",
    "require-virtualenv",
    "log",
    "retries",
}


def run(*cmd, env=None):
    print("+", shlex.join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, env=env)


def start(*cmd, **kwargs):
    """A command started in the background (finish() waits for it)."""
    print("+", shlex.join(str(c) for c in cmd), "&", flush=True)
    return subprocess.Popen([str(c) for c in cmd], **kwargs)


def finish(process):
    """Waits for a command start() started and answers its output; CalledProcessError if it failed."""
    out, _ = process.communicate()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return out


def venv_python(venv_dir):
    return os.path.join(venv_dir, "bin", "python")


def pip_settings(out):
    """pip's configuration as it would apply to `pip install`: {option: value}.

    From `pip config list` of this Python's pip (its output, `out`): every configuration file's
    `global` and `install` sections, then PIP_* environment variables (shown as `:env:`), later
    ones winning as in pip. The `site` file is that of the environment pip runs in; a new
    environment has none, so where this Python has one (it would be read with the others)
    ValueError says to use pip."""
    ranked = {}
    for line in out.splitlines():
        key, sep, value = line.partition("=")
        if not sep:
            continue
        section, _, option = key.rpartition(".")
        rank = {"global": 0, "install": 1, ":env:": 2}.get(section)
        if rank is None:
            continue
        try:
            value = shlex.split(value)[0] if value.strip() else ""
        except (ValueError, IndexError):
            value = value.strip().strip("'\"")
        if option not in ranked or ranked[option][0] <= rank:
            ranked[option] = (rank, value)
    if os.path.exists(os.path.join(sys.prefix, "pip.conf")):
        raise ValueError("the options of " + os.path.join(sys.prefix, "pip.conf"))
    return {option: value for option, (rank, value) in ranked.items()}


def uv_arguments(settings):
    """uv's options and environment for pip's settings; ValueError names one it cannot pass on."""
    # --no-config: no uv.toml of the user's or the project's; pip's configuration is the one used.
    # Bytecode is compiled afterwards (compile_bytecode), not by uv, which compiles everything.
    args = ["--no-config", "--index-strategy", "unsafe-best-match"]
    env = {}
    for option, value in settings.items():
        words = value.split()
        if option in HARMLESS:
            continue
        if option == "index-url":
            args += ["--index-url", value]
        elif option == "extra-index-url":
            for url in words:
                args += ["--extra-index-url", url]
        elif option == "find-links":
            for where in words:
                args += ["--find-links", where]
        elif option == "constraint":
            for path in words:
                args += ["--constraint", path]
        elif option == "no-index":
            if value.lower() in ("1", "true", "yes", "on"):
                args.append("--no-index")
        elif option == "pre":
            if value.lower() in ("1", "true", "yes", "on"):
                args += ["--prerelease", "allow"]
        elif option == "trusted-host":
            for host in words:
                args += ["--allow-insecure-host", host]
        elif option == "cert":
            env["SSL_CERT_FILE"] = value
        elif option in ("timeout", "default-timeout"):
            env["UV_HTTP_TIMEOUT"] = value
        else:
            raise ValueError("--" + option)
    return args, env


def install_with_uv(venv_dir, specs):
    # pip's configuration is read while the system pip puts uv into the new environment: two
    # processes side by side (about 0.8 s of the install), each a pip start.
    quietly = {"stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL}
    config = start(sys.executable, "-m", "pip", "config", "list", **quietly)
    venv.EnvBuilder(with_pip=False, symlinks=True).create(venv_dir)
    python = venv_python(venv_dir)
    uv = os.path.join(venv_dir, "bin", "uv")
    fetch = None
    if not os.path.exists(uv) and not copy_kept_uv(uv):
        # The system pip puts uv into the new environment (pip's --python); no pip there yet.
        fetch = start(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", UV)
    try:
        args, env = uv_arguments(pip_settings(finish(config).decode()))
    except BaseException:
        if fetch:
            fetch.kill()
            fetch.wait()
        raise
    if fetch:
        finish(fetch)
        keep_uv(uv)
    run(uv, "pip", "install", "--python", python, "--quiet", *args, "pip", *specs, env={**os.environ, **env})
    compile_bytecode(python)


def kept_uv_path():
    """Where a copy of uv is kept for the next environment made on this machine (a new clone's):
    pip took 4 to 5 s to put uv in, most of it reading PyPI's list of uv's 6,000 files; uv is one
    self-contained program, copied in a few milliseconds. Made by the first install; a machine
    without it (or with a copy that does not run) gets uv from pip as before."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "gp-contract-archive", f"uv-{UV_SERIES}", "uv")


def copy_kept_uv(uv):
    """Copy the kept uv into the environment if there is one of UV's series that runs; answers whether."""
    kept = kept_uv_path()
    try:
        version = subprocess.run([kept, "--version"], capture_output=True, text=True, timeout=10).stdout
        if not version.startswith(f"uv {UV_SERIES}."):
            return False
        shutil.copy2(kept, uv)
    except (OSError, subprocess.SubprocessError):
        return False
    print(f"+ cp {kept} {uv}  # {version.strip()}", flush=True)
    return True


def keep_uv(uv):
    """Keep a copy of the uv pip put in (made whole, then renamed); no copy if it cannot be written."""
    kept = kept_uv_path()
    with contextlib.suppress(OSError):
        os.makedirs(os.path.dirname(kept), exist_ok=True)
        partial = f"{kept}.{os.getpid()}"
        shutil.copy2(uv, partial)
        os.replace(partial, kept)


def compile_bytecode(python):
    """Bytecode for every module installed, as pip writes it (where PYTHONDONTWRITEBYTECODE is set,
    as on this machine, nothing else would, and every process would compile what it imports) but
    for NOT_COMPILED. One process a core, each compiling its share of the files as pip and uv do
    (compileall.compile_file, errors ignored: a package's Python 2 example, say); about 25% less
    CPU than `compileall -j 0` (its process pool's) or uv's `--compile-bytecode` here."""
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    skip = re.compile("/site-packages/(" + "|".join(NOT_COMPILED) + ")/")
    files = [
        os.path.join(folder, name)
        for folder, _, names in os.walk(site_packages)
        for name in names
        if name.endswith(".py") and not skip.search(os.path.join(folder, name))
    ]
    print(f"+ compiling {len(files)} modules in {site_packages}", flush=True)
    workers = os.cpu_count() or 1
    command = [python, "-c", COMPILE_EACH]
    processes = [subprocess.Popen(command, stdin=subprocess.PIPE, text=True) for _ in range(workers)]
    for i, process in enumerate(processes):
        process.stdin.write("\n".join(files[i::workers]))  # read at once by the process, then compiled
        process.stdin.close()
    for process in processes:
        process.wait()


COMPILE_EACH = """
import compileall, sys, warnings
warnings.simplefilter("ignore")
for path in sys.stdin.read().splitlines():
    compileall.compile_file(path, force=True, quiet=2)
"""


def install_with_pip(venv_dir, specs):
    venv.EnvBuilder(with_pip=True, symlinks=True).create(venv_dir)
    python = venv_python(venv_dir)
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", *specs)


def main(argv):
    if argv[:1] == ["--fastest-build"]:
        argv = argv[1:]
        chosen, why = python_build.fastest_build()
        print(f"Python for the environment: {chosen}, {why}.", flush=True)
        if chosen != sys.executable:
            os.execv(chosen, [chosen, os.path.abspath(__file__), *argv])
    if len(argv) < 2:
        sys.exit(__doc__)
    venv_dir, specs = argv[0], argv[1:]
    if os.environ.get("INSTALLER", "uv") != "pip":
        try:
            install_with_uv(venv_dir, specs)
            return
        except ValueError as e:
            print(f"pip is configured with {e}, which is not passed on to uv here: installing with pip.")
        except (subprocess.CalledProcessError, OSError) as e:
            print(f"Installing with uv failed ({e}): installing with pip instead.")
    install_with_pip(venv_dir, specs)


if __name__ == "__main__":
    main(sys.argv[1:])

"""The project's static files collected once a run, for the tests that serve them from gunicorn.

`collectstatic` with the project's storage (WhiteNoise's compressed manifest: every file of the
admin's and ours copied, hashed and gzipped, about 1.1 CPU-s) made the same folder for
test_serving.py and test_faults.py, each in its own. The first xdist worker to ask collects into
the run's base temporary folder, which pytest empties at the start of each run; the others wait
on a lock and use it.
"""

import fcntl
import os
from pathlib import Path

MANIFEST = "staticfiles.json"  # written last by the manifest storage: its presence means complete


def run_folder(basetemp: Path) -> Path:
    """The folder every worker of this run shares: xdist gives each worker a folder of its own
    inside the run's base temporary folder; without xdist the base folder is the run's own."""
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def collected_static_root(shared: Path) -> Path:
    from django.core.management import call_command
    from django.test import override_settings

    from config import settings as project_settings

    folder = shared / "collected-static"
    with open(shared / "collected-static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / MANIFEST).exists():
            with override_settings(STATIC_ROOT=str(folder), STORAGES=project_settings.STORAGES):
                call_command("collectstatic", interactive=False, verbosity=0)
    return folder

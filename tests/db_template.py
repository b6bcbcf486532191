"""A migrated template for the test databases, made once per server and set of migrations.

Each xdist worker's test database (and the benchmark smoke run's) is then a copy of it, made by
PostgreSQL in a fraction of a second, instead of every migration run again in each: Django's own
test set-up still runs `migrate` on the copy, which finds nothing to apply, and everything after
it (post_migrate's rows, the cache table) as before. The template is named after a digest of every
migration file and the installed packages' versions, so a new or changed migration makes a new one;
it stays on the server between runs, and older ones are dropped.
"""

import fcntl
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "test_template_"


def _digest() -> str:
    from importlib.metadata import version

    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    for package in ("django", "django-pgtrigger", "django-pghistory"):
        digest.update(f"{package}={version(package)}".encode())
    digest.update(repr(sorted(app.label for app in apps.get_app_configs())).encode())
    return digest.hexdigest()[:16]


def migrated_template(settings_dict: dict) -> str:
    """The name of an up-to-date migrated database on the server settings_dict names, made if missing."""
    import psycopg
    from psycopg import sql

    from archive.dburl import url_for

    name = PREFIX + _digest()
    admin_url = url_for(settings_dict, "postgres")
    lock_name = hashlib.sha256(admin_url.encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"archive-test-template-{lock_name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process makes it; the others wait, then copy it
        with psycopg.connect(admin_url, autocommit=True) as admin:
            existing = {
                row[0]
                for row in admin.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"]
                ).fetchall()
            }
            if name in existing:
                return name
            for old in existing:  # another set of migrations', or a half-made one
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(old)))
            building = name + "_building"
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
            env = {
                **django_environment(),
                "DATABASE_URL": url_for(settings_dict, building),
            }
            # --skip-checks: the system checks that `migrate` runs first load every URL, view and
            # admin page (about 0.3 CPU-s, while both workers wait for this template); all of them,
            # the database's included, are run by tests/test_security.py (`check --database default`).
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0", "--skip-checks"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(building)))
                raise RuntimeError("migrating the test databases' template failed:\n" + result.stderr)
            # Made whole, then named: a run stopped halfway leaves only a *_building database.
            admin.execute(
                sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    sql.Identifier(building), sql.Identifier(name)
                )
            )
    return name


def django_environment() -> dict:
    import os

    from django.conf import settings

    return {**os.environ, "SECRET_KEY": settings.SECRET_KEY, "DJANGO_SETTINGS_MODULE": "config.settings"}

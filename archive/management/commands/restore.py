"""Restore a backup made by `manage.py backup`, replacing everything in the target database.

The password goes to pg_restore through its environment (never its command line), and the
prompt and messages name the host and the database only.
"""

import os
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

import dj_database_url

from archive.dburl import describe, libpq_environment
from archive.embedded_db import client_program


class Command(BaseCommand):
    help = (
        "Restore a backup (pg_dump custom format) into the archive's database, replacing what is there. "
        "All or nothing: one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database-url", help="Restore into this database instead of the archive's own.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, file, database_url=None, yes=False, **options):
        if not file.is_file():
            raise CommandError(f"There is no backup file at {file}.")
        try:
            target = dj_database_url.parse(database_url) if database_url else connection.settings_dict
        except ValueError as error:
            raise CommandError("That --database-url cannot be read as a PostgreSQL URL.") from error
        where = describe(target)
        if not yes:
            answer = input(
                f"This replaces the whole archive in the {where} with {file}. Type 'restore' to go on: "
            )
            if answer.strip() != "restore":
                raise CommandError("Nothing was restored.")
        connection.close()  # our own connection must not hold locks on what is replaced
        command = [
            client_program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={target['NAME']}",
            str(file),
        ]
        environment = {**os.environ, **libpq_environment(target)}
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed; the database was left as it was: {result.stderr.strip()}")
        self.stdout.write(self.style.SUCCESS(f"Restored {file} into the {where}."))

"""Back up the whole archive (every table: pieces, comments, tags, quotes, revisions, users) with pg_dump.

A backup holds password hashes and sessions: the file is made readable by its owner only
(0600) in a folder only its owner can open (0700), and the database password goes to
pg_dump through its environment, never its command line, and is never printed.
"""

import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from archive.dburl import libpq_environment
from archive.embedded_db import client_program

BACKUP_DIR = Path(settings.BASE_DIR) / "backups"
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def private_file(path: Path) -> None:
    """Make ``path`` (empty) with owner-only permissions, in a folder that is owner-only if it is ours."""
    if path.parent == BACKUP_DIR or not path.parent.exists():
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        path.parent.chmod(PRIVATE_FOLDER)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.close(descriptor)
    path.chmod(PRIVATE_FILE)  # an existing file keeps its mode through O_CREAT


class Command(BaseCommand):
    help = "Write a complete backup of the archive's database (pg_dump custom format) and print its path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Where to write it (default: backups/archive-<time>.dump)."
        )

    def handle(self, *args, output=None, **options):
        output = output or BACKUP_DIR / f"archive-{timezone.now():%Y%m%d-%H%M%S}.dump"
        private_file(output)
        command = [
            client_program("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={output}",
        ]
        environment = {**os.environ, **libpq_environment(connection.settings_dict)}
        result = subprocess.run(command, capture_output=True, text=True, env=environment, umask=0o077)
        if result.returncode != 0:
            output.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed, no backup written: {result.stderr.strip()}")
        self.stdout.write(self.style.SUCCESS(f"Backup written: {output} ({output.stat().st_size:,} bytes)"))

"""Back up the whole archive (every table: pieces, comments, tags, quotes, revisions, users) with pg_dump."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from archive.dburl import url_for
from archive.embedded_db import client_program

BACKUP_DIR = Path(settings.BASE_DIR) / "backups"


class Command(BaseCommand):
    help = "Write a complete backup of the archive's database (pg_dump custom format) and print its path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Where to write it (default: backups/archive-<time>.dump)."
        )

    def handle(self, *args, output=None, **options):
        output = output or BACKUP_DIR / f"archive-{timezone.now():%Y%m%d-%H%M%S}.dump"
        output.parent.mkdir(parents=True, exist_ok=True)
        command = [
            client_program("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={output}",
            f"--dbname={url_for(connection.settings_dict)}",
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            output.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed, no backup written: {result.stderr.strip()}")
        self.stdout.write(self.style.SUCCESS(f"Backup written: {output} ({output.stat().st_size:,} bytes)"))

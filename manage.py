#!/usr/bin/env python
"""Django's command-line utility for the GP Contract Archive."""

import os
import sys

# Commands that never open a database connection run without starting the embedded PostgreSQL:
# the system checks (unless given --database), collectstatic (the Docker image's build) and help.
# Every other command starts or joins it when DATABASE_URL is unset: nearly all of them need it,
# joining a running server costs little, and a longer list would only be one more thing to get
# wrong (makemigrations, for one, checks the applied migrations' history when it can).
NEEDS_NO_DATABASE = {"check", "collectstatic", "help", "version", "--help", "-h", "--version"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command not in NEEDS_NO_DATABASE or any(arg.startswith("--database") for arg in sys.argv):
        from archive import embedded_db

        embedded_db.start_unless_configured()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

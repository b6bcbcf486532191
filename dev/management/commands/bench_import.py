"""`python manage.py bench_import`: admin preview and import times for 16, 5,000 and 15,000 comments.

Runs in a scratch database made and dropped with Django's own test-database set-up,
through the admin's real views (the test client, as a curator) and, for pastes over
IMPORT_BACKGROUND_CHARS, the real background worker (`db_worker --batch`, in-process).
"""

import platform
import re
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import setup_databases, setup_test_environment, teardown_databases

from archive.models import Article, ImportJob
from archive.services.seed import load_seed
from dev.bench.pastes import paste_with_comments

IMPORT_URL = "/admin/archive/article/import/"
NEWER_COMMENT = "\n\nInvented Latecomer 6 April, 2023 9:10 am\n\nStill waiting for the framework.\n"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="*", default=[5_000, 15_000])

    def handle(self, *args, sizes, **options):
        setup_test_environment()
        old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        try:
            rows = self.measure(sizes)
        finally:
            teardown_databases(old_config, verbosity=0)
        self.stdout.write(
            f"machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}"
        )
        self.stdout.write("| paste | size | preview | import (answer) | import (worker) | result |")
        self.stdout.write("| --- | --- | --- | --- | --- | --- |")
        for row in rows:
            self.stdout.write("| " + " | ".join(row) + " |")

    def measure(self, sizes):
        load_seed()
        user = get_user_model().objects.create_superuser("bench", password=None)
        client = Client()
        client.force_login(user)
        client.get(IMPORT_URL)  # warm: templates and the first request's set-up are not the import's
        rows = []
        pulse = next(Path(settings.BASE_DIR, "fixtures", "sources").glob("002_*.txt")).read_text()
        rows.append(self.one(client, "seed Pulse text again (16 comments)", pulse))
        rows.append(self.one(client, "seed Pulse text + 1 newer comment", pulse + NEWER_COMMENT))
        rows.append(self.one(client, "new piece, 16 comments", paste_with_comments(16)))
        for size in sizes:
            rows.append(
                self.one(client, f"new piece, {size:,} comments", paste_with_comments(size, seed=size))
            )
        return rows

    def one(self, client, label, text):
        form = {"text": text, "status": ""}
        started = time.perf_counter()
        preview = client.post(IMPORT_URL, {**form, "preview": "1"})
        preview_s = time.perf_counter() - started
        if b"Preview:" not in preview.content:
            raise CommandError(
                f"{label}: no preview: "
                + re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", preview.content.decode()))[:3000]
            )
        started = time.perf_counter()
        answer = client.post(IMPORT_URL, {**form, "confirm": "1"})
        answer_s = time.perf_counter() - started
        worker = "-"
        location = answer.get("Location", "")
        if "/import/job/" in location:
            started = time.perf_counter()
            call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
            worker = f"{time.perf_counter() - started:.2f} s"
            job = ImportJob.objects.order_by("-pk").first()
            result = f"{job.status}: {job.messages[0][1] if job.messages else job.error}"
            article = job.article
        else:
            result = "; ".join(str(message) for message in answer.wsgi_request._messages)
            article = Article.objects.get(pk=int(location.rstrip("/").split("/")[-2]))
        return [
            label,
            f"{len(text.encode()) / 1_000_000:.2f} MB",
            f"{preview_s:.2f} s",
            f"{answer_s:.2f} s",
            worker,
            f"{result} ({article.comments.count() if article else 0} comments stored)",
        ]


def _cores() -> int:
    import os

    return os.cpu_count() or 0

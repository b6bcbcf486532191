"""Big admin imports run on the background worker: queued, progress shown, all or nothing.

These tests commit for real (transaction=True) and run the real worker command
(`db_worker --batch`) in-process, as `make run` and docker compose run it beside gunicorn.
"""

from django.core.management import call_command
from django.db import transaction

import pytest

from archive.models import Article, Comment, ImportJob, ImportJobStatus
from archive.services.import_jobs import ProgressWriter, job_options, queue_import
from archive.services.importer import PieceMetadata
from dev.bench.pastes import TITLE, paste_with_comments

pytestmark = pytest.mark.django_db(transaction=True)

IMPORT_URL = "/admin/archive/article/import/"


@pytest.fixture
def small_threshold(settings):
    settings.IMPORT_BACKGROUND_CHARS = 5_000


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)


def test_a_long_paste_is_imported_by_the_worker_with_its_progress_shown(admin_client, small_threshold):
    text = paste_with_comments(120)
    assert len(text) > 5_000
    response = admin_client.post(IMPORT_URL, {"text": text, "status": "", "confirm": "Import"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{IMPORT_URL}job/{job.pk}/"
    waiting = admin_client.get(response["Location"]).content.decode()
    assert "Waiting for the worker" in waiting and "js/import-job.js" in waiting and "Refresh</a>" in waiting
    assert Article.objects.count() == 0

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and job.text == ""
    article = Article.objects.get()
    assert article.title == TITLE + " (120 comments)" and article.comments.count() == 120
    # The revisions the worker wrote name the curator who queued the import (issue 18).
    assert article.revisions.get().context == {"user": job.created_by_id, "username": "admin", "job": job.pk}
    done = admin_client.get(response["Location"]).content.decode()
    assert f"Created: “{TITLE} (120 comments)” (120 comments added)." in done
    assert f"/admin/archive/article/{article.pk}/change/" in done and "Refresh</a>" not in done


def test_a_job_that_fails_writes_nothing_and_says_why(admin_user):
    bad = paste_with_comments(50).replace("8:03 am", "31:03 am")
    job = queue_import(bad, job_options(PieceMetadata(), None, None), admin_user)
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert "impossible time" in job.error and "Nothing was written" in job.error
    assert Article.objects.count() == Comment.objects.count() == 0


def test_progress_is_seen_while_the_import_transaction_is_still_open(admin_user):
    job = ImportJob.objects.create(text="x", created_by=admin_user)
    writer = ProgressWriter(job.pk)
    try:
        with transaction.atomic():
            writer("Storing comments", 500, 5000)
            # This connection would see only committed rows: the writer committed on its own.
            assert ImportJob.objects.values_list("stage", "done", "total").get(pk=job.pk) == (
                "Storing comments",
                500,
                5000,
            )
    finally:
        writer.close()


def test_make_run_and_compose_start_the_worker():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    run_target = root.joinpath("Makefile").read_text().split("\nrun:", 1)[1].split("\ntest:", 1)[0]
    assert "db_worker" in run_target and "gunicorn" in run_target
    compose = root.joinpath("docker-compose.yml").read_text()
    assert "worker:" in compose and "docker/worker.sh" in compose
    assert "exec python manage.py db_worker" in root.joinpath("docker", "worker.sh").read_text()

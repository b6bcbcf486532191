"""Big admin imports run on the background worker: queued, progress shown, all or nothing.

These tests commit for real (transaction=True) and run the real worker command
(`db_worker --batch`) in-process, as `make run` and docker compose run it beside gunicorn.
"""

import re

from django.core.management import call_command
from django.db import connection, transaction

import psycopg
import pytest

from archive.dburl import url_for
from archive.models import Article, Comment, ImportJob, ImportJobStatus
from archive.services.import_jobs import (
    JOB_LOCK_CLASS,
    STOPPED_MESSAGE,
    ProgressWriter,
    job_options,
    queue_import,
)
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
    assert re.search(r"Queued \d{1,2} \w+ \d{4}, ", waiting) and "; finished " not in waiting  # not "Started"
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
    assert re.search(r"Queued \d{1,2} \w+ \d{4}, .*; finished \d", done)


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


def test_a_running_job_is_stopped_only_once_no_worker_holds_it(admin_client, admin_user):
    """The job page's check (archive.services.import_jobs): a job marked running while a worker's
    session holds its lock stays running; once that session has ended, it is shown stopped. (A
    worker killed for real: tests/test_faults.py.)"""
    job = queue_import("the paste", job_options(PieceMetadata(), None, None), admin_user)
    page_url = f"{IMPORT_URL}job/{job.pk}/"
    worker = psycopg.connect(url_for(connection.settings_dict), autocommit=True)
    try:
        worker.execute("SELECT pg_advisory_lock(%s, %s)", [JOB_LOCK_CLASS, job.pk])
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.RUNNING, stage="Storing comments")
        page = admin_client.get(page_url).content.decode()
        assert "Importing" in page and "Storing comments" in page and "Queue it again" not in page
        assert ImportJob.objects.get(pk=job.pk).status == ImportJobStatus.RUNNING
    finally:
        worker.close()  # the worker's session ends, as when its process is killed
    page = admin_client.get(page_url).content.decode()
    assert STOPPED_MESSAGE in page and "Queue it again" in page
    job.refresh_from_db()
    assert job.status == ImportJobStatus.STOPPED and job.text == "the paste"
    # Queued again only when stopped: a second press changes nothing.
    assert admin_client.post(page_url).status_code == 302
    assert ImportJob.objects.get(pk=job.pk).status == ImportJobStatus.QUEUED
    admin_client.post(page_url)
    followed = admin_client.get(page_url).content.decode()
    assert "was not stopped, so it was not queued again" in followed and "Waiting for the worker" in followed


def test_staff_without_the_right_to_add_cannot_see_or_requeue_a_job(client, admin_user, django_user_model):
    job = queue_import("the paste", job_options(PieceMetadata(), None, None), admin_user)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.STOPPED)
    reader = django_user_model.objects.create_user("reader", password="not-a-real-password-42", is_staff=True)
    client.force_login(reader)
    assert client.get(f"{IMPORT_URL}job/{job.pk}/").status_code == 403
    assert client.post(f"{IMPORT_URL}job/{job.pk}/").status_code == 403
    assert ImportJob.objects.get(pk=job.pk).status == ImportJobStatus.STOPPED


def test_make_run_and_compose_start_the_worker():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    run_target = root.joinpath("Makefile").read_text().split("\nrun:", 1)[1].split("\ntest:", 1)[0]
    assert "db_worker" in run_target and "gunicorn" in run_target
    compose = root.joinpath("docker-compose.yml").read_text()
    assert "worker:" in compose and "docker/worker.sh" in compose
    assert "exec python manage.py db_worker" in root.joinpath("docker", "worker.sh").read_text()

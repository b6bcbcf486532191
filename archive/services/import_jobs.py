"""Big imports run as background jobs: the web request queues them, the worker imports.

A paste with thousands of comments takes longer to store than a web worker may
take to answer, so above ``settings.IMPORT_BACKGROUND_CHARS`` the admin queues
an ImportJob on the PostgreSQL-backed task queue (django-tasks with its database
backend: no new server) and shows its progress. The import itself is the same
one transaction as in the request: all or nothing. Progress is written on a
connection of its own, so the curator sees it while that transaction is open.

A worker that goes away mid-import (killed, or its machine restarted) cannot say so, and its job
would show "Importing" for ever. So the worker holds a PostgreSQL advisory lock on the job while it
runs it, on the import's own connection: when the worker's session ends, PostgreSQL rolls the
import back and lets go of the lock together. A running job whose lock is free has lost its
worker: the job page marks it stopped (nothing was written) and offers to queue it again.
"""

import contextlib
import logging

from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

import pghistory
from django_tasks import task

from archive.core.parser import ParseError
from archive.history import job_context
from archive.models import ImportJob, ImportJobStatus
from archive.services.importer import PieceMetadata, import_source

logger = logging.getLogger(__name__)


def queue_import(text: str, options: dict, user) -> ImportJob:
    """Store the job and queue it once the request's transaction commits."""
    job = ImportJob.objects.create(text=text, options=options, created_by=user)
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def job_options(metadata: PieceMetadata, listing, posts, marked_furniture=()) -> dict:
    return {
        "metadata": vars(metadata),
        "listing": listing,
        "posts": [vars(post) for post in posts] if posts else None,
        "marked_furniture": list(marked_furniture),
    }


class ProgressWriter:
    """Writes a job's stage and counts on a second connection, outside the import's transaction."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.connection = connections.create_connection("default")

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET stage = %s, done = %s, total = %s WHERE id = %s",
                [stage, done, total, self.job_id],
            )

    def close(self) -> None:
        self.connection.close()


# pg_advisory_lock's two-key form: (this number, the job's id). The search indexer's lock is of the
# one-key form, which PostgreSQL keeps apart from this one.
JOB_LOCK_CLASS = 0x1B0B
STOPPED_MESSAGE = (
    "The import stopped before it finished: the background worker was stopped or restarted while "
    "it ran. Nothing was written."
)


@contextlib.contextmanager
def job_lock_held(job_id: int):
    """The job's lock, held on the default connection (the one the import writes through) until the
    block ends, or until this process's session ends, however it ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [JOB_LOCK_CLASS, job_id])
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:  # a lost session holds none
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [JOB_LOCK_CLASS, job_id])


def stop_if_worker_lost(job: ImportJob) -> ImportJob:
    """A running job whose worker has gone marked stopped; the job as it is now. Its lock is free
    only when no session holds it: taken for this transaction alone, it is let go of at once."""
    if job.status != ImportJobStatus.RUNNING:
        return job
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [JOB_LOCK_CLASS, job.pk])
        if not cursor.fetchone()[0]:
            return job  # its worker holds it: still importing
        ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.RUNNING).update(
            status=ImportJobStatus.STOPPED, finished_at=timezone.now(), stage="", error=STOPPED_MESSAGE
        )
    job.refresh_from_db(fields=["status", "finished_at", "stage", "error"])
    return job


def queue_again(job: ImportJob) -> bool:
    """A stopped job queued again, with the paste and options it was queued with; whether it was."""
    again = ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.STOPPED).update(
        status=ImportJobStatus.QUEUED, finished_at=None, error="", done=0, total=0
    )
    if again:
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return bool(again)


@task()
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJobStatus.QUEUED:
        return job.status  # already run (a retried task must not import twice)
    with job_lock_held(job_id):  # taken before the job is marked running: never running unheld
        queued = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED)
        if not queued.update(status=ImportJobStatus.RUNNING, stage="Reading the text"):
            return ImportJob.objects.values_list("status", flat=True).get(pk=job_id)  # run meanwhile
        return _run(job)


def _run(job: ImportJob) -> str:
    job_id = job.pk
    options = job.options
    posts = [PieceMetadata(**post) for post in options["posts"]] if options.get("posts") else None
    progress = ProgressWriter(job_id)
    try:
        with pghistory.context(**job_context(job)):  # who queued it, on every revision it writes
            report = import_source(
                job.text,
                PieceMetadata(**options["metadata"]),
                listing=options.get("listing"),
                posts=posts,
                progress=progress,
                marked_furniture=options.get("marked_furniture", ()),
            )
    except ParseError as error:
        _finish(job_id, ImportJobStatus.FAILED, error=f"{error} Nothing was written.")
        return ImportJobStatus.FAILED
    except Exception:
        logger.exception("Import job %s failed", job_id)
        _finish(job_id, ImportJobStatus.FAILED, error="The import failed unexpectedly. Nothing was written.")
        raise
    finally:
        progress.close()
    messages = []
    for outcome in report.outcomes:
        messages.append(["info" if outcome.action == "unchanged" else "success", outcome.describe()])
        messages += [["warning", f"“{outcome.article.title}”: {warning}"] for warning in outcome.warnings]
    article = report.outcomes[0].article if len(report.outcomes) == 1 else None
    _finish(job_id, ImportJobStatus.DONE, messages=messages, article=article)
    return ImportJobStatus.DONE


def _finish(job_id: int, status: str, **fields) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=status, finished_at=timezone.now(), text="", stage="", **fields
    )

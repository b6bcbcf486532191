"""Big imports run as background jobs: the web request queues them, the worker imports.

A paste with thousands of comments takes longer to store than a web worker may
take to answer, so above ``settings.IMPORT_BACKGROUND_CHARS`` the admin queues
an ImportJob on the PostgreSQL-backed task queue (django-tasks with its database
backend: no new server) and shows its progress. The import itself is the same
one transaction as in the request: all or nothing. Progress is written on a
connection of its own, so the curator sees it while that transaction is open.
"""

import logging

from django.db import connections, transaction
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


@task()
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJobStatus.QUEUED:
        return job.status  # already run (a retried task must not import twice)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJobStatus.RUNNING, stage="Reading the text")
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

"""Background imports: a big paste is imported by the worker, its progress kept here."""

from django.conf import settings
from django.db import models

from archive.models.choices import ParseableChoices


class ImportJobStatus(ParseableChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed: nothing was written"
    # The worker went away mid-import (killed, or its machine restarted): PostgreSQL rolled the
    # import back. The paste is kept so that the curator can queue it again.
    STOPPED = "stopped", "Stopped: nothing was written"


class ImportJob(models.Model):
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED)
    # What the curator submitted: the paste and the form's details, so the worker imports
    # exactly what was previewed. The paste is emptied once the job is done or has failed; a stopped
    # job keeps it, to be queued again.
    text = models.TextField()
    options = models.JSONField(default=dict)
    stage = models.CharField(max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    messages = models.JSONField(default=list, help_text="[level, text] pairs for the result page.")
    article = models.ForeignKey("archive.Article", null=True, blank=True, on_delete=models.SET_NULL)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import {self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

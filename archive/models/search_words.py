from django.db import models


class SearchWord(models.Model):
    """A word of the published archive (read-only: a materialized view, see migration 0004)."""

    word = models.TextField(primary_key=True)
    frequency = models.PositiveIntegerField()

    class Meta:
        managed = False
        db_table = "archive_searchword"

    def __str__(self):
        return self.word

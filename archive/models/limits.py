"""Rate-limit counters: a table of their own, so no other traffic can evict them (archive.rate_limits)."""

from django.db import models


class RateCounter(models.Model):
    """Hits on one key (e.g. a client's address) in the fixed window that ends at ``window_ends``."""

    key = models.CharField(primary_key=True, max_length=200)
    hits = models.PositiveIntegerField()
    window_ends = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.hits} until {self.window_ends:%H:%M:%S}"

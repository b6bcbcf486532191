"""Search results kept between requests until the archive changes.

A search's match set, facet counts and pages of hits depend only on its
parameters and on the data, so they are stored in the cache under a key made
of both: the parameters, and the archive's data version, a counter that
triggers move on every write to the tables a search reads (migration 0012).
A change is therefore seen by the very next request, with nothing to
invalidate by hand; entries for old versions simply age out.
CACHE_SECONDS = 0 turns this off (the benchmark measures both ways).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.db import connection


def data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM archive_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


class SearchCache:
    """The cached parts of one search, under one data version read when it starts."""

    def __init__(self, *identity):
        self.enabled = settings.CACHE_SECONDS > 0
        if self.enabled:
            canonical = json.dumps(identity, sort_keys=True, default=str)
            self.prefix = f"search:{data_version()}:{hashlib.sha256(canonical.encode()).hexdigest()}"

    def remember(self, part: str, compute):
        """The cached value of ``part`` of this search, computed and stored if absent."""
        if not self.enabled:
            return compute()
        cache = caches["default"]
        key = f"{self.prefix}:{part}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, settings.CACHE_SECONDS)
        return value

"""Links to pages named by a slug, worked out once per slug.

A search page links every hit's bodies, topics, authors and publication: some
130 `reverse()` calls a page, which were a tenth of its time at 100,000
articles. The answer depends only on the URLconf and the slug, so it is kept,
and forgotten whenever a test changes the URLconf.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse


@lru_cache(maxsize=20_000)
def slug_url(view_name: str, slug: str) -> str:
    return reverse(view_name, args=[slug])


@receiver(setting_changed)
def _forget_links(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        slug_url.cache_clear()

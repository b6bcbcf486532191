"""Whole article pages for readers, kept under the data version until the archive changes.

An article page is the same for every reader who is not signed in, until the
archive's data changes (the data version, migration 0012, is part of the key,
as for the search cache) or the day turns (the citation's "accessed" date). A
reader's request for it is answered from the cache: a few queries and no
template, which is what lets two workers serve the most read pages several
hundred times a second (docs/benchmarks.md, issue #6). Signed-in staff, who
may see drafts, always get a fresh page, and so does any response that sets a
cookie. The page carries nothing of the reader's own: the quote form fetches
its CSRF token when it is used (archive.views.quotes.quote_token).

Search pages (``search_page_for_readers``) are kept the same way, but only when
the search index holds every change up to that data version: a page drawn while
the indexer still has changes to apply is served but not kept, and before a page
is kept this process's index reader is brought up to the newest commit on disk.

Django's cache_page cannot key on the data version, hence these few lines.
CACHE_SECONDS = 0 turns this off with the other caches.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from archive.search.cache import committed_data_version


def whole_page_for_readers(view, *, in_step=None):
    """``in_step``: a function that says whether a page drawn now may be kept (and makes it so
    that it may, if it can); by default every page may."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.CACHE_SECONDS <= 0 or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        version = committed_data_version()  # read once a request, shared with the search
        if version is None:  # inside a transaction that has written: nothing may be kept
            return view(request, *args, **kwargs)
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        day = timezone.localdate().isoformat()
        key = "page:" + hashlib.sha256(f"{version}|{day}|{address}".encode()).hexdigest()
        cache = caches["default"]
        cached = cache.get(key)
        if cached is not None:
            return cached
        if in_step is not None and not in_step():
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)

        def keep(page):
            # Not a page that sets a cookie, or that drew a CSRF token (each reader's own).
            if not page.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                cache.set(key, page, settings.CACHE_SECONDS)

        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "add_post_render_callback") and not response.is_rendered:
                response.add_post_render_callback(keep)
            else:
                keep(response)
        return response

    return wrapper


def _search_index_in_step() -> bool:
    """True when the index holds every change the database has committed: it has been built in
    full (a page drawn while it is still being built would be kept, and shown, after it is done),
    its outbox is empty and this process reads the index's newest commit (the indexer commits the
    index before it deletes the outbox rows, so an empty outbox means the commit on disk has them
    all)."""
    from archive.search.indexer import get_backend, holds_everything, pending

    if pending():
        return False
    backend = get_backend(writer=False)
    backend.catch_up()
    return holds_everything(backend)


def search_page_for_readers(view):
    """A search page kept like an article page, once the search index is in step."""
    return whole_page_for_readers(view, in_step=_search_index_in_step)

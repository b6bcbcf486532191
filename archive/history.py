"""Who made a change, and through which request: the context django-pghistory records with it.

Revisions of article and comment text are pghistory events (archive.models.revisions),
written by triggers on every write path. A change made through the site (the admin, the
import pages) happens inside this middleware's context, so its revision also names the
signed-in curator (``user``, ``username``) and the request (``url``, ``method``). Reading
pages writes no text, so only requests that can write carry a context. A big import that a
curator queued runs on the background worker, in the context of its job (``job_context``).
"""

from django.http import HttpRequest

import pghistory.middleware

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def request_context(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "user": user.pk if signed_in else None,
        "username": user.get_username() if signed_in else "",
        "url": request.path,
        "method": request.method,
    }


def job_context(job) -> dict:
    """A background import's revisions name the curator who queued it, and its job."""
    user = job.created_by
    return {
        "user": user.pk if user else None,
        "username": user.get_username() if user else "",
        "job": job.pk,
    }


class HistoryMiddleware(pghistory.middleware.HistoryMiddleware):
    def get_context(self, request):
        return request_context(request)

    def __call__(self, request):
        if request.method in READ_ONLY_METHODS:
            return self.get_response(request)
        return super().__call__(request)

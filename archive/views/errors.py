"""Error pages that say what went wrong in words a reader or curator understands."""

import sys

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

import psycopg

RETRY_AFTER_SECONDS = 30


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return render(
            request,
            "400.html",
            {
                "heading": "That is too large to send",
                "reason": "What you sent is larger than the archive accepts (10 MB). If you were "
                "importing a paste, import one article, or one listing page, at a time.",
            },
            status=413,
        )
    return render(request, "400.html", status=400)


def database_unavailable(exception: BaseException | None) -> bool:
    """A lost or restarting database, or a statement cut off by the web statement timeout."""
    if isinstance(exception, (OperationalError, InterfaceError)):
        return True
    cause = getattr(exception, "__cause__", None)
    return isinstance(exception, DatabaseError) and isinstance(cause, psycopg.errors.QueryCanceled)


def server_error(request):
    """500, except when the database is away or too slow: then a clean 503 that asks to retry."""
    exception = sys.exc_info()[1]
    if database_unavailable(exception):
        # Rendered without the database or the base template: it must work while it is away.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)

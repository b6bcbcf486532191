"""Error pages that say what went wrong in words a reader or curator understands."""

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render


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

"""Every request checked at the door, before any view or query sees it (issue 17).

What no page, API call, feed or form of the archive can use is refused here with
one clear 4xx, in the form the address speaks (HTML for pages, JSON for the API and
quote links, plain text for feeds, exports and citations), and never echoed back:

- methods the archive does not use (TRACE, PUT, DELETE, ...): 405; POST only where a
  view takes it (the admin, ``POST /q/``, class views with a ``post``);
- control characters (NUL and the rest of C0 and C1, DEL; tab and line breaks are
  allowed in values), surrogates and non-characters, in the path, a parameter's name
  or value, or a public form's field: 400 (PostgreSQL cannot store a NUL at all);
- digits other than 0-9 where a number or a date is expected ("²" and "١" pass
  ``str.isdigit()``, and ``int("²")`` fails): 400;
- over-long paths (414) and parameters (400; a public form's fields say their own lengths);
- cookies holding control characters are dropped rather than looked up (CleanCookiesMiddleware).

The checks are plain functions over strings (``refusal_for``); the middleware only
applies them. Field-level rules (which slugs exist, date ranges) stay with the forms
and FilterSets, which turn them into messages on the page.
"""

import re
from dataclasses import dataclass

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from archive.api.http import CORS_HEADERS

USED_METHODS = frozenset({"GET", "HEAD", "POST", "OPTIONS"})
MAX_PATH_CHARACTERS = 1000
MAX_NAME_CHARACTERS = 100
MAX_VALUE_CHARACTERS = 10_000  # a search is shortened to 500 characters; a quote is at most 2,000
# Parameters and fields that hold numbers or ISO dates: ASCII digits only.
NUMERIC = frozenset({"page", "year", "comment", "from", "to"})

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
CONTROL_IN_VALUE = re.compile(f"[{_CONTROL}]")
CONTROL_IN_NAME = re.compile(f"[{_CONTROL}\t\n\r]")


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


def refusal_for_path(path: str) -> Refusal | None:
    if len(path) > MAX_PATH_CHARACTERS:
        return Refusal(414, "That address is too long.")
    if CONTROL_IN_NAME.search(path):
        return Refusal(400, "That address holds characters no address of the archive has.")
    return None


def refusal_for_fields(pairs, max_value: int | None = MAX_VALUE_CHARACTERS) -> Refusal | None:
    """``pairs``: (name, value) of a query string or a form (whose fields say their own lengths)."""
    for name, value in pairs:
        if len(name) > MAX_NAME_CHARACTERS or CONTROL_IN_NAME.search(name):
            return Refusal(400, "A parameter's name holds characters the archive does not use.")
        if max_value is not None and len(value) > max_value:
            return Refusal(400, f"A value can be at most {MAX_VALUE_CHARACTERS:,} characters long.")
        if CONTROL_IN_VALUE.search(value):
            return Refusal(
                400,
                f"The value of {_named(name)} holds control characters (such as NUL), which text never has.",
            )
        if name in NUMERIC and any(char.isnumeric() and not "0" <= char <= "9" for char in value):
            return Refusal(400, f"“{name}” takes the digits 0 to 9 only.")
    return None


def _named(name: str) -> str:
    """A parameter's name for a message, only when it is a plain word (nothing sent is echoed)."""
    return f"“{name}”" if re.fullmatch(r"[a-z_]{1,20}", name) else "a parameter"


def refusal_for_method(method: str) -> Refusal | None:
    if method not in USED_METHODS:
        return Refusal(405, "The archive does not answer that method here.")
    return None


def speaks_json(path: str) -> bool:
    return path.startswith("/api/") or path.startswith("/q/token") or path == "/q/"


def speaks_plain_text(path: str) -> bool:
    """Feeds, exports and citation downloads: a plain-text error is safe in any reader."""
    return path.startswith(("/feeds/", "/export/")) or "/citation." in path or path.endswith(".xml")


def respond(request, refusal: Refusal) -> HttpResponse:
    path = request.path_info
    if speaks_json(path):
        response = JsonResponse({"error": refusal.message}, status=refusal.status)
    elif speaks_plain_text(path):
        response = HttpResponse(
            refusal.message, status=refusal.status, content_type="text/plain; charset=utf-8"
        )
    else:
        context = {"heading": "The archive cannot use that request", "reason": refusal.message}
        response = render(request, "400.html", context, status=refusal.status)
    if path.startswith(("/api/", "/feeds/", "/export/")):  # readable from any origin, errors too
        for header, value in CORS_HEADERS.items():
            response[header] = value
    if refusal.status == 405:
        response["Allow"] = ", ".join(sorted(USED_METHODS - {"POST"}))
    return response


def accepts_post(view):
    """Marks a function view that takes POST (the edge answers 405 to POST everywhere else)."""
    view.accepts_post = True
    return view


def takes_post(view_func, resolver_match) -> bool:
    if getattr(view_func, "accepts_post", False) or resolver_match.namespace == "admin":
        return True
    view_class = getattr(view_func, "view_class", None)
    return view_class is not None and hasattr(view_class, "post")


class EdgeMiddleware:
    """Applies the checks above to every request, before any view, session or query sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = (
            refusal_for_method(request.method)
            or refusal_for_path(request.path_info)
            or refusal_for_fields((name, value) for name, values in request.GET.lists() for value in values)
        )
        if refusal is None and request.method == "POST" and not request.path_info.startswith("/admin/"):
            # The admin's own forms check their fields (a paste is the importer's to judge).
            refusal = refusal_for_fields(
                ((name, value) for name, values in request.POST.lists() for value in values), max_value=None
            )
        if refusal is not None:
            return respond(request, refusal)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and not takes_post(view_func, request.resolver_match):
            return respond(request, Refusal(405, "This address is read-only."))
        return None


class CleanCookiesMiddleware:
    """Drops cookies holding control characters before the session (or anything) looks them up: a
    session cookie with a NUL would otherwise reach the database. Early in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if CONTROL_IN_NAME.search(name) or CONTROL_IN_VALUE.search(value):
                del request.COOKIES[name]
        return self.get_response(request)

"""HTTP for machine readers, shared by the JSON API, the feeds and the CSV export.

- CORS: any site may read (GET, HEAD) without credentials, so a notebook or a
  web page elsewhere can use the data; nothing here reads cookies on purpose.
- Validators: the ETag is a hash of the body, so it is exact whatever changed
  (a renamed topic, a piece unpublished); Last-Modified is sent only where the
  view knows a real timestamp for what it shows. If-None-Match and
  If-Modified-Since are answered with 304 (RFC 9110 rules: If-None-Match wins).
- Errors are JSON with a message, never a 500 page: see api_view.
"""

from functools import wraps

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.csrf import csrf_exempt

READ_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    # ETag is not a CORS-safelisted response header: expose it so scripts can revalidate.
    "Access-Control-Expose-Headers": "ETag, Last-Modified, X-Export-Capped, Link",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    # Sending a validator from a script makes the browser ask first (a preflight).
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


class ApiError(Exception):
    """A request the API cannot answer; the message says why, for the person writing the client."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"indent": 1, "ensure_ascii": False})


def set_last_modified(response: HttpResponse, when) -> HttpResponse:
    if when is not None:
        response["Last-Modified"] = http_date(when.timestamp())
    return response


def with_validators(request, response: HttpResponse) -> HttpResponse:
    """ETag from the body; a 304 when the client's copy is current."""
    if request.method not in READ_METHODS or response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def add_headers(response: HttpResponse, headers: dict[str, str]) -> None:
    for name, value in headers.items():
        response[name] = value


def public_read(view):
    """GET and HEAD for anyone (CORS), with validators and 304s; OPTIONS answers a preflight."""

    @csrf_exempt  # nothing here writes; a POST gets a plain 405 rather than a CSRF page
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            add_headers(response, PREFLIGHT_HEADERS)
        elif request.method not in READ_METHODS:
            response = json_response({"error": "This address is read-only: use GET."}, status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            response = with_validators(request, view(request, *args, **kwargs))
        add_headers(response, CORS_HEADERS)
        return response

    return wrapped


def api_view(view):
    """A JSON endpoint: public_read, and any Http404 or ApiError as a JSON error with its status."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return json_response({"error": str(error)}, status=error.status)
        except Http404 as error:
            message = str(error) if error.args else "There is nothing at this address."
            return json_response({"error": message}, status=404)

    return public_read(answered)

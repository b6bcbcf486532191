"""Keeps the raw bytes of an admin import's form, so that they can be checked for invalid UTF-8.

Django's CSRF check reads a posted form before the view runs, and a multipart form's
raw body is gone once read; reading the body first keeps it in memory (Django then
parses the form from that copy). Only the import page needs it: its check lives in
archive/admin/import_sources.py.
"""

from django.urls import reverse


class KeepImportBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if request.method == "POST":
            self.path = self.path or reverse("admin:archive_article_import")
            if request.path == self.path:
                request.body  # noqa: B018  (read now, while it can be)
        return self.get_response(request)

"""The root URLconf: the archive's public URLs (archive/urls.py, DESIGN.md §8), the admin, and the
error pages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("archive.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "archive.views.errors.bad_request"
handler500 = "archive.views.errors.server_error"

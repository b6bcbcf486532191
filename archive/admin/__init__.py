"""The curators' admin. Importing by paste lives in import_view.py."""

from django.contrib import admin

from archive.admin import articles, furniture, mentions, people, quotes, taxonomy  # noqa: F401  (registers models)

admin.site.site_header = "GP Contract Archive: curation"
admin.site.site_title = "GP Contract Archive curation"
admin.site.index_title = "Curate the archive"

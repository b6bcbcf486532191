from django.db import models

from archive.search.vocabulary import refresh_vocabulary

# Django 6's default for URL form fields, adopted now (and silencing 5.2's warning).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class RefreshesVocabulary:
    """Admin mixin: after a curator's change, "did you mean" knows the new words."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_vocabulary()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_vocabulary()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        refresh_vocabulary()

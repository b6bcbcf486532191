from django.contrib import admin

from archive.admin.common import URL_FIELDS_ASSUME_HTTPS, RefreshesVocabulary
from archive.models import Person, Publication


@admin.register(Person)
class PersonAdmin(RefreshesVocabulary, admin.ModelAdmin):
    list_display = ["name", "role", "organisation"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "role", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "organisation", "url"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]

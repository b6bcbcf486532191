from django.contrib import admin

from archive.admin.common import URL_FIELDS_ASSUME_HTTPS, RefreshesVocabulary
from archive.models import Organisation, PolicyTerm


@admin.register(Organisation)
class OrganisationAdmin(RefreshesVocabulary, admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "abbreviation", "kind", "parent"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "abbreviation", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(PolicyTerm)
class PolicyTermAdmin(RefreshesVocabulary, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "theme"]
    list_filter = ["theme"]
    search_fields = ["name", "abbreviation", "aliases", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["related"]

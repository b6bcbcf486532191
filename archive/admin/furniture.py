from django.contrib import admin

from archive.models import FurnitureLine


@admin.register(FurnitureLine)
class FurnitureLineAdmin(admin.ModelAdmin):
    """Each publication's own furniture, marked by curators or learned from its pastes."""

    list_display = ["text", "publication", "source", "active", "created_at"]
    list_editable = ["active"]
    list_filter = ["source", "active", ("publication", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "publication__name"]
    autocomplete_fields = ["publication"]
    list_select_related = ["publication"]

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from archive.models import Quote
from archive.services.quotes import QuoteError, prepare_quote

# What anchoring works out; fixed once a quote exists, since its link depends on it.
ANCHOR_FIELDS = ["id", "prefix", "suffix", "start", "end", "article_revision", "comment_revision"]


class QuoteAdminForm(forms.ModelForm):
    """A new quote is anchored in the text now; the words must be in the article (or comment)."""

    class Meta:
        model = Quote
        fields = [
            "article",
            "comment",
            "exact",
            "speaker",
            "speaker_organisation",
            "speaker_role",
            "topics",
            "note",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        article, comment = cleaned.get("article"), cleaned.get("comment")
        if comment and comment.article_id != article.pk:
            raise forms.ValidationError({"comment": "That comment belongs to another article."})
        try:
            prepared = prepare_quote(article, comment, cleaned.get("exact", ""))
        except QuoteError as error:
            raise forms.ValidationError({"exact": str(error)}) from error
        existing = Quote.objects.filter(pk=prepared.pk).first()
        if existing:
            raise forms.ValidationError(
                format_html(
                    'This passage is already quoted: <a href="../{}/change/">edit that quote</a>.',
                    existing.pk,
                )
            )
        for name in ["exact", *ANCHOR_FIELDS]:
            setattr(self.instance, name, getattr(prepared, name))
        return cleaned


class CuratedListFilter(admin.SimpleListFilter):
    title = "attribution"
    parameter_name = "attributed"

    def lookups(self, request, model_admin):
        return [("yes", "Attributed (who said what)"), ("no", "Readers' quote links")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.curated()
        if self.value() == "no":
            return queryset.exclude(pk__in=Quote.objects.curated().values("pk"))
        return queryset


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    form = QuoteAdminForm
    list_display = ["__str__", "speaker", "speaker_organisation", "article", "created_at"]
    list_filter = [
        CuratedListFilter,
        ("speaker_organisation", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    search_fields = ["exact", "speaker__name", "speaker_role", "article__title"]
    autocomplete_fields = ["article", "comment", "speaker", "speaker_organisation", "topics"]
    list_select_related = ["article", "speaker", "speaker_organisation"]
    readonly_fields = [*ANCHOR_FIELDS, "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # Once made, what a quote points at never changes: its link depends on it.
        fixed = ["article", "comment", "exact"] if obj else []
        return [*fixed, *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # a shared quote link must keep working

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.functional import cached_property

from archive.admin.common import URL_FIELDS_ASSUME_HTTPS, RefreshesVocabulary
from archive.admin.history import RevisionHistoryMixin
from archive.admin.mentions import OrganisationMentionInline, TermMentionInline
from archive.models import Article, Comment, SlugRedirect, Status
from archive.search.vocabulary import refresh_vocabulary
from archive.services.tagging import build_tagger, tag_article


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0
    fields = [("author_name", "posted_at", "position"), "body"]
    ordering = ["position", "posted_at"]
    classes = ["collapse"]


class KnownCountPaginator(Paginator):
    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


class SearchAwareChangeList(ChangeList):
    """With a search, the dates to drill into are left out: finding them read every match
    twice more (MIN/MAX and DISTINCT months), about 0.9 s for a broad word at 100,000
    articles. Without a search the drill-down is there as before."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.query:
            self.date_hierarchy = None


@admin.action(description="Publish selected pieces")
def publish(modeladmin, request, queryset):
    updated = queryset.update(status=Status.PUBLISHED)
    refresh_vocabulary()
    modeladmin.message_user(request, f"{updated} pieces published.", messages.SUCCESS)


@admin.action(description="Unpublish selected pieces (back to draft)")
def unpublish(modeladmin, request, queryset):
    updated = queryset.update(status=Status.DRAFT)
    refresh_vocabulary()
    modeladmin.message_user(request, f"{updated} pieces returned to draft.", messages.SUCCESS)


@admin.action(description="Re-run the tagger (curators' decisions are kept)")
def retag(modeladmin, request, queryset):
    tagger = build_tagger()
    for article in queryset:
        tag_article(article, tagger)
    modeladmin.message_user(request, f"{queryset.count()} pieces re-tagged.", messages.SUCCESS)


@admin.action(description="Merge duplicates into the piece imported first", permissions=["change"])
def merge(modeladmin, request, queryset):
    from archive.services.merging import MergeRefused, merge_duplicates  # not at start: see get_urls

    try:
        report = merge_duplicates(queryset.select_related(None))
    except MergeRefused as refusal:
        modeladmin.message_user(request, f"{refusal} Nothing was changed.", messages.ERROR)
        return
    modeladmin.message_user(
        request,
        f"Merged {len(report.merged)} duplicate{'s' if len(report.merged) != 1 else ''} into "
        f"“{report.original.title}”: {report.comments_moved} comments moved, "
        f"{report.comments_already_there} already there. Their addresses now redirect to it.",
        messages.SUCCESS,
    )


@admin.register(Article)
class ArticleAdmin(RevisionHistoryMixin, RefreshesVocabulary, admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    revision_fields = [("title", "Title"), ("standfirst", "Standfirst"), ("body", "Body")]  # its History
    list_display = ["title", "status", "date_display", "publication", "comment_count", "updated_at"]
    list_filter = [
        "status",
        "date_precision",
        "date_approximate",
        "title_supplied",
        # Plain lists: "related only" filters scan every article to find which values occur.
        "publication",
    ]
    search_fields = ["title"]  # and the full-text index: see get_search_results
    date_hierarchy = "published_on"
    show_full_result_count = False  # one COUNT over every article fewer for each search
    autocomplete_fields = ["authors", "publication"]
    prepopulated_fields = {"slug": ["title"]}
    actions = [publish, unpublish, retag, merge]
    inlines = [OrganisationMentionInline, TermMentionInline, CommentInline]
    readonly_fields = ["created_at", "updated_at", "source_text"]
    fieldsets = [
        (None, {"fields": ["status", "title", "title_supplied", "slug", "standfirst", "body"]}),
        ("Source", {"fields": ["publication", "authors", "source_url"]}),
        ("Date", {"fields": ["published_on", "date_precision", "date_approximate", "date_note"]}),
        (
            "Provenance",
            {"classes": ["collapse"], "fields": ["pull_quotes", "source_text", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        # A subquery, not a join and GROUP BY: it is counted for the rows shown, not for every match.
        comments = Comment.objects.filter(article=OuterRef("pk")).order_by().values("article")
        return (
            super()
            .get_queryset(request)
            .select_related("publication")
            .annotate(number_of_comments=Coalesce(Subquery(comments.annotate(n=Count("pk")).values("n")), 0))
        )

    @admin.display(description="Comments", ordering="number_of_comments")
    def comment_count(self, article):
        return article.number_of_comments

    @admin.display(description="Date", ordering="published_on")
    def date_display(self, article):
        return article.date_display

    def get_search_results(self, request, queryset, search_term):
        """The search index's matches (drafts too: the admin's own search), titles and authors'
        names, united; the page and its count then read the ids as one array."""
        if not search_term.strip():
            return queryset, False
        from archive.search.engine import matching_article_ids  # not at start: see get_urls

        ids = set(matching_article_ids(search_term))
        ids.update(Article.objects.filter(title__icontains=search_term).values_list("pk", flat=True))
        ids.update(Article.objects.filter(authors__name__icontains=search_term).values_list("pk", flat=True))
        if not queryset.query.where:
            request.archive_match_count = len(ids)  # no sidebar filter: these are the results
        # "= ANY(array)" is tested with a hash, row by row, so a page can be read in its order
        # (by article_admin_order_idx) until it is full, without joining every match.
        among = RawSQL('"archive_article"."id" = ANY(%s::bigint[])', [list(ids)], output_field=BooleanField())
        return queryset.filter(among), False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """A search's results counted as they were found, not with a second COUNT over them."""
        known = getattr(request, "archive_match_count", None)
        if known is None:
            return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        return KnownCountPaginator(queryset, per_page, orphans, allow_empty_first_page, count=known)

    def get_changelist(self, request, **kwargs):
        return SearchAwareChangeList

    def get_urls(self):
        # The import pages' views, and the parser, services and search under them, are imported
        # when the URLs are first loaded, not when the admin registers its models at every start of
        # Django (about 0.15 CPU-s of each manage.py command's or script's 0.9 that never serves a page).
        from archive.admin.import_view import ImportFromTextView, ImportJobView

        import_view = self.admin_site.admin_view(ImportFromTextView.as_view(model_admin=self))
        job_view = self.admin_site.admin_view(ImportJobView.as_view(model_admin=self))
        return [
            path("import/", import_view, name="archive_article_import"),
            path("import/job/<int:pk>/", job_view, name="archive_article_import_job"),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        tag_article(form.instance)  # the text may have changed; curators' decisions are kept


@admin.register(Comment)
class CommentAdmin(RevisionHistoryMixin, RefreshesVocabulary, admin.ModelAdmin):
    revision_fields = [("body", "Text")]  # its History
    list_display = ["author_name", "article", "posted_at", "position"]
    list_filter = [("article__publication", admin.RelatedOnlyFieldListFilter), "article__status"]
    search_fields = ["author_name", "body", "article__title"]
    date_hierarchy = "posted_at"
    autocomplete_fields = ["article"]
    list_select_related = ["article"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    search_fields = ["old_slug", "article__title"]
    list_filter = ["created_at"]
    readonly_fields = ["old_slug", "article", "created_at"]

    def has_add_permission(self, request):
        return False  # made automatically when a slug changes

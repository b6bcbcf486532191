from django.contrib import admin, messages

from archive.models import MentionStatus, OrganisationMention, TermMention


class MentionInlineBase(admin.TabularInline):
    """Tags of the article's own text; a tag a curator adds here is recorded as 'added'."""

    extra = 0
    readonly_fields = ["count"]
    ordering = ["-count"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(comment__isnull=True)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["status"].initial = MentionStatus.ADDED
        return formset


class OrganisationMentionInline(MentionInlineBase):
    model = OrganisationMention
    fields = ["organisation", "status", "count"]
    autocomplete_fields = ["organisation"]
    verbose_name = "body tag"
    verbose_name_plural = "Body tags (organisations the text mentions)"


class TermMentionInline(MentionInlineBase):
    model = TermMention
    fields = ["term", "status", "count"]
    autocomplete_fields = ["term"]
    verbose_name = "topic tag"
    verbose_name_plural = "Topic tags (policy terms the text mentions)"


@admin.action(description="Confirm selected tags")
def confirm_tags(modeladmin, request, queryset):
    updated = queryset.update(status=MentionStatus.CONFIRMED)
    modeladmin.message_user(request, f"{updated} tags confirmed.", messages.SUCCESS)


@admin.action(description="Reject selected tags (the tagger will not bring them back)")
def reject_tags(modeladmin, request, queryset):
    updated = queryset.update(status=MentionStatus.REJECTED)
    modeladmin.message_user(request, f"{updated} tags rejected.", messages.SUCCESS)


class MentionAdminBase(admin.ModelAdmin):
    list_display = ["target_name", "article", "in_comment", "count", "status"]
    list_filter = ["status", ("comment", admin.EmptyFieldListFilter)]
    list_editable = ["status"]
    list_select_related = ["article"]
    autocomplete_fields = ["article", "comment"]
    actions = [confirm_tags, reject_tags]
    search_fields = ["article__title"]

    @admin.display(description="In a comment", boolean=True)
    def in_comment(self, mention):
        return mention.comment_id is not None


@admin.register(OrganisationMention)
class OrganisationMentionAdmin(MentionAdminBase):
    list_filter = [*MentionAdminBase.list_filter, "organisation__kind", "organisation"]
    list_select_related = ["article", "organisation"]
    autocomplete_fields = [*MentionAdminBase.autocomplete_fields, "organisation"]
    search_fields = [*MentionAdminBase.search_fields, "organisation__name", "organisation__abbreviation"]

    @admin.display(description="Organisation", ordering="organisation__name")
    def target_name(self, mention):
        return mention.organisation.short_name


@admin.register(TermMention)
class TermMentionAdmin(MentionAdminBase):
    list_filter = [*MentionAdminBase.list_filter, "term__theme", "term"]
    list_select_related = ["article", "term"]
    autocomplete_fields = [*MentionAdminBase.autocomplete_fields, "term"]
    search_fields = [*MentionAdminBase.search_fields, "term__name", "term__abbreviation"]

    @admin.display(description="Policy term", ordering="term__name")
    def target_name(self, mention):
        return mention.term.short_name

"""The admin's History page for articles and comments: each revision of the text, who made it,
through which request, and what it changed (a word diff of each field, paragraph by paragraph).

The revisions are django-pghistory events (archive.models.revisions) with the context that
archive.history records; the diff is archive.revision_diff's, as on the public "what changed"
page. Django's own History (the admin's log of saves) is replaced: it misses every change not
made through a form, which the revisions keep.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from archive.revision_diff import Change, block_changes


@dataclass
class FieldChange:
    label: str
    changes: list[Change]  # removed and added paragraphs only


@dataclass
class RevisionEntry:
    revision: object
    who: str  # the curator's username, or "" when the change was not made through the site
    request: str  # "POST /admin/…", or ""
    fields: list[FieldChange]


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def revision_entries(revisions, fields: list[tuple[str, str]]) -> list[RevisionEntry]:
    """Newest first, each revision against the one before it (the first against nothing)."""
    entries, previous = [], None
    for revision in revisions:
        changed = []
        for name, label in fields:
            before = _paragraphs(getattr(previous, name)) if previous else []
            after = _paragraphs(getattr(revision, name))
            if before != after:
                changes = [change for change in block_changes(before, after) if change.kind != "same"]
                changed.append(FieldChange(label, changes))
        context = revision.context
        request = " ".join(part for part in (context.get("method"), context.get("url")) if part)
        entries.append(RevisionEntry(revision, context.get("username") or "", request, changed))
        previous = revision
    return entries[::-1]


class RevisionHistoryMixin:
    """A ModelAdmin whose model has ``revisions``: its History button shows them with their diffs."""

    revision_fields: list[tuple[str, str]] = []  # (field, label) of the versioned text

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        revisions = obj.revisions.select_related("pgh_context").order_by("number")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revisions of “{obj}”",
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "entries": revision_entries(revisions, self.revision_fields),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/archive/revision_history.html", context)

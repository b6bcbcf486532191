"""Revisions of article and comment text: django-pghistory events, written by PostgreSQL triggers.

Why triggers (pghistory) and not django-simple-history or django-reversion: those record
changes made through the ORM's save(); a trigger also records bulk updates and raw SQL,
so no write path can change a text that quotes point into without keeping what it said
before. Only the text is versioned: that is what quotes and citations need.

Each revision is a pghistory event (``pgh_obj`` the article or comment, ``pgh_created_at``,
``pgh_label`` insert or update, ``pgh_context`` who and which request, archive.history)
with the revision's ``number``, counted per article or comment by a trigger on the
revision table itself, so that every write path numbers it and the links that name a
revision number (quotes, /revisions/<n>/) keep working. The tables are the ones the
hand-written triggers of migration 0007 filled, taken over in migration 0024.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

import pghistory
import pgtrigger

from archive.models.articles import Article, Comment


def numbered(table: str) -> pgtrigger.Trigger:
    """Before a revision row goes in: its number, one more than its article's (or comment's) last."""
    return pgtrigger.Trigger(
        name="revision_number",
        level=pgtrigger.Row,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert,
        func=(
            "IF NEW.number IS NULL THEN NEW.number := COALESCE("
            f"(SELECT max(number) FROM {table} WHERE pgh_obj_id = NEW.pgh_obj_id), 0) + 1; END IF;\n"
            "RETURN NEW;"
        ),
    )


def _revision_events(tracked, fields: list[str], name: str):
    """The abstract pghistory event model: a revision on insert and on any change of ``fields``."""
    return pghistory.create_event_model(
        tracked,
        pghistory.InsertEvent(trigger_name="revision_insert"),
        pghistory.UpdateEvent(trigger_name="revision_update", condition=pghistory.AnyChange(*fields)),
        fields=fields,
        obj_field=pghistory.ObjForeignKey(
            related_name="revisions", on_delete=models.CASCADE, db_constraint=True
        ),
        context_field=pghistory.ContextForeignKey(),
        model_name=name,
    )


class Revision(models.Model):
    """What both revision models add to pghistory's event: the number, and names for its fields."""

    pgh_id = models.BigAutoField(primary_key=True)  # the id the quotes' foreign keys have always held
    number = models.PositiveIntegerField(editable=False)

    class Meta:
        abstract = True

    @property
    def created_at(self):
        return self.pgh_created_at

    @property
    def context(self) -> dict:
        """Who made the change and through which request (archive.history); {} when not made
        through the site or a queued import (a command, raw SQL)."""
        return (self.pgh_context.metadata if self.pgh_context_id and self.pgh_context else None) or {}


ArticleRevisionEvent = _revision_events(Article, ["title", "standfirst", "body"], "ArticleRevisionEvent")
CommentRevisionEvent = _revision_events(Comment, ["body"], "CommentRevisionEvent")


class ArticleRevision(Revision, ArticleRevisionEvent):
    # The stable id of each body block and the highest id given so far, stored for the text each
    # article had when ids came in (migration 0015); later revisions carry them
    # (archive.services.paragraph_ids).
    block_ids = ArrayField(models.PositiveIntegerField(), null=True, blank=True, editable=False)
    block_id_high = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pgh_obj", "-number"]
        constraints = [models.UniqueConstraint(fields=["pgh_obj", "number"], name="unique_article_revision")]
        triggers = [numbered("archive_articlerevision")]

    def __str__(self):
        return f"{self.article} (revision {self.number})"

    def get_absolute_url(self):
        return reverse("article_revision", args=[self.article.slug, self.number])

    @property
    def article(self) -> Article:
        return self.pgh_obj


class CommentRevision(Revision, CommentRevisionEvent):
    class Meta:
        ordering = ["pgh_obj", "-number"]
        constraints = [models.UniqueConstraint(fields=["pgh_obj", "number"], name="unique_comment_revision")]
        triggers = [numbered("archive_commentrevision")]

    def __str__(self):
        return f"{self.comment} (revision {self.number})"

    def get_absolute_url(self):
        return reverse("comment_revision", args=[self.comment.article.slug, self.pgh_obj_id, self.number])

    @property
    def comment(self) -> Comment:
        return self.pgh_obj

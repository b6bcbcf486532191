"""Revisions of article and comment text, written by PostgreSQL triggers (migration 0006).

Why triggers and not django-simple-history or django-reversion: those record
changes made through the ORM's save(); a trigger also records bulk updates and
raw SQL, so no write path can change a text that quotes point into without
keeping what it said before. Only the text is versioned: that is what quotes
and citations need.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse


class ArticleRevision(models.Model):
    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    standfirst = models.TextField(blank=True)
    body = models.TextField()
    created_at = models.DateTimeField()
    # The stable id of each body block and the highest id given so far, stored for the text each
    # article had when ids came in (migration 0015); later revisions carry them (archive.paragraphs).
    block_ids = ArrayField(models.PositiveIntegerField(), null=True, blank=True, editable=False)
    block_id_high = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_article_revision")]

    def __str__(self):
        return f"{self.article} (revision {self.number})"

    def get_absolute_url(self):
        return reverse("article_revision", args=[self.article.slug, self.number])


class CommentRevision(models.Model):
    comment = models.ForeignKey("archive.Comment", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["comment", "-number"]
        constraints = [models.UniqueConstraint(fields=["comment", "number"], name="unique_comment_revision")]

    def __str__(self):
        return f"{self.comment} (revision {self.number})"

    def get_absolute_url(self):
        return reverse("comment_revision", args=[self.comment.article.slug, self.comment_id, self.number])

"""Which organisations and policy terms an article (or one of its comments) mentions.

A mention is either the tagger's (``detected``) or a curator's decision
(``confirmed``, ``added``, ``rejected``); re-tagging only ever touches the first.
"""

from django.db import models

from archive.models.choices import MentionStatus
from archive.models.data_version import bumps_data_version
from archive.models.facet_columns import mention_triggers


class MentionQuerySet(models.QuerySet):
    def shown(self):
        """Tags readers see: the tagger's and curators' own, never rejected ones."""
        return self.filter(status__in=MentionStatus.shown())

    def in_article_text(self):
        return self.filter(comment__isnull=True)

    def of_published_articles(self):
        return self.filter(article__status="published")


class MentionBase(models.Model):
    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE)
    comment = models.ForeignKey(
        "archive.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Empty for a mention in the article itself.",
    )
    count = models.PositiveIntegerField(default=0, help_text="Times the tagger found it.")
    status = models.CharField(max_length=10, choices=MentionStatus.choices, default=MentionStatus.DETECTED)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_curator_decision(self) -> bool:
        return self.status in MentionStatus.curator_decisions()


class OrganisationMention(MentionBase):
    organisation = models.ForeignKey("archive.Organisation", on_delete=models.CASCADE)

    class Meta:
        default_related_name = "organisation_mentions"
        ordering = ["-count", "organisation__name"]
        triggers = [*mention_triggers(), bumps_data_version()]  # the facet columns; the caches
        constraints = [
            models.UniqueConstraint(
                fields=["article", "comment", "organisation"],
                nulls_distinct=False,
                name="unique_organisation_mention",
            )
        ]

    def __str__(self):
        return f"{self.organisation.short_name} in {self.article} ({self.status})"


class TermMention(MentionBase):
    term = models.ForeignKey("archive.PolicyTerm", on_delete=models.CASCADE)

    class Meta:
        default_related_name = "term_mentions"
        ordering = ["-count", "term__name"]
        triggers = [*mention_triggers(), bumps_data_version()]  # the facet columns; the caches
        constraints = [
            models.UniqueConstraint(
                fields=["article", "comment", "term"],
                nulls_distinct=False,
                name="unique_term_mention",
            )
        ]

    def __str__(self):
        return f"{self.term.short_name} in {self.article} ({self.status})"

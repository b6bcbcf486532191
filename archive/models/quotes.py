"""Quotes: a passage of an article or comment, anchored so its link survives edits.

A quote's id is derived from what it quotes (archive.services.quotes.quote_id), so
sharing the same passage twice gives the same link. A curator may attribute a
quote to the person who said it and the body they spoke for ("who said what").
"""

from django.db import models
from django.urls import reverse

import pgtrigger

from archive.core.anchoring import Selector
from archive.core.tagger import TagEntry, Tagger
from archive.models.choices import Status
from archive.models.data_version import bumps_data_version, bumps_data_version_when
from archive.models.taxonomy import PolicyTerm


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(article__status=Status.PUBLISHED)

    def curated(self):
        """Quotes a curator has attributed to a speaker or a body."""
        return self.filter(models.Q(speaker__isnull=False) | models.Q(speaker_organisation__isnull=False))

    def for_display(self):
        return self.select_related("article", "speaker", "speaker_organisation").order_by(
            models.F("article__published_on").desc(nulls_last=True), "created_at"
        )

    def said_by(self, person):
        return self.filter(speaker=person)

    def said_for(self, organisation):
        return self.filter(
            models.Q(speaker_organisation=organisation) | models.Q(speaker__organisation=organisation)
        )

    def about(self, term):
        """Quotes that concern a topic: a curator tagged them with it, or their own words name it
        (read by the tagger, as articles' text is). Not every quote from a piece tagged with the
        topic: a piece about the ARRS may quote someone on premises."""
        tagger = Tagger.build(TagEntry(pk, names) for pk, names in _term_names())
        naming = [pk for pk, exact in self.values_list("pk", "exact") if term.pk in tagger.count(exact)]
        return self.filter(models.Q(topics=term) | models.Q(pk__in=naming)).distinct()


def _term_names():
    """Every policy term's names: the tagger reads them all, so the longest name wins where they
    overlap, as it does for articles."""
    return [(term.pk, term.tagger_names()) for term in PolicyTerm.objects.all()]


class Quote(models.Model):
    id = models.CharField(primary_key=True, max_length=16)
    article = models.ForeignKey("archive.Article", on_delete=models.PROTECT, related_name="quotes")
    comment = models.ForeignKey(
        "archive.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="quotes"
    )
    exact = models.TextField(help_text="The quoted words, as they stood when the link was made.")
    prefix = models.TextField(blank=True, help_text="Up to 32 characters before it.")
    suffix = models.TextField(blank=True, help_text="Up to 32 characters after it.")
    start = models.PositiveIntegerField(
        help_text="Offsets in the normalised text (whitespace runs made one space)."
    )
    end = models.PositiveIntegerField()
    article_revision = models.ForeignKey(
        "archive.ArticleRevision", null=True, blank=True, on_delete=models.PROTECT, related_name="quotes"
    )
    comment_revision = models.ForeignKey(
        "archive.CommentRevision", null=True, blank=True, on_delete=models.PROTECT, related_name="quotes"
    )
    speaker = models.ForeignKey(
        "archive.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_organisation = models.ForeignKey(
        "archive.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        verbose_name="speaking for",
    )
    speaker_role = models.CharField(max_length=300, blank=True, help_text="As the source gives it.")
    topics = models.ManyToManyField(
        "archive.PolicyTerm",
        blank=True,
        related_name="curated_quotes",
        help_text="Topics this quote is about, besides those its own words name (shown on their pages).",
    )
    note = models.TextField(blank=True, help_text="A curator's note on the attribution.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # A curator's attribution or topics can make a person, body or topic public (their
        # .public()), which what is kept per data version must see. Readers only add quotes, with
        # neither: their links move nothing (each would empty every cache). Curators' changes and
        # deletions, and a quote added already attributed, move it.
        triggers = [
            bumps_data_version(operation=pgtrigger.Update | pgtrigger.Delete | pgtrigger.Truncate),
            bumps_data_version_when(
                "data_version_attributed",
                "NEW.speaker_id IS NOT NULL OR NEW.speaker_organisation_id IS NOT NULL",
            ),
        ]

    def __str__(self):
        words = self.exact if len(self.exact) < 80 else self.exact[:77] + "…"
        return f"“{words}”"

    def get_absolute_url(self):
        return reverse("quote_detail", args=[self.pk])

    @property
    def selector(self) -> Selector:
        return Selector(self.exact, self.prefix, self.suffix, self.start, self.end)

    @property
    def is_curated(self) -> bool:
        return bool(self.speaker_id or self.speaker_organisation_id)

    @property
    def revision(self):
        return self.comment_revision if self.comment_id else self.article_revision


class QuoteTopic(Quote.topics.through):
    """Django's own table of quotes' topics, as a proxy so that its trigger can be declared
    (django-pgtrigger's way for a many-to-many table): a topic a curator gives a quote can make
    that topic public, as a tag does."""

    class Meta:
        proxy = True
        triggers = [bumps_data_version()]

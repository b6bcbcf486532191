"""Organisations (the "body" facet) and policy terms (the "topic" facet and glossary)."""

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models

from archive.models.choices import MentionStatus, OrganisationKind, Status, Theme
from archive.models.data_version import bumps_data_version
from archive.models.links import slug_url
from archive.models.people import public_organisation


class TaggedNameQuerySet(models.QuerySet):
    def with_article_counts(self):
        """Each with ``article_count``: published articles whose own text carries the tag."""
        mentions = self.model.mentions_relation
        shown = models.Q(
            **{
                f"{mentions}__status__in": MentionStatus.shown(),
                f"{mentions}__comment__isnull": True,
                f"{mentions}__article__status": Status.PUBLISHED,
            }
        )
        return self.annotate(article_count=models.Count(f"{mentions}__article", filter=shown, distinct=True))

    def public(self):
        """Those that appear through a published piece: a tag readers see (not rejected) on a
        published article or one of its comments; for an organisation, also a quote from one
        that a curator attributed to it or to one of its people; for a topic, also a quote a
        curator tagged with it. Nothing else is shown to
        readers anywhere: not in lists, pages, the API, feeds, facets, the sitemap or
        "did you mean" (issue 17)."""
        mention_model = self.model._meta.get_field(self.model.mentions_relation).related_model
        shown = mention_model.objects.filter(
            status__in=MentionStatus.shown(),
            article__status=Status.PUBLISHED,
            **{self.model.mention_field: models.OuterRef("pk")},
        )
        condition = models.Exists(shown)
        if self.model.quoted_as:
            Quote = apps.get_model("archive", "Quote")
            for lookup in self.model.quoted_as:
                quotes = Quote.objects.filter(
                    article__status=Status.PUBLISHED, **{lookup: models.OuterRef("pk")}
                )
                condition |= models.Exists(quotes)
        return self.filter(condition)

    def with_public_organisation(self):
        """Each with ``organisation_public``: whether readers may see its parent (organisations)."""
        if not hasattr(self.model, "parent"):
            return self
        return self.annotate(organisation_public=public_organisation("parent"))

    def most_mentioned(self):
        return self.with_article_counts().filter(article_count__gt=0).order_by("-article_count", "name")


class TaggedName(models.Model):
    """Something the tagger looks for in text, by its name, abbreviation and aliases."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    abbreviation = models.CharField(max_length=30, blank=True)
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Other names the tagger looks for, comma-separated. "
        "ALL-CAPS acronyms match case-sensitively (plural 's' allowed); phrases in any case.",
    )

    objects = TaggedNameQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def short_name(self):
        return self.abbreviation or self.name

    def tagger_names(self) -> list[str]:
        return [name for name in [self.name, self.abbreviation, *self.aliases] if name]


class Organisation(TaggedName):
    mentions_relation = "organisation_mentions"
    mention_field = "organisation"
    quoted_as = ("speaker_organisation", "speaker__organisation")
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta(TaggedName.Meta):
        triggers = [bumps_data_version()]

    def get_absolute_url(self):
        return slug_url("organisation_detail", self.slug)


class PolicyTerm(TaggedName):
    mentions_relation = "term_mentions"
    mention_field = "term"
    quoted_as = ("topics",)  # a published curated quote a curator tagged with the topic
    definition = models.TextField(blank=True)
    theme = models.CharField(max_length=20, choices=Theme.choices)
    related = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta(TaggedName.Meta):
        verbose_name = "policy term"
        triggers = [bumps_data_version()]

    def get_absolute_url(self):
        return slug_url("topic_detail", self.slug)

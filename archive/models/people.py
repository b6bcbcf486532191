"""Authors, commenters' named counterparts and speakers; and the publications that carry pieces."""

from django.apps import apps
from django.db import models

from archive.models.choices import Status
from archive.models.data_version import bumps_data_version
from archive.models.facet_columns import person_slug_trigger
from archive.models.links import slug_url


class WithArticleCountsQuerySet(models.QuerySet):
    def with_article_counts(self):
        """Each with ``article_count``: their published articles."""
        published = models.Q(articles__status=Status.PUBLISHED)
        return self.annotate(article_count=models.Count("articles", filter=published))

    def with_public_organisation(self):
        """Each with ``organisation_public``: whether readers may see its organisation."""
        return self.annotate(organisation_public=public_organisation("organisation"))


def public_organisation(field: str):
    """Whether the organisation in ``field`` is one readers may see (Organisation ``.public()``)."""
    Organisation = apps.get_model("archive", "Organisation")
    return models.Exists(Organisation.objects.public().filter(pk=models.OuterRef(field)))


def _published_articles_with(**lookup):
    Article = apps.get_model("archive", "Article")
    return models.Exists(Article.objects.filter(status=Status.PUBLISHED, **lookup))


def _published_quotes_with(**lookup):
    Quote = apps.get_model("archive", "Quote")
    return models.Exists(Quote.objects.filter(article__status=Status.PUBLISHED, **lookup))


class PersonQuerySet(WithArticleCountsQuerySet):
    def public(self):
        """People who appear through a published piece: an author of one, or the speaker a curator
        named for a quote from one. Nobody else is shown to readers anywhere (issue 17)."""
        return self.filter(
            _published_articles_with(authors=models.OuterRef("pk"))
            | _published_quotes_with(speaker=models.OuterRef("pk"))
        )


class PublicationQuerySet(WithArticleCountsQuerySet):
    def public(self):
        """Publications that carry a published piece."""
        return self.filter(_published_articles_with(publication=models.OuterRef("pk")))


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    role = models.CharField(
        max_length=300, blank=True, help_text="e.g. 'policy officer (commercial and contracting)'"
    )
    organisation = models.ForeignKey(
        "archive.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    description = models.TextField(blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        triggers = [person_slug_trigger(), bumps_data_version()]  # authors' slugs on their articles

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("person_detail", self.slug)


class Publication(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    url = models.URLField(blank=True)
    organisation = models.ForeignKey(
        "archive.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="The body that publishes it, when it is also an organisation in the archive.",
    )
    description = models.TextField(blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        triggers = [bumps_data_version()]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("publication_detail", self.slug)

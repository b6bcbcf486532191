"""Authors, commenters' named counterparts and speakers; and the publications that carry pieces."""

from django.db import models
from django.urls import reverse

from archive.models.choices import Status


class WithArticleCountsQuerySet(models.QuerySet):
    def with_article_counts(self):
        """Each with ``article_count``: their published articles."""
        published = models.Q(articles__status=Status.PUBLISHED)
        return self.annotate(article_count=models.Count("articles", filter=published))


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

    objects = WithArticleCountsQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.slug])


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

    objects = WithArticleCountsQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publication_detail", args=[self.slug])

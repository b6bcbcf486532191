"""Queries on articles and comments. Both querysets answer the same search vocabulary
(``search``, ``mentioning_organisations``, ``by_authors``, ...), so one FilterSet
(archive.filters) serves both kinds of hit."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from archive.models.choices import DatePrecision, MentionStatus, Status
from archive.models.mentions import OrganisationMention, TermMention


def _in_any_year(field: str, years) -> Q:
    """One date range per year (not ``year IN (...)``), so that the date's index is used."""
    condition = Q()
    for year in years:
        condition |= Q(**{f"{field}__year": year})
    return condition


def _shown_mentions(model, **filters):
    return model.objects.filter(status__in=MentionStatus.shown(), **filters)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-created_at")

    def for_listing(self):
        """What a list of articles shows: publication and authors without an N+1."""
        return self.select_related("publication").prefetch_related("authors")

    def search(self, query):
        return self.filter(search_vector=query)

    def mentioning_organisations(self, organisations):
        return self.filter(
            Exists(
                _shown_mentions(
                    OrganisationMention, article=OuterRef("pk"), comment=None, organisation__in=organisations
                )
            )
        )

    def mentioning_terms(self, terms):
        return self.filter(
            Exists(_shown_mentions(TermMention, article=OuterRef("pk"), comment=None, term__in=terms))
        )

    def by_authors(self, slugs):
        through = self.model.authors.through
        return self.filter(Exists(through.objects.filter(article=OuterRef("pk"), person__slug__in=slugs)))

    def in_publications(self, publications):
        return self.filter(publication__in=publications)

    def dated(self):
        return self.filter(published_on__isnull=False).exclude(date_precision=DatePrecision.UNKNOWN)

    def in_years(self, years):
        return self.dated().filter(_in_any_year("published_on", years))

    def dated_between(self, start=None, end=None):
        articles = self.dated()
        if start:
            articles = articles.filter(published_on__gte=start)
        if end:
            articles = articles.filter(published_on__lte=end)
        return articles


class CommentQuerySet(models.QuerySet):
    def published(self):
        """Comments readers may see: those on published articles."""
        return self.filter(article__status=Status.PUBLISHED)

    def search(self, query):
        return self.filter(search_vector=query)

    def mentioning_organisations(self, organisations):
        return self.filter(
            Exists(
                _shown_mentions(OrganisationMention, comment=OuterRef("pk"), organisation__in=organisations)
            )
        )

    def mentioning_terms(self, terms):
        return self.filter(Exists(_shown_mentions(TermMention, comment=OuterRef("pk"), term__in=terms)))

    def by_authors(self, slugs):
        return self.filter(author_slug__in=slugs)

    def in_publications(self, publications):
        return self.filter(article__publication__in=publications)

    def dated(self):
        return self.filter(posted_at__isnull=False)

    def in_years(self, years):
        return self.filter(_in_any_year("posted_at", years))  # years in Europe/London time

    def dated_between(self, start=None, end=None):
        comments = self.dated()
        if start:
            comments = comments.filter(posted_at__date__gte=start)
        if end:
            comments = comments.filter(posted_at__date__lte=end)
        return comments

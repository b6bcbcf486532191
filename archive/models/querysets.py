"""Queries on articles and comments. Both querysets answer the same search vocabulary
(``search``, ``mentioning_organisations``, ``by_authors``, ...), so one FilterSet
(archive.filters) serves both kinds of hit."""

from django.db import models
from django.db.models import Q

from archive.models.choices import DatePrecision, Status
from archive.models.facet_columns import tagged_with_organisations, tagged_with_terms, written_by


def _in_any_year(field: str, years) -> Q:
    """One date range per year (not ``year IN (...)``), so that the date's index is used."""
    condition = Q()
    for year in years:
        condition |= Q(**{f"{field}__year": year})
    return condition


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-created_at")

    def for_listing(self):
        """What a list of articles shows: publication and authors without an N+1."""
        return self.select_related("publication").prefetch_related("authors")

    def mentioning_organisations(self, organisations):
        return self.filter(tagged_with_organisations(organisations))

    def mentioning_terms(self, terms):
        return self.filter(tagged_with_terms(terms))

    def by_authors(self, slugs):
        return self.filter(written_by(slugs))

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

    def mentioning_organisations(self, organisations):
        return self.filter(tagged_with_organisations(organisations))

    def mentioning_terms(self, terms):
        return self.filter(tagged_with_terms(terms))

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

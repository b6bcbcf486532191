"""For crawlers: /sitemap.xml (django.contrib.sitemaps) and /robots.txt.

The sitemap lists every page worth indexing once: published pieces, the
subject pages, and quotes a curator attributed (a reader's own quote link is
the article again, and the article is listed). Searches with parameters, the
exports and the JSON are left out of crawling in robots.txt: they are endless
combinations of the same pieces, and each costs a search.
"""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from archive.models import Article, Organisation, Person, PolicyTerm, Publication, Quote


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class SubjectSitemap(Sitemap):
    """Topics, bodies, people and publications that readers may see (``.public()``)."""

    model = None

    def items(self):
        return self.model.objects.public().order_by("pk")


class TopicSitemap(SubjectSitemap):
    model = PolicyTerm


class OrganisationSitemap(SubjectSitemap):
    model = Organisation


class PersonSitemap(SubjectSitemap):
    model = Person


class PublicationSitemap(SubjectSitemap):
    model = Publication


class QuoteSitemap(Sitemap):
    def items(self):
        return Quote.objects.published().curated().order_by("pk")

    def lastmod(self, quote):
        return quote.created_at


class PageSitemap(Sitemap):
    """The fixed pages: home, the lists, and the pages about reusing the archive."""

    def items(self):
        return [
            "home",
            "topic_list",
            "organisation_list",
            "person_list",
            "publication_list",
            "reuse",
            "api_docs",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
    "publications": PublicationSitemap,
    "quotes": QuoteSitemap,
}

ROBOTS = """\
User-agent: *
Disallow: /admin/
Disallow: /*?
Disallow: /export/
Disallow: /api/
Allow: /api/$
Disallow: /*/citation.
Disallow: /*/revisions/

Sitemap: {sitemap}
"""


@require_GET
def robots_txt(request):
    """'/*?' keeps crawlers off every URL with parameters: searches, facets and pages of results."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")

"""Reader pages: the home page, an article, the search and its facet values, and /data/.

Thin: the querysets do the work, templates draw the result. Topic, body, person and publication
pages are in archive.views.subjects; what pages share is in archive.views.shared.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from archive.api.json_ld import article_json_ld
from archive.core.citation_formats import citation_links
from archive.models import Article, Comment, Organisation, PolicyTerm, Quote, SlugRedirect, Status
from archive.search.engine import FACETS, run_search
from archive.services.paragraph_ids import legacy_paragraph
from archive.services.quotes import citation
from archive.views.shared import article_context, once, reuse_links


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published()
        context["latest"] = published.newest_first().for_listing()[:10]
        context["article_count"] = published.count()
        context["comment_count"] = Comment.objects.filter(article__status=Status.PUBLISHED).count()
        context["topics"] = (
            PolicyTerm.objects.public()
            .with_article_counts()
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")[:24]
        )
        context["bodies"] = (
            Organisation.objects.public()
            .with_article_counts()
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")[:24]
        )
        return context


class ArticleDetailView(DetailView):
    """A published article; curators (staff) may also preview drafts."""

    template_name = "archive/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.select_related("publication").prefetch_related("authors")
        if self.request.user.is_staff:
            return articles
        return articles.published()

    def get(self, request, *args, **kwargs):
        if "p" in request.GET:
            return self.paragraph_redirect(request, kwargs["slug"])
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = SlugRedirect.objects.filter(old_slug=kwargs["slug"]).select_related("article").first()
            if moved and (moved.article.is_published or request.user.is_staff):
                return redirect(moved.article, permanent=True)
            raise

    def paragraph_redirect(self, request, slug):
        """?p=<n>[&rev=<r>]: paragraph n as it was numbered in revision r (by default, as numbered
        before paragraph ids were stable), sent to its stable #p-<id>, or to the revision it was
        last in if it has since been removed. Old #p-<n> links come here through quotes.js, and the
        query works without JavaScript too."""
        article = get_object_or_404(self.get_queryset(), slug=slug)
        number, revision = request.GET.get("p", ""), request.GET.get("rev", "")
        if not number.isdigit() or (revision and not revision.isdigit()):
            return redirect(article)
        found = legacy_paragraph(article, int(number), int(revision) if revision else None)
        if found is None:
            return redirect(article)
        if found[0] == "here":
            return redirect(f"{article.get_absolute_url()}#p-{found[1]}")
        _, last_seen, anchor = found
        return redirect(f"{reverse('article_revision', args=[article.slug, last_seen])}#{anchor}")

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), **article_context(self.request, self.object)}
        article, absolute = self.object, self.request.build_absolute_uri
        context["citation"] = citation(article, context["canonical_url"], timezone.localdate())
        context["citation_links"] = citation_links(
            lambda extension: reverse("article_citation", args=[article.slug, extension])
        )
        context["json_ld"] = once(
            lambda: article_json_ld(
                article,
                context["comments"](),
                [mention.organisation for mention in context["organisation_tags"]],
                [mention.term for mention in context["term_tags"]],
                absolute,
            )
        )
        context["api_url"] = reverse("api_article", args=[article.slug])
        return context


class SearchView(TemplateView):
    """/search/: full-text search with facets; every state is a GET URL."""

    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = context["search"] = run_search(self.request.GET, self.request.path)
        context["reuse"] = reuse_links(search, reverse("feed_search"), "This search")
        context["canonical_url"] = self.request.build_absolute_uri(search.state.url())
        return context


class FacetValuesView(TemplateView):
    """/search/values/<facet>/: every value of one facet for a search, with its count; each
    links back to the search with that value toggled (a facet's "show all")."""

    template_name = "archive/facet_values.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        name = self.kwargs["facet"]
        if name not in dict(FACETS) or name == "year":  # every year is always shown
            raise Http404("There is no such filter.")
        search = context["search"] = run_search(self.request.GET, reverse("search"), every_value_of=name)
        context["facet"] = search.facets[name]
        return context


class ReuseView(TemplateView):
    """/data/: every way to follow the archive and take its data and citations away."""

    template_name = "archive/reuse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["example_article"] = Article.objects.published().newest_first().first()
        context["example_topic"] = PolicyTerm.objects.most_mentioned().first()
        context["example_organisation"] = Organisation.objects.most_mentioned().first()
        quotes = Quote.objects.published()
        context["example_quote"] = quotes.curated().order_by("-created_at").first() or quotes.first()
        return context

"""Reader pages. Thin: the querysets do the work, templates draw the result."""

import functools

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from archive.api.json_ld import article_json_ld
from archive.core.blocks import LinkedBlock, group_lists
from archive.core.comment_threads import thread_comments
from archive.core.glossary_links import link_first_mentions
from archive.core.tagger import TagEntry, Tagger
from archive.models import (
    Article,
    Comment,
    MentionStatus,
    Organisation,
    Person,
    PolicyTerm,
    Publication,
    Quote,
    SlugRedirect,
    Status,
)
from archive.search.cache import data_version
from archive.search.engine import FACETS, run_search
from archive.services.paragraph_ids import blocks_with_ids, legacy_paragraph
from archive.services.quotes import citation, split_for_highlight
from archive.views.citations import citation_links
from archive.views.shared import reuse_links


def public_or_none(subject):
    """A related person, body, topic or publication, if readers may see it (``.public()``)."""
    if subject is None:
        return None
    return type(subject).objects.public().filter(pk=subject.pk).first()


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


def linked_blocks(article, highlights: dict[int, tuple[int, int]] | None = None):
    """The article's blocks as segments (text, policy term or None, mark or None) for the page.

    The first mention of each term in a section links to the glossary; a block
    that holds a quote (``highlights``: block index -> span) is marked instead.
    """
    rejected = set(
        article.term_mentions.in_article_text()
        .filter(status=MentionStatus.REJECTED)
        .values_list("term_id", flat=True)
    )
    terms = {term.pk: term for term in PolicyTerm.objects.public().exclude(pk__in=rejected)}
    tagger = Tagger.build(TagEntry(pk, term.tagger_names()) for pk, term in terms.items())
    blocks = blocks_with_ids(article)
    linked = link_first_mentions([(block.kind, block.text) for block in blocks], tagger.find)
    first_marked = min(highlights) if highlights else None
    result = []
    for index, (block, parts) in enumerate(zip(blocks, linked, strict=True)):
        if highlights and index in highlights:
            mark = "first" if index == first_marked else "rest"
            pieces = split_for_highlight(block.text, highlights[index])
            segments = [(text, None, mark if marked else None) for text, marked in pieces]
        else:
            segments = [(text, terms[key] if key else None, None) for text, key in parts]
        result.append(LinkedBlock(*block, segments=segments))
    return result


def once(compute):
    """A value worked out only if, and the first time, a template asks for it (templates call
    callables): the article page's text and comments are drawn inside a fragment cached under
    the data version (article_detail.html), so on a hit the work is skipped altogether."""
    return functools.cache(compute)


def article_context(request, article) -> dict:
    """What the article page draws; the quote page draws the same with a quote marked."""
    comments = once(lambda: list(article.comments.order_by("position", "posted_at", "id")))
    return {
        "article": article,
        "data_version": data_version(),  # part of the cached fragments' keys
        "cache_seconds": settings.CACHE_SECONDS,
        "block_groups": once(lambda: group_lists(linked_blocks(article))),
        "comments": comments,
        "comment_threads": once(lambda: thread_comments(comments())),
        "organisation_tags": article.organisation_mentions.shown()
        .in_article_text()
        .select_related("organisation"),
        "term_tags": article.term_mentions.shown().in_article_text().select_related("term"),
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
    }


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


class SubjectSearchView(TemplateView):
    """A topic, body, person or publication page: its header, then the search pre-filtered to it."""

    subject_model = None  # e.g. PolicyTerm
    parameter = ""  # the search parameter it fixes, e.g. "term"
    noun = ""  # for the feed's title, e.g. "topic"
    quotes_filter = ""  # the QuoteQuerySet method that picks its "who said what" quotes, if any

    def get_subject(self):
        return get_object_or_404(self.subject_model.objects.public(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.get_subject()
        context["subject"] = subject
        context["search"] = run_search(
            self.request.GET, self.request.path, fixed={self.parameter: subject.slug}
        )
        feed = reverse(f"feed_{self.parameter}", args=[subject.slug])
        context["reuse"] = reuse_links(context["search"], feed, f"{subject.name} ({self.noun})")
        if self.quotes_filter:
            quotes = Quote.objects.published().curated().for_display()
            context["curated_quotes"] = getattr(quotes, self.quotes_filter)(subject)
        return context


class TopicListView(ListView):
    template_name = "archive/topic_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return PolicyTerm.objects.public().with_article_counts().order_by("name")


class TopicDetailView(SubjectSearchView):
    template_name = "archive/topic_detail.html"
    subject_model = PolicyTerm
    parameter = "term"
    noun = "topic"
    quotes_filter = "about"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_terms"] = context["subject"].related.public().order_by("name")
        return context


class OrganisationListView(ListView):
    template_name = "archive/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.public().with_article_counts().order_by("name")


class OrganisationDetailView(SubjectSearchView):
    template_name = "archive/organisation_detail.html"
    subject_model = Organisation
    parameter = "org"
    noun = "organisation"
    quotes_filter = "said_for"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = context["subject"].children.public().order_by("name")
        context["people"] = context["subject"].people.public().order_by("name")
        context["parent"] = public_or_none(context["subject"].parent)
        return context


class PersonListView(ListView):
    template_name = "archive/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.public().with_article_counts().order_by("name")


class PersonDetailView(SubjectSearchView):
    template_name = "archive/person_detail.html"
    subject_model = Person
    parameter = "author"
    noun = "person"
    quotes_filter = "said_by"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = public_or_none(context["subject"].organisation)
        return context


class PublicationListView(ListView):
    template_name = "archive/publication_list.html"
    context_object_name = "publications"

    def get_queryset(self):
        return Publication.objects.public().with_article_counts().order_by("name")


class PublicationDetailView(SubjectSearchView):
    template_name = "archive/publication_detail.html"
    subject_model = Publication
    parameter = "publication"
    noun = "publication"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = public_or_none(context["subject"].organisation)
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

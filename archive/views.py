"""Reader pages. Thin: the querysets do the work, templates draw the result."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from archive.blocks import LinkedBlock, group_lists
from archive.glossary import link_first_mentions
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
from archive.quotes import split_for_highlight
from archive.search.engine import run_search
from archive.search.serialise import outcome_as_json
from archive.tagger import TagEntry, Tagger


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published()
        context["latest"] = published.newest_first().for_listing()[:10]
        context["article_count"] = published.count()
        context["comment_count"] = Comment.objects.filter(article__status=Status.PUBLISHED).count()
        context["topics"] = (
            PolicyTerm.objects.with_article_counts()
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")[:24]
        )
        context["bodies"] = (
            Organisation.objects.with_article_counts()
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
    terms = {term.pk: term for term in PolicyTerm.objects.exclude(pk__in=rejected)}
    tagger = Tagger.build(TagEntry(pk, term.tagger_names()) for pk, term in terms.items())
    blocks = article.blocks
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


def article_context(request, article) -> dict:
    """What the article page draws; the quote page draws the same with a quote marked."""
    return {
        "article": article,
        "block_groups": group_lists(linked_blocks(article)),
        "comments": article.comments.order_by("position", "posted_at", "id"),
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
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = SlugRedirect.objects.filter(old_slug=kwargs["slug"]).select_related("article").first()
            if moved and (moved.article.is_published or request.user.is_staff):
                return redirect(moved.article, permanent=True)
            raise

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **article_context(self.request, self.object)}


class SearchView(TemplateView):
    """/search/: full-text search with facets; every state is a GET URL."""

    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search"] = run_search(self.request.GET, self.request.path)
        return context


def search_api(request):
    """/api/search/: the same search as JSON."""
    outcome = run_search(request.GET, request.path)
    return JsonResponse(outcome_as_json(outcome, request.build_absolute_uri), json_dumps_params={"indent": 1})


class SubjectSearchView(TemplateView):
    """A topic, body, person or publication page: its header, then the search pre-filtered to it."""

    subject_model = None  # e.g. PolicyTerm
    parameter = ""  # the search parameter it fixes, e.g. "term"
    quotes_filter = ""  # the QuoteQuerySet method that picks its "who said what" quotes, if any

    def get_subject(self):
        return get_object_or_404(self.subject_model, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.get_subject()
        context["subject"] = subject
        context["search"] = run_search(
            self.request.GET, self.request.path, fixed={self.parameter: subject.slug}
        )
        if self.quotes_filter:
            quotes = Quote.objects.published().curated().for_display()
            context["curated_quotes"] = getattr(quotes, self.quotes_filter)(subject)
        return context


class TopicListView(ListView):
    template_name = "archive/topic_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return PolicyTerm.objects.with_article_counts().order_by("name")


class TopicDetailView(SubjectSearchView):
    template_name = "archive/topic_detail.html"
    subject_model = PolicyTerm
    parameter = "term"
    quotes_filter = "about"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_terms"] = context["subject"].related.order_by("name")
        return context


class OrganisationListView(ListView):
    template_name = "archive/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.with_article_counts().order_by("name")


class OrganisationDetailView(SubjectSearchView):
    template_name = "archive/organisation_detail.html"
    subject_model = Organisation
    parameter = "org"
    quotes_filter = "said_for"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = context["subject"].children.order_by("name")
        context["people"] = context["subject"].people.order_by("name")
        return context


class PersonListView(ListView):
    template_name = "archive/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.with_article_counts().order_by("name")


class PersonDetailView(SubjectSearchView):
    template_name = "archive/person_detail.html"
    subject_model = Person
    parameter = "author"
    quotes_filter = "said_by"


class PublicationListView(ListView):
    template_name = "archive/publication_list.html"
    context_object_name = "publications"

    def get_queryset(self):
        return Publication.objects.with_article_counts().order_by("name")


class PublicationDetailView(SubjectSearchView):
    template_name = "archive/publication_detail.html"
    subject_model = Publication
    parameter = "publication"

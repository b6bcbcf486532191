"""The JSON API's endpoints: thin, like the pages. Published pieces only, for everyone.

Lists are paginated (``page``, PAGE_SIZE a page) with ``count``, ``pages``,
``next`` and ``previous``; a page that does not exist is a JSON 404.
"""

import re
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Max
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from archive.api import representations
from archive.api.http import ApiError, api_view, json_response, set_last_modified
from archive.models import Article, CommentRevision, Organisation, Person, PolicyTerm, Publication, Quote
from archive.search.engine import run_search
from archive.search.serialise import outcome_as_json
from archive.services.quotes import citation

PAGE_SIZE = 50
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")  # ASCII digits only: "²".isdigit() is True


def absolute_for(request):
    return request.build_absolute_uri


def paginated(request, queryset, serialise_one, keep: tuple[str, ...] = ()) -> dict:
    """One page of ``queryset``; ``keep`` names the parameters the next/previous links carry on."""
    paginator = Paginator(queryset, PAGE_SIZE)
    raw = request.GET.get("page", "1")
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) > paginator.num_pages:
        shown = raw[:20]
        raise ApiError(f"There is no page “{shown}”: pages run from 1 to {paginator.num_pages}.", status=404)
    page = paginator.page(int(raw))

    def page_url(number):
        params = QueryDict(mutable=True)
        for name in keep:
            if request.GET.get(name):
                params[name] = request.GET[name]
        if number > 1:
            params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}" if params else request.path)

    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": page_url(page.number + 1) if page.has_next() else None,
        "previous": page_url(page.number - 1) if page.has_previous() else None,
        "results": [serialise_one(item) for item in page],
    }


class ApiIndexView(TemplateView):
    """/api/: the API's documentation, for people."""

    template_name = "archive/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_size"] = PAGE_SIZE
        context["example_article"] = Article.objects.published().newest_first().first()
        context["example_topic"] = PolicyTerm.objects.most_mentioned().first()
        return context


@api_view
def search(request):
    """/api/search/: the same search as /search/, as JSON (archive.search.serialise)."""
    outcome = run_search(request.GET, request.path)
    grouped = request.GET.get("group") == "1"
    return json_response(outcome_as_json(outcome, absolute_for(request), grouped=grouped))


@api_view
def article_list(request):
    articles = Article.objects.published().newest_first().for_listing()
    absolute = absolute_for(request)
    data = paginated(request, articles, lambda article: representations.article_summary(article, absolute))
    return json_response(data)


@api_view
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().for_listing(), slug=slug)
    comments = list(article.comments.order_by("position", "posted_at", "id"))
    organisations = article.organisation_mentions.shown().in_article_text().select_related("organisation")
    terms = article.term_mentions.shown().in_article_text().select_related("term")
    data = representations.article_detail(article, comments, organisations, terms, absolute_for(request))
    return set_last_modified(json_response(data), last_changed(article, comments))


def last_changed(article, comments) -> datetime:
    """The newest timestamp the archive keeps for a piece: saved, a revision of its text or of
    a comment's (triggers write those on every path), a comment added, a tag decided. Names of
    the people and topics it links to have no timestamps: If-None-Match (the ETag) is exact."""
    times = [article.updated_at, *(comment.created_at for comment in comments)]
    for related in (
        article.revisions.aggregate(latest=Max("pgh_created_at")),
        CommentRevision.objects.filter(pgh_obj__article=article).aggregate(latest=Max("pgh_created_at")),
        article.organisation_mentions.aggregate(latest=Max("updated_at")),
        article.term_mentions.aggregate(latest=Max("updated_at")),
    ):
        if related["latest"]:
            times.append(related["latest"])
    return max(times)


def subject_list(model, serialise_one):
    @api_view
    def view(request):
        subjects = model.objects.public().with_article_counts().with_public_organisation().order_by("name")
        absolute = absolute_for(request)
        return json_response(paginated(request, subjects, lambda subject: serialise_one(subject, absolute)))

    return view


def subject_detail(model, serialise_one):
    @api_view
    def view(request, slug):
        subjects = model.objects.public().with_article_counts().with_public_organisation()
        subject = get_object_or_404(subjects, slug=slug)
        return json_response(serialise_one(subject, absolute_for(request), detail=True))

    return view


topic_list = subject_list(PolicyTerm, representations.topic_record)
topic_detail = subject_detail(PolicyTerm, representations.topic_record)
organisation_list = subject_list(Organisation, representations.organisation_record)
organisation_detail = subject_detail(Organisation, representations.organisation_record)
person_list = subject_list(Person, representations.person_record)
person_detail = subject_detail(Person, representations.person_record)
publication_list = subject_list(Publication, representations.publication_record)
publication_detail = subject_detail(Publication, representations.publication_record)


def _quote_json(request, quote) -> dict:
    url = request.build_absolute_uri(quote.get_absolute_url())
    text = citation(quote.article, url, timezone.localdate(), quote.comment, quoted=quote.exact)
    return representations.quote_record(quote, absolute_for(request), text)


def _quotes():
    return Quote.objects.published().select_related(
        "article__publication", "comment", "speaker", "speaker_organisation"
    )


@api_view
def quote_list(request):
    """Published quotes, newest first; ``curated=1`` keeps those a curator attributed."""
    quotes = _quotes().prefetch_related("article__authors").order_by("-created_at", "id")
    if request.GET.get("curated") in ("1", "true", "yes"):
        quotes = quotes.curated()
    data = paginated(request, quotes, lambda quote: _quote_json(request, quote), keep=("curated",))
    return json_response(data)


@api_view
def quote_detail(request, quote_id):
    quote = get_object_or_404(_quotes(), pk=quote_id)
    return json_response(_quote_json(request, quote))

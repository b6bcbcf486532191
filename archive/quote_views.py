"""Quote permalinks (/q/<id>), making quotes (POST /q/) and read-only revisions."""

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from archive.blocks import group_lists, split_blocks
from archive.citation_views import citation_links
from archive.models import Article, ArticleRevision, CommentRevision, Quote
from archive.paragraphs import revision_ids
from archive.quote_cards import card_png, speaker_title
from archive.quotes import (
    MAX_QUOTE_CHARACTERS,
    QuoteError,
    article_highlight,
    citation,
    comment_parts,
    locate,
    make_quote,
    split_for_highlight,
)
from archive.revision_diff import block_changes
from archive.views import article_context, linked_blocks, once

QUOTES_PER_WINDOW = 20
WINDOW_SECONDS = 600


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def over_rate_limit(request) -> bool:
    """At most QUOTES_PER_WINDOW new links per client per window, shared by all workers (DB cache)."""
    key = f"quote-links:{client_address(request)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count > QUOTES_PER_WINDOW


def json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@require_GET
@never_cache
def quote_token(request):
    """GET /q/token: a CSRF token for making a quote link, asked for when a reader makes one, so
    that the article page itself holds nothing of the reader's own and can be cached whole
    (archive.page_cache). The token comes with its cookie, as for a form."""
    return JsonResponse({"token": get_token(request)})


@require_POST
def create_quote(request):
    """POST /q/: article (slug), optional comment (id), exact (and prefix, suffix) -> {"id", "url"}."""
    data = request.POST
    slug, exact = data.get("article", ""), data.get("exact", "")
    if not slug or not exact.strip():
        return json_error("Give the article and the words to quote.", 400)
    if (
        len(exact) > MAX_QUOTE_CHARACTERS * 2
        or len(data.get("prefix", "")) > 500
        or len(data.get("suffix", "")) > 500
    ):
        return json_error(f"A quote can be at most {MAX_QUOTE_CHARACTERS} characters; select less.", 400)
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        return json_error("There is no published article at that address.", 404)
    comment = None
    if data.get("comment"):
        if not data["comment"].isdigit():
            return json_error("That is not a comment of this article.", 400)
        comment = article.comments.filter(pk=int(data["comment"])).first()
        if comment is None:
            return json_error("That is not a comment of this article.", 404)
    if over_rate_limit(request):
        return json_error(
            "You have made many quote links in the last few minutes; please wait a while.",
            429,
            retry_after=WINDOW_SECONDS,
        )
    try:
        quote, created = make_quote(article, comment, exact)
    except QuoteError as error:
        return json_error(str(error), 400)
    url = request.build_absolute_uri(quote.get_absolute_url())
    return JsonResponse(
        {
            "id": quote.pk,
            "url": url,
            "citation": citation(article, url, timezone.localdate(), comment, quoted=quote.exact),
        },
        status=201 if created else 200,
    )


def quote_detail(request, quote_id):
    quote = (
        Quote.objects.select_related("article", "comment", "speaker", "speaker_organisation")
        .filter(pk=quote_id)
        .first()
    )
    if quote is None:
        return render(request, "archive/quote_missing.html", {"quote_id": quote_id[:40]}, status=404)
    article = quote.article
    if not article.is_published and not request.user.is_staff:
        return render(request, "410.html", {"quote": quote}, status=410)

    resolution = locate(quote)
    context = article_context(request, article)
    if resolution is not None and quote.comment_id is None:
        spans = article_highlight(article, resolution).spans
        context["standfirst_pieces"] = split_for_highlight(article.standfirst, spans.get(-1))
        context["block_groups"] = once(lambda: group_lists(linked_blocks(article, highlights=spans)))
    if resolution is not None and quote.comment_id:
        context["highlighted_comment"] = quote.comment_id
        context["comment_pieces"] = split_for_highlight(
            quote.comment.body, (resolution.start, resolution.end)
        )
    url = request.build_absolute_uri(quote.get_absolute_url())
    context.update(
        fragment_key=quote.pk,  # the article's cached fragments, with this quote marked
        quote=quote,
        resolution=resolution,
        # Words found that differ from the quoted ones are said so beside the mark (_quote_changed.html).
        quote_changed=resolution is not None and resolution.changed,
        diff_url=changes_url(quote),
        speaker_title=speaker_title(quote),
        card_url=request.build_absolute_uri(reverse("quote_card", args=[quote.pk])),
        canonical_url=url,
        citation=citation(article, url, timezone.localdate(), quote.comment, quoted=quote.exact),
        citation_links=citation_links(
            lambda extension: reverse("quote_citation", args=[quote.pk, extension])
        ),
        api_url=reverse("api_quote", args=[quote.pk]),
    )
    return render(request, "archive/quote_detail.html", context)


def quote_card(request, quote_id):
    """/q/<id>/card.png: the quote's link-preview image (archive.quote_cards), for readers' sharing."""
    quote = (
        Quote.objects.published()
        .select_related("article__publication", "comment", "speaker", "speaker_organisation")
        .filter(pk=quote_id)
        .first()
    )
    if quote is None:
        raise Http404("No published quote has this id.")
    response = HttpResponse(card_png(quote), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def changes_url(quote) -> str:
    """The page showing what changed in the quoted text since the quote's revision."""
    revision = quote.revision
    if revision is None:
        return ""
    if quote.comment_id:
        return reverse(
            "comment_revision_changes", args=[quote.article.slug, quote.comment_id, revision.number]
        )
    return reverse("article_revision_changes", args=[quote.article.slug, revision.number])


def _blocks(standfirst: str, body: str) -> list[str]:
    return [part for part in [standfirst, *(block.text for block in split_blocks(body))] if part.strip()]


def article_revision_changes(request, slug, number):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = get_object_or_404(ArticleRevision, article=article, number=number)
    changes = block_changes(
        _blocks(revision.standfirst, revision.body), _blocks(article.standfirst, article.body)
    )
    context = {"article": article, "revision": revision, "changes": changes}
    return render(request, "archive/revision_changes.html", context)


def comment_revision_changes(request, slug, comment_id, number):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = get_object_or_404(
        CommentRevision.objects.select_related("comment"),
        comment__article=article,
        comment_id=comment_id,
        number=number,
    )
    changes = block_changes(comment_parts(revision.body), comment_parts(revision.comment.body))
    context = {"article": article, "revision": revision, "comment": revision.comment, "changes": changes}
    return render(request, "archive/revision_changes.html", context)


def revision_blocks(article, revision):
    """A revision's blocks with the stable ids they had then, so #p-<id> works on its page too."""
    ids = revision_ids(article).get(revision.number, [])
    blocks = split_blocks(revision.body)
    if len(ids) != len(blocks):
        return blocks
    return [block._replace(block_id=block_id) for block, block_id in zip(blocks, ids, strict=True)]


def article_revision(request, slug, number):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = get_object_or_404(ArticleRevision, article=article, number=number)
    return render(
        request,
        "archive/revision_detail.html",
        {
            "article": article,
            "revision": revision,
            "latest": article.revisions.order_by("-number").first(),
            "revisions": article.revisions.order_by("-number"),
            "block_groups": group_lists(revision_blocks(article, revision)),
        },
    )


def comment_revision(request, slug, comment_id, number):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = get_object_or_404(
        CommentRevision.objects.select_related("comment"),
        comment__article=article,
        comment_id=comment_id,
        number=number,
    )
    return render(
        request,
        "archive/comment_revision_detail.html",
        {
            "article": article,
            "revision": revision,
            "revisions": revision.comment.revisions.order_by("-number"),
        },
    )


def article_revision_list(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(
        request,
        "archive/revision_list.html",
        {"article": article, "revisions": article.revisions.order_by("-number")},
    )

"""Quote permalinks (/q/<id>), making quotes (POST /q/) and read-only revisions."""

from django import forms
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from archive.blocks import group_lists, split_blocks
from archive.citation_views import citation_links
from archive.edge import accepts_post
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
from archive.rate_limits import quote_link_allowed
from archive.revision_diff import block_changes
from archive.views import article_context, linked_blocks, once

CONTEXT_CHARACTERS = 500
TOO_LONG = f"A quote can be at most {MAX_QUOTE_CHARACTERS} characters; select less."


class QuoteRequestForm(forms.Form):
    """POST /q/'s fields. Django's CharField already refuses NUL; the rest is said here."""

    article = forms.SlugField(max_length=80, error_messages={"invalid": "That is not an article's address."})
    # ASCII digits only: "²".isdigit() is True and int("²") fails.
    comment = forms.RegexField(
        regex=r"\A[0-9]{1,18}\Z",
        required=False,
        error_messages={"invalid": "That is not a comment of this article."},
    )
    exact = forms.CharField(
        strip=False, max_length=MAX_QUOTE_CHARACTERS * 2, error_messages={"max_length": TOO_LONG}
    )
    prefix = forms.CharField(strip=False, required=False, max_length=CONTEXT_CHARACTERS)
    suffix = forms.CharField(strip=False, required=False, max_length=CONTEXT_CHARACTERS)

    def clean_exact(self):
        exact = self.cleaned_data["exact"]
        if not exact.strip():
            raise forms.ValidationError("Give the article and the words to quote.")
        return exact

    def first_error(self) -> str:
        if (
            "article" in self.errors
            and not self.data.get("article")
            or "exact" in self.errors
            and not (self.data.get("exact") or "").strip()
        ):
            return "Give the article and the words to quote."
        if any(name in self.errors for name in ("prefix", "suffix")):
            return TOO_LONG
        return next(iter(self.errors.values()))[0]


def json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@require_GET
@never_cache
def quote_token(request):
    """GET /q/token: a CSRF token for making a quote link, asked for when a reader makes one, so
    that the article page itself holds nothing of the reader's own and can be cached whole
    (archive.page_cache). The token comes with its cookie, as for a form."""
    return JsonResponse({"token": get_token(request)})


@accepts_post
@require_POST
def create_quote(request):
    """POST /q/: article (slug), optional comment (id), exact (and prefix, suffix) -> {"id", "url"}."""
    form = QuoteRequestForm(request.POST)
    if not form.is_valid():
        return json_error(form.first_error(), 400)
    slug, exact = form.cleaned_data["article"], form.cleaned_data["exact"]
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        return json_error("There is no published article at that address.", 404)
    comment = None
    if form.cleaned_data["comment"]:
        comment = article.comments.filter(pk=int(form.cleaned_data["comment"])).first()
        if comment is None:
            return json_error("That is not a comment of this article.", 404)
    verdict = quote_link_allowed(request)
    if not verdict.allowed:
        message = (
            "Many quote links are being made just now; please try again in a few minutes."
            if verdict.everyone
            else "You have made many quote links in the last few minutes; please wait a while."
        )
        response = json_error(message, 429, retry_after=verdict.retry_after)
        response["Retry-After"] = str(verdict.retry_after)
        return response
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
    # A draft's quote is exactly as missing as one that never was: nothing tells them apart.
    if quote is None or not (quote.article.is_published or request.user.is_staff):
        return render(request, "archive/quote_missing.html", {"quote_id": quote_id[:40]}, status=404)
    article = quote.article

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
    revision = get_object_or_404(ArticleRevision, pgh_obj=article, number=number)
    changes = block_changes(
        _blocks(revision.standfirst, revision.body), _blocks(article.standfirst, article.body)
    )
    context = {"article": article, "revision": revision, "changes": changes}
    return render(request, "archive/revision_changes.html", context)


def _comment_revision(slug, comment_id, number):
    """A published article's comment's revision, or a 404."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = get_object_or_404(
        CommentRevision.objects.select_related("pgh_obj"),
        pgh_obj__article=article,
        pgh_obj_id=comment_id,
        number=number,
    )
    return article, revision


def comment_revision_changes(request, slug, comment_id, number):
    article, revision = _comment_revision(slug, comment_id, number)
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
    revision = get_object_or_404(ArticleRevision, pgh_obj=article, number=number)
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
    article, revision = _comment_revision(slug, comment_id, number)
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

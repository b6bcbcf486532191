"""Read-only revisions of a published article and of its comments, and what changed since each
(the pages a quote links to when its words have changed or gone)."""

from django.shortcuts import get_object_or_404, render

from archive.core.blocks import group_lists, split_blocks
from archive.models import Article, ArticleRevision, CommentRevision
from archive.revision_diff import block_changes
from archive.services.paragraph_ids import revision_ids
from archive.services.quotes import comment_parts


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

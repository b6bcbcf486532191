"""A piece keeps one identity: a re-paste updates it in place, whatever details come with it."""

import re
from pathlib import Path

import pytest

from archive.models import Article, Comment, SlugRedirect, Status
from archive.services.importer import PieceMetadata, import_source
from archive.services.seed import load_seed
from tests.factories import INVENTED_PASTE

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/archive/article/import/"
SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
NEWER_COMMENT = "\n\nInvented Latecomer 6 April, 2023 9:10 am\n\nStill waiting for the framework to arrive.\n"


def pulse_text() -> str:
    (path,) = [path for path in SOURCES.glob("002_*.txt")]
    return path.read_text(encoding="utf-8")


def test_repasting_the_seed_pulse_text_with_a_newer_comment_updates_the_original(curator_client):
    load_seed()
    original = Article.objects.get(title="Major government review suggests an end to a national GP contract")
    anchors = dict(original.comments.values_list("id", "author_name"))
    assert len(anchors) == 16
    articles_before = Article.objects.count()
    form = {"text": pulse_text() + NEWER_COMMENT, "status": ""}

    preview = curator_client.post(IMPORT_URL, {**form, "preview": "1"}).content.decode()
    assert "updates a stored piece" in preview and "new piece" not in preview
    assert re.search(rf'Updates\s*<a href="/admin/archive/article/{original.pk}/change/">', preview)
    assert "1 new comment" in preview and "the same printed title" in preview

    curator_client.post(IMPORT_URL, {**form, "confirm": "1"})
    assert Article.objects.count() == articles_before
    original.refresh_from_db()
    assert original.comments.count() == 17
    assert dict(original.comments.filter(id__in=anchors).values_list("id", "author_name")) == anchors
    assert original.comments.order_by("position").last().author_name == "Invented Latecomer"
    # What the first import was told and this paste did not say is kept.
    assert original.publication.name == "Pulse" and original.status == Status.PUBLISHED
    assert original.date_iso == "2023-04-04" and original.date_approximate


def test_a_titleless_piece_is_found_again_by_its_opening_words():
    untitled = INVENTED_PASTE.replace("Nowhereshire ICB tells practices to cut referrals\n\n", "", 2)
    first = import_source(untitled, PieceMetadata(title="A curator's title", publication="Gazette"))
    article = first.outcomes[0].article
    again = import_source(untitled.replace("9:05 am", "9:06 am"), PieceMetadata())
    assert again.outcomes[0].action == "updated" and again.outcomes[0].article == article
    article.refresh_from_db()
    assert article.title == "A curator's title" and article.title_supplied
    assert Article.objects.count() == 1


def test_a_different_publication_typed_by_the_curator_is_another_piece():
    import_source(INVENTED_PASTE, PieceMetadata(publication="Gazette"))
    other = import_source(INVENTED_PASTE.replace("9:05 am", "9:07 am"), PieceMetadata(publication="Herald"))
    assert other.outcomes[0].action == "created" and Article.objects.count() == 2


def test_merging_a_duplicate_moves_its_new_comments_and_redirects_its_address(curator_client):
    original = import_source(INVENTED_PASTE, PieceMetadata(publication="Gazette", status="published"))
    extra = "\nLate Reader 4 March, 2024 8:00 am\n\nA comment only the duplicate has.\n"
    duplicate = import_source(INVENTED_PASTE + extra, PieceMetadata(publication="Herald", status="published"))
    original, duplicate = original.outcomes[0].article, duplicate.outcomes[0].article
    assert original != duplicate and duplicate.slug != original.slug
    anchors = set(original.comments.values_list("id", flat=True))

    response = curator_client.post(
        "/admin/archive/article/",
        {"action": "merge", "_selected_action": [duplicate.pk, original.pk]},
        follow=True,
    )
    assert "1 comments moved, 2 already there" in response.content.decode()
    assert list(Article.objects.all()) == [original]
    assert Comment.objects.filter(article=original).count() == 3
    assert anchors <= set(original.comments.values_list("id", flat=True))
    assert SlugRedirect.objects.get(old_slug=duplicate.slug).article == original
    moved = curator_client.get(f"/articles/{duplicate.slug}/")
    assert moved.status_code == 301 and moved["Location"] == f"/articles/{original.slug}/"


def test_merging_needs_a_duplicate(curator_client):
    article = import_source(INVENTED_PASTE, PieceMetadata()).outcomes[0].article
    response = curator_client.post(
        "/admin/archive/article/", {"action": "merge", "_selected_action": [article.pk]}, follow=True
    )
    assert "at least one duplicate" in response.content.decode() and Article.objects.count() == 1

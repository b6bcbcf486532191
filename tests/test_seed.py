"""The seed archive: nine pieces and 21 comments, loaded through the importer, idempotently."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

import pytest

from archive.models import Article, Comment, Organisation, PolicyTerm, Status
from archive.services.seed import load_seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed archive, loaded once for the module in a transaction rolled back after it; each
    test's own changes are rolled back to its savepoint inside, so every test still starts from
    a freshly loaded seed (loading it for every test took 2.5 CPU-seconds a test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_seed()
        with django_db_blocker.block():
            yield report
        transaction.set_rollback(True)


def test_nine_published_articles_and_twenty_one_comments(seeded):
    assert Article.objects.count() == 9
    assert Article.objects.published().count() == 9
    assert Comment.objects.count() == 21
    assert Organisation.objects.count() >= 20 and PolicyTerm.objects.count() >= 40
    assert all(o.description for o in Organisation.objects.all())
    assert all(t.definition for t in PolicyTerm.objects.all())


def test_pieces_per_source_file(seeded):
    per_file = {}
    for article in Article.objects.all():
        per_file.setdefault(article.source_text[:40], []).append(article)
    assert sorted(len(group) for group in per_file.values()) == [1, 1, 1, 1, 1, 1, 1, 1, 1]
    listing_titles = [
        "Advice and Guidance: Centralised Micromanagement at its worst",
        "What do the Changes to NHS England and ICBs mean for General Practice?",
        "5 Things we can learn from the New GP Contract",
        "Neighbourhoods: 6 Things to Look Out For",
        "What is in Store for General Practice Next Year: Change is Coming",
    ]
    assert Article.objects.filter(title__in=listing_titles).count() == 5


def test_comments_with_exact_authors_and_times(seeded):
    hewitt = Article.objects.get(title__startswith="Major government review")
    less_target = Article.objects.get(title__contains="less target-driven")
    assert hewitt.comments.count() == 16 and less_target.comments.count() == 5
    finola = hewitt.comments.order_by("position").first()
    assert finola.author_name == "Finola ONeill"
    assert finola.posted_at == datetime(2023, 4, 4, 11, 17, tzinfo=ZoneInfo("Europe/London"))


def test_supplied_titles_and_unknown_facts_are_marked(seeded):
    supplied = set(Article.objects.filter(title_supplied=True).values_list("title", flat=True))
    assert supplied == {
        "NHS performance management and the 2026/27 GP contract",
        "How does performance management fit into the future NHS?",
    }
    for article in Article.objects.all():
        assert article.published_on is None or article.date_approximate, article.title
        if article.published_on is None:
            assert article.date_display == "Date unknown" and article.date_precision == "unknown"
        assert article.date_note  # every date says how it is known, or that it is not
    cornick = Article.objects.get(title__startswith="How does performance")
    assert [p.name for p in cornick.authors.all()] == ["Edward Cornick"]
    assert cornick.authors.get().organisation.slug == "nhs-providers"
    assert Article.objects.filter(authors__isnull=False).count() == 1  # nobody else is named as author


def test_loading_again_changes_nothing(seeded):
    before = list(Article.objects.order_by("pk").values_list("pk", "slug", "updated_at"))
    again = load_seed()
    assert [outcome.action for outcome in again.outcomes] == ["unchanged"] * 9
    assert again.organisations_created == again.terms_created == 0
    assert list(Article.objects.order_by("pk").values_list("pk", "slug", "updated_at")) == before
    assert Comment.objects.count() == 21


def test_curator_edits_survive_reloading(seeded):
    article = Article.objects.get(title__contains="less target-driven")
    article.status = Status.DRAFT
    article.save()
    organisation = Organisation.objects.get(slug="bma")
    organisation.description = "A curator's own wording."
    organisation.save()
    load_seed()
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert Organisation.objects.get(slug="bma").description == "A curator's own wording."


def test_seed_tags_are_sensible(seeded):
    hewitt = Article.objects.get(title__startswith="Major government review")
    bodies = set(hewitt.organisation_mentions.in_article_text().values_list("organisation__slug", flat=True))
    topics = set(hewitt.term_mentions.in_article_text().values_list("term__slug", flat=True))
    assert {"bma", "nhs-england", "dhsc", "rcgp"} <= bodies
    assert {"qof", "partnership-model"} <= topics


def test_every_page_the_load_test_asks_for_answers_on_the_seed(seeded, client):
    """`make loadtest` draws its URLs from the loaded archive: only pages readers can see."""
    from dev.management.commands.loadtest import Command

    paths = Command().paths()
    assert len(paths) > 10
    for path in paths:
        assert client.get(path).status_code == 200, path

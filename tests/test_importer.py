"""The import service against real PostgreSQL: storing, idempotency, updates, rollback, tags."""

import pytest

from archive.core.parser import ParseError
from archive.models import (
    Article,
    Comment,
    MentionStatus,
    OrganisationMention,
    Person,
    Publication,
    TermMention,
)
from archive.services.importer import PieceMetadata, import_source
from archive.services.tagging import tag_article
from tests.factories import INVENTED_PASTE, make_organisation, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy():
    return {
        "icb": make_organisation("Integrated care boards", "ICB", slug="icbs"),
        "bma": make_organisation("British Medical Association", "BMA", slug="bma"),
        "lmc": make_organisation("Local medical committees", "LMC", slug="lmcs"),
        "ag": make_term("Advice and Guidance", "A&G", slug="advice-and-guidance"),
        "micro": make_term("Micromanagement", slug="micromanagement"),
    }


def metadata(**fields):
    return PieceMetadata(publication="The Practice Gazette", status="published", **fields)


def test_import_creates_the_article_with_comments_and_tags(taxonomy):
    report = import_source(INVENTED_PASTE, metadata(published="2024-03-03"))
    (outcome,) = report.outcomes
    article = outcome.article
    assert outcome.action == "created" and outcome.comments_added == 2
    assert article.title == "Nowhereshire ICB tells practices to cut referrals"
    assert article.slug == "nowhereshire-icb-tells-practices-to-cut-referrals"
    assert article.standfirst.startswith("Practices in Nowhereshire have been told")
    assert article.status == "published" and article.date_display == "3 March 2024"
    assert article.publication.name == "The Practice Gazette"
    assert "sponsored advert" not in article.body and "The BMA said it would" in article.body
    assert [c.author_name for c in article.comments.all()] == ["Ann Onymous", "Rural Partner"]
    assert article.comments.first().body == "Another week, another ICB edict.\nWe are not a call centre."
    article_tags = {
        m.organisation.slug: m.count
        for m in OrganisationMention.objects.filter(article=article, comment=None)
    }
    assert article_tags == {"icbs": 2, "bma": 1, "lmcs": 2}
    comment_tags = TermMention.objects.filter(article=article, comment__isnull=False)
    assert {(m.comment.author_name, m.term.slug) for m in comment_tags} == {
        ("Rural Partner", "advice-and-guidance")
    }


def test_importing_the_same_text_twice_changes_nothing(taxonomy):
    first = import_source(INVENTED_PASTE, metadata())
    before = (Article.objects.count(), Comment.objects.count(), OrganisationMention.objects.count())
    second = import_source(INVENTED_PASTE, metadata())
    assert second.outcomes[0].action == "unchanged" and not second.changed
    assert second.outcomes[0].article.pk == first.outcomes[0].article.pk
    assert "Unchanged" in second.outcomes[0].describe()
    assert (Article.objects.count(), Comment.objects.count(), OrganisationMention.objects.count()) == before


def test_a_changed_text_updates_the_same_article_and_keeps_comment_anchors(taxonomy):
    first = import_source(INVENTED_PASTE, metadata()).outcomes[0].article
    comment_ids = list(first.comments.values_list("pk", flat=True))
    changed = (
        INVENTED_PASTE.replace("READERS' COMMENTS [2]", "READERS' COMMENTS [3]").replace(
            "The BMA said it would support practices that refused.",
            "The BMA said it would support practices that refused, and the RCGP agreed.",
        )
        + "\nNew Voice 4 March, 2024 8:00 am\n\nLate to this thread.\n"
    )
    outcome = import_source(changed, metadata()).outcomes[0]
    assert outcome.action == "updated"
    assert outcome.article.pk == first.pk and outcome.article.slug == first.slug
    assert outcome.comments_added == 1
    assert list(outcome.article.comments.values_list("pk", flat=True))[:2] == comment_ids
    assert "the RCGP agreed" in Article.objects.get(pk=first.pk).body
    assert Article.objects.count() == 1


def test_a_failure_in_any_piece_writes_nothing(taxonomy):
    broken = INVENTED_PASTE.replace(
        "Rural Partner 3 March, 2024 1:15 pm", "Rural Partner 30 February, 2024 1:15 pm"
    )
    with pytest.raises(ParseError, match="impossible date"):
        import_source(broken, metadata())
    assert Article.objects.count() == Comment.objects.count() == Publication.objects.count() == 0


def test_a_database_error_midway_rolls_back_everything(taxonomy, monkeypatch):
    import archive.services.importer

    def explode(*args, **kwargs):
        raise RuntimeError("the database went away mid-import")

    monkeypatch.setattr(archive.services.importer, "tag_article", explode)
    with pytest.raises(RuntimeError):
        import_source(INVENTED_PASTE, metadata(authors=["Dr Polly Invented"]))
    assert Article.objects.count() == Comment.objects.count() == Person.objects.count() == 0


def test_bad_metadata_is_a_clear_error_and_writes_nothing(taxonomy):
    with pytest.raises(ParseError, match="not a date"):
        import_source(INVENTED_PASTE, metadata(published="last Tuesday"))
    with pytest.raises(ParseError, match="not a status"):
        import_source(INVENTED_PASTE, PieceMetadata(status="maybe"))
    with pytest.raises(ParseError, match="source_url"):
        import_source(INVENTED_PASTE, metadata(source_url="javascript:alert(1)"))
    assert Article.objects.count() == 0


def test_a_text_without_title_needs_one(taxonomy):
    untitled = INVENTED_PASTE.replace("Nowhereshire ICB tells practices to cut referrals\n\n", "", 2)
    with pytest.raises(ParseError, match="no title"):
        import_source(untitled, metadata())
    article = import_source(untitled, metadata(title="A curator's title")).outcomes[0].article
    assert article.title_supplied and article.title == "A curator's title"


def test_unknown_and_approximate_dates_are_never_invented(taxonomy):
    unknown = import_source(INVENTED_PASTE, metadata()).outcomes[0]
    assert unknown.article.published_on is None and unknown.article.date_display == "Date unknown"
    assert any("date is unknown" in warning for warning in unknown.warnings)
    Article.objects.all().delete()
    approximate = (
        import_source(
            INVENTED_PASTE,
            metadata(published="2024-03", date_approximate=True, date_note="From the comments."),
        )
        .outcomes[0]
        .article
    )
    assert approximate.date_display == "c. March 2024" and approximate.date_precision == "month"


def test_bylines_become_authors_unless_given(taxonomy):
    text = INVENTED_PASTE.replace(
        "The BMA said it would", "Polly Invented\n\nPolly Invented\n\nThe BMA said it would"
    )
    article = import_source(text, metadata()).outcomes[0].article
    assert [p.name for p in article.authors.all()] == ["Polly Invented"]


def test_listing_imports_each_post_with_its_own_metadata(taxonomy):
    listing = (
        "First Post About The ICB\n\n"
        + "The ICB asked practices for more data every week. " * 5
        + "\n\nSecond Post On Advice And Guidance\n\n"
        + "Advice and Guidance is now required. " * 5
        + "\n\nPage 1 of 3\n123\n"
    )
    report = import_source(
        listing,
        PieceMetadata(status="published"),
        posts=[
            PieceMetadata(title="First Post About The ICB", published="2024-01"),
            PieceMetadata(title="Second Post On Advice And Guidance", status="draft"),
        ],
    )
    first, second = (outcome.article for outcome in report.outcomes)
    assert (first.status, first.date_display) == ("published", "January 2024")
    assert (second.status, second.date_display) == ("draft", "Date unknown")


class TestCuratorDecisionsSurviveRetagging:
    def test_confirm_add_and_reject_are_kept(self, taxonomy):
        article = import_source(INVENTED_PASTE, metadata()).outcomes[0].article
        mentions = OrganisationMention.objects.filter(article=article, comment=None)
        mentions.filter(organisation=taxonomy["icb"]).update(status=MentionStatus.CONFIRMED)
        mentions.filter(organisation=taxonomy["lmc"]).update(status=MentionStatus.REJECTED)
        TermMention.objects.filter(article=article, comment=None).delete()
        TermMention.objects.create(article=article, term=taxonomy["micro"], status=MentionStatus.ADDED)

        article.body = "Nothing about any organisation now. Micromanagement everywhere."
        article.save()
        tag_article(article)

        statuses = {
            m.organisation.slug: (m.status, m.count)
            for m in OrganisationMention.objects.filter(article=article, comment=None)
        }
        # The title still names the ICB; the LMC and BMA are gone from the text.
        assert statuses == {"icbs": ("confirmed", 1), "lmcs": ("rejected", 0)}
        added = TermMention.objects.get(article=article, term=taxonomy["micro"], comment=None)
        assert (added.status, added.count) == ("added", 1)

    def test_retagging_twice_changes_nothing(self, taxonomy):
        article = import_source(INVENTED_PASTE, metadata()).outcomes[0].article
        before = set(
            OrganisationMention.objects.values_list("organisation_id", "comment_id", "count", "status")
        )
        summary = tag_article(article)
        assert (summary.created, summary.updated, summary.removed) == (0, 0, 0)
        after = set(
            OrganisationMention.objects.values_list("organisation_id", "comment_id", "count", "status")
        )
        assert before == after


def test_a_date_printed_in_the_text_is_used_exactly(taxonomy):
    text = INVENTED_PASTE.replace(
        "Practices in Nowhereshire have been told", "2 March 2024\n\nPractices in Nowhereshire have been told"
    )
    article = import_source(text, metadata()).outcomes[0].article
    assert (article.date_display, article.date_approximate) == ("2 March 2024", False)
    curator_says = import_source(
        text.replace("Rural Partner", "Urban Partner"), metadata(published="2024-03")
    )
    assert curator_says.outcomes[0].article.date_display == "March 2024"  # the curator's word wins


def test_a_simultaneous_import_of_the_same_piece_is_a_clear_error(taxonomy, monkeypatch):
    from django.db import IntegrityError

    import archive.services.importer

    def collide(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint on import_key")

    monkeypatch.setattr(archive.services.importer, "_store_piece", collide)
    with pytest.raises(ParseError, match="at the same moment"):
        import_source(INVENTED_PASTE, metadata())
    assert Article.objects.count() == 0

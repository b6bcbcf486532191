"""The facet columns (migration 0013): each row's shown tags and authors, kept by triggers
(archive.models.facet_columns)."""

from django.db import connection

import pytest

from archive.models import Article, Comment, MentionStatus, OrganisationMention, TermMention
from archive.models.facet_columns import refresh_articles, refresh_comments
from dev.bench.corpus import CorpusSpec
from dev.bench.loader import GIN_INDEXES, load
from tests.factories import make_article, make_comment, make_organisation, make_person, make_term

pytestmark = pytest.mark.django_db


def stored(row) -> dict:
    table = row._meta.db_table
    columns = ["facet_organisations", "facet_terms"] + (["facet_authors"] if isinstance(row, Article) else [])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
        values = cursor.fetchone()
    return {name.removeprefix("facet_"): sorted(value) for name, value in zip(columns, values, strict=True)}


def test_only_shown_tags_are_stored_whatever_their_status():
    article = make_article()
    for status in MentionStatus:
        organisation = make_organisation(name=f"Body {status}", slug=f"body-{status}")
        OrganisationMention.objects.create(article=article, organisation=organisation, status=status)
        term = make_term(name=f"Term {status}", slug=f"term-{status}")
        TermMention.objects.create(article=article, term=term, status=status)
    shown = {str(status) for status in MentionStatus.shown()}
    expected_bodies = sorted(m.organisation_id for m in OrganisationMention.objects.filter(status__in=shown))
    expected_terms = sorted(m.term_id for m in TermMention.objects.filter(status__in=shown))
    assert stored(article) == {"organisations": expected_bodies, "terms": expected_terms, "authors": []}
    assert len(expected_bodies) == len(shown) < len(MentionStatus)


def test_a_rejected_or_deleted_tag_leaves_the_row_and_a_restored_one_returns():
    article = make_article()
    term = make_term()
    mention = TermMention.objects.create(article=article, term=term)
    assert stored(article)["terms"] == [term.pk]
    TermMention.objects.filter(pk=mention.pk).update(status=MentionStatus.REJECTED)
    assert stored(article)["terms"] == []
    TermMention.objects.filter(pk=mention.pk).update(status=MentionStatus.CONFIRMED)
    assert stored(article)["terms"] == [term.pk]
    mention.delete()
    assert stored(article)["terms"] == []


def test_a_comments_tags_are_its_own_not_its_articles():
    article = make_article()
    comment = make_comment(article)
    in_article = make_organisation(name="In the article", slug="in-article")
    in_comment = make_organisation(name="In a comment", slug="in-comment")
    OrganisationMention.objects.create(article=article, organisation=in_article)
    OrganisationMention.objects.create(article=article, comment=comment, organisation=in_comment)
    assert stored(article)["organisations"] == [in_article.pk]
    assert stored(comment) == {"organisations": [in_comment.pk], "terms": []}


def test_authors_follow_the_byline_and_a_renamed_slug():
    article = make_article()
    person = make_person(slug="dr-first")
    article.authors.add(person)
    assert stored(article)["authors"] == ["dr-first"]
    person.slug = "dr-renamed"
    person.save()
    assert stored(article)["authors"] == ["dr-renamed"]
    article.authors.remove(person)
    assert stored(article)["authors"] == []


def test_saving_an_instance_read_before_its_tags_changed_keeps_the_new_tags():
    article = make_article()
    stale = Article.objects.get(pk=article.pk)
    term = make_term()
    TermMention.objects.create(article=article, term=term)
    stale.title = "A corrected title"
    stale.save()
    assert stored(article)["terms"] == [term.pk]


def test_the_filters_read_the_columns():
    tagged, untagged = make_article(), make_article()
    term, body, person = make_term(), make_organisation(), make_person(slug="dr-byline")
    TermMention.objects.create(article=tagged, term=term)
    OrganisationMention.objects.create(article=tagged, organisation=body)
    tagged.authors.add(person)
    comment = make_comment(untagged)
    TermMention.objects.create(article=untagged, comment=comment, term=term)
    assert list(Article.objects.mentioning_terms([term])) == [tagged]
    assert list(Article.objects.mentioning_organisations([body.pk])) == [tagged]
    assert list(Article.objects.by_authors(["dr-byline"])) == [tagged]
    assert list(Comment.objects.mentioning_terms([term])) == [comment]
    # Inside a subquery Django renames the table; the column must follow it.
    assert list(Article.objects.filter(pk__in=Article.objects.mentioning_terms([term]).values("pk"))) == [
        tagged
    ]


def test_the_benchmark_loader_writes_what_the_triggers_would():
    indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s) ORDER BY 1"
    with connection.cursor() as cursor:
        cursor.execute(indexes, [list(GIN_INDEXES)])
        migrated = cursor.fetchall()
    load(CorpusSpec(articles=60, comments=300), progress=lambda message: None)
    with connection.cursor() as cursor:
        cursor.execute(indexes, [list(GIN_INDEXES)])
        assert cursor.fetchall() == migrated and len(migrated) == len(GIN_INDEXES)  # rebuilt as migrated
        cursor.execute("SELECT count(*) FROM archive_article WHERE facet_terms <> '{}'")
        assert cursor.fetchone()[0] > 0
        cursor.execute("SELECT count(*) FROM archive_comment WHERE facet_terms <> '{}'")
        assert cursor.fetchone()[0] > 0
        cursor.execute("SELECT md5(array_agg(a ORDER BY id)::text) FROM archive_article a")
        articles_before = cursor.fetchone()[0]
        cursor.execute("SELECT md5(array_agg(c ORDER BY id)::text) FROM archive_comment c")
        comments_before = cursor.fetchone()[0]
        # The triggers' own statements, over every row: nothing left to change.
        cursor.execute(refresh_articles("SELECT id FROM archive_article"))
        cursor.execute(refresh_comments("SELECT id FROM archive_comment"))
        cursor.execute("SELECT md5(array_agg(a ORDER BY id)::text) FROM archive_article a")
        assert cursor.fetchone()[0] == articles_before
        cursor.execute("SELECT md5(array_agg(c ORDER BY id)::text) FROM archive_comment c")
        assert cursor.fetchone()[0] == comments_before

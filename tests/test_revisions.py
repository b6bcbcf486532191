"""Revisions through django-pghistory (issue 18): every write path keeps a numbered revision of the
text, a change made through the site names its curator and request, the quote links that name a
revision number keep resolving, and the admin's History shows each revision with its diff."""

from django.core.cache import cache
from django.db import connection
from django.test import Client

import pytest

from archive.models import Article, ArticleRevision, Comment, CommentRevision
from archive.services.importer import PieceMetadata, import_source
from tests.factories import INVENTED_PASTE, article_change_form, make_article, make_comment

pytestmark = pytest.mark.django_db

BODY = (
    "Riverside Surgery in Nowhereshire said its list was full.\n\n"
    "The partners blamed funding for the decision.\n\n"
    "Patients were told to register with the practice in the next village."
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def numbers(article) -> list[int]:
    return list(article.revisions.order_by("number").values_list("number", flat=True))


def test_every_write_path_keeps_a_numbered_revision_of_the_text():
    article = make_article(body=BODY)  # ORM insert
    assert numbers(article) == [1]
    article.title = "Riverside Surgery closes its list"
    article.save()  # ORM save
    Article.objects.filter(pk=article.pk).update(standfirst="A practice in Nowhereshire.")  # bulk update
    with connection.cursor() as cursor:  # raw SQL
        cursor.execute("UPDATE archive_article SET body = body || ' Updated.' WHERE id = %s", [article.pk])
    article.refresh_from_db()
    article.title = "Riverside Surgery's list closes"
    Article.objects.bulk_update([article], ["title"])  # bulk_update
    article.status = "draft"
    article.save()  # no change to the text: no revision
    assert numbers(article) == [1, 2, 3, 4, 5]
    latest = article.revisions.get(number=5)
    assert (latest.title, latest.standfirst, latest.body) == (article.title, article.standfirst, article.body)
    assert [r.pgh_label for r in article.revisions.order_by("number")] == ["insert"] + ["update"] * 4
    assert latest.context == {}  # not made through the site: nobody to name

    comment = make_comment(article, body="First thoughts.")
    Comment.objects.filter(pk=comment.pk).update(body="Second thoughts.")
    assert list(comment.revisions.order_by("number").values_list("number", "body")) == [
        (1, "First thoughts."),
        (2, "Second thoughts."),
    ]


def test_the_importer_keeps_a_revision_of_what_it_wrote():
    report = import_source(INVENTED_PASTE, PieceMetadata(publication="The Practice Gazette"))
    (outcome,) = report.outcomes
    article = outcome.article
    assert numbers(article) == [1]
    assert article.revisions.get().body == article.body
    assert CommentRevision.objects.filter(pgh_obj__article=article).count() == article.comments.count() > 0


def test_numbers_carry_on_from_the_revisions_kept_before_pghistory():
    """Revisions written by migration 0007's triggers keep their numbers (migration 0024 moved no row):
    the next one is numbered after the highest, whatever wrote it."""
    article = make_article(body=BODY)
    with (
        connection.cursor() as cursor
    ):  # a revision as the old triggers left it: no label of pghistory's, no context
        cursor.execute(
            "INSERT INTO archive_articlerevision (pgh_obj_id, number, title, standfirst, body,"
            " pgh_created_at, pgh_label) VALUES (%s, 7, 'Old', '', 'Old text.', now(), 'update')",
            [article.pk],
        )
    Article.objects.filter(pk=article.pk).update(body="New text.")
    assert numbers(article) == [1, 7, 8]


def test_editing_an_article_in_the_admin_records_the_curator_and_the_request(curator, curator_client):
    article = make_article(body=BODY)
    url = f"/admin/archive/article/{article.pk}/change/"
    data = article_change_form(article, body=BODY.replace("full", "closed"))
    assert curator_client.post(url, data).status_code == 302
    revision = article.revisions.get(number=2)
    assert "closed" in revision.body
    assert revision.context == {
        "user": curator.pk,
        "username": "curator",
        "url": url,
        "method": "POST",
    }
    assert article.revisions.get(number=1).context == {}  # made by the factory, outside any request


def test_editing_a_comment_in_the_admin_records_the_curator(curator, curator_client):
    article = make_article(body=BODY)
    comment = make_comment(article, body="Not this again.")
    url = f"/admin/archive/comment/{comment.pk}/change/"
    page = curator_client.get(url)
    form = page.context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update(body="Not this again, surely.", article=article.pk)
    data["posted_at_0"], data["posted_at_1"] = "2024-05-01", "09:30:00"
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert comment.revisions.get(number=2).context["username"] == "curator"


def test_quote_links_to_a_revision_keep_resolving_after_edits(client, curator_client):
    article = make_article("Contract uplift confirmed", slug="uplift", body=BODY)
    made = client.post("/q/", {"article": "uplift", "exact": "The partners blamed funding"})
    assert made.status_code == 201
    url = made.json()["url"].removeprefix("http://testserver")
    edited = BODY.replace("The partners blamed funding for the decision.", "The partners gave no reason.")
    data = article_change_form(article, body=edited)
    assert curator_client.post(f"/admin/archive/article/{article.pk}/change/", data).status_code == 302
    html = client.get(url).content.decode()
    assert "/articles/uplift/revisions/1/" in html  # the quote's revision, by its number
    assert ArticleRevision.objects.get(quotes__isnull=False).number == 1
    revision_page = client.get("/articles/uplift/revisions/1/").content.decode()
    assert "The partners blamed funding for the decision." in revision_page
    changes = client.get("/articles/uplift/revisions/1/changes/").content.decode()
    assert "gave no reason" in changes


def test_the_admin_history_shows_each_revision_with_who_and_a_diff(curator_client):
    article = make_article(body=BODY)
    change_url = f"/admin/archive/article/{article.pk}/change/"
    history_url = f"/admin/archive/article/{article.pk}/history/"
    assert f'href="{history_url}"' in curator_client.get(change_url).content.decode()  # the History button
    data = article_change_form(
        article, title="Riverside Surgery closes its list", body=BODY.replace("full", "closed")
    )
    assert curator_client.post(change_url, data).status_code == 302
    Article.objects.filter(pk=article.pk).update(standfirst="Added by a command.")
    response = curator_client.get(history_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Revision 3") < html.index("Revision 2") < html.index("Revision 1")  # newest first
    assert "curator" in html and f"POST {change_url}" in html
    assert "not recorded" in html  # revision 3, written outside the site
    assert "<del>full.</del>" in html and "<ins>closed.</ins>" in html  # the words that changed
    assert "<del>Invented practice</del>" in html and "<ins>Riverside Surgery</ins>" in html  # the title's
    assert "Added by a command." in html
    assert "/revisions/2/" in html  # each revision's public page


def test_a_comments_history_and_who_may_see_it(curator_client):
    comment = make_comment(make_article(body=BODY), body="Not this again.")
    Comment.objects.filter(pk=comment.pk).update(body="Not this again, surely.")
    url = f"/admin/archive/comment/{comment.pk}/history/"
    html = curator_client.get(url).content.decode()
    assert "Revision 2" in html and "<ins>again, surely.</ins>" in html
    assert Client().get(url).status_code == 302  # to the login page

"""Who sees and does what: anonymous readers see only published pieces; curators curate, nothing more."""

from django.test import Client

import pytest

from archive.models import Article, Quote, Status
from archive.services.quotes import make_quote
from archive.services.tagging import tag_article
from tests.conftest import made_once_for_the_module
from tests.factories import make_article, make_comment, make_organisation, make_person, make_term

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarification"


@pytest.fixture(scope="module")
def _draft_rows(django_db_setup, django_db_blocker):
    """Made once for the module (conftest.made_once_for_the_module)."""
    with made_once_for_the_module(django_db_blocker, _make_draft) as quote:
        yield quote.pk


@pytest.fixture
def draft(_draft_rows, db):
    return Quote.objects.get(pk=_draft_rows)  # each test's own, read again


def _make_draft():
    make_organisation("Integrated care boards", "ICB", slug="icbs")
    make_term("Advice and Guidance", "A&G", slug="advice-and-guidance")
    author = make_person("Dr Draft Author", slug="draft-author")
    published = make_article(
        "A published piece about the ICB", slug="published", body="The ICB and A&G today."
    )
    article = make_article(
        f"{SECRET} draft about the ICB",
        slug="the-draft",
        status=Status.PUBLISHED,
        body=f"{SECRET} of A&G by the ICB.",
    )
    article.authors.add(author)
    make_comment(article, "Insider", f"{SECRET} comment.")
    for piece in (published, article):
        tag_article(piece)
    quote, _ = make_quote(article, None, f"{SECRET} of A&G by the ICB.")
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    return quote


class TestAnonymousReadersSeeOnlyPublishedPieces:
    def test_the_draft_page_is_404(self, client, draft):
        assert client.get("/articles/the-draft/").status_code == 404
        assert client.get("/articles/the-draft/revisions/").status_code == 404

    def test_absent_from_search_hits_and_facet_counts(self, client, draft):
        data = client.get("/api/search/", {"q": SECRET}).json()
        assert data["total"] == 0 and data["hits"] == []
        everything = client.get("/api/search/").json()
        assert everything["total"] == 1
        kinds = {value["value"]: value["count"] for value in everything["facets"]["kind"]}
        assert kinds == {"article": 1}
        icb = {value["value"]: value["count"] for value in everything["facets"]["org"]}
        assert icb == {"icbs": 1}
        html = client.get("/search/", {"q": SECRET}).content.decode()
        assert "Nothing matches" in html and "the-draft" not in html

    def test_absent_from_home_topic_body_and_person_pages(self, client, draft):
        for url in ["/", "/topics/advice-and-guidance/", "/organisations/icbs/", "/people/draft-author/"]:
            html = client.get(url).content.decode()
            assert SECRET not in html, url
            assert "the-draft" not in html, url

    def test_no_did_you_mean_from_draft_words(self, client, draft):
        assert client.get("/api/search/", {"q": "zanzibarificaton"}).json()["suggestion"] is None

    def test_quote_links_to_it_are_a_plain_404_and_new_ones_refused(self, client, draft):
        missing = client.get("/q/nosuchquote")
        response = client.get(draft.get_absolute_url())
        assert response.status_code == missing.status_code == 404
        # Nothing tells a draft's quote from one that never was, but the id in the address.
        assert response.content.decode().replace(draft.pk, "nosuchquote") == missing.content.decode()
        response = client.post("/q/", {"article": "the-draft", "exact": SECRET})
        assert response.status_code == 404

    def test_curators_can_preview_it(self, curator_client, draft):
        assert curator_client.get("/articles/the-draft/").status_code == 200


class TestCuratorsCurateButDoNotAdminister:
    @pytest.mark.parametrize(
        "url",
        ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/group/add/"],
    )
    def test_no_user_or_group_management(self, curator_client, url):
        assert curator_client.get(url).status_code == 403

    def test_cannot_promote_themselves(self, curator_client, curator):
        response = curator_client.post(f"/admin/auth/user/{curator.pk}/change/", {"is_superuser": "on"})
        assert response.status_code == 403
        curator.refresh_from_db()
        assert not curator.is_superuser

    def test_can_curate(self, curator_client, draft):
        for url in [
            "/admin/archive/article/",
            "/admin/archive/article/import/",
            "/admin/archive/quote/add/",
            "/admin/archive/organisationmention/",
            "/admin/archive/policyterm/add/",
        ]:
            assert curator_client.get(url).status_code == 200, url

    def test_cannot_delete_pieces_or_quotes(self, curator_client, draft):
        article = Article.objects.get(slug="the-draft")
        assert curator_client.get(f"/admin/archive/article/{article.pk}/delete/").status_code == 403
        assert curator_client.get(f"/admin/archive/quote/{draft.pk}/delete/").status_code == 403

    def test_anonymous_users_cannot_reach_the_admin(self, draft):
        response = Client().get("/admin/archive/article/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

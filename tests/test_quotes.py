"""Quote links: making them, opening them, and what happens when the text changes."""

import re

from django.core.cache import cache
from django.test import Client

import pytest

from archive.models import Article, Quote, Status
from archive.services.quotes import make_quote
from tests.factories import article_change_form, make_article, make_comment, make_organisation, make_person

pytestmark = pytest.mark.django_db

BODY = (
    "The ICB wrote to every practice in Nowhereshire on Monday.\n\n"
    "Dr Polly Invented said the letter was a step too far for practices already at breaking point.\n\n"
    "The LMC will meet next week to decide what to do."
)
QUOTE = "the letter was a step too far for practices already at breaking point"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # rate-limit counters live in the database cache


@pytest.fixture
def article():
    return make_article("Practices push back on ICB letter", slug="push-back", body=BODY, standfirst="A row.")


def post_quote(client, **data):
    return client.post("/q/", data)


class TestMakingALink:
    def test_a_passage_gets_a_link_and_the_same_passage_the_same_link(self, client, article):
        first = post_quote(client, article="push-back", exact=QUOTE, prefix="said ", suffix=".")
        assert first.status_code == 201
        body = first.json()
        assert re.fullmatch(r"http://testserver/q/[a-z2-7]{10}", body["url"])
        assert "“Practices push back on ICB letter”" in body["citation"] and "(accessed " in body["citation"]
        again = post_quote(client, article="push-back", exact=f"  {QUOTE.replace(' ', '  ')} ")
        assert again.status_code == 200 and again.json()["id"] == body["id"]
        quote = Quote.objects.get()
        assert quote.article_revision == article.revisions.get() and quote.exact == QUOTE

    @pytest.mark.parametrize(
        "data, status, message",
        [
            ({"article": "push-back"}, 400, "Give the article"),
            ({"exact": QUOTE}, 400, "Give the article"),
            ({"article": "push-back", "exact": "words nobody wrote here"}, 400, "not in this article"),
            ({"article": "push-back", "exact": "practice"}, 400, "more than once"),
            ({"article": "push-back", "exact": "ab"}, 400, "a few words"),
            ({"article": "push-back", "exact": "x" * 5000}, 400, "at most"),
            ({"article": "no-such-piece", "exact": QUOTE}, 404, "no published article"),
            ({"article": "push-back", "exact": QUOTE, "comment": "abc"}, 400, "not a comment"),
            ({"article": "push-back", "exact": QUOTE, "comment": "999999"}, 404, "not a comment"),
        ],
    )
    def test_bad_requests_are_refused_clearly(self, client, article, data, status, message):
        response = post_quote(client, **data)
        assert response.status_code == status
        assert message in response.json()["error"]
        assert Quote.objects.count() == 0

    def test_drafts_cannot_be_quoted(self, client):
        make_article("Draft", slug="draft", body=BODY, status=Status.DRAFT)
        assert post_quote(client, article="draft", exact=QUOTE).status_code == 404

    def test_comments_can_be_quoted(self, client, article):
        comment = make_comment(article, "Rural Partner", "We were never asked.\nNot once, in ten years.")
        response = post_quote(
            client, article="push-back", comment=str(comment.pk), exact="never asked. Not once"
        )
        assert response.status_code == 201
        quote = Quote.objects.get()
        assert quote.comment == comment and quote.comment_revision == comment.revisions.get()
        assert "Rural Partner, reader's comment" in response.json()["citation"]

    def test_a_comment_of_another_article_is_refused(self, client, article):
        other = make_article("Other", slug="other")
        comment = make_comment(other, "Someone", "We were never asked about it.")
        response = post_quote(client, article="push-back", comment=str(comment.pk), exact="never asked")
        assert response.status_code == 404

    def test_csrf_is_required(self, article):
        strict = Client(enforce_csrf_checks=True)
        assert strict.post("/q/", {"article": "push-back", "exact": QUOTE}).status_code == 403
        assert strict.get("/q/").status_code == 405

    def test_rate_limited_per_client(self, client, article):
        words = BODY.replace("\n", " ").split()
        statuses = []
        for start in range(25):
            exact = " ".join(words[start : start + 4])
            statuses.append(post_quote(client, article="push-back", exact=exact).status_code)
        assert 429 in statuses and statuses.index(429) == 20
        limited = post_quote(client, article="push-back", exact=QUOTE)
        assert limited.status_code == 429 and "wait" in limited.json()["error"]
        other_client = Client(REMOTE_ADDR="10.9.8.7")
        assert other_client.post("/q/", {"article": "push-back", "exact": QUOTE}).status_code == 201


class TestOpeningALink:
    def test_the_quote_is_marked_with_preview_metadata_and_a_citation(self, client, article):
        quote, _ = make_quote(article, None, QUOTE)
        html = client.get(quote.get_absolute_url()).content.decode()
        assert f'<mark class="quote-mark" id="quote" tabindex="-1" autofocus>{QUOTE}</mark>' in html
        assert f'<meta property="og:description" content="“{QUOTE}”">' in html
        assert f'<meta property="og:url" content="http://testserver/q/{quote.pk}">' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html
        assert f'<link rel="canonical" href="http://testserver/q/{quote.pk}">' in html
        assert (
            f"Author unknown, “Practices push back on ICB letter”, 1 May 2024: “{QUOTE}”. GP Contract" in html
        )
        assert "no longer in the" not in html

    def test_text_added_before_the_quote_still_finds_it(self, client, article):
        quote, _ = make_quote(article, None, QUOTE)
        article.body = "A new first paragraph added by a curator.\n\n" + article.body
        article.save()
        html = client.get(quote.get_absolute_url()).content.decode()
        assert f">{QUOTE}</mark>" in html and "edited since" not in html

    def test_an_edit_inside_the_quote_marks_the_nearest_passage(self, client, article):
        quote, _ = make_quote(article, None, QUOTE)
        article.body = article.body.replace("a step too far", "one step too far")
        article.save()
        html = client.get(quote.get_absolute_url()).content.decode()
        assert "the letter was one step too far for practices already at breaking point</mark>" in html
        assert "the passage they became is marked" in html
        # The note stands right before the mark, inside the same paragraph, so it is in view with it.
        note = re.search(
            r'<span class="quote-changed" role="note">(.*?)</span><mark class="quote-mark" id="quote"', html
        )
        assert note and QUOTE in note.group(1) and "what changed" in note.group(1)

    def test_a_deleted_quote_is_shown_as_it_was_with_its_revision(self, client, article):
        quote, _ = make_quote(article, None, QUOTE)
        article.body = "The ICB wrote to every practice.\n\nThe LMC will meet next week."
        article.save()
        html = client.get(quote.get_absolute_url()).content.decode()
        assert "no longer in the piece as it now reads" in html
        assert f"“{QUOTE}”" in html and "<mark" not in html
        revision_url = f"/articles/push-back/revisions/{quote.article_revision.number}/"
        assert revision_url in html
        old = client.get(revision_url).content.decode()
        assert QUOTE in old and "It has been edited since" in old

    def test_a_comment_quote_is_marked_inside_the_comment(self, client, article):
        comment = make_comment(article, "Rural Partner", "We were never asked.\nNot once, in ten years.")
        quote, _ = make_quote(article, comment, "never asked. Not once")
        html = client.get(quote.get_absolute_url()).content.decode()
        assert (
            '<mark class="quote-mark" id="quote" tabindex="-1" autofocus>never asked.<br>Not once</mark>'
            in html
        )

    def test_an_unknown_id_is_a_404_that_offers_search(self, client):
        response = client.get("/q/nosuchquote")
        assert response.status_code == 404
        assert "There is no quote at this address" in response.content.decode()
        assert 'action="/search/"' in response.content.decode()
        assert client.get("/q/" + "x" * 300).status_code == 404

    def test_a_quote_of_an_unpublished_piece_is_a_plain_404(self, article, curator_client):
        quote, _ = make_quote(article, None, QUOTE)
        Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
        response = Client().get(quote.get_absolute_url())
        assert response.status_code == 404
        assert "There is no quote at this address" in response.content.decode()
        assert QUOTE not in response.content.decode() and article.title not in response.content.decode()
        assert curator_client.get(quote.get_absolute_url()).status_code == 200

    def test_editing_the_article_in_the_admin_keeps_the_link(self, curator_client, article):
        quote, _ = make_quote(article, None, QUOTE)
        body = "An opening line the curator added.\n\n" + article.body.replace("Monday", "Tuesday")
        data = article_change_form(article, body=body)
        response = curator_client.post(f"/admin/archive/article/{article.pk}/change/", data)
        assert response.status_code == 302
        assert article.revisions.count() == 2
        html = Client().get(quote.get_absolute_url()).content.decode()
        assert f">{QUOTE}</mark>" in html


class TestRevisions:
    def test_every_change_of_text_is_a_revision_even_in_raw_sql(self, article):
        from django.db import connection

        article.body += "\n\nOne more paragraph."
        article.save()
        Article.objects.filter(pk=article.pk).update(title="A new title")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE archive_article SET standfirst = 'Changed in SQL.' WHERE id = %s", [article.pk]
            )
        Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED)  # not a text change
        numbers = list(article.revisions.order_by("number").values_list("number", "title", "standfirst"))
        assert [number for number, _, _ in numbers] == [1, 2, 3, 4]
        assert numbers[-1][1:] == ("A new title", "Changed in SQL.")

    def test_revision_pages(self, client, article):
        article.body = "Rewritten entirely."
        article.save()
        listing = client.get("/articles/push-back/revisions/").content.decode()
        assert "Revision 2" in listing and "Revision 1" in listing
        first = client.get("/articles/push-back/revisions/1/").content.decode()
        assert QUOTE in first and "It has been edited since" in first
        assert "This is the current text" in client.get("/articles/push-back/revisions/2/").content.decode()
        assert client.get("/articles/push-back/revisions/3/").status_code == 404

    def test_comment_revision_page(self, client, article):
        comment = make_comment(article, "Rural Partner", "First words.")
        comment.body = "Second words."
        comment.save()
        page = client.get(f"/articles/push-back/comments/{comment.pk}/revisions/1/").content.decode()
        assert "First words." in page and "Revision 2" in page

    def test_revisions_of_drafts_are_not_public(self, client):
        make_article("Draft", slug="a-draft", status=Status.DRAFT)
        assert client.get("/articles/a-draft/revisions/").status_code == 404
        assert client.get("/articles/a-draft/revisions/1/").status_code == 404


class TestCuratedQuotes:
    def test_shown_on_the_speakers_body_and_topic_pages(self, client, article):
        from archive.services.tagging import tag_article
        from tests.factories import make_term

        body = make_organisation("Local medical committees", "LMC", slug="lmcs")
        make_term("Breaking point", slug="breaking-point")
        tag_article(article)
        speaker = make_person("Dr Polly Invented", slug="polly", organisation=body)
        quote, _ = make_quote(article, None, QUOTE)
        quote.speaker, quote.speaker_role = speaker, "LMC chair"
        quote.save()
        for url in ("/people/polly/", "/organisations/lmcs/", "/topics/breaking-point/"):
            html = client.get(url).content.decode()
            assert "Who said what" in html and f"“{QUOTE}”" in html, url
            assert quote.get_absolute_url() in html

    def test_curators_attribute_quotes_in_the_admin(self, curator_client, article):
        speaker = make_person("Dr Polly Invented", slug="polly")
        data = {
            "article": article.pk,
            "exact": QUOTE,
            "speaker": speaker.pk,
            "speaker_role": "LMC chair",
            "note": "",
        }
        response = curator_client.post("/admin/archive/quote/add/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        quote = Quote.objects.get()
        assert quote.speaker == speaker and quote.start > 0 and quote.article_revision is not None
        again = curator_client.post("/admin/archive/quote/add/", data).content.decode()
        assert "already quoted" in again
        wrong = curator_client.post(
            "/admin/archive/quote/add/", {**data, "exact": "words not there"}
        ).content.decode()
        assert "not in this article" in wrong
        assert curator_client.post(f"/admin/archive/quote/{quote.pk}/delete/").status_code == 403

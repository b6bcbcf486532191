"""Issue 14: a quote's link preview names who said it and carries a 1200×630 PNG card."""

import io
import re

from django.core.cache import cache

import pytest
from PIL import Image

from archive.services.quote_cards import draw_card
from archive.services.quotes import make_quote
from tests.factories import make_article, make_comment, make_organisation, make_person, make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def article():
    piece = make_article(
        "Practices count the cost of the uplift",
        slug="cost",
        body="Dr Imogen Testwell said the uplift would not cover the rise in staff pay this year.",
        publication=make_publication("The Practice Gazette"),
    )
    piece.authors.add(make_person("Rhiannon Reporter"))
    return piece


def meta(html: str, name: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert found, name
    return found.group(1)


def test_a_comment_quote_names_the_commenter_and_has_a_png_card(client, article):
    comment = make_comment(article, author_name="Finola Testperson", body="We are running on goodwill alone.")
    quote, _ = make_quote(article, comment, "running on goodwill alone")
    html = client.get(f"/q/{quote.pk}").content.decode()
    assert meta(html, "og:title") == "Finola Testperson, reader&#x27;s comment on The Practice Gazette"
    assert meta(html, "twitter:title") == meta(html, "og:title")
    assert meta(html, "og:description") == "“running on goodwill alone”"
    assert meta(html, "twitter:card") == "summary_large_image"
    image_url = meta(html, "og:image")
    assert image_url == f"http://testserver/q/{quote.pk}/card.png" == meta(html, "twitter:image")
    response = client.get(image_url)
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert client.get(image_url).content == response.content  # from the cache, the same card


def test_article_quotes_name_the_authors_and_curated_ones_their_speaker(client, curator_client, article):
    quote, _ = make_quote(article, None, "would not cover the rise in staff pay")
    html = client.get(f"/q/{quote.pk}").content.decode()
    assert meta(html, "og:title") == "Rhiannon Reporter, in The Practice Gazette"
    quote.speaker = make_person("Dr Imogen Testwell")
    quote.speaker_role = "GP partner"
    quote.speaker_organisation = make_organisation("Wessex Practice Alliance", "WPA")
    quote.save()
    html = client.get(f"/q/{quote.pk}").content.decode()
    assert meta(html, "og:title") == "Dr Imogen Testwell, GP partner, WPA"


def test_drafts_have_no_card_and_long_quotes_fit(client, article):
    quote, _ = make_quote(article, None, "would not cover the rise in staff pay")
    article.status = "draft"
    article.save()
    assert client.get(f"/q/{quote.pk}/card.png").status_code == 404
    assert client.get("/q/nosuchquote/card.png").status_code == 404
    png = draw_card(
        "word " * 400 + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3, "A " * 80, "“A title”"
    )
    assert Image.open(io.BytesIO(png)).size == (1200, 630)

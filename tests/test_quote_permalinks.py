"""Issue 14: quote links made through POST /q/, then the piece edited through the ORM and the
admin. A link finds words that survive, says so beside the mark when they changed, and says
"no longer in the piece" (with its revision and what changed) rather than mark other words."""

import re

from django.core.cache import cache

import pytest

from tests.factories import article_change_form, make_article

pytestmark = pytest.mark.django_db

BODY = (
    "GP practices in England will receive a funding uplift of 7.4 per cent next year, NHS England "
    "has confirmed.\n\n"
    "Dr Amelia Hart, chair of the Wessex LMC, said the deal would deliver stability for practices "
    "across England.\n\n"
    "Dr Benedict Osei, a partner in Leeds, said the settlement did not go far enough.\n\n"
    "Practices have seen running costs rise sharply this year."
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def article():
    return make_article("Contract uplift confirmed", slug="uplift", body=BODY)


def link(client, exact) -> str:
    response = client.post("/q/", {"article": "uplift", "exact": exact})
    assert response.status_code == 201, response.content
    return response.json()["url"].removeprefix("http://testserver")


def marked(html: str) -> list[str]:
    return re.findall(r'<mark class="quote-mark"[^>]*>(.*?)</mark>', html, re.S)


def test_a_quote_whose_paragraph_went_is_gone_even_if_its_words_stand_elsewhere(client, article):
    url = link(client, "deliver stability for practices across England")
    blocks = article.body.split("\n\n")
    blocks[2] = (
        "Dr Benedict Osei said the settlement would not deliver stability for practices across England."
    )
    article.body = "\n\n".join([blocks[0], *blocks[2:]])
    article.save()
    html = client.get(url).content.decode()
    assert marked(html) == []
    assert "These words are no longer in the piece" in html
    assert "/articles/uplift/revisions/1/" in html and "/articles/uplift/revisions/1/changes/" in html


def test_a_corrected_figure_is_marked_with_a_note_beside_it_not_found_elsewhere(
    client, curator_client, article
):
    url = link(client, "7.4 per cent")
    body = BODY.replace("7.4 per cent", "6.1 per cent").replace(
        "running costs rise sharply", "running costs rose by 7.4 per cent"
    )
    response = curator_client.post(
        f"/admin/archive/article/{article.pk}/change/", article_change_form(article, body=body)
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert marked(html) == ["6.1 per cent"]
    note = re.search(r'<span class="quote-changed" role="note">(.*?)</span><mark', html, re.S)
    assert note and "<q>7.4 per cent</q>" in note.group(1)


def test_a_two_paragraph_quote_reworded_has_its_note_at_the_first_mark(client, article):
    url = link(client, "across England. Dr Benedict Osei, a partner in Leeds")
    article.body = article.body.replace("across England.", "across the country.").replace(
        "Dr Benedict Osei", "Dr Ben Osei"
    )
    article.save()
    html = client.get(url).content.decode()
    assert marked(html) == ["across the country.", "Dr Ben Osei, a partner in Leeds"]
    assert html.index('class="quote-changed"') < html.index('id="quote"') < html.index("Dr Ben Osei")


def test_words_that_survive_a_paragraph_added_at_the_top_are_found(client, curator_client, article):
    url = link(client, "did not go far enough")
    body = "Updated with a response from the BMA.\n\n" + BODY
    curator_client.post(
        f"/admin/archive/article/{article.pk}/change/", article_change_form(article, body=body)
    )
    html = client.get(url).content.decode()
    assert marked(html) == ["did not go far enough"] and "quote-changed" not in html


def test_the_changes_page_shows_removed_and_added_words(client, article):
    article.body = article.body.replace("7.4", "6.1")
    article.save()
    html = client.get("/articles/uplift/revisions/1/changes/").content.decode()
    assert "<del>7.4</del>" in html and "<ins>6.1</ins>" in html
    assert client.get("/articles/uplift/revisions/9/changes/").status_code == 404


def test_a_comment_quote_gives_the_pages_local_time_everywhere(client, article):
    from datetime import UTC, datetime

    from tests.factories import make_comment

    comment = make_comment(
        article,
        author_name="Finola Testperson",
        body="The uplift is swallowed whole by staff costs at our practice.",
        posted_at=datetime(2023, 4, 4, 11, 49, tzinfo=UTC),  # 12:49 in London (BST)
    )
    page = client.get("/articles/uplift/").content.decode()
    assert "4 April 2023, 12:49 p.m." in page
    made = client.post("/q/", {"article": "uplift", "comment": comment.pk, "exact": "swallowed whole"}).json()
    assert "(4 April 2023, 12:49 p.m.)" in made["citation"]
    assert "“swallowed whole”" in made["citation"]  # what "Copy citation" copies
    quote_page = client.get(f"/q/{made['id']}").content.decode()
    assert "(4 April 2023, 12:49 p.m.)" in quote_page
    api = client.get(f"/api/quotes/{made['id']}/").json()
    assert "12:49 p.m." in api["citation"] and api["comment"]["posted_at"] == "2023-04-04T12:49:00+01:00"
    ris = client.get(f"/q/{made['id']}/citation.ris").content.decode()
    assert "DA  - 2023/04/04/12:49+01:00" in ris
    bib = client.get(f"/q/{made['id']}/citation.bib").content.decode()
    assert "date = {2023-04-04T12:49:00+01:00}" in bib
    for text in (made["citation"], quote_page, ris, bib, str(api)):
        assert "11:49" not in text

"""Issue 14: paragraph links (#p-<id>) land on the same paragraph after edits; old #p-<n> links
keep working through ?p=<n>. The pure diff first, then pages edited through the ORM and admin."""

import re

import pytest

from archive.core.paragraph_ids import carry_ids, first_ids
from tests.factories import article_change_form, make_article

P = ["Alpha paragraph about the contract.", "Bravo paragraph on funding.", "Charlie on access.", "Delta."]


def ids_after(new):
    ids, high = first_ids(P)
    return carry_ids(P, ids, new, high)


@pytest.mark.parametrize(
    "new, expected_ids, expected_high",
    [
        (P, [1, 2, 3, 4], 4),
        (["A new first paragraph.", *P], [5, 1, 2, 3, 4], 5),
        ([P[0], P[1], "Inserted.", P[2], P[3]], [1, 2, 5, 3, 4], 5),
        ([P[0], P[2], P[3]], [1, 3, 4], 4),
        ([P[3], P[0], P[1], P[2]], [4, 1, 2, 3], 4),
        ([P[0], "Bravo paragraph on funding, corrected.", P[2], P[3]], [1, 2, 3, 4], 4),
        ([P[0], "Something else entirely, nothing like it.", P[2], P[3]], [1, 5, 3, 4], 5),
        ([P[1], P[0], "Charlie on access, now longer.", P[3], P[3]], [2, 1, 3, 4, 5], 5),
        ([], [], 4),
    ],
    ids=["same", "top", "middle", "deleted", "moved", "edited", "replaced", "mixed", "emptied"],
)
def test_ids_carried_by_diffing(new, expected_ids, expected_high):
    assert ids_after(new) == (expected_ids, expected_high)


def test_a_removed_id_is_never_given_again():
    ids, high = ids_after([P[0], P[1], P[2]])  # Delta (4) removed
    ids, high = carry_ids([P[0], P[1], P[2]], ids, [P[0], P[1], P[2], "Echo."], high)
    assert ids == [1, 2, 3, 5]


def paragraph_ids(html: str) -> dict[str, str]:
    """id -> the paragraph's text at the start."""
    return {
        anchor: text.strip()[:20]
        for anchor, text in re.findall(r'<(?:p|h2|li) id="(p-\d+)"[^>]*>([^<]*)', html)
    }


@pytest.mark.django_db
def test_paragraph_links_land_on_the_same_paragraph_after_edits(client, curator_client):
    article = make_article(slug="ids", body="\n\n".join(P))
    before = paragraph_ids(client.get("/articles/ids/").content.decode())
    assert before == {"p-1": P[0][:20], "p-2": P[1][:20], "p-3": P[2][:20], "p-4": P[3][:20]}

    body = "\n\n".join(["Echo, a new paragraph at the top.", P[0], P[2], P[1]])  # added, removed, moved
    response = curator_client.post(
        f"/admin/archive/article/{article.pk}/change/", article_change_form(article, body=body)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    article.body = article.body.replace("Charlie on access.", "Charlie on access, corrected.")
    article.save()
    after = paragraph_ids(client.get("/articles/ids/").content.decode())
    assert after == {
        "p-5": "Echo, a new paragrap",
        "p-1": P[0][:20],
        "p-3": "Charlie on access, c",
        "p-2": P[1][:20],
    }

    # An old #p-<n> link (n as numbered before ids were stable) through the server's fallback.
    assert client.get("/articles/ids/?p=2")["Location"] == "/articles/ids/#p-2"
    assert client.get("/articles/ids/?p=4")["Location"] == "/articles/ids/revisions/1/#p-4"  # removed since
    assert client.get("/articles/ids/?p=1&rev=2")["Location"] == "/articles/ids/#p-5"
    for bad in ("?p=99", "?p=x", "?p=1&rev=y"):
        assert client.get(f"/articles/ids/{bad}")["Location"] == "/articles/ids/"
    revision_page = client.get("/articles/ids/revisions/1/").content.decode()
    assert '<p id="p-4">Delta.</p>' in revision_page
    api = client.get("/api/articles/ids/").json()
    assert [block["id"] for block in api["blocks"]] == [5, 1, 3, 2]

    # An article edited before ids came in: the migration numbered its text as it then stood
    # (revision 2 here) and old links to revision 1's paragraphs are followed through the diff.
    from archive.models import ArticleRevision

    old = make_article(slug="older", body="\n\n".join(P))
    old.body = "\n\n".join([P[1], P[2], P[3]])  # Alpha removed before ids came in
    old.save()
    ArticleRevision.objects.filter(pgh_obj=old, number=2).update(block_ids=[1, 2, 3], block_id_high=3)
    assert paragraph_ids(client.get("/articles/older/").content.decode())["p-1"] == P[1][:20]
    assert client.get("/articles/older/?p=2&rev=1")["Location"] == "/articles/older/#p-1"
    assert client.get("/articles/older/?p=1&rev=1")["Location"] == "/articles/older/revisions/1/#p-1"
    assert client.get("/articles/older/?p=3")["Location"] == "/articles/older/#p-3"

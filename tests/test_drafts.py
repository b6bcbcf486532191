"""A draft is invisible in every way (issue 17): its new author and publication, its words in
"did you mean", its quote link, on every public URL pattern."""

from itertools import product

from django.db import connection
from django.test import Client

import pytest

from archive.models import Article, Organisation, Person, PolicyTerm, Publication, Quote, Status
from archive.search.vocabulary import refresh_vocabulary
from archive.services.importer import PieceMetadata, import_source
from archive.services.quotes import make_quote
from archive.services.tagging import tag_article
from tests.conftest import made_once_for_the_module
from tests.factories import INVENTED_PASTE, make_article, make_organisation, make_person, make_term
from tests.url_patterns import public_patterns

pytestmark = pytest.mark.django_db

AUTHOR, PUBLICATION, TOPIC, BODY = "Quentin Draftworthy", "The Hidden Gazette", "Secretfund", "Clandestinia"
SECRETS = [AUTHOR, "Draftworthy", PUBLICATION, "Hidden Gazette", TOPIC, BODY, "Zorblefrum"]


@pytest.fixture(scope="module")
def _draft_rows(django_db_setup, django_db_blocker):
    """Made once for the module (conftest.made_once_for_the_module)."""
    with made_once_for_the_module(django_db_blocker, _make_rows) as rows:
        yield {name: row.pk for name, row in rows.items()}


@pytest.fixture
def with_a_draft(_draft_rows, db):
    """A published piece, and a draft imported (as the issue did) with a new author and
    publication, a topic and a body named only in it, a comment and a quote: each test's own
    objects, read again."""
    return {
        "draft": Article.objects.get(pk=_draft_rows["draft"]),
        "quote": Quote.objects.get(pk=_draft_rows["quote"]),
        "published": Article.objects.get(pk=_draft_rows["published"]),
    }


def _make_rows():
    make_organisation("Integrated care boards", "ICB", slug="icbs")
    make_term("Advice and Guidance", "A&G", slug="advice-and-guidance")
    make_organisation(BODY, slug="clandestinia")
    make_term(TOPIC, slug="secretfund")
    published = make_article("A published piece about the ICB", slug="published", body="The ICB and A&G.")
    published.authors.add(make_person("Dr Open Author", slug="open-author"))
    paste = INVENTED_PASTE.replace(
        "The BMA said it would support practices that refused.",
        f"Zorblefrum: {BODY} and the {TOPIC} were discussed.",
    )
    report = import_source(
        paste,
        PieceMetadata(authors=[AUTHOR], publication=PUBLICATION, status="draft", published="2024-03-03"),
    )
    draft = report.outcomes[0].article
    assert draft.status == Status.DRAFT and draft.comments.exists()
    tag_article(published)
    # A curated quote from the draft, attributed to its author and body.
    Article.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    quote, _ = make_quote(draft, None, "Zorblefrum")
    Quote.objects.filter(pk=quote.pk).update(
        speaker=Person.objects.get(name=AUTHOR), speaker_organisation=Organisation.objects.get(name=BODY)
    )
    Article.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    refresh_vocabulary()
    return {"draft": draft, "quote": Quote.objects.get(pk=quote.pk), "published": published}


def test_public_is_only_what_a_published_piece_brings(with_a_draft):
    assert list(Person.objects.public().values_list("name", flat=True)) == ["Dr Open Author"]
    assert not Publication.objects.public().exists()
    assert set(Organisation.objects.public().values_list("slug", flat=True)) == {"icbs"}
    assert set(PolicyTerm.objects.public().values_list("slug", flat=True)) == {"advice-and-guidance"}
    Article.objects.filter(pk=with_a_draft["draft"].pk).update(status=Status.PUBLISHED)
    assert Person.objects.public().count() == 2 and Publication.objects.public().count() == 1
    assert {"clandestinia", "secretfund"} <= set(
        Organisation.objects.public().values_list("slug", flat=True)
    ) | set(PolicyTerm.objects.public().values_list("slug", flat=True))


def test_the_vocabulary_takes_the_same_names_as_public(with_a_draft):
    """The materialized view (migration 0016) says in SQL what ``.public()`` says in the ORM."""

    def vocabulary():
        with connection.cursor() as cursor:
            cursor.execute("SELECT word FROM archive_searchword")
            return {row[0] for row in cursor.fetchall()}

    assert not {"quentin", "draftworthy", "hidden", "secretfund", "clandestinia", "zorblefrum"} & vocabulary()
    assert {"open", "author", "integrated"} <= vocabulary()
    Article.objects.filter(pk=with_a_draft["draft"].pk).update(status=Status.PUBLISHED)
    refresh_vocabulary()
    assert {"quentin", "draftworthy", "secretfund", "clandestinia", "zorblefrum"} <= vocabulary()


def test_no_suggestion_from_a_draft(with_a_draft):
    for typo in ("Draftworty", "Clandestina", "Secretfnd", "Zorblefum"):
        assert Client().get("/api/search/", {"q": typo}).json()["suggestion"] is None, typo


def test_the_draft_quote_link_is_a_plain_404(with_a_draft):
    quote = with_a_draft["quote"]
    for url in (f"/q/{quote.pk}", f"/api/quotes/{quote.pk}/", f"/q/{quote.pk}/citation.bib"):
        assert Client().get(url).status_code == 404, url


def fillings(draft, quote, published):
    """Values for each URL parameter: the draft's and its new names', and published ones."""
    author = Person.objects.get(name=AUTHOR)
    publication = Publication.objects.get(name=PUBLICATION)
    return {
        "slug": [draft.slug, author.slug, publication.slug, "clandestinia", "secretfund", published.slug],
        "quote_id": [quote.pk],
        "comment_id": [draft.comments.first().pk],
        "number": ["1"],
        "extension": ["bib", "json"],
        "facet": ["author", "publication", "org", "term"],  # the every-value page of a facet
    }


QUERIES = [
    "",
    "?q=Zorblefrum",
    "?author={author}",
    "?publication={publication}&org=clandestinia&term=secretfund",
    "?q=Draftworty",
]


def test_every_public_url_pattern_with_a_draft_present(with_a_draft):
    draft, quote, published = with_a_draft["draft"], with_a_draft["quote"], with_a_draft["published"]
    values = fillings(draft, quote, published)
    author, publication = Person.objects.get(name=AUTHOR).slug, Publication.objects.get(name=PUBLICATION).slug
    client = Client()
    walked = 0
    for pattern in public_patterns():
        choices = [values[name] for name in pattern.parameters]
        for combination in product(*choices):
            path = pattern.fill(**dict(zip(pattern.parameters, combination, strict=True)))
            for query in QUERIES:
                url = path + query.format(author=author, publication=publication)
                method = client.post if pattern.name == "quote_create" else client.get
                response = method(url)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                text = body.decode("utf-8", "replace")
                for secret in SECRETS:
                    if secret not in query:  # a search's own words are shown back, of course
                        assert secret not in text, (url, secret)
                names_a_piece = pattern.parameters != ("facet",)  # a facet's every-value page names none
                if published.slug not in combination and "{" in pattern.template and names_a_piece:
                    # Every address of the draft or of what only it brings is missing.
                    assert response.status_code in (404, 405), (url, response.status_code)
                walked += 1
    assert walked > 200


def test_curators_still_see_and_find_the_draft_in_the_admin(with_a_draft, curator_client):
    draft = with_a_draft["draft"]
    assert curator_client.get(draft.get_absolute_url()).status_code == 200
    assert curator_client.get(f"/q/{with_a_draft['quote'].pk}").status_code == 200
    assert AUTHOR in curator_client.get("/admin/archive/person/").content.decode()

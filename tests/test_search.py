"""Search and facets on the seed archive, with counts worked out by hand from the source texts.

How the expected numbers were found: grep over fixtures/sources/ for each word
(e.g. `grep -io "micromanag[a-z]*"`), then reading which piece or comment each
line belongs to. "micromanagement" (stemmed: micromanag*) is in 4 articles (the
Advice and Guidance post, the NHS England changes post, the "less
target-driven" article, the Cornick essay) and 3 comments (Finola ONeill and
Dr No on the Hewitt article, Bonglim Bong on the "less target-driven" one).
"""

from datetime import date

from django.db import connection

import pytest

from archive.models import Article, Comment, Organisation, Person, PolicyTerm, Publication, Quote, Status
from archive.search.vocabulary import refresh_vocabulary
from archive.services.seed import load_seed
from tests.factories import make_article, make_comment
from tests.kept_index import index_module_rows


@pytest.fixture(scope="module", autouse=True)
def seed_archive(django_db_setup, django_db_blocker, search_index_dir):
    """The seed archive, loaded once for this module and removed after it; indexed once too (the
    outbox applied and emptied, committed), see `_search_index` below."""
    with django_db_blocker.unblock():
        load_seed()
        index_module_rows(search_index_dir)
    yield
    with django_db_blocker.unblock():
        Quote.objects.all().delete()  # quotes protect their articles
        Article.objects.all().delete()
        for model in (Person, Publication, Organisation, PolicyTerm):
            model.objects.all().delete()
        refresh_vocabulary()


pytestmark = pytest.mark.django_db


@pytest.fixture
def _search_index(kept_search_index):
    """The seed indexed once for the module (`seed_archive`) and kept between its tests
    (tests/conftest.py, `kept_search_index`), instead of emptied and filled again by each."""


def search(client, query_string):
    response = client.get(f"/api/search/?{query_string}")
    assert response.status_code == 200, response.content
    return response.json()


def facet(data, name):
    return {value["value"]: value["count"] for value in data["facets"][name]}


class TestQuerySyntax:
    def test_empty_query_browses_everything_newest_first(self, client):
        data = search(client, "")
        assert data["total"] == 9 + 21
        assert data["sort"] == "newest"
        assert facet(data, "kind") == {"article": 9, "comment": 21}

    @pytest.mark.parametrize("q", ["the", "!!!", "   ", "and or not", '""', "-"])
    def test_stop_words_and_punctuation_browse_everything(self, client, q):
        data = search(client, f"q={q}")
        assert data["total"] == 30

    def test_a_word_and_its_forms(self, client):
        data = search(client, "q=micromanagement")
        assert facet(data, "kind") == {"article": 4, "comment": 3}
        assert data["hits"][0]["title"] == "Advice and Guidance: Centralised Micromanagement at its worst"

    def test_quoted_phrase(self, client):
        data = search(client, 'q="unwarranted variation"')
        assert data["total"] == 4  # the 2026/27 post and three posts of the listing
        assert {hit["kind"] for hit in data["hits"]} == {"article"}

    def test_exclusion(self, client):
        assert search(client, "q=QOF")["total"] == 4
        # The glossary names ARRS in full too: a third piece says only "additional roles".
        assert search(client, "q=ARRS")["total"] == 3
        assert search(client, "q==ARRS")["total"] == 2  # the word alone
        assert search(client, "q=QOF -ARRS")["total"] == 4
        assert search(client, "q==ARRS -PCN")["total"] == 0
        # An exclusion is never expanded: the piece naming ARRS in full says "primary care
        # networks", not "PCN", so -PCN keeps it.
        assert search(client, "q=ARRS -PCN")["total"] == 1

    def test_or(self, client):
        assert search(client, "q=QOF OR ARRS")["total"] == 7  # ARRS named in full too
        assert search(client, "q=QOF OR =ARRS")["total"] == 6

    def test_names_of_commenters_are_searchable(self, client):
        data = search(client, "q=Finola")
        assert facet(data, "kind") == {"comment": 3}  # her two, and David Jenner's reply naming her


class TestFacets:
    def test_counts_follow_the_query(self, client):
        data = search(client, "q=micromanagement")
        assert facet(data, "publication") == {"pulse": 4}
        assert facet(data, "year") == {"2025": 2, "2023": 2, "2022": 2}
        assert facet(data, "author") == {
            "bonglim-bong": 1,
            "dr-no": 1,
            "edward-cornick": 1,
            "finola-oneill": 1,
        }

    def test_two_facets_combine_with_and_and_counts_show_what_each_choice_gives(self, client):
        data = search(client, "q=micromanagement&kind=comment&publication=pulse")
        assert data["total"] == 3
        assert facet(data, "kind") == {
            "comment": 3,
            "article": 1,
        }  # the article count: with kind=article instead
        assert facet(data, "year") == {"2023": 2, "2022": 1}
        assert facet(data, "publication") == {"pulse": 3}

    def test_values_of_one_facet_combine_with_or(self, client):
        assert search(client, "q=micromanagement&year=2022")["total"] == 2
        assert search(client, "q=micromanagement&year=2022&year=2023")["total"] == 4

    def test_date_range(self, client):
        data = search(client, "from=2023-04-05&to=2023-04-05")
        assert data["total"] == 4  # the comments of 5 April 2023: Bonglim Bong (12:26 am) to Dave Haddock
        assert {hit["kind"] for hit in data["hits"]} == {"comment"}
        assert "on or after 5 April 2023" in data["description"]

    def test_selected_values_are_marked_and_kept_at_zero(self, client):
        data = search(client, "q=Hewitt&kind=comment&org=bma")
        assert data["total"] == 0
        bma = next(value for value in data["facets"]["org"] if value["value"] == "bma")
        assert bma == {
            "value": "bma",
            "label": "BMA",
            "name": "British Medical Association",
            "count": 0,
            "selected": True,
        }


class TestHostileParameters:
    @pytest.mark.parametrize(
        "query_string, note",
        [
            ("from=notadate", "Enter a valid date"),
            ("to=2023-02-30", "Enter a valid date"),
            ("sort=DROP TABLE archive_article", "not one we know"),
            ("org=no-such-body", "no body “no-such-body”"),
            ("term=<script>", "no topic"),
            ("publication=' OR 1=1 --", "no publication"),
            ("author=<script>alert(1)</script>", "Author"),
            ("year=abc", "Year"),
            ("kind=everything", "Kind"),
            ("q=" + "a" * 5000, "shortened"),
        ],
    )
    def test_bad_values_are_explained_and_ignored(self, client, query_string, note):
        name, value = query_string.split("=", 1)
        page = client.get("/search/", {name: value})
        assert page.status_code == 200
        assert note in page.content.decode()
        data = client.get("/api/search/", {name: value}).json()
        assert any(note in text for text in data["notes"]), data["notes"]
        if name != "q":
            assert data["total"] == 30  # the bad filter was ignored, not applied

    @pytest.mark.parametrize("page", ["-1", "0", "abc", "99", "1.5", "1e3"])
    def test_a_bad_page_is_a_404(self, client, page):
        assert client.get("/search/", {"page": page}).status_code == 404
        assert client.get("/api/search/", {"page": page}).status_code == 404

    def test_digits_other_than_0_to_9_are_refused_at_the_door(self, client):
        assert client.get("/search/", {"page": "²"}).status_code == 400  # archive/edge.py
        assert client.get("/api/search/", {"page": "²"}).status_code == 400

    def test_sql_looking_queries_are_just_words(self, client):
        for q in ["'; DROP TABLE archive_article; --", "a & b | !c", "(((", "<->", ":*", "\\"]:
            assert client.get("/search/", {"q": q}).status_code == 200
        assert Article.objects.count() == 9


class TestSnippetsAreEscaped:
    def test_hostile_text_and_query_never_reach_the_page_unescaped(self, client):
        article = make_article(
            "<script>alert('title')</script> contract",
            body="The contract <img src=x onerror=alert(1)> said <b>bold</b> things about the contract.",
        )
        make_comment(article, "<i>Evil</i>", "A contract <script>alert(2)</script> comment.")
        html = client.get("/search/", {"q": "contract"}).content.decode()
        for raw in ["<script>alert", "<img src=x", "<b>bold", "<i>Evil"]:
            assert raw not in html
        echoed = client.get("/search/", {"q": "contract <script>alert(3)</script>"}).content.decode()
        assert "<script>alert(3)" not in echoed and "&lt;script&gt;alert(3)" in echoed
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "<mark>contract</mark>" in html
        data = client.get("/api/search/", {"q": "contract"}).json()
        article_hit = next(
            hit for hit in data["hits"] if hit["id"] == article.pk and hit["kind"] == "article"
        )
        assert "&lt;img" in article_hit["snippet_html"] and "<mark>" in article_hit["snippet_html"]
        assert "<img src=x" in article_hit["snippet"]  # the plain snippet is text, for JSON readers


class TestDidYouMean:
    def test_a_misspelling_is_corrected(self, client):
        data = search(client, "q=micromanagment")
        assert data["suggestion"] == "micromanagement"
        html = client.get("/search/", {"q": "micromanagment"}).content.decode()
        assert 'Did you mean <a href="/search/?q=micromanagement">micromanagement</a>?' in html

    def test_misspelt_names_are_corrected(self, client):
        assert search(client, "q=hewit revew")["suggestion"] == "hewitt review"

    def test_no_suggestion_for_known_words(self, client):
        assert search(client, "q=micromanagement")["suggestion"] is None

    def test_drafts_lend_no_words_to_suggestions(self, client):
        make_article("Zanzibarification of general practice", slug="draft-word", status=Status.DRAFT)
        refresh_vocabulary()
        assert search(client, "q=zanzibarificaton")["suggestion"] is None


class TestNoResults:
    def test_says_which_filter_to_remove(self, client):
        html = client.get("/search/", {"q": "Hewitt", "kind": "comment", "org": "bma"}).content.decode()
        assert "Nothing matches this search" in html
        assert "Remove “Kind: Comments”</a>: 2 results" in html
        assert "Remove “Body: BMA”</a>: 4 results" in html


class TestDraftsAreInvisible:
    def test_drafts_are_not_hits_or_counted(self, client):
        draft = make_article("Secret draft about micromanagement", status=Status.DRAFT)
        make_comment(draft, "Insider", "micromanagement again")
        data = search(client, "q=micromanagement")
        assert facet(data, "kind") == {"article": 4, "comment": 3}


class TestIndexIsAlwaysCurrent:
    def test_bulk_update_and_raw_sql_are_indexed(self, client):
        article = Article.objects.get(title__startswith="Major government review")
        Article.objects.filter(pk=article.pk).update(standfirst="A standfirst about quangocracy.")
        assert [hit["id"] for hit in search(client, "q=quangocracy")["hits"]] == [article.pk]
        comment = Comment.objects.filter(author_name="Dr No").get()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE archive_comment SET body = 'Flibbertigibbet.' WHERE id = %s", [comment.pk])
        hits = search(client, "q=flibbertigibbet")["hits"]
        assert [(hit["kind"], hit["id"]) for hit in hits] == [("comment", comment.pk)]


class TestHtmlAndJsonAgree:
    @pytest.mark.parametrize(
        "query_string", ["q=micromanagement", "kind=comment&sort=oldest", "q=QOF&year=2022"]
    )
    def test_same_hits_and_total(self, client, query_string):
        data = search(client, query_string)
        html = client.get(f"/search/?{query_string}").content.decode()
        assert data["description"].replace("“", "&ldquo;") in html or data["description"] in html
        positions = [
            html.index(f'href="{hit["url"].removeprefix("http://testserver")}"') for hit in data["hits"]
        ]
        assert positions == sorted(positions)


def test_query_count_is_bounded(client, django_assert_max_num_queries):
    # Each includes storing the search in the cache (about 8 statements of Django's DatabaseCache)
    # and, for each kind, the savepoint and SET LOCAL that keep the match set on its index.
    with django_assert_max_num_queries(42):
        client.get("/search/", {"q": "micromanagement", "kind": "comment", "org": "bma", "year": "2023"})
    with django_assert_max_num_queries(42):
        client.get("/search/")


def test_pagination_keeps_the_state(client):
    html = client.get("/search/", {"kind": "comment", "sort": "oldest"}).content.decode()
    assert "Page 1 of 2" in html
    assert 'href="/search/?kind=comment&amp;sort=oldest&amp;page=2"' in html
    second = client.get("/search/", {"kind": "comment", "sort": "oldest", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and 'start="21"' in second


def test_browse_pages_are_the_search_prefiltered(client):
    html = client.get("/topics/qof/").content.decode()
    assert "4 results" in html and "Quality and Outcomes Framework" in html
    assert '<div class="year-chart" aria-hidden="true"><svg viewBox=' in html
    within = client.get("/topics/qof/", {"q": "Jarvis"}).content.decode()
    assert "1 result for “Jarvis”" in within
    person = client.get("/people/edward-cornick/").content.decode()
    assert "1 result" in person


def test_glossary_links_first_mention_per_section(client):
    article = Article.objects.get(title__startswith="Major government review")
    html = client.get(article.get_absolute_url()).content.decode()
    qof_links = html.count('class="glossary-link" href="/topics/qof/"')
    assert qof_links == 1  # QOF is named twice in the body's one section
    assert html.count('href="/topics/hewitt-review/"') >= 1


def test_a_hits_tags_are_its_own_shown_ones_most_mentioned_first():
    from archive.models import MentionStatus, OrganisationMention, TermMention
    from archive.search.hits import TAGS_SHOWN, hydrate
    from tests.factories import make_organisation, make_term

    article = make_article(title="Tagged piece")
    comment = make_comment(article)
    bodies = [make_organisation(name=f"Body {n}", slug=f"tag-body-{n}") for n in range(4)]
    topics = [make_term(name=f"Topic {n}", slug=f"tag-topic-{n}") for n in range(5)]
    for count, body in enumerate(bodies, start=1):  # Body 3 is the most mentioned
        OrganisationMention.objects.create(article=article, organisation=body, count=count)
    for count, topic in enumerate(topics, start=1):
        TermMention.objects.create(article=article, term=topic, count=count)
    TermMention.objects.filter(term=topics[4]).update(status=MentionStatus.REJECTED)
    TermMention.objects.create(article=article, comment=comment, term=topics[0], count=1)
    article_hit, comment_hit = hydrate(
        [{"kind": "article", "pk": article.pk}, {"kind": "comment", "pk": comment.pk}]
    )
    assert [body.name for body in article_hit.organisations] == ["Body 3", "Body 2", "Body 1"]
    assert [topic.name for topic in article_hit.terms] == ["Topic 3", "Topic 2", "Topic 1"]
    assert len(article_hit.organisations) + len(article_hit.terms) == TAGS_SHOWN
    assert article_hit.more_tags == 4 + 4 - TAGS_SHOWN  # the rejected topic is not counted
    assert [topic.name for topic in comment_hit.terms] == ["Topic 0"] and comment_hit.organisations == []


def test_the_benchmark_peer_gets_the_published_archive_with_its_tags_and_a_full_text_index(tmp_path):
    """The SQLite copy Datasette serves in `make bench` (dev.bench.peer): only what readers see."""
    import json
    import sqlite3

    from dev.bench.peer import export, peer_paths

    path = export(tmp_path / "peer.db")
    peer = sqlite3.connect(path)
    published = Article.objects.published()
    assert peer.execute("SELECT count(*) FROM articles").fetchone()[0] == published.count()
    assert peer.execute("SELECT count(*) FROM comments").fetchone()[0] == Comment.objects.published().count()
    article = published.filter(term_mentions__term__slug="qof").first()
    terms, year = peer.execute("SELECT terms, year FROM articles WHERE id = ?", [article.pk]).fetchone()
    assert "qof" in json.loads(terms)
    assert year == (article.published_on.year if article.published_on else None)
    found = peer.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'micromanagement'"
    ).fetchall()
    assert {row[0] for row in found} == set(
        published.filter(body__icontains="micromanagement").values_list("pk", flat=True)
    )
    paths = peer_paths(
        "peer",
        {
            "phrase": '"QOF"',
            "broad": "practice",
            "year": "2015",
            "org": "bma",
            "article_id": article.pk,
            "term": "qof",
        },
    )
    assert set(paths) == set("abcdeg")  # a quote permalink (f) has no Datasette equivalent
    assert "_facet_array=terms" in paths["a"] and "_searchmode=raw" in paths["a"]


def test_a_hit_dated_to_the_month_is_not_given_a_day(client):
    make_article(title="Vaccination payments reviewed", date_precision="month", published_on=date(2024, 5, 1))
    hits = search(client, "q=vaccination+payments+reviewed&kind=article")["hits"]
    assert [hit["date"] for hit in hits if hit["title"] == "Vaccination payments reviewed"] == ["2024-05"]


def test_a_trimmed_facet_keeps_the_chosen_values_and_says_how_many_more_there_are():
    from collections import Counter

    from django.http import QueryDict

    from archive.search.facets import SHOWN_VALUES, Tally, build_facet
    from archive.search.state import SearchState

    tally = Tally(counts=Counter({f"commenter-{n}": 100 - n for n in range(80)}))
    tally.trim(50, always={"commenter-79"})
    assert len(tally.counts) == 51 and tally.counts["commenter-79"] == 21 and tally.trimmed == 29
    state = SearchState(QueryDict("author=commenter-79"), "/search/")
    facet = build_facet("author", "Author", tally, state)
    assert facet.values[0].value == "commenter-79" and facet.values[0].selected
    assert facet.hidden == 80 - 1 - SHOWN_VALUES  # every value with hits not shown, trimmed or not

"""The search index: ranking, snippets, exact facet counts, and staying in step with PostgreSQL.

Every test makes its own small archive; the index is emptied before each test
(tests/conftest.py) and filled from the outbox as the searches run.
"""

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.db import connection, transaction

import pytest

from archive.models import Comment, MentionStatus, SearchOutbox, Status, TermMention
from archive.search import indexer, query
from archive.search.backend import SearchRequest
from tests.factories import (
    article_change_form,
    make_article,
    make_comment,
    make_organisation,
    make_person,
    make_publication,
    make_term,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parent.parent


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [hit["title"] for hit in data["hits"]]


class TestQueryTree:
    def test_words_phrases_or_and_exclusions(self):
        tree = query.parse('contract "global sum" -QOF ARRS OR PCN')
        assert tree == query.AllOf(
            (
                query.Word("contract"),
                query.Phrase("global sum"),
                query.Not(query.Word("QOF")),
                query.AnyOf((query.Word("ARRS"), query.Word("PCN"))),
            )
        )

    @pytest.mark.parametrize(
        "text", ["", "OR", '"', "- -- ---", '"unclosed phrase', "OR OR a OR", "\x00\x07"]
    )
    def test_anything_parses(self, text):
        tree = query.parse(text)
        assert isinstance(tree, query.AllOf)


class TestRanking:
    def test_titles_above_standfirsts_above_bodies_above_comments(self, client):
        filler = "The partners met on Tuesday to discuss the rota and the car park."
        in_body = make_article(title="A meeting", body=f"{filler} They spoke of indemnity.")
        in_standfirst = make_article(title="Another meeting", standfirst="All about indemnity.", body=filler)
        in_title = make_article(title="Indemnity for all", body=filler)
        make_comment(make_article(title="Unrelated", body=filler), body=f"{filler} And indemnity.")
        data = api(client, q="indemnity")
        assert data["total"] == 4
        assert titles(data)[:3] == [in_title.title, in_standfirst.title, in_body.title]
        assert data["hits"][3]["kind"] == "comment"

    def test_more_of_the_words_ranks_higher_and_a_broad_search_is_ranked(self, client):
        for number in range(30):
            make_article(title=f"Routine note {number}", body="Funding was mentioned once.")
        best = make_article(title="Funding, funding", body="Funding funding funding formula funding.")
        data = api(client, q="funding")
        assert data["total"] == 31 and data["sort"] == "relevance"
        assert titles(data)[0] == best.title

    def test_snippets_mark_the_words_and_escape_the_text(self, client):
        make_article(
            title="A <b>bold</b> claim",
            body="Nothing here.\n\nThe <script>alert(1)</script> indemnity scheme was extended.",
        )
        (hit,) = api(client, q="indemnity")["hits"]
        assert "<mark>indemnity</mark>" in hit["snippet_html"]
        assert "&lt;script&gt;" in hit["snippet_html"] and "<script>" not in hit["snippet_html"]
        assert "indemnity scheme" in hit["snippet"]
        html = client.get("/search/", {"q": "bold claim"}).content.decode()
        assert "<mark>bold</mark>" in html and "&lt;b&gt;" in html

    def test_phrase_or_exclusion_and_empty(self, client):
        make_article(title="One", body="The global sum rose this year.")
        make_article(title="Two", body="The sum was global in reach.")
        make_article(title="Three", body="Nothing about money here at all.")
        assert titles(api(client, q='"global sum"')) == ["One"]
        assert sorted(titles(api(client, q="global -reach"))) == ["One"]
        assert sorted(titles(api(client, q="reach OR money"))) == ["Three", "Two"]
        assert api(client, q="")["total"] == 3
        assert api(client, q="the")["total"] == 3  # nothing to search for: everything, newest first


LONG_WORD = "x" * 45  # over the analyser's 40 letters: not indexed, and no phrase spans it


def _contains_run(text: str, words: list[str]) -> bool:
    """The reader's meaning of a quoted phrase, worked out here without the index: the words
    one after another in one text (a title, a standfirst or a body), in any letter case."""
    written = re.findall(r"[^\W_]+", text.lower())
    return any(written[place : place + len(words)] == words for place in range(len(written)))


def test_a_quoted_phrase_finds_exactly_the_texts_holding_its_words_in_order(client):
    """Phrases are matched by their word pairs (archive.search.schema.WORD_PAIRS): compared with
    the phrase found by reading the texts, for random texts over a small vocabulary (so that
    words repeat and pairs recur), phrases of 2 to 4 words cut from the texts or made up, and a
    text's title ending and body starting with words a phrase could join across."""
    rng = random.Random(4)
    words = "rota list fund board care plan the of in".split()
    texts = {}
    for number in range(30):
        title = f"Piece {number} " + " ".join(rng.choices(words, k=2))
        standfirst = " ".join(rng.choices(words, k=rng.randint(0, 4)))
        chosen = rng.choices(words + [LONG_WORD], weights=[6] * len(words) + [1], k=rng.randint(3, 14))
        body = " ".join(chosen).capitalize() + "."
        make_article(title=title, standfirst=standfirst, body=body)
        texts[title] = (title, standfirst, body)
    phrases = set()
    for _ in range(60):
        text = " ".join(texts[rng.choice(list(texts))]).lower().replace(LONG_WORD, "").split()
        start = rng.randrange(max(1, len(text) - 1))
        phrases.add(" ".join(text[start : start + rng.randint(2, 4)]))
        phrases.add(" ".join(rng.choices(words, k=rng.randint(2, 4))))
    phrases = [phrase for phrase in phrases if len(re.findall(r"[^\W_]+", phrase)) > 1]
    assert len(phrases) > 60
    for phrase in sorted(phrases):
        wanted = re.findall(r"[^\W_]+", phrase)
        expected = {title for title, fields in texts.items() if any(_contains_run(f, wanted) for f in fields)}
        data = api(client, q=f'"{phrase}"')
        assert data["total"] == len(expected), phrase
        if len(expected) <= 20:
            assert set(titles(data)) == expected, phrase


def _small_archive(seed: int):
    """Thirty-odd articles and their comments with random tags, authors, years and words."""
    rng = random.Random(seed)
    words = "contract funding practice partners list referral workforce pharmacist rota estates".split()
    orgs = [make_organisation(name=f"Body {n}", abbreviation=f"B{n}", slug=f"body-{n}") for n in range(4)]
    terms = [make_term(name=f"Topic {n}", slug=f"topic-{n}") for n in range(4)]
    people = [make_person(name=f"Writer {n}", slug=f"writer-{n}") for n in range(3)]
    publications = [make_publication(name=f"Paper {n}", slug=f"paper-{n}") for n in range(2)]
    for number in range(32):
        article = make_article(
            title=" ".join(rng.sample(words, 2)).capitalize(),
            body=" ".join(rng.choices(words, k=12)),
            published_on=date(rng.choice([2021, 2022, 2023, 2024]), rng.randint(1, 12), 1),
            publication=rng.choice(publications),
            slug=f"property-{seed}-{number}",
        )
        article.authors.set(rng.sample(people, rng.randint(0, 2)))
        for organisation in rng.sample(orgs, rng.randint(0, 2)):
            article.organisation_mentions.create(organisation=organisation, count=1)
        for term in rng.sample(terms, rng.randint(0, 2)):
            article.term_mentions.create(term=term, count=1)
        for position in range(rng.randint(0, 3)):
            comment = make_comment(
                article,
                author_name=rng.choice(["Dr A", "Dr B", "Partner C"]),
                body=" ".join(rng.choices(words, k=8)),
                posted_at=datetime(rng.choice([2022, 2023, 2024]), 3, 4, 10, 0, tzinfo=LONDON),
                position=position,
            )
            if rng.random() < 0.5:
                TermMention.objects.create(article=article, comment=comment, term=rng.choice(terms), count=1)
    return words


def test_every_facet_count_is_what_choosing_the_value_gives():
    """A property over many generated searches: a value's count equals the total that choosing
    it (instead of the facet's other values, keeping the other facets) gives."""
    from dataclasses import replace

    from django.http import QueryDict

    from archive.models import Organisation, PolicyTerm, Publication
    from archive.search.engine import run_search

    words = _small_archive(seed=15)
    ids = {
        name: dict(model.objects.values_list("slug", "pk"))
        for name, model in (("org", Organisation), ("term", PolicyTerm), ("publication", Publication))
    }

    def engine_value(name, value):
        return ids[name][value] if name in ids else int(value) if name == "year" else value

    backend = indexer.reading_backend()
    rng = random.Random(1515)
    checked = 0
    for _ in range(16):
        params = QueryDict(mutable=True)
        if rng.random() < 0.7:
            chosen_words = rng.sample(words, rng.randint(1, 2))
            params["q"] = (" OR " if rng.random() < 0.3 else " ").join(chosen_words)
        if rng.random() < 0.3:
            params["from"] = f"{rng.choice([2021, 2022, 2023])}-06-01"
        before = run_search(params, "/search/")
        for name in rng.sample(["org", "term", "year", "kind", "publication", "author"], rng.randint(0, 3)):
            values = [value.value for value in before.facets[name].values if value.count]
            if values:
                params[name] = rng.choice(values)
        outcome = run_search(params, "/search/")
        for name, facet in outcome.facets.items():
            for value in facet.values:
                selected = {**outcome.request.selected, name: [engine_value(name, value.value)]}
                total = backend.count(replace(outcome.request, selected=selected))
                assert total == value.count, (dict(params), name, value.value)
                checked += 1
    assert checked > 200


def test_each_removal_hint_gives_what_removing_its_filter_gives():
    """When nothing matches, each filter the page offers to remove says how many results removing
    it gives (a facet's is counted with its values): the total of the search without it. Every
    filter whose removal gives results is offered."""
    from django.http import QueryDict

    from archive.search.engine import run_search

    words = _small_archive(seed=16)
    # What each search's filters are drawn from; the archive does not change during the test.
    everything = run_search(QueryDict(), "/search/")
    rng = random.Random(1616)
    hints = empty = 0
    for _ in range(40):
        params = QueryDict(mutable=True)
        params["q"] = " ".join(rng.sample(words, rng.randint(1, 3)))
        if rng.random() < 0.4:
            params["from"] = f"{rng.choice([2022, 2023, 2024])}-06-01"
        for name in rng.sample(["org", "term", "year", "kind", "publication", "author"], rng.randint(1, 3)):
            values = [value.value for value in everything.facets[name].values if value.count]
            params[name] = rng.choice(values)
        outcome = run_search(params, "/search/")
        if outcome.total:
            continue
        empty += 1
        offered = {hint.url: hint.total for hint in outcome.removal_hints}
        for name in [
            name
            for name in ("org", "term", "year", "kind", "publication", "author", "from")
            if name in params
        ]:
            without = params.copy()
            without.pop(name)
            total = run_search(without, "/search/").total
            url = outcome.state.without_url(name)
            assert offered.get(url, 0) == total, (dict(params), name)
            hints += bool(total)
    assert empty >= 10 and hints >= 10, (empty, hints)


class TestOutbox:
    def indexed(self, client, q):
        return titles(api(client, q=q))

    def test_an_admin_edit_reaches_the_index(self, client, curator_client):
        article = make_article(title="Preliminary title", body="Nothing to see.")
        assert self.indexed(client, "preliminary") == ["Preliminary title"]
        url = f"/admin/archive/article/{article.pk}/change/"
        response = curator_client.post(url, article_change_form(article, title="Revised title"))
        assert response.status_code == 302
        assert self.indexed(client, "preliminary") == []
        assert self.indexed(client, "revised") == ["Revised title"]

    def test_a_tag_decision_reaches_the_facets(self, client):
        term = make_term(name="Estates", slug="estates")
        article = make_article(title="Premises", body="The building is old.")
        mention = article.term_mentions.create(term=term, count=1)
        # A second piece keeps the topic public: a topic on no piece is not a filter at all.
        make_article(title="Leases", body="Rent reviews.").term_mentions.create(term=term, count=1)
        assert api(client, term="estates")["total"] == 2
        mention.status = MentionStatus.REJECTED
        mention.save()
        assert titles(api(client, term="estates")) == ["Leases"]

    def test_unpublishing_hides_the_article_and_its_comments(self, client):
        article = make_article(title="Soon a draft", body="Indemnity.")
        make_comment(article, body="Indemnity again.")
        assert api(client, q="indemnity")["total"] == 2
        article.status = Status.DRAFT
        article.save()
        assert api(client, q="indemnity")["total"] == 0
        article.status = Status.PUBLISHED
        article.save()
        assert api(client, q="indemnity")["total"] == 2

    def test_raw_sql_bulk_updates_deletes_and_merges(self, client):
        first = make_article(title="First", body="Alpha.")
        second = make_article(title="Second", body="Beta.")
        comment = make_comment(second, body="Gamma.")
        assert api(client, q="gamma")["total"] == 1
        with connection.cursor() as cursor:
            cursor.execute("UPDATE archive_article SET body = 'Delta.' WHERE id = %s", [first.pk])
            cursor.execute("UPDATE archive_comment SET article_id = %s WHERE id = %s", [first.pk, comment.pk])
        assert titles(api(client, q="delta")) == ["First"]
        assert api(client, q="alpha")["total"] == 0
        assert api(client, q="gamma")["hits"][0]["article"]["title"] == "First"
        Comment.objects.filter(pk=comment.pk).update(body="Epsilon.")  # a bulk update
        assert api(client, q="epsilon")["total"] == 1
        first.delete()
        assert api(client, q="delta OR epsilon")["total"] == 0
        assert titles(api(client, q="beta")) == ["Second"]

    def test_a_crash_between_the_index_and_the_outbox_loses_nothing(self, client, settings, monkeypatch):
        settings.SEARCH_INDEX_SYNCHRONOUS = False
        make_article(title="Queued", body="Zeta.")
        backend = indexer.get_backend()
        real_execute = connection.cursor

        def failing_delete(*args, **kwargs):
            cursor = real_execute(*args, **kwargs)
            original = cursor.execute

            def execute(sql, params=None):
                if sql.startswith("DELETE FROM archive_searchoutbox"):
                    raise RuntimeError("the indexer died here")
                return original(sql, params)

            cursor.execute = execute
            return cursor

        monkeypatch.setattr(connection, "cursor", failing_delete)
        with pytest.raises(RuntimeError), transaction.atomic():
            indexer.apply_pending(backend)
        monkeypatch.undo()
        assert SearchOutbox.objects.exists()  # still queued: applied again, with the same result
        assert indexer.apply_pending(backend) >= 1
        assert not SearchOutbox.objects.exists()
        settings.SEARCH_INDEX_SYNCHRONOUS = True
        assert titles(api(client, q="zeta")) == ["Queued"]


def test_rebuild_and_check_commands(client, capsys):
    make_article(title="Checked", body="Theta.")
    make_comment(make_article(title="Draft", status=Status.DRAFT), body="Hidden.")
    call_command("rebuild_search_index")
    assert "Search index rebuilt: 2 documents" in capsys.readouterr().out  # the draft's comment is not one
    call_command("check_search_index")
    assert "matches the database" in capsys.readouterr().out
    backend = indexer.get_backend()
    backend.delete("article", [make_article(title="Unindexed").pk])  # queued, not yet applied
    with pytest.raises(CommandError):
        call_command("check_search_index")
    assert "missing from the index" in capsys.readouterr().out
    indexer.apply_pending(backend)
    call_command("check_search_index")


def test_the_admin_search_finds_drafts_through_the_index():
    from archive.search.engine import matching_article_ids

    draft = make_article(title="Unfinished indemnity piece", status=Status.DRAFT)
    indexer.apply_pending()
    assert matching_article_ids("indemnity") == [draft.pk]
    public = indexer.get_backend().search(SearchRequest(query=query.parse("indemnity")))
    assert public.total == 0


# The indexer processes of the test below, forked from one Python that has set Django up and loaded
# the indexer once (each `manage.py run_search_indexer` started Python and Django again, 1.3 CPU-s
# and 2 to 4 s on a busy machine): each is a process of its own running the command, which never
# shares a connection with this one (it has opened none). A line "start" forks one and answers its
# pid; "reap <pid>" waits for that one to be gone.
INDEXERS = """
import os, sys
import django
django.setup()
from django.core.management import call_command
from archive.management.commands import run_search_indexer
from archive.search import indexer, tantivy_backend
for line in sys.stdin:
    if line.startswith("start"):
        pid = os.fork()
        if pid == 0:
            try:
                call_command("run_search_indexer")
            finally:
                os._exit(0)
        print(pid, flush=True)
    else:
        print(os.waitpid(int(line.split()[1]), 0)[1], flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_a_killed_indexer_loses_no_change(tmp_path):
    """The indexer process killed with SIGKILL, changes made while it is down, then started again."""
    from archive.dburl import url_for

    env = dict(
        os.environ,
        DATABASE_URL=url_for(connection.settings_dict),
        SECRET_KEY="k" * 50,
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    indexers = subprocess.Popen(
        [sys.executable, "-c", INDEXERS],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )

    def ask(line):
        indexers.stdin.write(line + "\n")
        indexers.stdin.flush()
        return int(indexers.stdout.readline())

    def wait_for(count):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not SearchOutbox.objects.exists():
                backend = _backend_at(tmp_path / "index")
                backend.index.reload()
                if backend.num_docs() == count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"the index did not reach {count} documents")

    make_article(title="Before the crash", body="Iota.")
    indexer_pid = ask("start")
    try:
        wait_for(1)
        os.kill(indexer_pid, signal.SIGKILL)
        assert ask(f"reap {indexer_pid}") == signal.SIGKILL  # killed, and gone
        make_article(title="While it was down", body="Kappa.")
        assert SearchOutbox.objects.count() == 1
        indexer_pid = ask("start")
        wait_for(2)
        make_comment(make_article(title="After the restart", body="Lambda."))
        wait_for(4)  # within seconds, woken by NOTIFY
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(indexer_pid, signal.SIGTERM)
        with contextlib.suppress(ValueError, OSError):
            ask(f"reap {indexer_pid}")
        indexers.stdin.close()
        indexers.wait(timeout=10)


def _backend_at(path):
    from archive.search.tantivy_backend import TantivyBackend

    return TantivyBackend(path)


def test_a_web_worker_searches_an_empty_index_until_the_indexer_has_made_one(tmp_path):
    from archive.search.documents import Entry
    from archive.search.tantivy_backend import TantivyBackend

    path = tmp_path / "index"
    reader = TantivyBackend(path, writer=False)
    assert reader.num_docs() == 0 and not path.exists()  # a reader never creates nor wipes it
    writer = TantivyBackend(path, writer=True)
    writer.index_entries([Entry(kind="article", pk=7, status="published", text={"title": "Made"})])
    time.sleep(1.1)  # a reader looks for the index at most once a second
    assert reader.num_docs() == 1

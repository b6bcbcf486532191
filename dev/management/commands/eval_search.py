"""`make eval-search`: the judged query set run through /api/search/ on a freshly loaded archive.

A database of its own is made for the run (as the test runner makes one) and dropped after
it: the seed archive is loaded with load_seed, the judged set's pieces (tests/search_eval)
are imported through the importer and published, and every query is asked of /api/search/
with the test client. Recall@10, MRR and nDCG@10 are printed overall and per query type
(dev.search_eval).
"""

import json
import tempfile
import tomllib
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import setup_databases, teardown_databases

from dev import search_eval

EVAL_DIR = Path(settings.BASE_DIR) / "tests" / "search_eval"
PAGES = 3  # of /api/search/ read, at most, to find ten distinct pieces


def load_pieces(eval_dir: Path) -> dict[str, int]:
    """Load the seed archive and the judged set's pieces; answer piece id -> article id."""
    from archive.models import Article
    from archive.services.importer import PieceMetadata, import_source
    from archive.services.seed import load_seed

    load_seed()
    with (eval_dir / "pieces.toml").open("rb") as handle:
        manifest = tomllib.load(handle)
    ids = {}
    for piece_id, title in manifest["seed"].items():
        ids[piece_id] = Article.objects.get(title=title).pk
    for row in manifest["piece"]:
        text = (eval_dir / "pieces" / f"{row['id']}.txt").read_text(encoding="utf-8")
        metadata = PieceMetadata(
            title=row["title"],
            published=row.get("published", ""),
            authors=row.get("authors", []),
            publication=row.get("publication", ""),
            status="published",
        )
        (outcome,) = import_source(text, metadata).outcomes
        ids[row["id"]] = outcome.article.pk
    return ids


def ranked_pieces(client: Client, query: str, paths: dict[str, str]) -> tuple[list[str], int]:
    """The piece ids of a search's hits in order, each once (a comment counts as its piece)."""
    ranked: list[str] = []
    total = 0
    for page in range(1, PAGES + 1):
        response = client.get("/api/search/", {"q": query, "page": page}, HTTP_HOST="localhost")
        if response.status_code == 404 and page > 1:
            break
        if response.status_code != 200:
            raise CommandError(f"/api/search/?q={query} answered {response.status_code}")
        data = json.loads(response.content)
        total = data["total"]
        for hit in data["hits"]:
            path = urlsplit(hit["article"]["url"]).path
            ranked.append(paths.get(path, f"other:{path}"))
        ranked = search_eval.distinct(ranked)
        if len(ranked) >= search_eval.K or not data.get("next"):
            break
    return ranked, total


class Command(BaseCommand):
    help = "Measure search relevance on the judged query set (recall@10, MRR, nDCG@10)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(EVAL_DIR), help="the judged set's folder")
        parser.add_argument("--json", dest="json_path", help="also write each query's figures here")

    def handle(self, *args, dir, json_path=None, **options):
        eval_dir = Path(dir)
        database = settings.DATABASES["default"]
        # Its own database, so that a test run at the same time does not meet it.
        database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}_search_eval"
        # And a search index of its own, fed from the outbox before each search (as in the tests):
        # the deployment's index and its indexer are not this database's.
        index_dir = tempfile.TemporaryDirectory(prefix="search-eval-index-")
        settings.SEARCH_INDEX_DIR = Path(index_dir.name)
        settings.SEARCH_INDEX_SYNCHRONOUS = True
        old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        try:
            self.stdout.write("Loading the seed archive and the judged pieces…")
            ids = load_pieces(eval_dir)
            queries = search_eval.load_judged(eval_dir / "queries.toml", known=set(ids))
            from archive.models import Article

            paths = {Article.objects.get(pk=pk).get_absolute_url(): piece for piece, pk in ids.items()}
            client = Client()
            # whitenoise warns once that collectstatic has not run: irrelevant to the API's JSON
            warnings.filterwarnings("ignore", message="No directory at", module="whitenoise")
            results = []
            for query in queries:
                ranked, total = ranked_pieces(client, query.q, paths)
                results.append(search_eval.score(query, ranked, total))
        finally:
            teardown_databases(old_config, verbosity=0)
            index_dir.cleanup()
        self.stdout.write(f"{len(queries)} judged queries over {len(ids)} pieces.\n")
        self.stdout.write(search_eval.report(results))
        if json_path:
            Path(json_path).write_text(
                json.dumps(
                    [
                        {
                            "q": r.query.q,
                            "type": r.query.type,
                            "ranked": r.ranked[: search_eval.K],
                            "recall": r.recall,
                            "reciprocal_rank": r.reciprocal_rank,
                            "ndcg": r.ndcg,
                        }
                        for r in results
                    ],
                    indent=1,
                )
            )

"""The benchmark's scenarios as concrete URLs in the loaded corpus (DESIGN budgets, issue #6)."""

from dataclasses import dataclass, replace
from urllib.parse import quote_plus

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count

from archive.models import Article, Organisation, PolicyTerm
from archive.services.quotes import make_quote
from dev.bench.peer import peer_paths


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    url: str
    budget_p95_ms: float
    needs_login: bool = False
    peer_path: str | None = None  # the same question asked of Datasette (dev.bench.peer)


def _selective_term() -> PolicyTerm:
    """A term in about 1–3% of articles: narrow, but with more than a page of hits."""
    return PolicyTerm.objects.order_by("-pk").first()


def build_scenarios(peer_database: str | None = None) -> list[Scenario]:
    term = _selective_term()
    popular_term = PolicyTerm.objects.annotate(n=Count("term_mentions")).order_by("-n").first()
    body = Organisation.objects.annotate(n=Count("organisation_mentions")).order_by("-n").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT article_id FROM archive_comment GROUP BY article_id "
            "ORDER BY abs(count(*) - 50), article_id LIMIT 1"
        )
        article = Article.objects.get(pk=cursor.fetchone()[0])
    sentence = article.body.split("\n\n")[0].split(". ")[1].rstrip(".")
    quote, _ = make_quote(article, None, sentence)
    name = quote_plus(f'"{term.short_name}"')
    scenarios = [
        Scenario("a", "Selective search, every facet, 20 highlighted hits", f"/search/?q={name}", 80),
        Scenario("b", "Broad search (over 20% of the corpus), every facet", "/search/?q=practice", 400),
        Scenario("c", "Browse without a query, by year and body", f"/search/?year=2015&org={body.slug}", 100),
        Scenario("d", "Article page with about 50 comments", article.get_absolute_url(), 40),
        Scenario("e", "Topic page", popular_term.get_absolute_url(), 40),
        Scenario("f", "Quote permalink", quote.get_absolute_url(), 40),
        Scenario(
            "g", "Admin changelist of articles with a search", "/admin/archive/article/?q=practice", 300, True
        ),
    ]
    if peer_database is None:
        return scenarios
    values = {
        "phrase": f'"{term.short_name}"',
        "broad": "practice",
        "year": "2015",
        "org": body.slug,
        "article_id": article.pk,
        "term": popular_term.slug,
    }
    paths = peer_paths(peer_database, values)
    return [replace(scenario, peer_path=paths.get(scenario.key)) for scenario in scenarios]


def bench_superuser():
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True, "is_superuser": True})
    return user

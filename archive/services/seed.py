"""Loads the seed archive from fixtures/: taxonomy, people, publications and the source texts.

Idempotent: taxonomy rows, people and publications are created when missing
and otherwise left as curators have them; texts go through the importer, which
skips a text it already holds.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from archive.models import Article, Organisation, Person, PolicyTerm, Publication
from archive.search.vocabulary import refresh_vocabulary
from archive.services.importer import PieceMetadata, PieceOutcome, import_source
from archive.services.quotes import make_quote
from archive.services.slugs import unique_slug
from archive.services.tagging import build_tagger

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class SeedReport:
    organisations_created: int = 0
    terms_created: int = 0
    outcomes: list[PieceOutcome] = field(default_factory=list)


def read_toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


ORGANISATION_FIELDS = ["name", "abbreviation", "aliases", "kind", "description", "url"]
TERM_FIELDS = ["name", "abbreviation", "aliases", "definition", "theme"]


def _create_missing(model, rows: list[dict], fields: list[str]) -> int:
    """Create the rows whose slug is not there yet; leave existing ones as curators have them.
    Made in one INSERT, in the files' order (a get_or_create a row was four round trips: about
    a third of loading the seed into an empty database)."""
    existing = set(model.objects.values_list("slug", flat=True))
    missing = [
        model(slug=row["slug"], **{name: row[name] for name in fields if name in row})
        for row in rows
        if row["slug"] not in existing
    ]
    model.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def load_taxonomy(fixtures_dir: Path = FIXTURES_DIR, report: SeedReport | None = None) -> SeedReport:
    report = report or SeedReport()
    organisations = read_toml(fixtures_dir / "organisations.toml")["organisation"]
    report.organisations_created += _create_missing(Organisation, organisations, ORGANISATION_FIELDS)
    by_slug = Organisation.objects.in_bulk(field_name="slug")
    orphans = []
    for row in organisations:
        organisation = by_slug[row["slug"]]
        if row.get("parent") and organisation.parent_id is None:
            organisation.parent = by_slug[row["parent"]]
            orphans.append(organisation)
    Organisation.objects.bulk_update(orphans, ["parent"])

    terms = read_toml(fixtures_dir / "policy_terms.toml")["term"]
    report.terms_created += _create_missing(PolicyTerm, terms, TERM_FIELDS)
    terms_by_slug = PolicyTerm.objects.in_bulk(field_name="slug")
    # Which terms have related ones, read once (not a query a term) and kept up to date as the
    # loop links them: a link is both ways, so a term linked by one before it counts as having some.
    through = PolicyTerm.related.through
    linked = set(through.objects.values_list("from_policyterm_id", flat=True))
    for row in terms:
        term = terms_by_slug[row["slug"]]
        if row.get("related") and term.pk not in linked:
            related = [terms_by_slug[slug] for slug in row["related"]]
            term.related.set(related)
            linked |= {term.pk, *(other.pk for other in related)}
    return report


@transaction.atomic
def load_people_and_publications(manifest: dict) -> None:
    organisations = Organisation.objects.in_bulk(field_name="slug")
    for row in manifest.get("person", []):
        if not Person.objects.filter(name__iexact=row["name"]).exists():
            Person.objects.create(
                name=row["name"],
                slug=unique_slug(Person, row["name"]),
                role=row.get("role", ""),
                organisation=organisations.get(row.get("organisation", "")),
            )
    for row in manifest.get("publication", []):
        if not Publication.objects.filter(name__iexact=row["name"]).exists():
            Publication.objects.create(
                name=row["name"],
                slug=unique_slug(Publication, row["name"]),
                url=row.get("url", ""),
                organisation=organisations.get(row.get("organisation", "")),
                description=row.get("description", ""),
            )


@transaction.atomic
def load_curated_quotes(manifest: dict) -> None:
    """Attributed quotations; each is anchored like a reader's quote, so it must be in the text."""
    organisations = Organisation.objects.in_bulk(field_name="slug")
    for row in manifest.get("quote", []):
        article = Article.objects.get(title=row["article"])
        quote, _ = make_quote(article, None, row["exact"])
        if quote.is_curated:
            continue  # a curator's attribution is kept as it is
        quote.speaker = Person.objects.filter(name=row["speaker"]).first() if row.get("speaker") else None
        quote.speaker_organisation = organisations.get(row.get("organisation", ""))
        quote.speaker_role = row.get("role", "")
        quote.save(update_fields=["speaker", "speaker_organisation", "speaker_role"])


def metadata_from(row: dict) -> PieceMetadata:
    return PieceMetadata(
        title=row.get("title", ""),
        published=row.get("published", ""),
        date_approximate=row.get("date_approximate", False),
        date_note=row.get("date_note", ""),
        authors=row.get("authors", []),
        publication=row.get("publication", ""),
        source_url=row.get("source_url", ""),
        status=row.get("status", ""),
    )


def load_seed(fixtures_dir: Path = FIXTURES_DIR) -> SeedReport:
    report = load_taxonomy(fixtures_dir)
    manifest = read_toml(fixtures_dir / "manifest.toml")
    load_people_and_publications(manifest)
    # The texts name no new body or topic: one tagger for them all, and the vocabulary refreshed
    # once below rather than after each text (each refresh reads every text again).
    tagger = build_tagger()
    for source in manifest["source"]:
        text = (fixtures_dir / source["file"]).read_text(encoding="utf-8")
        posts = [metadata_from(post) for post in source.get("post", [])] or None
        result = import_source(
            text,
            metadata_from(source),
            listing=source.get("listing"),
            posts=posts,
            tagger=tagger,
            refresh_vocabulary_after=False,
        )
        report.outcomes.extend(result.outcomes)
    load_curated_quotes(manifest)
    refresh_vocabulary()  # the texts' words, and the taxonomy's names, which are suggestions too
    return report

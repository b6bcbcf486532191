"""A search's facet counts as the page shows them: the backend's exact counts keyed by the
values URLs use (slugs, years), trimmed, and labelled with names from PostgreSQL."""

from collections import Counter

from django.http import QueryDict

from archive.search import facet_list, facets
from archive.search.backend import FACETS as FACET_NAMES
from archive.search.known_names import known_names

KINDS = ["article", "comment"]
KEPT_VALUES = 50  # of a facet's values, kept with a search (the page shows facets.SHOWN_VALUES)


def tallies(found: dict, chosen: QueryDict, keep_all: str = "") -> dict[str, facets.Tally]:
    """The backend's exact counts keyed by the values the URLs use (slugs, years), trimmed to the
    most frequent values and the ``chosen`` ones (all of ``keep_all``'s), and labelled."""
    result = {}
    for name in FACET_NAMES:
        tally = facets.Tally()
        for value, count in found[name].counts.items():
            tally.counts[str(value)] += count
        result[name] = tally
    for kind in KINDS:
        result["kind"].counts.setdefault(kind, 0)
    result["kind"].labels = {"article": ("Articles", ""), "comment": ("Comments", "")}
    known = known_names()
    for name in ("org", "term"):
        rows = known.by_pk[name].values()
        _relabel(result[name], [(row.pk, row.slug, row.abbreviation, row.name) for row in rows])
    rows = known.by_pk["publication"].values()
    _relabel(result["publication"], [(row.pk, row.slug, row.name, row.name) for row in rows])
    for name in ("org", "term", "author", "publication"):
        if name != keep_all:
            result[name].trim(KEPT_VALUES, always=set(chosen.getlist(name)))
    slugs = list(result["author"].counts)
    names = known.author_names(slugs)
    for slug in slugs:
        result["author"].labels[slug] = (names.get(slug) or slug, "")
    result["year"].labels = {year: (year, "") for year in result["year"].counts}
    return result


def _relabel(tally: facets.Tally, rows) -> None:
    """Counts keyed by id become counts keyed by slug, each labelled (short name, full name)."""
    by_id = {str(pk): (slug, short or name, name) for pk, slug, short, name in rows}
    counts, tally.counts = tally.counts, Counter()
    for pk, count in counts.items():
        if pk in by_id:
            slug, label, title = by_id[pk]
            tally.counts[slug] += count
            tally.labels[slug] = (label, title)


def label_selected(tallies, cleaned) -> None:
    """Selected bodies, topics, publications and authors keep their names even with no hits."""
    for name in facet_list.BY_ID:
        for item in cleaned.get(name) or []:
            short = getattr(item, "short_name", item.name)
            tallies[name].labels.setdefault(item.slug, (short, item.name))
    unnamed = [slug for slug in cleaned.get("author") or [] if slug not in tallies["author"].labels]
    people = known_names().people
    for slug in unnamed:
        if slug in people:
            tallies["author"].labels[slug] = (people[slug], "")

"""Facets are data: each value has a label, a count, whether it is selected and the link
that toggles it. Templates only draw them (after Datasette's facets)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Min
from django.db.models.functions import ExtractYear

from archive.models import Article, OrganisationMention, TermMention
from archive.search.state import SearchState

SHOWN_VALUES = 12


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str
    title: str = ""
    unknown: bool = False  # a value in the URL that the archive does not have

    @property
    def count_display(self) -> str:
        return f"{self.count:,}"  # 530,000 rather than 530000


@dataclass
class Facet:
    name: str  # the GET parameter
    label: str
    values: list[FacetValue] = field(default_factory=list)
    hidden: int = 0  # values with hits that are not shown
    approximate: bool = False  # counts estimated from a sample

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


@dataclass
class Tally:
    """Counts per value, with a label (and a longer title) for each value."""

    counts: Counter = field(default_factory=Counter)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    approximate: bool = False  # estimated from a sample
    trimmed: int = 0  # values with hits dropped by trim()

    def trim(self, keep: int, always: set[str]) -> None:
        """Keep the ``keep`` most frequent values and those in ``always``: a broad search has
        thousands of commenters, and a page shows a dozen (SHOWN_VALUES) and how many more."""
        ranked = [value for value, _ in self.counts.most_common()]
        kept = set(ranked[:keep]) | (always & set(ranked))
        self.trimmed += sum(1 for value in ranked if value not in kept and self.counts[value] > 0)
        self.counts = Counter({value: self.counts[value] for value in kept})
        self.labels = {value: label for value, label in self.labels.items() if value in kept}

    def add(self, rows, value_key, count_key, label_key, title_key=None):
        for row in rows:
            value = row[value_key]
            if value is None or value == "":
                continue
            value = str(value)
            self.counts[value] += row[count_key]
            title = str(row[title_key] or "") if title_key else ""
            label = row[label_key] or title or value
            self.labels.setdefault(value, (str(label), title))


def kind_tally(articles, comments) -> Tally:
    tally = Tally()
    tally.counts["article"] = articles.count() if articles is not None else 0
    tally.counts["comment"] = comments.count() if comments is not None else 0
    tally.labels = {"article": ("Articles", ""), "comment": ("Comments", "")}
    return tally


def _mention_tally(model, target, articles, comments) -> Tally:
    tally = Tally()
    fields = [f"{target}__slug", f"{target}__abbreviation", f"{target}__name"]
    if articles is not None:
        rows = (
            model.objects.shown()
            .in_article_text()
            .filter(article__in=articles)
            .values(*fields)
            .annotate(hits=Count("article_id", distinct=True))
        )
        tally.add(rows, fields[0], "hits", fields[1], fields[2])
    if comments is not None:
        rows = (
            model.objects.shown()
            .filter(comment__in=comments)
            .values(*fields)
            .annotate(hits=Count("comment_id", distinct=True))
        )
        tally.add(rows, fields[0], "hits", fields[1], fields[2])
    return tally


def organisation_tally(articles, comments) -> Tally:
    return _mention_tally(OrganisationMention, "organisation", articles, comments)


def term_tally(articles, comments) -> Tally:
    return _mention_tally(TermMention, "term", articles, comments)


def author_tally(articles, comments) -> Tally:
    tally = Tally()
    if articles is not None:
        rows = (
            Article.authors.through.objects.filter(article__in=articles)
            .values("person__slug", "person__name")
            .annotate(hits=Count("article_id", distinct=True))
        )
        tally.add(rows, "person__slug", "hits", "person__name")
    if comments is not None:
        rows = comments.values("author_slug").annotate(hits=Count("id"), name=Min("author_name"))
        tally.add(rows, "author_slug", "hits", "name")
    return tally


def publication_tally(articles, comments) -> Tally:
    tally = Tally()
    if articles is not None:
        rows = articles.values("publication__slug", "publication__name").annotate(hits=Count("id"))
        tally.add(rows, "publication__slug", "hits", "publication__name")
    if comments is not None:
        rows = comments.values("article__publication__slug", "article__publication__name").annotate(
            hits=Count("id")
        )
        tally.add(rows, "article__publication__slug", "hits", "article__publication__name")
    return tally


def year_tally(articles, comments) -> Tally:
    tally = Tally()
    if articles is not None:
        rows = (
            articles.dated()
            .annotate(year=ExtractYear("published_on"))
            .values("year")
            .annotate(hits=Count("id"))
        )
        tally.add(rows, "year", "hits", "year")
    if comments is not None:
        rows = (
            comments.dated().annotate(year=ExtractYear("posted_at")).values("year").annotate(hits=Count("id"))
        )
        tally.add(rows, "year", "hits", "year")
    return tally


def build_facet(
    name: str, label: str, tally: Tally, state: SearchState, *, by_value: bool = False, unknown=frozenset()
) -> Facet:
    """The facet's values: the selected ones always, then the most frequent others."""
    selected = set(state.values(name)) | ({state.fixed[name]} if name in state.fixed else set())
    for value in selected:
        tally.counts.setdefault(value, 0)
    ordered = sorted(
        tally.counts.items(),
        key=(lambda item: item[0])
        if by_value
        else (lambda item: (-item[1], tally.labels.get(item[0], (item[0],))[0])),
        reverse=by_value,
    )
    shown = [item for item in ordered if item[0] in selected]
    others = [item for item in ordered if item[0] not in selected and item[1] > 0]
    limit = len(others) if by_value else SHOWN_VALUES
    shown += others[:limit]
    if not by_value:
        shown.sort(key=lambda item: (item[0] not in selected, -item[1]))
    values = [
        FacetValue(
            value=value,
            label=tally.labels.get(value, (value, ""))[0],
            title=tally.labels.get(value, (value, ""))[1],
            count=count,
            selected=value in selected,
            toggle_url=state.toggle_url(name, value),
            unknown=value in unknown,
        )
        for value, count in shown
    ]
    return Facet(
        name=name,
        label=label,
        values=values,
        hidden=max(0, len(others) - limit) + tally.trimmed,
        approximate=tally.approximate,
    )

"""Facets are data: each value has a label, a count, whether it is selected and the link
that toggles it. Templates only draw them (after Datasette's facets)."""

from collections import Counter
from dataclasses import dataclass, field

from archive.search.state import SearchState

SHOWN_VALUES = 12
FILTER_BOX_ABOVE = 8  # values


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

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]

    @property
    def value_count(self) -> int:
        """How many values have hits (shown or not), for "show all 54"."""
        return sum(1 for value in self.values if value.count) + self.hidden

    @property
    def long(self) -> bool:
        """Long enough to be worth a box that filters its values by name (static/js/facets.js)."""
        return len(self.values) > FILTER_BOX_ABOVE


@dataclass
class Tally:
    """Counts per value, with a label (and a longer title) for each value."""

    counts: Counter = field(default_factory=Counter)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    trimmed: int = 0  # values with hits dropped by trim()

    def trim(self, keep: int, always: set[str]) -> None:
        """Keep the ``keep`` most frequent values and those in ``always``: a broad search has
        thousands of commenters, and a page shows a dozen (SHOWN_VALUES) and how many more."""
        ranked = [value for value, _ in self.counts.most_common()]
        kept = set(ranked[:keep]) | (always & set(ranked))
        self.trimmed += sum(1 for value in ranked if value not in kept and self.counts[value] > 0)
        self.counts = Counter({value: self.counts[value] for value in kept})
        self.labels = {value: label for value, label in self.labels.items() if value in kept}


def build_facet(
    name: str,
    label: str,
    tally: Tally,
    state: SearchState,
    *,
    by_value: bool = False,
    unknown=frozenset(),
    show: int | None = SHOWN_VALUES,
) -> Facet:
    """The facet's values: the selected ones always, then the most frequent others (``show``
    of them; None for all)."""
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
    limit = len(others) if by_value or show is None else show
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
    )

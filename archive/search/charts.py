"""A small bar chart of pieces per year, drawn as SVG on the server (no JavaScript).

The chart is drawn in a box of fixed proportions (WIDTH × HEIGHT units) that the page scales
to its column, so it fits a 390 px phone and a desktop sidebar alike with no scrolling: the
bars share the width, and the years under them are thinned so that no two labels are closer
than LABEL_SPACING units (a four-digit year at the chart's 12-unit font is about 28 units wide).

The bars are links for pointer users and are hidden from assistive technology and the tab
order: the same years, with their counts and links, are the Year facet's list just below
(a chart of links inside role="img" is what axe calls nested-interactive).
"""

import math
from dataclasses import dataclass

from django.utils.safestring import SafeString

from archive.core.html_format import format_html, format_html_join

WIDTH = 240
HEIGHT = 60
LABEL_SPACING = 32  # units between the centres of two year labels
COUNT_ABOVE_BARS = 18  # a bar's slot must be this wide for its count to be printed above it
MAX_BAR = 28  # a few years do not make bars as wide as the chart


@dataclass
class Bar:
    year: int
    count: int
    x: float
    y: int
    height: int
    width: float = 0.0
    url: str = ""
    labelled: bool = False

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class YearChart:
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    label: str = ""
    counts_shown: bool = True

    def svg(self) -> SafeString:
        """The chart as SVG. Drawn here rather than in a template, where its few hundred
        variable lookups cost a search page about 2 ms."""
        bars = format_html_join(
            "",
            '<a href="{}" tabindex="-1"><title>{}: {}</title>'
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar"></rect></a>',
            (
                (bar.url, bar.year, bar.count, round(bar.x, 1), bar.y, round(bar.width, 1), bar.height)
                for bar in self.bars
                if bar.count
            ),
        )
        counts = format_html_join(
            "",
            '<text x="{}" y="{}" class="bar-count">{}</text>',
            ((bar.centre, bar.y - 3, bar.count) for bar in self.bars if bar.count and self.counts_shown),
        )
        years = format_html_join(
            "",
            '<text x="{}" y="{}" class="bar-year">{}</text>',
            ((bar.centre, self.height + 13, bar.year) for bar in self.bars if bar.labelled),
        )
        return format_html(
            '<div class="year-chart" aria-hidden="true"><svg viewBox="-14 -14 {} {}" '
            'preserveAspectRatio="xMidYMid meet" focusable="false">{}{}{}</svg></div>',
            self.width + 28,
            self.height + 32,
            bars,
            counts,
            years,
        )


NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def labelled_years(first: int, last: int, spacing: float, slot: float) -> set[int]:
    """Which years, ``slot`` units apart, get a label: the first and the last, and between them
    the round years (every 2nd, 5th, 10th…, the smallest step that keeps labels ``spacing``
    apart) that are not too close to the first or the last to be read apart from them."""
    nearest = math.ceil(spacing / slot)  # in years
    step = next((step for step in NICE_STEPS if step >= nearest), NICE_STEPS[-1])
    chosen = {first, last}
    for year in range(first + 1, last):
        if year % step == 0 and year - first >= nearest and last - year >= nearest:
            chosen.add(year)
    return chosen


def year_chart(counts: dict[int, int], url_for=None) -> YearChart | None:
    """One bar per year from the first to the last year with pieces, empty years included."""
    years = [year for year, count in counts.items() if count]
    if not years:
        return None
    first, last = min(years), max(years)
    tallest = max(counts.values())
    number = last - first + 1
    slot = min(WIDTH / number, MAX_BAR / 0.75)
    offset = (WIDTH - slot * number) / 2  # a few bars sit in the middle
    labelled = labelled_years(first, last, LABEL_SPACING, slot)
    bars = []
    for index, year in enumerate(range(first, last + 1)):
        count = counts.get(year, 0)
        height = round(HEIGHT * count / tallest) if count else 0
        bars.append(
            Bar(
                year,
                count,
                offset + index * slot + slot * 0.125,
                HEIGHT - height,
                height,
                width=slot * 0.75,
                url=url_for(year) if url_for else "",
                labelled=year in labelled,
            )
        )
    label = ", ".join(f"{bar.year}: {bar.count}" for bar in bars if bar.count)
    return YearChart(bars=bars, label=f"Pieces per year. {label}.", counts_shown=slot >= COUNT_ABOVE_BARS)

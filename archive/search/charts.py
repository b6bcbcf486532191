"""A small bar chart of pieces per year, drawn as SVG on the server (no JavaScript)."""

from dataclasses import dataclass

BAR_WIDTH = 14
GAP = 4
HEIGHT = 60


@dataclass
class Bar:
    year: int
    count: int
    x: int
    y: int
    height: int
    url: str = ""


@dataclass
class YearChart:
    bars: list[Bar]
    width: int
    height: int = HEIGHT
    label: str = ""


def year_chart(counts: dict[int, int], url_for=None) -> YearChart | None:
    """One bar per year from the first to the last year with pieces, empty years included."""
    years = [year for year, count in counts.items() if count]
    if not years:
        return None
    first, last = min(years), max(years)
    tallest = max(counts.values())
    bars = []
    for index, year in enumerate(range(first, last + 1)):
        count = counts.get(year, 0)
        height = round(HEIGHT * count / tallest) if count else 0
        bars.append(
            Bar(
                year,
                count,
                index * (BAR_WIDTH + GAP),
                HEIGHT - height,
                height,
                url_for(year) if url_for else "",
            )
        )
    label = ", ".join(f"{bar.year}: {bar.count}" for bar in bars if bar.count)
    return YearChart(bars=bars, width=len(bars) * (BAR_WIDTH + GAP), label=f"Pieces per year. {label}.")

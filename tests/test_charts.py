"""The year chart's SVG (archive.search.charts), drawn in Python."""

from itertools import pairwise
from xml.etree import ElementTree

from archive.search.charts import LABEL_SPACING, WIDTH, labelled_years, year_chart


def parse(chart):
    wrapper = ElementTree.fromstring(str(chart.svg()))
    return wrapper, wrapper.find("svg")


def year_labels(svg):
    return [
        (float(text.get("x")), text.text) for text in svg.findall("text") if text.get("class") == "bar-year"
    ]


def test_each_year_with_pieces_is_a_bar_linking_to_that_year():
    chart = year_chart({2019: 4, 2021: 1, 2023: 2}, lambda year: f"/search/?year={year}&q=a<b")
    wrapper, svg = parse(chart)
    links = svg.findall("a")
    assert [link.get("href") for link in links] == [
        f"/search/?year={year}&q=a<b" for year in (2019, 2021, 2023)
    ]
    assert [link.find("title").text for link in links] == ["2019: 4", "2021: 1", "2023: 2"]
    tallest = links[0].find("rect")
    assert (tallest.get("y"), tallest.get("height")) == ("0", "60")
    assert [label for _, label in year_labels(svg)] == [
        "2019",
        "2020",
        "2021",
        "2022",
        "2023",
    ]  # room for all
    assert "&amp;q=a&lt;b" in str(chart.svg())  # the URL is escaped in the markup


def test_the_chart_is_no_image_holding_links_and_its_links_are_out_of_the_tab_order():
    """axe's nested-interactive: role="img" with links inside. The chart is a pointer shortcut;
    the Year facet's list beside it has the same years, counts and links for everyone."""
    wrapper, svg = parse(year_chart({2019: 4, 2023: 2}, lambda year: f"/?year={year}"))
    assert wrapper.get("aria-hidden") == "true"
    assert svg.get("role") is None and svg.get("focusable") == "false"
    assert all(link.get("tabindex") == "-1" for link in svg.findall("a"))


def test_the_chart_scales_to_its_column_rather_than_having_a_width():
    _, svg = parse(year_chart({year: 1 for year in range(1990, 2027)}))
    assert svg.get("width") is None and svg.get("height") is None
    assert svg.get("viewBox").split()[2] == str(WIDTH + 28)
    right_edges = [float(rect.get("x")) + float(rect.get("width")) for rect in svg.iter("rect")]
    assert max(right_edges) <= WIDTH  # 37 years share the same width as 3


def test_years_are_thinned_to_round_ones_and_never_closer_than_the_spacing():
    for first, last in [(2004, 2026), (1990, 2026), (2015, 2025), (1995, 2000), (2001, 2100)]:
        _, svg = parse(year_chart({first: 1, last: 1}))
        positions = year_labels(svg)
        years = [int(label) for _, label in positions]
        assert years[0] == first and years[-1] == last
        assert all(b - a >= LABEL_SPACING - 0.5 for (a, _), (b, _) in pairwise(positions)), years
    _, svg = parse(year_chart({2004: 1, 2026: 1}))
    assert [label for _, label in year_labels(svg)] == ["2004", "2010", "2015", "2020", "2026"]


def test_labelled_years():
    assert labelled_years(2004, 2026, spacing=30, slot=10) == {2004, 2010, 2015, 2020, 2026}
    assert labelled_years(2019, 2023, spacing=30, slot=40) == {2019, 2020, 2021, 2022, 2023}
    assert labelled_years(2020, 2020, spacing=30, slot=40) == {2020}


def test_counts_are_printed_above_bars_only_when_there_is_room():
    _, few = parse(year_chart({2022: 3, 2023: 5}))
    assert [text.text for text in few.findall("text") if text.get("class") == "bar-count"] == ["3", "5"]
    _, many = parse(year_chart({year: 1 for year in range(1990, 2027)}))
    assert not [text for text in many.findall("text") if text.get("class") == "bar-count"]


def test_no_pieces_no_chart():
    assert year_chart({}) is None
    assert year_chart({2020: 0}) is None

"""The year chart's SVG (archive.search.charts), drawn in Python."""

from xml.etree import ElementTree

from archive.search.charts import year_chart


def test_each_year_with_pieces_is_a_linked_bar_and_the_years_are_labelled():
    chart = year_chart({2019: 4, 2021: 1, 2023: 2}, lambda year: f"/search/?year={year}&q=a<b")
    figure = ElementTree.fromstring(str(chart.svg()))
    svg = figure.find("{http://www.w3.org/2000/svg}svg") or figure.find("svg")
    links = svg.findall("a")
    assert [link.get("href") for link in links] == [
        f"/search/?year={year}&q=a<b" for year in (2019, 2021, 2023)
    ]
    assert [link.find("title").text for link in links] == ["2019: 4", "2021: 1", "2023: 2"]
    tallest = links[0].find("rect")
    assert (tallest.get("y"), tallest.get("height")) == ("0", "60")
    labels = [text.text for text in svg.findall("text") if text.get("class") == "bar-year"]
    assert labels == ["2019", "2023"]  # the first and the last; 2020 would run into 2019
    assert svg.get("aria-label") == "Pieces per year. 2019: 4, 2021: 1, 2023: 2."
    assert "&amp;q=a&lt;b" in str(chart.svg())  # the URL is escaped in the markup


def test_no_pieces_no_chart():
    assert year_chart({}) is None
    assert year_chart({2020: 0}) is None


def test_every_fifth_year_is_labelled_between_the_first_and_the_last():
    chart = year_chart({2004: 1, 2026: 1})
    svg = ElementTree.fromstring(str(chart.svg())).find("svg")
    labels = [text.text for text in svg.findall("text") if text.get("class") == "bar-year"]
    assert labels == ["2004", "2010", "2015", "2020", "2026"]  # not 2005 or 2025, beside the ends

"""Citations: BibTeX, RIS and CSL-JSON read back by real parsers; nothing unknown is invented."""

import json
from datetime import date

import bibtexparser
import pytest
import rispy

from archive.core.citation_formats import (
    CitationRecord,
    CitedDate,
    latex_escape,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from tests.reuse_data import make_reuse_archive

ACCESSED = date(2025, 3, 14)
FULL = CitationRecord(
    key="alliance-warns",
    kind="article",
    title="Alliance warns on resilience fund",
    url="https://archive.example/articles/alliance-warns/",
    accessed=ACCESSED,
    authors=("Dr Imogen Testwell", "Sam Example"),
    container="The Practice Gazette",
    issued=CitedDate(2024, 5, 1),
)
BARE = CitationRecord(
    key="undated-essay",
    kind="article",
    title="An undated essay",
    url="https://archive.example/articles/undated-essay/",
    accessed=ACCESSED,
)


def parse_bibtex(text):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, library.failed_blocks
    (entry,) = library.entries
    return entry


class TestFormats:
    def test_bibtex_reads_back(self):
        entry = parse_bibtex(to_bibtex(FULL))
        assert entry.entry_type == "misc" and entry.key == "alliance-warns"
        assert entry["author"] == "{Dr Imogen Testwell} and {Sam Example}"
        assert entry["title"] == "{Alliance warns on resilience fund}"
        assert entry["year"] == "2024" and entry["date"] == "2024-05-01"
        assert entry["url"] == FULL.url and entry["urldate"] == "2025-03-14"
        assert entry["howpublished"] == "The Practice Gazette"

    def test_ris_reads_back(self):
        (entry,) = rispy.loads(to_ris(FULL))
        assert entry["type_of_reference"] == "ELEC"
        assert entry["authors"] == ["Dr Imogen Testwell", "Sam Example"]
        assert entry["title"] == FULL.title and entry["urls"] == [FULL.url]
        assert entry["year"] == "2024" and entry["date"] == "2024/05/01/"
        assert entry["access_date"] == "2025/03/14"

    def test_csl_json_reads_back(self):
        (item,) = json.loads(to_csl_json(FULL))
        assert item["type"] == "webpage" and item["id"] == "alliance-warns"
        assert item["author"] == [{"literal": "Dr Imogen Testwell"}, {"literal": "Sam Example"}]
        assert item["issued"] == {"date-parts": [[2024, 5, 1]]}
        assert item["container-title"] == "The Practice Gazette"
        assert item["accessed"] == {"date-parts": [[2025, 3, 14]]}

    def test_unknowns_stay_absent_in_every_format(self):
        entry = parse_bibtex(to_bibtex(BARE))
        assert not {"author", "year", "date", "month", "howpublished"} & set(entry.fields_dict)
        (ris,) = rispy.loads(to_ris(BARE))
        assert not {"authors", "year", "date", "secondary_title"} & set(ris)
        (csl,) = json.loads(to_csl_json(BARE))
        assert not {"author", "issued", "container-title"} & set(csl)

    def test_an_approximate_month_is_marked_and_has_no_day(self):
        record = CitationRecord(**{**BARE.__dict__, "issued": CitedDate(2023, 4, None, approximate=True)})
        entry = parse_bibtex(to_bibtex(record))
        assert entry["date"] == "2023-04~" and entry["month"] == "apr" and entry["year"] == "2023"
        (ris,) = rispy.loads(to_ris(record))
        assert ris["date"] == "2023/04//circa"
        (csl,) = json.loads(to_csl_json(record))
        assert csl["issued"] == {"date-parts": [[2023, 4]], "circa": True}

    def test_latex_specials_are_escaped_and_still_parse(self):
        title = "Cuts of 10% & {more} for #GPs_now ~ $5 \\ ^"
        record = CitationRecord(**{**BARE.__dict__, "title": title})
        entry = parse_bibtex(to_bibtex(record))
        assert entry["title"] == "{" + latex_escape(title) + "}"
        assert r"10\% \& \{more\} for \#GPs\_now \~{} \$5 \textbackslash{} \^{}" in entry["title"]

    def test_newlines_never_break_a_ris_record(self):
        record = CitationRecord(**{**BARE.__dict__, "title": "Line one\nTY  - JOUR\nline three"})
        (entry,) = rispy.loads(to_ris(record))
        assert entry["title"] == "Line one TY - JOUR line three" and entry["type_of_reference"] == "ELEC"


@pytest.mark.django_db
class TestDownloads:
    @pytest.fixture
    def archive(self):
        return make_reuse_archive()

    def test_article_downloads_are_attachments_with_sensible_names(self, client, archive):
        for extension, content_type in [
            ("bib", "application/x-bibtex"),
            ("ris", "application/x-research-info-systems"),
            ("json", "application/vnd.citationstyles.csl+json"),
        ]:
            response = client.get(f"/articles/alliance-warns/citation.{extension}")
            assert response.status_code == 200
            assert response["Content-Type"].startswith(content_type)
            assert response["Content-Disposition"] == f'attachment; filename="alliance-warns.{extension}"'

    def test_an_inferred_date_and_a_supplied_title_are_said(self, client, archive):
        (item,) = client.get("/articles/practice-manager-notes/citation.json").json()
        assert item["issued"] == {"date-parts": [[2023, 4]], "circa": True}
        assert "author" not in item
        assert item["note"] == (
            "Date approximate: Inferred from the comments' dates. "
            "The source has no title; this one was supplied by the archive."
        )

    def test_a_quote_cites_its_link_and_words(self, client, archive):
        quote = archive["quote"]
        response = client.get(f"/q/{quote.pk}/citation.ris")
        assert response["Content-Disposition"] == f'attachment; filename="quote-{quote.pk}.ris"'
        (entry,) = rispy.loads(response.content.decode())
        assert entry["urls"][0].endswith(f"/q/{quote.pk}")
        assert "“the Practice resilience fund was too small”" in entry["notes"][0]
        assert "Said by Dr Imogen Testwell, Wessex Practice Alliance" in entry["notes"][0]

    def test_a_quote_from_a_comment_cites_the_commenter(self, client, archive):
        from archive.services.quotes import make_quote

        quote, _ = make_quote(archive["dated"], archive["script_comment"], "is a sticking plaster")
        entry = parse_bibtex(client.get(f"/q/{quote.pk}/citation.bib").content.decode())
        assert entry["author"] == "{Dr Sceptical}"
        assert entry["date"] == "2024-05-02T18:45:00+01:00"  # the comment's own time, in UK time
        assert entry["title"] == "{Comment on “Alliance warns on resilience fund”}"

    def test_drafts_unknown_formats_and_unknown_quotes_are_404(self, client, archive):
        assert client.get("/articles/secret-draft/citation.bib").status_code == 404
        assert client.get(f"/q/{archive['draft_quote'].pk}/citation.bib").status_code == 404
        assert client.get("/articles/alliance-warns/citation.docx").status_code == 404
        assert client.get("/q/nosuchquote/citation.ris").status_code == 404

    def test_the_pages_link_to_the_downloads(self, client, archive):
        html = client.get("/articles/alliance-warns/").content.decode()
        for extension in ("bib", "ris", "json"):
            assert f'href="/articles/alliance-warns/citation.{extension}"' in html
        assert "Dr Imogen Testwell, Sam Example, “Alliance warns on resilience fund”" in html
        quote = archive["quote"]
        html = client.get(f"/q/{quote.pk}").content.decode()
        for extension in ("bib", "ris", "json"):
            assert f'href="/q/{quote.pk}/citation.{extension}"' in html

"""Citations as BibTeX, RIS and CSL-JSON: pure functions over one CitationRecord.

What the archive does not know stays out: an unsigned piece has no author,
a date known only to the month has no day, an undated piece has no date. A
date a curator inferred is marked as approximate in each format's own way
(CSL-JSON "circa", biblatex's "~", RIS's free date field and a note).
Names are given whole, as the source prints them: splitting "Dr Polly
Invented" into family and given names would be a guess.
"""

import json
from dataclasses import dataclass
from datetime import date

MONTH_MACROS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


@dataclass(frozen=True)
class CitedDate:
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    time: str = ""  # "12:49+01:00": the local time of day with its offset, when the source gives it


@dataclass(frozen=True)
class CitationRecord:
    key: str  # the citation key and CSL id, e.g. the article's slug
    kind: str  # "article" (a piece) or "comment" (a reader's comment)
    title: str
    url: str
    accessed: date
    authors: tuple[str, ...] = ()
    container: str = ""  # the publication
    issued: CitedDate | None = None
    note: str = ""


# --- BibTeX -------------------------------------------------------------------

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def latex_escape(text: str) -> str:
    """Text as a BibTeX field value: LaTeX's special characters escaped, one line."""
    return "".join(_LATEX_SPECIALS.get(character, character) for character in " ".join(text.split()))


def to_bibtex(record: CitationRecord) -> str:
    """A @misc entry (what every BibTeX style knows), with biblatex's date, url and urldate too."""
    fields: list[tuple[str, str]] = []
    if record.authors:
        # Each name in braces: BibTeX then treats it as one name and does not split it.
        fields.append(("author", " and ".join("{" + latex_escape(name) + "}" for name in record.authors)))
    fields.append(("title", "{" + latex_escape(record.title) + "}"))  # double braces keep its capitals
    if record.container:
        fields.append(("howpublished", latex_escape(record.container)))
    if record.issued:
        fields.append(("year", str(record.issued.year)))
        if record.issued.month:
            fields.append(("month", MONTH_MACROS[record.issued.month - 1]))
        # biblatex reads a time in its date fields (ISO 8601, with the offset).
        clock = f"T{record.issued.time[:5]}:00{record.issued.time[5:]}" if record.issued.time else ""
        fields.append(("date", _iso(record.issued) + clock + ("~" if record.issued.approximate else "")))
    fields.append(("url", record.url))
    fields.append(("urldate", record.accessed.isoformat()))
    if record.note:
        fields.append(("note", latex_escape(record.note)))
    lines = [f"@misc{{{record.key},"]
    for name, value in fields:
        # Month macros (may, jun, ...) stand bare; every other value is braced.
        shown = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name} = {shown},")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- RIS ----------------------------------------------------------------------


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def to_ris(record: CitationRecord) -> str:
    """One RIS record: ELEC (web page) for a piece, BLOG for a reader's comment."""
    lines = [_ris_line("TY", "BLOG" if record.kind == "comment" else "ELEC")]
    lines.append(_ris_line("TI", record.title))
    lines += [_ris_line("AU", name) for name in record.authors]
    if record.container:
        lines.append(_ris_line("T2", record.container))
    if record.issued:
        issued = record.issued
        lines.append(_ris_line("PY", str(issued.year)))
        month = f"{issued.month:02d}" if issued.month else ""
        day = f"{issued.day:02d}" if issued.day else ""
        # DA is YYYY/MM/DD/other: unknown parts stay empty; "circa" marks an inferred date; the
        # other part also carries the local time of day, when known.
        other = " ".join(part for part in ("circa" if issued.approximate else "", issued.time) if part)
        lines.append(_ris_line("DA", f"{issued.year}/{month}/{day}/{other}"))
    lines.append(_ris_line("UR", record.url))
    lines.append(_ris_line("Y2", record.accessed.strftime("%Y/%m/%d")))
    if record.note:
        lines.append(_ris_line("N1", record.note))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"  # RIS lines end in CR LF


# --- CSL-JSON -----------------------------------------------------------------


def to_csl(record: CitationRecord) -> dict:
    """One CSL-JSON item (Zotero, Pandoc and citeproc read these)."""
    item: dict = {
        "id": record.key,
        "type": "post" if record.kind == "comment" else "webpage",
        "title": record.title,
    }
    if record.authors:
        item["author"] = [{"literal": name} for name in record.authors]
    if record.container:
        item["container-title"] = record.container
    if record.issued:
        parts = [record.issued.year, record.issued.month, record.issued.day]
        item["issued"] = {"date-parts": [[part for part in parts if part]]}
        if record.issued.approximate:
            item["issued"]["circa"] = True
    item["URL"] = record.url
    item["accessed"] = {"date-parts": [[record.accessed.year, record.accessed.month, record.accessed.day]]}
    if record.note:
        item["note"] = record.note
    return item


def to_csl_json(record: CitationRecord) -> str:
    """CSL-JSON is a list of items, even for one."""
    return json.dumps([to_csl(record)], ensure_ascii=False, indent=2) + "\n"


def _iso(issued: CitedDate) -> str:
    parts = [f"{issued.year:04d}"]
    if issued.month:
        parts.append(f"{issued.month:02d}")
        if issued.day:
            parts.append(f"{issued.day:02d}")
    return "-".join(parts)


# extension -> (writer, content type)
FORMATS = {
    "bib": (to_bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (to_ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (to_csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
FORMAT_NAMES = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def citation_links(path_of) -> list[tuple[str, str]]:
    """(format name, URL) for each download, for the page's "Cite" links."""
    return [(FORMAT_NAMES[extension], path_of(extension)) for extension in FORMATS]

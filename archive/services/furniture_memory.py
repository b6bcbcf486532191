"""What the archive remembers of each publication's furniture, and how it learns more.

A line is learned as furniture when it recurs in pastes from the same publication
(this paste and at least LEARN_AFTER_STORED stored pieces) and is not a sentence:
an audience banner, a section label, a print link. Curators see every remembered
line in the admin and can switch any of them off.
"""

from dataclasses import dataclass, field

from archive.core.parser import ParseError
from archive.core.parser.comments import match_header
from archive.core.parser.furniture import is_comments_header
from archive.core.parser.piece import ends_like_sentence
from archive.core.parser.text import normalise, to_lines
from archive.models import Article, FurnitureLine, FurnitureSource, Publication

LEARN_AFTER_STORED = 2  # stored pieces of the publication that print the line too
RECENT_PIECES = 50  # how many of the publication's latest pieces are compared
TOP_LINES = 300  # furniture sits around the text, not deep in a long comment thread
MAX_WORDS = 10


@dataclass
class Furniture:
    remembered: list[str] = field(default_factory=list)  # active lines stored for the publication
    learned: list[str] = field(default_factory=list)  # lines this paste shows to recur

    @property
    def lines(self) -> list[str]:
        return [*self.remembered, *self.learned]


def key(text: str) -> str:
    return " ".join(text.split()).lower()


def candidate_lines(text: str) -> list[str]:
    """Short lines that are not sentences, above the comments: what furniture looks like."""
    candidates = []
    for line in to_lines(text)[:TOP_LINES]:
        if not line.text:
            continue
        if is_comments_header(line.text) or match_header(line):
            break
        if len(line.text.split()) <= MAX_WORDS and not ends_like_sentence(line.text):
            candidates.append(line.text)
    return candidates


def furniture_for(text: str, publication_name: str) -> Furniture:
    """The publication's remembered furniture, and what this paste would teach it."""
    if not publication_name.strip():
        return Furniture()
    rows = FurnitureLine.objects.for_publication_named(publication_name)
    remembered = [line.text for line in rows if line.active]
    known = {key(line.text) for line in rows}  # a line switched off is never learned again
    try:
        candidates = {key(line): line for line in candidate_lines(normalise(text))}
    except ParseError:  # the parser reports an unusable paste itself, with its own message
        return Furniture(remembered)
    candidates = {k: line for k, line in candidates.items() if k not in known}
    if not candidates:
        return Furniture(remembered)
    seen: dict[str, int] = {}
    stored = (
        Article.objects.filter(publication__name__iexact=publication_name.strip())
        .order_by("-created_at")
        .values_list("source_text", flat=True)[:RECENT_PIECES]
    )
    for source_text in stored:
        for k in {key(line) for line in source_text.split("\n", TOP_LINES)[:TOP_LINES]} & candidates.keys():
            seen[k] = seen.get(k, 0) + 1
    learned = [candidates[k] for k, count in seen.items() if count >= LEARN_AFTER_STORED]
    return Furniture(remembered, learned)


def remember(publication: Publication | None, learned: list[str], marked: list[str]) -> int:
    """Store learned and curator-marked lines for the publication; returns how many are new."""
    if publication is None:
        return 0
    new = 0
    for lines, source in ((marked, FurnitureSource.CURATOR), (learned, FurnitureSource.LEARNED)):
        for text in lines:
            rows = FurnitureLine.objects.filter(publication=publication)
            existing = rows.filter(text__iexact=text.strip()).first()
            if existing is None:
                FurnitureLine.objects.create(publication=publication, text=text.strip()[:300], source=source)
                new += 1
            elif source == FurnitureSource.CURATOR and not existing.active:
                existing.active = True  # a curator marking it again overrides switching it off
                existing.save(update_fields=["active"])
    return new

"""A page of hits grouped by article: several matching comments of one article are shown
under it ("3 matching comments") rather than filling the page one by one.

Pure: hits in, groups out, in the order of each article's first hit on the page. An article
with a single hit stays a plain hit (a group of one).
"""

from dataclasses import dataclass, field

from archive.search.hits import Hit


@dataclass
class HitGroup:
    article_title: str
    article_url: str
    lead: Hit | None  # the article itself when it is a hit, else None (only its comments matched)
    comments: list[Hit] = field(default_factory=list)  # its matching comments, in rank order

    @property
    def hits(self) -> list[Hit]:
        return ([self.lead] if self.lead else []) + self.comments

    @property
    def single(self) -> Hit | None:
        """The one hit of a group of one (shown as a plain hit)."""
        return self.hits[0] if len(self.hits) == 1 else None


def group_hits(hits: list[Hit]) -> list[HitGroup]:
    groups: dict[str, HitGroup] = {}
    for hit in hits:
        group = groups.setdefault(hit.article_url, HitGroup(hit.article_title, hit.article_url, None))
        if hit.kind == "article":
            group.lead = hit
        else:
            group.comments.append(hit)
    return list(groups.values())

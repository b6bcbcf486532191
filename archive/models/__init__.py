from archive.models.articles import Article, Comment, SlugRedirect
from archive.models.choices import (
    DatePrecision,
    MentionStatus,
    OrganisationKind,
    Status,
    Theme,
)
from archive.models.limits import RateCounter
from archive.models.mentions import OrganisationMention, TermMention
from archive.models.people import Person, Publication
from archive.models.quotes import Quote
from archive.models.revisions import ArticleRevision, CommentRevision
from archive.models.taxonomy import Organisation, PolicyTerm
from archive.models.vocabulary import SearchWord

__all__ = [
    "Article",
    "ArticleRevision",
    "Comment",
    "CommentRevision",
    "DatePrecision",
    "MentionStatus",
    "Organisation",
    "OrganisationKind",
    "OrganisationMention",
    "Person",
    "PolicyTerm",
    "Quote",
    "RateCounter",
    "Publication",
    "SearchWord",
    "SlugRedirect",
    "Status",
    "TermMention",
    "Theme",
]

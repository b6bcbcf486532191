from archive.models.articles import Article, ArticleQuerySet, Comment, SlugRedirect
from archive.models.choices import (
    DatePrecision,
    MentionStatus,
    OrganisationKind,
    Status,
    Theme,
)
from archive.models.mentions import OrganisationMention, TermMention
from archive.models.people import Person, Publication
from archive.models.taxonomy import Organisation, PolicyTerm

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Comment",
    "DatePrecision",
    "MentionStatus",
    "Organisation",
    "OrganisationKind",
    "OrganisationMention",
    "Person",
    "PolicyTerm",
    "Publication",
    "SlugRedirect",
    "Status",
    "TermMention",
    "Theme",
]

from archive.models.articles import Article, ArticleAuthor, Comment, SlugRedirect
from archive.models.choices import (
    DatePrecision,
    MentionStatus,
    OrganisationKind,
    Status,
    Theme,
    TimePrecision,
)
from archive.models.data_version import DataVersion
from archive.models.furniture import FurnitureLine, FurnitureSource
from archive.models.imports import ImportJob, ImportJobStatus
from archive.models.limits import RateCounter
from archive.models.mentions import OrganisationMention, TermMention
from archive.models.people import Person, Publication
from archive.models.quotes import Quote
from archive.models.revisions import ArticleRevision, CommentRevision
from archive.models.search_outbox import SearchOutbox
from archive.models.search_words import SearchWord
from archive.models.taxonomy import Organisation, PolicyTerm

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleRevision",
    "Comment",
    "CommentRevision",
    "DataVersion",
    "DatePrecision",
    "FurnitureLine",
    "FurnitureSource",
    "ImportJob",
    "ImportJobStatus",
    "MentionStatus",
    "Organisation",
    "OrganisationKind",
    "OrganisationMention",
    "Person",
    "PolicyTerm",
    "Quote",
    "RateCounter",
    "Publication",
    "SearchOutbox",
    "SearchWord",
    "SlugRedirect",
    "Status",
    "TermMention",
    "Theme",
    "TimePrecision",
]

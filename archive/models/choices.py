"""Enumerations shared by the models, each with a tolerant ``parse()``."""

from django.db import models


class ParseableChoices(models.TextChoices):
    @classmethod
    def parse(cls, value):
        """Return the member for a value or label (any case), or None for anything else."""
        if value is None:
            return None
        text = str(value).strip().lower()
        for member in cls:
            if text in (member.value.lower(), str(member.label).lower()):
                return member
        return None


class Status(ParseableChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class DatePrecision(ParseableChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class TimePrecision(ParseableChoices):
    """How much of a comment's time its source printed: "4 April, 2023 11:17 am" or "7 May 2025"."""

    DATETIME = "datetime", "Date and time"
    DATE = "date", "Date only"


class OrganisationKind(ParseableChoices):
    NATIONAL_BODY = "national_body", "National NHS body"
    GOVERNMENT = "government", "Government department"
    COMMISSIONER = "commissioner", "Commissioner"
    UNION = "union", "Trade union"
    COMMITTEE = "committee", "Committee"
    ROYAL_COLLEGE = "royal_college", "Royal college"
    THINK_TANK = "think_tank", "Think tank"
    REGULATOR = "regulator", "Regulator"
    PROVIDER_BODY = "provider_body", "Provider body"
    PUBLISHER = "publisher", "Publisher"
    STATISTICS = "statistics", "Statistics body"
    PARLIAMENT = "parliament", "Parliament"
    POLITICAL_PARTY = "political_party", "Political party"
    OTHER = "other", "Other"


class Theme(ParseableChoices):
    CONTRACT = "contract", "Contract"
    FUNDING = "funding", "Funding"
    WORKFORCE = "workforce", "Workforce"
    STRUCTURES = "structures", "Structures"
    PERFORMANCE = "performance", "Performance management"
    ACCESS = "access", "Access"
    PLANS = "plans", "Plans and reviews"
    CARE_MODELS = "care_models", "Care models"


class MentionStatus(ParseableChoices):
    """Who decided a tag: the tagger, or a curator (whose decision always wins)."""

    DETECTED = "detected", "Detected"
    CONFIRMED = "confirmed", "Confirmed by a curator"
    ADDED = "added", "Added by a curator"
    REJECTED = "rejected", "Rejected by a curator"

    @classmethod
    def curator_decisions(cls):
        return [cls.CONFIRMED, cls.ADDED, cls.REJECTED]

    @classmethod
    def shown(cls):
        return [cls.DETECTED, cls.CONFIRMED, cls.ADDED]

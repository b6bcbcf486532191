"""Articles (news pieces, blog posts, essays), their readers' comments and old-slug redirects."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Func, Value
from django.db.models.functions import Lower, Upper

from archive.core.blocks import split_blocks
from archive.core.partial_dates import partial_date_display, partial_date_iso
from archive.models.choices import DatePrecision, Status, TimePrecision
from archive.models.data_version import bumps_data_version
from archive.models.facet_columns import byline_triggers
from archive.models.links import slug_url
from archive.models.querysets import ArticleQuerySet, CommentQuerySet
from archive.models.search_outbox import ARTICLE_TRIGGERS, COMMENT_TRIGGERS


class Article(models.Model):
    title = models.CharField(max_length=300)
    title_supplied = models.BooleanField(
        default=False, help_text="The source has no title; a curator wrote this one."
    )
    slug = models.SlugField(max_length=80, unique=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(
        help_text="Plain text. Blank lines separate paragraphs; a line starting '## ' is a "
        "sub-heading, '- ' a bullet, '1. ' a numbered item."
    )
    pull_quotes = ArrayField(
        models.TextField(),
        default=list,
        blank=True,
        help_text="Pull quotes the source printed; each repeats a sentence of the body.",
    )
    publication = models.ForeignKey(
        "archive.Publication",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField("archive.Person", blank=True, related_name="articles")
    source_url = models.URLField(max_length=500, blank=True)
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="With 'month' precision the day is ignored; with 'year', day and month.",
    )
    date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_approximate = models.BooleanField(
        default=False, help_text="The source gives no date; this one is inferred (see note)."
    )
    date_note = models.CharField(
        max_length=300, blank=True, help_text="How the date is known, when it is not printed."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    # Provenance of an import: the raw paste is kept so nothing is ever lost, its
    # hash makes a second import of the same text a no-op, and the import key
    # (set once) lets a changed text update this article instead of duplicating it.
    source_text = models.TextField(blank=True, editable=False)
    source_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    import_key = models.CharField(max_length=600, null=True, blank=True, unique=True, editable=False)
    # The first words of the text, hashed (archive.identity): a re-paste with none of the
    # details typed the first time still finds this piece.
    opening_key = models.CharField(max_length=32, blank=True, db_index=True, editable=False, db_default="")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "-created_at"]
        triggers = [*ARTICLE_TRIGGERS, bumps_data_version()]  # the search index's outbox; the caches
        indexes = [
            models.Index(fields=["status", "published_on"]),
            # "Newest first" read straight off an index: a broad search stops after a page of hits
            # instead of testing every matching vector and sorting them (docs/benchmarks.md).
            models.Index(
                models.F("published_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_newest_idx",
                condition=models.Q(status="published"),
            ),
            # The admin's list in its order (Meta.ordering, then the id Django adds), so that a
            # page of a broad search is read in order instead of sorting every match.
            models.Index(
                models.F("published_on").desc(nulls_last=True),
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="article_admin_order_idx",
            ),
            # The admin's title search (icontains is UPPER(title) LIKE): trigrams from pg_trgm.
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="article_title_trgm_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._remember_old_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("article_detail", self.slug)

    def clean(self):
        """A date needs its precision, and a precision needs a date."""
        if self.published_on and self.date_precision == DatePrecision.UNKNOWN:
            raise ValidationError({"date_precision": "Say how precise the date is (day, month or year)."})
        if not self.published_on and self.date_precision != DatePrecision.UNKNOWN:
            raise ValidationError({"published_on": "Give the date, or set the precision to unknown."})
        if self.date_approximate and not self.published_on:
            raise ValidationError({"date_approximate": "Only a date that is given can be approximate."})

    def _remember_old_slug(self):
        """A renamed slug keeps answering (301) through SlugRedirect: permalinks never break."""
        if not self.pk:
            return
        old_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if old_slug and old_slug != self.slug:
            SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": self})
            SlugRedirect.objects.filter(old_slug=self.slug).delete()

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def blocks(self):
        return split_blocks(self.body)

    @property
    def date_display(self) -> str:
        """The date as precisely as it is known, e.g. '4 April 2023', 'April 2023', 'c. 2025'."""
        return partial_date_display(self.published_on, self.date_precision, self.date_approximate)

    @property
    def date_iso(self) -> str | None:
        """The date in ISO 8601 to the precision known: '2023-04-04', '2023-04' or '2023' (never a
        made-up day), or None."""
        return partial_date_iso(self.published_on, self.date_precision)


class ArticleAuthor(Article.authors.through):
    """An article's byline: Django's own table for ``Article.authors``, named here for its triggers."""

    class Meta:
        proxy = True
        triggers = [*byline_triggers(), bumps_data_version()]  # authors' slugs on the row; the caches


class SlugRedirect(models.Model):
    old_slug = models.SlugField(max_length=80, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=200, help_text="As the comment shows it; often a pseudonym.")
    posted_at = models.DateTimeField(null=True, blank=True, help_text="Europe/London time.")
    # A date printed without a time is stored at midnight (UK time) and shown as a date:
    # no invented "12:00 a.m." on the page, in citations or in the API.
    time_precision = models.CharField(
        max_length=8,
        choices=TimePrecision.choices,
        default=TimePrecision.DATETIME,
        db_default=TimePrecision.DATETIME,
        help_text="Whether the source printed the comment's time or only its date.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        help_text="The comment this one replies to, when the source threads them.",
    )
    body = models.TextField()
    position = models.PositiveIntegerField(default=0, help_text="Order in the thread.")
    created_at = models.DateTimeField(auto_now_add=True)
    # Commenters are not Person rows (most use pseudonyms); this slug lets the
    # author facet group their comments. Generated, so every write path keeps it.
    author_slug = models.GeneratedField(
        expression=Func(
            Func(
                Lower("author_name"), Value("[^a-z0-9]+"), Value("-"), Value("g"), function="regexp_replace"
            ),
            Value("-"),
            function="btrim",
        ),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "posted_at", "id"]
        triggers = [*COMMENT_TRIGGERS, bumps_data_version()]  # the search index's outbox; the caches
        indexes = [
            models.Index(fields=["author_slug"]),
            models.Index(fields=["posted_at"]),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]

    @property
    def date_only(self) -> bool:
        return self.time_precision == TimePrecision.DATE

    @property
    def posted_display(self) -> str:
        """ "4 April 2023, 11:17 a.m.", or "7 May 2025" when the source printed only the date."""
        from archive.core.times import comment_time  # the one helper for every surface (issue 14)

        posted = comment_time(self)
        return posted.display if posted else ""

    @property
    def posted_iso(self) -> str | None:
        """ISO 8601: a date ("2025-05-07") when only the date is known, else the UK time."""
        from archive.core.times import comment_time

        posted = comment_time(self)
        return posted.iso if posted else None

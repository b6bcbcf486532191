from django import forms

from archive.core.partial_dates import parse_partial_date
from archive.models import Status
from archive.services.importer import PieceMetadata


def split_names(text: str) -> list[str]:
    return [name.strip() for name in text.replace("\n", ",").split(",") if name.strip()]


class LinesField(forms.Field):
    """Several whole lines of the paste (the preview's furniture checkboxes)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [" ".join(line.split())[:300] for line in value or [] if line.strip()]


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Text copied from the browser",
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "spellcheck": "false"}),
        strip=False,
        help_text="Select the whole article in the browser, copy, and paste it here, "
        "comments and all. Site furniture is removed; nothing else is.",
    )
    upload = forms.FileField(
        required=False,
        label="Or upload a text file",
        help_text="Read as the command line reads it: UTF-8, else Windows-1252 (with a warning).",
    )
    fetch_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="Or fetch a public page",
        help_text="Its address (http or https). The page's main text and comments are read, then previewed.",
    )
    # The clipboard's HTML, captured by static/js/import-paste.js when the browser offers it.
    html = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text="Only when the text has no title (it is marked as supplied).",
    )
    published = forms.CharField(
        label="Date", required=False, help_text="2023-04-04, 2023-04 or 2023. Leave empty when unknown."
    )
    date_approximate = forms.BooleanField(
        required=False, label="The date is approximate (inferred, not printed)"
    )
    date_note = forms.CharField(required=False, max_length=300, help_text="How the date is known.")
    authors = forms.CharField(
        required=False, help_text="Comma-separated. Leave empty when the text does not say."
    )
    publication = forms.CharField(required=False, max_length=200)
    source_url = forms.URLField(required=False, max_length=500, assume_scheme="https")
    # Empty keeps a stored piece's status when a re-paste updates it (a new piece is a draft),
    # so that re-pasting a published piece never unpublishes it by accident.
    status = forms.ChoiceField(
        choices=[("", "Keep as stored (draft when first imported)"), *Status.choices], required=False
    )
    listing = forms.BooleanField(
        required=False, label="This is a listing page of several posts (detected from a pager too)"
    )
    post_titles = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a listing page: the posts' titles, one a line, in order. Empty: detect them.",
    )

    # Set from the preview: the line the curator picked as the title (so it is the printed
    # title, not a supplied one), and lines marked as furniture (remembered for the publication).
    title_line = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    furniture = LinesField(required=False)

    def clean_published(self):
        value = self.cleaned_data["published"]
        try:
            parse_partial_date(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return value

    def metadata(self) -> PieceMetadata:
        data = self.cleaned_data
        return PieceMetadata(
            title=data["title_line"] or data["title"],
            published=data["published"],
            date_approximate=data["date_approximate"],
            date_note=data["date_note"],
            authors=split_names(data["authors"]),
            publication=data["publication"],
            source_url=data["source_url"],
            status=data["status"],
        )

    def posts(self) -> list[PieceMetadata] | None:
        titles = [line.strip() for line in self.cleaned_data["post_titles"].splitlines() if line.strip()]
        return [PieceMetadata(title=title) for title in titles] or None

    def marked_furniture(self) -> list[str]:
        return self.cleaned_data["furniture"]

    def is_listing(self) -> bool | None:
        return True if self.cleaned_data["listing"] or self.posts() else None

"""A publication's own furniture: lines its pages print around every piece.

The parser knows the furniture shared by many sites; each publication adds its own
(an audience banner, a section label, a print link). A curator marks a line in the
import preview, or the archive learns it when it recurs in that publication's
pastes; either way it is listed in the admin, where curators can switch it off.
"""

from django.db import models

from archive.models.choices import ParseableChoices


class FurnitureSource(ParseableChoices):
    CURATOR = "curator", "Marked by a curator"
    LEARNED = "learned", "Learned (recurs in this publication's pastes)"


class FurnitureLineQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_publication_named(self, name: str):
        return self.filter(publication__name__iexact=name.strip()) if name.strip() else self.none()


class FurnitureLine(models.Model):
    publication = models.ForeignKey(
        "archive.Publication", on_delete=models.CASCADE, related_name="furniture_lines"
    )
    text = models.CharField(max_length=300, help_text="The whole line, as printed (case is ignored).")
    source = models.CharField(max_length=10, choices=FurnitureSource.choices, default=FurnitureSource.CURATOR)
    active = models.BooleanField(
        default=True, help_text="Untick to keep this line in the text of future imports."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FurnitureLineQuerySet.as_manager()

    class Meta:
        ordering = ["publication__name", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "text"], name="furniture_line_unique_per_publication"
            )
        ]

    def __str__(self):
        return f"{self.publication}: {self.text}"

"""The "Curators" group: exactly the permissions a curator needs, and no user management."""

CURATORS_GROUP = "Curators"

# model name -> actions. Articles are never deleted (unpublish instead), so the
# archive cannot lose a piece by accident; comments and tags can be removed.
CURATOR_PERMISSIONS = {
    "article": ["add", "change", "view"],
    "comment": ["add", "change", "delete", "view"],
    "organisation": ["add", "change", "view"],
    "policyterm": ["add", "change", "view"],
    "person": ["add", "change", "view"],
    "publication": ["add", "change", "view"],
    "organisationmention": ["add", "change", "delete", "view"],
    "termmention": ["add", "change", "delete", "view"],
    "slugredirect": ["view"],
    "quote": ["add", "change", "view"],
    "articlerevision": ["view"],
    "commentrevision": ["view"],
    "furnitureline": ["add", "change", "delete", "view"],
}


def curator_codenames() -> list[str]:
    return [f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions]


def sync_curators_group(group_model, permission_model) -> None:
    """Create the group if needed and give it exactly the curator permissions."""
    group, _ = group_model.objects.get_or_create(name=CURATORS_GROUP)
    permissions = permission_model.objects.filter(
        content_type__app_label="archive", codename__in=curator_codenames()
    )
    group.permissions.set(permissions)

"""Writes for accounts and roles. Every role change goes through `user_set_role`, which
records it, so the history (PRD role_history) is complete whichever door was used."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from config.errors import NotPermitted, ValidationFailed
from config.tasks import enqueue

from .models import Profile, RoleChange
from .roles import ROLE_GROUPS, Role
from .selectors import user_get_role

ROLE_CHANGE_PERMISSION = "accounts.add_rolechange"


def user_can_change_roles(actor) -> bool:
    return bool(actor and actor.is_authenticated and actor.has_perm(ROLE_CHANGE_PERMISSION))


def user_set_role(*, user, role: Role | str, actor=None, reason: str = "") -> RoleChange | None:
    """Give `user` exactly one role. `actor=None` means the system (sign-up, seeding).

    Idempotent: setting the role a user already has records nothing and returns None.
    """
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationFailed(
            _("Unknown role “%(role)s”. Choose one of: %(choices)s.")
            % {"role": role, "choices": ", ".join(Role.values)},
            code="unknown_role",
            fields={"role": [_("Unknown role.")]},
        ) from exc
    if actor is not None and not user_can_change_roles(actor):
        raise NotPermitted(_("Only administrators can change roles."), code="cannot_change_roles")
    if actor is not None and actor.pk == user.pk and role != Role.ADMIN:
        raise ValidationFailed(
            _("You cannot remove your own Admin role; ask another administrator."),
            code="cannot_demote_self",
        )

    User = get_user_model()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        old_role = user_get_role(locked)
        if old_role == role:
            return None
        role_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
        locked.groups.remove(*role_groups)
        locked.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
        is_admin = role == Role.ADMIN
        locked.is_superuser = is_admin
        locked.is_staff = is_admin
        locked.save(update_fields=["is_superuser", "is_staff"])
        change = RoleChange.objects.create(
            user=locked,
            changed_by=actor,
            old_role=old_role or "",
            new_role=role,
            reason=reason[:255],
        )
        if actor is not None:
            enqueue("community.accounts.tasks.role_change_notify", change.pk)
    user.is_superuser, user.is_staff = locked.is_superuser, locked.is_staff
    # Drop cached permission sets so the new role applies within this request too.
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)
    return change


def profile_ensure(*, user) -> Profile:
    """The user's profile, created if missing (with a handle); shares the caller's user."""
    profile, created = Profile.objects.get_or_create(user=user)
    profile.user = user
    if created or not profile.handle:
        profile.handle = handle_suggest(user)
        try:
            with transaction.atomic():
                profile.save(update_fields=["handle"])
        except IntegrityError:  # taken between the check and the save: keep it empty
            profile.handle = None
    return profile


def handle_suggest(user) -> str:
    """A free handle from the member's name (or email), ascii, with a number if taken."""
    source = user.get_full_name() or user.email.split("@")[0]
    base = slugify(source).replace("-", "_")[:24].strip("_") or "member"
    base = base if len(base) >= 3 else f"{base}_ai"
    taken = set(Profile.objects.filter(handle__startswith=base).values_list("handle", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


PROFILE_EDITABLE_FIELDS = (
    "handle",
    "profile_type",
    "organization_name",
    "bio",
    "ai_interests",
    "skills",
    "contact_preferences",
    "experience_level",
    "linkedin_url",
    "preferred_language",
    "directory_visible",
    "private_fields",
)


def profile_update(*, profile: Profile, actor, data: dict) -> Profile:
    """Update the fields a member may edit; validates the whole profile before saving."""
    if actor.pk != profile.user_id and not actor.is_superuser:
        raise NotPermitted(_("You can only edit your own profile."), code="not_your_profile")
    user_fields = {k: data[k] for k in ("first_name", "last_name") if k in data}
    profile_fields = {k: v for k, v in data.items() if k in PROFILE_EDITABLE_FIELDS}
    unknown = set(data) - set(user_fields) - set(profile_fields)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    if "handle" in profile_fields:  # @Ana_G and @ana_g are one handle
        handle = profile_fields["handle"]
        profile_fields["handle"] = (
            (handle.strip().lower() or None) if isinstance(handle, str) else handle
        )
    for key, value in profile_fields.items():
        setattr(profile, key, value)
    for key, value in user_fields.items():
        setattr(profile.user, key, value)
    try:
        profile.full_clean(exclude=["user", "avatar"])
        if user_fields:
            profile.user.full_clean(exclude=["password", "email"])
    except ValidationError as exc:
        raise ValidationFailed(
            _("Some fields are not valid."), code="invalid", fields=exc.message_dict
        ) from exc
    profile.signup_completed = (
        bool(profile.user.first_name and (profile.ai_interests or profile.skills or profile.bio))
        or profile.signup_completed
    )
    with transaction.atomic():
        if user_fields:
            profile.user.save(update_fields=list(user_fields))
        profile.save()
    return profile


def profile_set_avatar(*, profile: Profile, upload) -> Profile:
    """Replace the avatar with a square 512 px WebP made from `upload` (None removes it)."""
    from .avatars import avatar_process

    old_name = profile.avatar.name if profile.avatar else ""
    if upload is None:
        profile.avatar = ""
    else:
        processed = avatar_process(upload)
        profile.avatar.save(processed.name, processed, save=False)
    with transaction.atomic():
        profile.save(update_fields=["avatar", "updated_at"])
        if old_name:
            storage = profile.avatar.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return profile

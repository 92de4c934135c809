"""Writes for accounts, roles, profiles, portfolios and onboarding. Every role change goes
through `user_set_role`, which records it (a `RoleChange` row, the PRD's role_history, and
an audit entry), so the history is complete whichever door was used."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from config import audit
from config.errors import NotPermitted, ValidationFailed
from config.tasks import enqueue

from .models import MAX_PORTFOLIO_ITEMS, PortfolioItem, Profile, RoleChange
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
        audit.record(
            locked,
            "medellin.role_change",
            user=actor,
            data={
                "old_role": change.old_role,
                "new_role": change.new_role,
                "reason": change.reason,
                "role_change": change.pk,
            },
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
    "location",
    "ai_interests",
    "skills",
    "contact_preferences",
    "experience_level",
    "linkedin_url",
    "phone_number",
    "preferred_language",
    "directory_visible",
    "private_fields",
)


def profile_update(
    *, profile: Profile, actor, data: dict, complete_when_ready: bool = True
) -> Profile:
    """Update the fields a member may edit; validates the whole profile before saving.

    A member who fills in everything onboarding needs (from any door) has finished signing
    up; the onboarding flow passes `complete_when_ready=False` and finishes explicitly."""
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
    if complete_when_ready and not profile.signup_completed:
        from .onboarding import onboarding_missing

        if not onboarding_missing(profile):
            _mark_completed(profile)
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


def _mark_completed(profile: Profile) -> None:
    from .onboarding import STEP_CODES

    profile.signup_completed = True
    profile.signup_completed_at = profile.signup_completed_at or timezone.now()
    profile.onboarding_steps = list(STEP_CODES)


# ---- onboarding -------------------------------------------------------------------------


def _own(profile: Profile, actor, message: str, code: str) -> None:
    if actor is None or actor.pk != profile.user_id:
        raise NotPermitted(message, code=code)


def onboarding_step_save(*, profile: Profile, actor, step: str, data: dict) -> Profile:
    """Save one onboarding step (only its fields) and record it as saved. Refuses, changing
    nothing, when the step's required fields would stay empty."""
    from community.notifications.services import preferences_update

    from .onboarding import describe_missing, get_step, missing_fields

    _own(profile, actor, _("You can only set up your own account."), "not_your_profile")
    definition = get_step(step)
    if definition is None:
        raise ValidationFailed(_("Unknown onboarding step."), code="unknown_step")
    unknown = set(data) - definition.all_fields
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    missing = missing_fields(profile, definition, data)
    if missing:
        raise ValidationFailed(
            _("Please fill in: %(fields)s.") % {"fields": describe_missing(missing)},
            code="required",
            fields={field: [_("Fill this in to continue.")] for field in missing},
        )
    data = dict(data)
    email_notifications = data.pop("email_notifications", None)
    if "whatsapp" in data:
        data["contact_preferences"] = {
            **(profile.contact_preferences or {}),
            "whatsapp": bool(data.pop("whatsapp")),
        }
    with transaction.atomic():
        profile_update(profile=profile, actor=actor, data=data, complete_when_ready=False)
        if email_notifications is not None:
            preferences_update(user=profile.user, changes=[], email_enabled=email_notifications)
        if step not in (profile.onboarding_steps or []):
            profile.onboarding_steps = [*(profile.onboarding_steps or []), step]
            profile.save(update_fields=["onboarding_steps", "updated_at"])
    return profile


def onboarding_complete(*, profile: Profile, actor) -> Profile:
    """Finish onboarding: sets `signup_completed` once every required field is filled in.
    Idempotent; a member who already finished stays finished."""
    from .onboarding import describe_missing, onboarding_missing

    _own(profile, actor, _("You can only set up your own account."), "not_your_profile")
    if profile.signup_completed:
        return profile
    missing = onboarding_missing(profile)
    if missing:
        raise ValidationFailed(
            _("A few details are still missing: %(fields)s.")
            % {"fields": describe_missing(missing)},
            code="onboarding_incomplete",
            fields=missing,
        )
    with transaction.atomic():
        locked = Profile.objects.select_for_update().get(pk=profile.pk)
        if not locked.signup_completed:
            _mark_completed(locked)
            locked.save(
                update_fields=[
                    "signup_completed",
                    "signup_completed_at",
                    "onboarding_steps",
                    "updated_at",
                ]
            )
    profile.signup_completed = locked.signup_completed
    profile.signup_completed_at = locked.signup_completed_at
    profile.onboarding_steps = locked.onboarding_steps
    return profile


# ---- portfolio ----------------------------------------------------------------------------

PORTFOLIO_FIELDS = ("title", "url", "description")


def _portfolio_owner(profile: Profile, actor) -> None:
    _own(profile, actor, _("You can only change your own portfolio."), "not_your_portfolio")


def _portfolio_validate(item: PortfolioItem, data: dict) -> None:
    unknown = set(data) - set(PORTFOLIO_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    for key, value in data.items():
        setattr(item, key, value.strip() if isinstance(value, str) else value)
    try:
        item.full_clean(exclude=["profile", "sort_order"])
    except ValidationError as exc:
        raise ValidationFailed(
            _("Some fields are not valid."), code="invalid", fields=exc.message_dict
        ) from exc


def portfolio_item_create(*, profile: Profile, actor, data: dict) -> PortfolioItem:
    """Add a work to the end of the member's portfolio (at most MAX_PORTFOLIO_ITEMS)."""
    _portfolio_owner(profile, actor)
    item = PortfolioItem(profile=profile)
    _portfolio_validate(item, data)
    with transaction.atomic():
        # The profile row serializes concurrent additions, so the limit holds.
        Profile.objects.select_for_update().filter(pk=profile.pk).values_list("pk").get()
        existing = PortfolioItem.objects.filter(profile=profile)
        if existing.count() >= MAX_PORTFOLIO_ITEMS:
            raise ValidationFailed(
                _("A portfolio holds at most %(max)d works; remove one before adding another.")
                % {"max": MAX_PORTFOLIO_ITEMS},
                code="portfolio_full",
            )
        last = existing.aggregate(last=Max("sort_order"))["last"]
        item.sort_order = 0 if last is None else last + 1
        item.save()
    return item


def portfolio_item_update(*, item: PortfolioItem, actor, data: dict) -> PortfolioItem:
    _portfolio_owner(item.profile, actor)
    _portfolio_validate(item, data)
    item.save(update_fields=[key for key in PORTFOLIO_FIELDS if key in data] or None)
    return item


def portfolio_item_delete(*, item: PortfolioItem, actor) -> None:
    _portfolio_owner(item.profile, actor)
    item.delete()


def portfolio_reorder(*, profile: Profile, actor, item_ids: list[int]) -> list[PortfolioItem]:
    """Put the member's works in the order of `item_ids`, which must name each exactly once."""
    _portfolio_owner(profile, actor)
    with transaction.atomic():
        items = {
            item.pk: item
            for item in PortfolioItem.objects.select_for_update().filter(profile=profile)
        }
        if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(items):
            raise ValidationFailed(
                _("List each of your portfolio items exactly once."),
                code="invalid_order",
                fields={"ids": [_("List each of your portfolio items exactly once.")]},
            )
        ordered = [items[pk] for pk in item_ids]
        for position, item in enumerate(ordered):
            item.sort_order = position
        PortfolioItem.objects.bulk_update(ordered, ["sort_order"])
    return ordered


def portfolio_item_move(*, item: PortfolioItem, actor, offset: int) -> list[PortfolioItem]:
    """Move a work up (offset -1) or down (+1) one place: the site's no-JavaScript buttons."""
    ids = list(
        PortfolioItem.objects.filter(profile_id=item.profile_id).values_list("pk", flat=True)
    )
    index = ids.index(item.pk)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    return portfolio_reorder(profile=item.profile, actor=actor, item_ids=ids)

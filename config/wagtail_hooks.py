"""What the whole platform adds to the Wagtail admin: the audit trail's action labels."""

from wagtail import hooks

from . import audit

hooks.register("register_log_actions", audit.register_log_actions)

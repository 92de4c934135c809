from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Listed after Wagtail's apps: replaces Wagtail's workflow emails (connected in
    wagtail.admin's ready) with messages through our notification service."""

    name = "cms"
    label = "cms"
    verbose_name = "CMS"

    def ready(self) -> None:
        from . import workflow

        workflow.connect()

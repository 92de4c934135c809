from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The bilingual demo (`manage.py seed_demo`): sits above every app and runs each app's
    own demo module (`<app>/demo.py`) in order. Nothing imports it."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo"

"""What a resource is and who may open it: the choices the models, the listing's form and the
visibility rule share. Imports nothing of the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    COURSE = "course", _("Course")
    DATASET = "dataset", _("Dataset")
    PAPER = "paper", _("Paper")
    TOOL = "tool", _("Tool")
    FILE = "file", _("File")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Open to everyone")
    MEMBERS = "members", _("Members only")

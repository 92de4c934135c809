"""Alt text is required for images: Wagtail's image forms get a required description.

Wagtail uses an image's description as its alt text (the title only as a fallback). The
multiple uploader first creates each image from the file alone, then asks for the details;
that first step cannot carry a description, so the requirement applies to every form that
shows the field: the single upload, the details step of the multiple uploader and edits.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AltTextRequiredImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is None:
            return
        uploading_file_only = self.is_bound and self.add_prefix("description") not in self.data
        if self.instance.pk or not uploading_file_only:
            field.required = True
            field.label = _("Alt text")
            field.help_text = _(
                "Describe the image for people who cannot see it (screen readers, slow "
                "connections). Say what matters in this picture, not “image of”."
            )

from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    """A StreamField whose block definitions stay out of migrations.

    Blocks change often and do not affect the database schema (the column is JSON either
    way), so migrations record an empty block list instead of hundreds of lines per edit.
    """

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, "cms.fields.StreamField", [[]], kwargs

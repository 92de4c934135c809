from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    """The shape of every error response."""

    error = ErrorDetailSerializer()


class SharedFieldsMixin:
    """For serializers on hot paths whose fields never depend on the request: build and bind
    the fields once per class. DRF deep-copies every declared field for each serializer it
    creates (about 0.3 ms for a dozen fields here, per response). The fields are bound to a
    template instance without data or context, so they must not read `self.context` or
    instance state (a SerializerMethodField's method may read only its argument), and an
    input serializer's fields and validators must need no context (no unique checks)."""

    @property
    def fields(self):
        cls = type(self)
        shared = cls.__dict__.get("_shared_fields")
        if shared is None:
            # DRF's own (cached) property, run once on a template (two threads may both
            # build it; either result is the same)
            shared = cls._shared_fields = serializers.Serializer.fields.func(cls())
        return shared

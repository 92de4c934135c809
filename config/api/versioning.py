from rest_framework import versioning


class NamespaceVersioning(versioning.NamespaceVersioning):
    """Version from the URL namespace (/api/v1/ → "v1"). Views outside a versioned namespace
    (Wagtail's content API and admin, wagtail-localize) are left unversioned instead of 404."""

    def determine_version(self, request, *args, **kwargs):
        match = getattr(request, "resolver_match", None)
        namespaces = match.namespace.split(":") if match and match.namespace else []
        if not any(self.is_allowed_version(ns) for ns in namespaces if ns):
            return None
        return super().determine_version(request, *args, **kwargs)

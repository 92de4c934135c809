from django.db import models


class SecurityCacheEntry(models.Model):
    """The "security" cache without Redis (config/caches.py): Django's database cache
    reads and writes this table itself; the model only lets migrate create it."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "security_cache"
        default_permissions = ()

    def __str__(self) -> str:
        return self.cache_key

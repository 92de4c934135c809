"""Point localstripe's webhooks at this site (development: `make run` does it)."""

import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Register this site's Stripe webhook endpoint with localstripe (dev only)."

    def add_arguments(self, parser):
        parser.add_argument("--site", default=settings.SITE_URL)
        parser.add_argument("--wait", type=int, default=30, help="Seconds to wait for localstripe.")

    def handle(self, *args, site, wait, **options):
        base = settings.STRIPE_API_BASE.rstrip("/")
        if base.startswith("https://api.stripe.com"):
            raise CommandError("STRIPE_API_BASE is Stripe itself: set webhooks in its dashboard.")
        body = urllib.parse.urlencode(
            {"url": f"{site.rstrip('/')}/payments/stripe/webhook/",
             "secret": settings.STRIPE_WEBHOOK_SECRET}
        ).encode()  # fmt: skip
        request = urllib.request.Request(f"{base}/_config/webhooks/medellin-ai", data=body)  # noqa: S310
        deadline = time.monotonic() + wait
        while True:
            try:
                urllib.request.urlopen(request, timeout=2)  # noqa: S310  # nosec B310 (dev-only, our base URL)
                break
            except (urllib.error.URLError, OSError) as exc:
                if time.monotonic() > deadline:
                    raise CommandError(f"localstripe did not answer at {base}: {exc}") from None
                time.sleep(0.5)
        self.stdout.write(self.style.SUCCESS(f"localstripe sends webhooks to {site}"))

"""Create a believable bilingual demo: page tree in es and en, pages, one user per role,
and a community of members with profiles, portfolios and connections.

Idempotent: running it again updates the demo content in place. Each step calls an app's
own demo module; a new feature adds its step here.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from cms import demo as content_demo
from cms.blog import demo as blog_demo
from cms.docs import demo as docs_demo
from cms.events import demo as events_demo
from cms.home import demo as cms_demo
from cms.resources import demo as resources_demo
from commerce.ticketing import demo as ticketing_demo
from community.accounts import demo as accounts_demo
from community.forums import demo as forums_demo
from community.messaging import demo as messaging_demo
from community.notifications import demo as notifications_demo
from config.env import env


class Command(BaseCommand):
    help = "Create or refresh the bilingual demo content and one user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=env("DEMO_PASSWORD", default="medellin-demo-2026"),
            help="Password for every demo user (default: $DEMO_PASSWORD or medellin-demo-2026).",
        )
        parser.add_argument("--force", action="store_true", help="Allow seeding when DEBUG is off.")

    def handle(self, *args, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to seed demo users with known passwords while DEBUG is off; "
                "pass --force if this really is a demo instance."
            )
        with translation.override("es"):
            signup_url = reverse("account_signup")
        state: dict = {}
        steps = [
            ("Locales (es, en)", lambda: content_demo.locales()),
            ("Home pages", lambda: state.update(homes=cms_demo.home_pages(signup_url))),
            ("Standard pages", lambda: cms_demo.standard_pages(state["homes"])),
            ("Demo users", lambda: state.update(logins=accounts_demo.demo_users(password))),
            (
                f"Community members ({len(accounts_demo.DEMO_MEMBERS)})",
                lambda: state.update(members=accounts_demo.demo_members(password)),
            ),
            (
                "Connections among members",
                lambda: state.update(connections=accounts_demo.demo_connections()),
            ),
            (
                "Notifications",
                lambda: notifications_demo.demo_notifications([e for _r, e in state["logins"]]),
            ),
            ("Connections and conversations", lambda: messaging_demo.demo_conversations()),
            ("Forums (categories, topics, replies)", lambda: forums_demo.demo_forums()),
            (
                "Events (venues, categories, speakers, agendas)",
                lambda: events_demo.demo_events(state["homes"]),
            ),
            ("Event submissions (one waiting for review, one draft)", events_demo.demo_submissions),
            ("Tickets (free RSVPs, paid and hidden ticket types)", ticketing_demo.demo_tickets),
            ("Blog (posts, comments)", lambda: blog_demo.demo_blog(state["homes"])),
            ("Docs", lambda: docs_demo.demo_docs(state["homes"])),
            ("Resources", lambda: resources_demo.demo_resources(state["homes"])),
            ("Navigation and footer", lambda: cms_demo.navigation(state["homes"])),
        ]
        for number, (label, step) in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] {label}…", ending="")
            self.stdout.flush()
            step()
            self.stdout.write(self.style.SUCCESS(" done"))

        site = settings.SITE_URL
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo ready."))
        self.stdout.write(f"  Site (es):   {site}/es/")
        self.stdout.write(f"  Site (en):   {site}/en/")
        self.stdout.write(f"  CMS admin:   {site}/admin/")
        self.stdout.write(f"  Orders:      {site}/es/shop/dashboard/  (Oscar's staff dashboard)")
        self.stdout.write(f"  API docs:    {site}/api/docs/   content API: {site}/api/v2/pages/")
        self.stdout.write(f"  Health:      {site}/health/")
        self.stdout.write(f"  Demo logins (password for all: {password}):")
        for role, email in state["logins"]:
            self.stdout.write(f"    {role:<14} {email}")
        members = state["members"]
        organization = next(m for m in members if m.organization)
        newcomer = next(m for m in members if not m.finished_onboarding)
        self.stdout.write(
            f"  Community:   {len(members)} members (same password), e.g. {members[0].email};"
        )
        self.stdout.write(f"               {organization.email} is an organization,")
        self.stdout.write(f"               {newcomer.email} has not finished onboarding.")

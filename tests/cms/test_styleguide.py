"""The living style guide (/<lang>/styleguide/): staff only, every component, both languages."""

import pytest
from bs4 import BeautifulSoup

from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

# one class per component the page engineers build from (docs/design.md)
COMPONENTS = [
    "site-header", "menu-toggle", "primary-nav", "language-switcher", "user-menu", "site-footer",
    "page-hero", "button", "button-secondary", "button-ghost", "button-danger", "button-small",
    "button-large", "button-icon", "link-button", "field", "field-help", "field-error", "choice",
    "filters", "form-grid", "chip-list", "chip", "chip-remove", "card-grid", "card", "card-media",
    "card-body", "card-title", "card-meta", "card-footer", "card-badges", "badge", "tag",
    "facts", "fact", "fact-icon", "split", "cta-bar", "table-scroll", "pagination", "tabs",
    "steps", "alert", "alert-info", "alert-success", "alert-warning", "alert-error",
    "empty-state", "skeleton", "modal", "avatar", "avatar-group",
    "form-page-header", "back-link", "form-card", "required-mark", "required-note", "quote",
    "auth-layout", "auth-card", "auth-divider", "provider-list", "member-grid",
    "member-card-head", "tag-list", "profile-header", "profile-actions", "row-list", "row-main",
    "row-title", "row-link", "row-meta", "row-actions", "row-mark", "is-unread", "chat-thread",
    "chat-message", "chat-composer", "form-section", "form-section-lead", "form-savebar",
]  # fmt: skip


@pytest.mark.parametrize("lang", ["es", "en"])
def test_anonymous_visitors_are_sent_to_log_in(client, lang):
    response = client.get(f"/{lang}/styleguide/")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/auth/login/?next=/{lang}/styleguide/"


@pytest.mark.parametrize("role", [Role.ATTENDEE, Role.MEMBER])
def test_people_without_admin_access_are_refused(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/es/styleguide/").status_code == 403


@pytest.mark.parametrize(
    ("lang", "title", "section"),
    [("es", "Guía de estilo", "Tarjetas"), ("en", "Style guide", "Cards")],
)
@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.ADMIN])
def test_staff_see_every_component_in_their_language(client, make_user, role, lang, title, section):
    client.force_login(make_user(role))
    response = client.get(f"/{lang}/styleguide/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == title
    assert section in [h2.get_text(strip=True) for h2 in soup.select(".sg-section > h2")]
    used = {name for tag in soup.find_all(class_=True) for name in tag["class"]}
    assert set(COMPONENTS) - used == set()
    # every form control in the samples has a label (the page is also in the axe gate)
    for control in soup.select("main input:not([type=hidden]), main select, main textarea"):
        labelled = control.find_parent("label") or soup.find("label", attrs={"for": control["id"]})
        assert labelled is not None, control


def test_the_admin_menu_links_to_the_style_guide(client, make_user):
    client.force_login(make_user(Role.ORGANIZER))
    page = client.get("/admin/").content.decode()
    assert "/styleguide/" in page


def test_initials_for_avatars_without_a_picture():
    from cms.home.templatetags.site_tags import initials

    assert initials("Ana María Restrepo") == "AM"
    assert initials("laura.mejia@demo.medellin.ai") == "LM"
    assert initials("") == "?"

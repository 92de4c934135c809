import pytest

from cms.events.factories import event_indexes, make_event
from commerce.ticketing.services.ticket_types import ticket_type_save
from community.accounts.roles import Role


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


@pytest.fixture
def event(demo_site, organizer):
    index = event_indexes(demo_site["homes"])["es"]
    return make_event(
        index, organizer=organizer, owner=organizer, capacity=10, title="Taller abierto"
    )


@pytest.fixture
def make_ticket_type(event, organizer):
    def make(**data):
        return ticket_type_save(
            event=event, user=organizer, data={"name_es": "General", "price": 0, **data}
        )

    return make


@pytest.fixture(scope="session")
def localstripe_server():
    """A real localstripe (Stripe's protocol) on a free port, one per test process."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = Path(sys.executable).with_name("localstripe")
    process = subprocess.Popen(  # noqa: S603  (our own venv's localstripe)
        [str(binary), "--from-scratch", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/v1/customers", timeout=1)  # noqa: S310
        except urllib.error.HTTPError:
            break  # answering (401 without a key)
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_server(localstripe_server, settings):
    settings.STRIPE_API_BASE = localstripe_server
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    return localstripe_server

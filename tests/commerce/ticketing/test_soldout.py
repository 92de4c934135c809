"""Sold-out answers before the request stack (commerce/ticketing/soldout.py): after the hold
service finds a public type sold out, hold requests for it get the API's own 409 without a
query, until seats free up, its capacity changes or the note runs out."""

import time

import pytest

from commerce.ticketing import soldout
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.ticket_types import ticket_type_save

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _hold(api_client, ticket_type, quantity=1, **extra):
    body = {"ticket_type": ticket_type.pk, "quantity": quantity, **extra}
    return api_client.post("/api/v1/holds/", body, format="json")


def _sold_out(make_ticket_type, code="", **data):
    """A type with its one seat held."""
    ticket_type = make_ticket_type(capacity=1, **data)
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1, code=code)
    return ticket_type, hold


def test_once_found_sold_out_the_next_requests_are_answered_without_a_query(
    api_client, make_ticket_type, django_assert_num_queries
):
    ticket_type, _hold_taken = _sold_out(make_ticket_type)
    first = api_client.post(
        "/api/v1/holds/", {"ticket_type": ticket_type.pk, "quantity": 1}, format="json", **EN
    )
    assert first.status_code == 409 and soldout.noted(ticket_type.pk)
    with django_assert_num_queries(0):
        again = api_client.post(
            "/api/v1/holds/", {"ticket_type": ticket_type.pk, "quantity": 1}, format="json", **EN
        )
        spanish = api_client.post(
            "/api/v1/holds/", {"ticket_type": str(ticket_type.pk), "quantity": 3}, format="json"
        )
    # the same answer the API gives, in the caller's language
    assert again.status_code == 409 and again.json() == first.json()
    assert again.json()["error"] == {"code": "sold_out", "message": "Sold out.", "fields": {}}
    assert again["Content-Language"] == "en" and "Accept-Language" in again["Vary"]
    assert again["Content-Length"] == str(len(again.content))  # not sent chunked
    assert spanish.status_code == 409 and spanish["Content-Language"] == "es"
    assert spanish.json()["error"]["code"] == "sold_out"
    assert spanish.json()["error"]["message"] != "Sold out."  # translated


def test_a_rush_of_sold_out_answers_writes_no_warning_per_buyer(
    api_client, make_ticket_type, caplog
):
    ticket_type, _hold_taken = _sold_out(make_ticket_type)
    assert _hold(api_client, ticket_type).status_code == 409  # the API's: noted, and logged
    caplog.clear()
    with caplog.at_level("WARNING", logger="django.request"):
        answers = [_hold(api_client, ticket_type).status_code for _ in range(5)]
    assert answers == [409] * 5 and not caplog.records
    # other client errors are still logged
    with caplog.at_level("WARNING", logger="django.request"):
        assert api_client.post("/api/v1/holds/", {"quantity": 1}, format="json").status_code == 400
    assert [r.status_code for r in caplog.records] == [400]


def test_a_few_seats_left_or_a_hidden_type_is_never_noted(api_client, make_ticket_type):
    few = make_ticket_type(capacity=2, max_per_order=3)
    hold_create(ticket_type_id=few.pk, quantity=1)
    response = _hold(api_client, few, 2)
    assert response.json()["error"]["code"] == "not_enough_seats"
    assert not soldout.noted(few.pk)
    # the note would tell a stranger that a hidden type exists
    hidden, _taken = _sold_out(
        make_ticket_type, "amigos", name_es="Amigos", visibility="hidden", unlock_code="AMIGOS"
    )
    assert _hold(api_client, hidden, code="amigos").json()["error"]["code"] == "sold_out"
    assert not soldout.noted(hidden.pk)
    assert _hold(api_client, hidden).json()["error"]["code"] == "unknown_ticket_type"


def test_released_seats_clear_the_note_at_once_and_again_after_the_commit(
    api_client, make_ticket_type, django_capture_on_commit_callbacks
):
    ticket_type, taken = _sold_out(make_ticket_type)
    assert _hold(api_client, ticket_type).status_code == 409
    assert soldout.noted(ticket_type.pk)
    with django_capture_on_commit_callbacks() as after_commit:
        assert api_client.delete(f"/api/v1/holds/{taken.token}/").status_code == 204
        assert not soldout.noted(ticket_type.pk)
        # a request that read the counters before the release committed notes it again
        soldout.remember(ticket_type)
    for callback in after_commit:
        callback()
    assert not soldout.noted(ticket_type.pk)
    assert _hold(api_client, ticket_type).status_code == 201


def test_a_new_capacity_clears_the_note(api_client, event, organizer, make_ticket_type):
    ticket_type, _taken = _sold_out(make_ticket_type)
    assert _hold(api_client, ticket_type).status_code == 409
    ticket_type_save(event=event, user=organizer, ticket_type=ticket_type, data={"capacity": 2})
    assert _hold(api_client, ticket_type).status_code == 201


def test_the_note_runs_out_and_can_be_switched_off(api_client, make_ticket_type, settings):
    settings.TICKETING_SOLD_OUT_SECONDS = 0.2
    ticket_type, _taken = _sold_out(make_ticket_type)
    assert _hold(api_client, ticket_type).status_code == 409
    assert soldout.noted(ticket_type.pk)
    time.sleep(0.3)
    assert not soldout.noted(ticket_type.pk)
    settings.TICKETING_SOLD_OUT_SECONDS = 0
    assert _hold(api_client, ticket_type).status_code == 409
    assert not soldout.noted(ticket_type.pk)


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("{not json", "application/json"),
        ('["a list"]', "application/json"),
        ('{"ticket_type": true, "quantity": 1}', "application/json"),
        ('{"ticket_type": %(pk)s, "quantity": 1}', "text/plain"),
        ("ticket_type=%(pk)s&quantity=1", "application/x-www-form-urlencoded"),
    ],
)
def test_anything_but_a_json_hold_for_a_noted_type_gets_the_apis_own_answer(
    api_client, make_ticket_type, body, content_type
):
    ticket_type, _taken = _sold_out(make_ticket_type)
    assert _hold(api_client, ticket_type).status_code == 409

    def post():
        response = api_client.generic(
            "POST", "/api/v1/holds/", body % {"pk": ticket_type.pk}, content_type=content_type
        )
        return response.status_code, response.json()

    assert soldout.noted(ticket_type.pk)
    noted = post()
    soldout.forget([ticket_type.pk])
    assert post() == noted


def test_django_still_skips_a_response_marked_as_logged(rf, caplog):
    """The Django internal the early answer relies on: `log_response` returns at once for a
    response carrying `_has_been_logged` (the marker Django sets itself once it logged one).
    If this fails, a rush logs a warning per buyer again: find Django's new marker."""
    from django.utils.log import log_response

    request = rf.post("/api/v1/holds/")
    response = soldout.sold_out_response(request)
    with caplog.at_level("WARNING", logger="django.request"):
        log_response("Conflict: %s", request.path, response=response, request=request)
        assert not caplog.records
        unmarked = soldout.sold_out_response(request)
        del unmarked._has_been_logged
        log_response("Conflict: %s", request.path, response=unmarked, request=request)
    assert [r.status_code for r in caplog.records] == [409]

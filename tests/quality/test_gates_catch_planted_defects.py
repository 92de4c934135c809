"""Each quality gate, shown once to fail on a defect planted on purpose.

A gate that cannot fail is worse than none; these tests keep the gates honest."""

import json
from urllib.parse import parse_qs

import pytest

from .fuzzing import fuzz_schema, load_wsgi_schema

PLANTED_SCHEMA = {
    "openapi": "3.0.3",
    "info": {"title": "planted", "version": "1"},
    "paths": {
        "/items": {
            "get": {
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["count"],
                                    "properties": {"count": {"type": "integer"}},
                                }
                            }
                        },
                    }
                },
            }
        }
    },
}


def _planted_app(bug: str):
    """A tiny WSGI API with one bug: a 500 on negative limits, or a body off its schema."""

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/openapi.json":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(PLANTED_SCHEMA).encode()]
        limit = int(parse_qs(environ.get("QUERY_STRING", "")).get("limit", ["0"])[0])
        if bug == "server_error" and limit < 0:
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"boom"]
        body = {"count": "many"} if bug == "schema" and limit > 10 else {"count": limit}
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]

    return app


def test_api_fuzzing_catches_a_server_error():
    schema = load_wsgi_schema("/openapi.json", _planted_app("server_error"))
    failures = fuzz_schema(schema, identities={"anonymous": {}})
    assert len(failures) == 1
    assert "500" in failures[0].error or "Server error" in failures[0].error


def test_api_fuzzing_catches_a_response_off_its_schema():
    schema = load_wsgi_schema("/openapi.json", _planted_app("schema"))
    failures = fuzz_schema(schema, identities={"anonymous": {}})
    assert len(failures) == 1
    assert "schema" in failures[0].error.lower()


def test_api_fuzzing_passes_a_correct_api():
    schema = load_wsgi_schema("/openapi.json", _planted_app("none"))
    assert fuzz_schema(schema, identities={"anonymous": {}}) == []


@pytest.mark.urls("tests.quality.planted_urls")
def test_hostile_value_probe_catches_a_listing_that_crashes(client, db):
    from .hostile import HOSTILE_VALUES
    from .probing import probe_listing

    failures = [
        f for v in HOSTILE_VALUES if (f := probe_listing(client, "/planted/", {"limit": v}))
    ]
    assert any("ValueError" in f for f in failures)
    assert probe_listing(client, "/planted/", {"limit": "3"}) is None


@pytest.mark.urls("tests.quality.planted_urls")
def test_site_crawl_catches_a_page_and_a_form_that_crash(client, db):
    from .site_crawl import crawl, probe_forms, probe_query_strings, recording_query_keys

    with recording_query_keys():
        visits, failures = crawl(client, ["/planted/page/"])
        assert failures == [] and len(visits) == 2
        assert visits[0].reads == {"page"}
        query_failures = probe_query_strings(client, visits)
        form_failures = probe_forms(client, visits)
    assert any("/planted/page/" in f and "ValueError" in f for f in query_failures)
    assert any("/planted/form/" in f and "quantity" in f for f in form_failures)

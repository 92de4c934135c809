def only_our_api(endpoints):
    """Keep Wagtail's and wagtail-localize's internal DRF views out of our OpenAPI document."""
    return [ep for ep in endpoints if ep[0].startswith("/api/v1/")]

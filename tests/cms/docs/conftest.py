import pytest


@pytest.fixture
def docs(demo_site):
    from cms.docs import demo

    return demo.demo_docs(demo_site["homes"])

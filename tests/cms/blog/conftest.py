import pytest

from community.accounts.roles import Role


@pytest.fixture
def blog(demo_site):
    from cms.blog.factories import blog_indexes

    return blog_indexes(demo_site["homes"])


@pytest.fixture
def post(blog, make_user):
    from cms.blog.factories import blog_post

    author = make_user(Role.MEMBER, first_name="Laura", last_name="Mejía")
    return blog_post(blog["es"], title="RAG en español", author=author, tags=["rag", "llms"])


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", first_name="Mona", last_name="Mod")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (tasks) as the request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def image(db):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 32), "green").save(buffer, "PNG")
    return Image.objects.create(title="Portada", file=ImageFile(buffer, name="portada.png"))

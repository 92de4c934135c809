import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .roles import MODERATORS_GROUP, Role
from .services import user_set_role

DEFAULT_PASSWORD = "correct-horse-battery-9"  # noqa: S105 - test data only


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified email; `role=` gives one of the four roles (default Member), or
    "moderator": a Member who also holds the Moderators group."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted == "moderator":
            from django.contrib.auth.models import Group

            user_set_role(user=self, role=Role.MEMBER, reason="factory")
            self.groups.add(Group.objects.get(name=MODERATORS_GROUP))
        elif create and extracted is not None:
            user_set_role(user=self, role=Role(extracted), reason="factory")

import datetime as dt

import factory

from grassroots.accounts.models import RoleAssignment, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


def grant(user: User, unit, role: str, *, valid_from: dt.date = dt.date(2025, 1, 1), valid_to=None) -> RoleAssignment:  # type: ignore[no-untyped-def]
    return RoleAssignment.objects.create(user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to)

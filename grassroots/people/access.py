"""The only doors to the household register.

Officials see the register of their own commune (commune official, commune chair); a village
head sees the households of the village; a system administrator those under the unit of the
assignment. Anything else is a 404, so that a commune cannot learn what another one holds.
Being a superuser opens none of it: the register needs a role for the unit (docs/privacy.md).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from grassroots.accounts.models import REGISTER_ROLES, VERIFIER_ROLES, AnyUser, Role, User
from grassroots.accounts.roles import role_unit_ids, role_units
from grassroots.territory.models import Unit

from .models import Household, ImportJob

# Roles that open the register screens, and over which units.
SCOPE_ROLES = frozenset({*REGISTER_ROLES, Role.VILLAGE_HEAD, Role.SYSTEM_ADMIN})


def register_scopes(user: AnyUser) -> list[Unit]:
    """The units (communes, villages, or a whole province for an administrator) the user keeps."""
    return role_units(user, SCOPE_ROLES)


def _within(scopes: list[Unit], path: str) -> bool:
    return any(path.startswith(scope.path) for scope in scopes)


def access_register_unit(user: AnyUser, code: str) -> Unit:
    """A commune or village whose register the user may read; Http404 otherwise."""
    unit = Unit.objects.filter(code=code).select_related("parent").first()
    if unit is None:
        raise Http404
    scopes = register_scopes(user)
    # Only units inside one of the user's scopes: a village head does not see the whole commune.
    if not _within(scopes, unit.path):
        raise Http404
    # Only commune-level and village-level registers exist.
    if not (unit.is_commune_level or unit.is_village_level):
        raise Http404
    return unit


def access_household(user: User, pk: int) -> Household:
    household = Household.objects.filter(pk=pk).select_related("unit", "unit__parent").first()
    if household is None:
        raise Http404
    if not _within(register_scopes(user), household.unit.path):
        raise Http404
    return household


def can_import_register(user: AnyUser, unit: Unit) -> bool:
    """Whether the user may import the household register of this commune from a file.

    Only a commune official or the commune chair, assigned on this very commune: an import writes
    the register of the whole commune, which a village head or an administrator does not keep.
    """
    # Imports are per commune.
    if not unit.is_commune_level:
        return False
    # Anonymous visitors hold no role.
    if not user.is_authenticated:
        return False
    # A register role on this commune itself (not on a province above it).
    return unit.id in role_unit_ids(user, REGISTER_ROLES)


def access_import_unit(user: User, code: str) -> Unit:
    """The commune whose register the user may import; Http404 if the user may not read its
    register (as everywhere), PermissionDenied if the user may read it but not import into it."""
    unit = access_register_unit(user, code)
    # A village has no import page of its own: the file covers the commune.
    if not unit.is_commune_level:
        raise Http404
    if not can_import_register(user, unit):
        raise PermissionDenied
    return unit


def access_import_job(user: User, pk: int) -> ImportJob:
    """An import job of a commune the user may import into; Http404 otherwise (its problems quote
    the rows of the file, so nobody else may see it, and whether it exists does not leak)."""
    job = ImportJob.objects.filter(pk=pk).select_related("unit", "uploaded_by").first()
    if job is None:
        raise Http404
    if not can_import_register(user, job.unit):
        raise Http404
    return job


def _holds_local_role(user: User, roles: frozenset[str], unit: Unit) -> bool:
    """A role on the commune or village of `unit` itself: not on a province above it, not elsewhere."""
    return any(
        unit.path.startswith(scope.path) and (scope.is_commune_level or scope.is_village_level)
        for scope in role_units(user, roles)
    )


def can_reveal_national_id(user: AnyUser, household: Household) -> bool:
    """Showing a national ID number in full: an official of the household's commune, or the village
    head of its village (docs/privacy.md); not an administrator, not a superuser."""
    # Anonymous visitors hold no role.
    if not user.is_authenticated:
        return False
    # A register role on the commune, or village head of the village.
    return _holds_local_role(user, frozenset({*REGISTER_ROLES, Role.VILLAGE_HEAD}), household.unit)


def can_verify_links(user: AnyUser, household: Household) -> bool:
    """Proposing or confirming that an account is a member's of this household: a commune official,
    the commune chair or the village head, of this household's commune or village (people.linking)."""
    # Anonymous visitors hold no role.
    if not user.is_authenticated:
        return False
    # A verifier role on the household's commune or village.
    return _holds_local_role(user, VERIFIER_ROLES, household.unit)


def can_create_accounts(user: AnyUser, unit: Unit) -> bool:
    """Creating accounts for the household representatives of a commune or one of its villages: a
    commune official or the commune chair of that commune (people.resident_accounts); not a village
    head, not an administrator."""
    # Only commune-level and village-level units have representatives to create accounts for.
    if not (unit.is_commune_level or unit.is_village_level):
        return False
    # Anonymous visitors hold no role.
    if not user.is_authenticated:
        return False
    # A register role on the commune itself, which the unit is or lies in.
    return any(
        scope.is_commune_level and unit.path.startswith(scope.path) for scope in role_units(user, REGISTER_ROLES)
    )


def access_accounts_unit(user: User, code: str) -> Unit:
    """The commune or village whose representatives the user may create accounts for; Http404 if the
    user may not read its register, PermissionDenied if they may read it but not create accounts."""
    unit = access_register_unit(user, code)
    if not can_create_accounts(user, unit):
        raise PermissionDenied
    return unit


def can_print_sign_in_letter(user: AnyUser, household: Household) -> bool:
    """Printing a sign-in letter for the household's representative: a commune official or the
    commune chair of its commune, or the village head of its village (as for linking accounts)."""
    return can_verify_links(user, household)


# Keeping the register in the browser (people.keeping): the commune official's work.
KEEPER_ROLES = frozenset({Role.COMMUNE_OFFICIAL})


def can_keep_register(user: AnyUser, unit: Unit) -> bool:
    """Recording births, deaths, moves and a change of representative in a commune or one of its
    villages: a commune official of that commune; not a village head, not an administrator."""
    # Anonymous visitors hold no role.
    if not user.is_authenticated:
        return False
    # A commune official's role on the commune itself, which the unit is or lies in.
    return any(scope.is_commune_level and unit.path.startswith(scope.path) for scope in role_units(user, KEEPER_ROLES))


def access_kept_household(user: User, pk: int) -> Household:
    """A current household the user may change; Http404 if the user may not read it,
    PermissionDenied if they may read it but not keep the register."""
    household = access_household(user, pk)
    if not can_keep_register(user, household.unit):
        raise PermissionDenied
    return household


def access_kept_unit(user: User, code: str) -> Unit:
    unit = access_register_unit(user, code)
    if not can_keep_register(user, unit):
        raise PermissionDenied
    return unit

"""The optional ``owner`` of bundle items: who keeps an imported page up to date."""

import copy
import json

import pytest

from editorial.models import Partner
from resources.models import GuidancePage, OrganisationPage, RoutinePage
from tests.factories import PartnerFactory
from tests.resources.test_import_bundle import BUNDLE, PDF, failing_import, run_import


@pytest.fixture
def write_bundle(tmp_path, db):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "handbok.pdf").write_bytes(PDF)

    def write(bundle):
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(bundle), encoding="utf-8")
        return path

    return write


def with_owners(**owners):
    bundle = copy.deepcopy(BUNDLE)
    for collection, owner in owners.items():
        for item in bundle[collection]:
            item["owner"] = owner
    return bundle


def test_owner_naming_an_organisation_makes_it_a_partner(write_bundle):
    """An organisation of the bundle named as owner becomes a partner with an editors' group."""
    output = run_import(
        write_bundle(with_owners(organisations="polisen", routines="polisen", guidance="polisen"))
    )
    partner = Partner.objects.get(key="polisen")
    assert partner.name == "Polisen Stockholm"
    assert partner.group.name == "Editors: Polisen Stockholm"
    assert OrganisationPage.objects.get(key="polisen").partner == partner
    assert RoutinePage.objects.get(key="identifiera-offer").partner == partner
    assert GuidancePage.objects.get(key="handbok").partner == partner
    assert "partners           1 created" in output


def test_owner_naming_an_existing_partner(write_bundle):
    """A partner that exists already may own items; re-importing changes nothing."""
    shelter = PartnerFactory(key="skyddat-boende", name="Skyddat boende")
    path = write_bundle(with_owners(routines="skyddat-boende"))
    run_import(path)
    assert RoutinePage.objects.get(key="identifiera-offer").partner == shelter
    assert "routines           0 created      0 updated      1 unchanged" in run_import(path)


def test_unknown_owner_is_an_error_and_imports_nothing(write_bundle):
    """An owner that is neither a partner nor an organisation of the bundle stops the import."""
    _message, errors = failing_import(write_bundle(with_owners(routines="polisen-typo")))
    assert "$.routines[0].owner: unknown partner or organisation key 'polisen-typo'" in errors
    assert not RoutinePage.objects.exists()
    assert not Partner.objects.exists()


def test_bundle_without_owner_keeps_the_owner_set_in_the_admin(write_bundle):
    """Contract bundles carry no owner; importing one again leaves ownership alone."""
    path = write_bundle(BUNDLE)
    run_import(path)
    partner = PartnerFactory()
    RoutinePage.objects.filter(key="identifiera-offer").update(partner=partner)
    run_import(path)
    assert RoutinePage.objects.get(key="identifiera-offer").partner == partner


def test_owner_must_be_a_key(write_bundle):
    """A non-string owner is reported with its path."""
    _message, errors = failing_import(write_bundle(with_owners(guidance=["polisen"])))
    assert "$.guidance[0].owner: must be the key of a partner" in errors

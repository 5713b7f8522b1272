"""Who may do what with cases and consent forms: clinical staff upload cases and open consent
forms (each opening logged); content editors arrange and publish cases but never open a
consent form; the front desk sees none of it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from practice.roles import CLINICAL_STAFF, CONTENT_EDITORS, FRONT_DESK, ensure_roles
from procedures.consent_forms import OPENED
from tests.procedures.cases import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    ensure_roles()

    def make(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower().replace(" ", "-"), password="x" * 20
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def case(seeded):
    return make_case()


def test_clinical_staff_may_upload_cases_and_record_consent(staff):
    user = staff(CLINICAL_STAFF)
    assert user.has_perm("procedures.add_beforeaftercase")
    assert user.has_perm("procedures.manage_consent")


def test_editors_may_arrange_and_publish_cases_but_not_record_consent(staff):
    user = staff(CONTENT_EDITORS)
    assert user.has_perm("procedures.change_beforeaftercase")
    assert not user.has_perm("procedures.add_beforeaftercase")
    assert not user.has_perm("procedures.manage_consent")


def test_the_front_desk_has_no_case_permission(staff):
    user = staff(FRONT_DESK)
    assert not any(p.startswith("procedures.") for p in user.get_all_permissions())


def test_clinical_staff_open_a_consent_form_and_it_is_logged(client, staff, case):
    user = staff(CLINICAL_STAFF)
    client.force_login(user)
    response = client.get(case.consent_form.url)
    assert response.status_code == 200
    entry = ModelLogEntry.objects.get(action=OPENED)
    assert entry.user_id == user.pk
    assert entry.object_id == str(case.consent_form.pk)


@pytest.mark.parametrize("group", [CONTENT_EDITORS, FRONT_DESK])
def test_other_staff_cannot_open_a_consent_form(client, staff, case, group):
    client.force_login(staff(group))
    assert client.get(case.consent_form.url).status_code == 403
    assert not ModelLogEntry.objects.filter(action=OPENED).exists()


def test_visitors_cannot_open_a_consent_form(client, case):
    assert client.get(case.consent_form.url).status_code in (302, 403)


def test_editors_do_not_see_the_consent_fields_on_a_case(client, staff, case):
    client.force_login(staff(CONTENT_EDITORS))
    response = client.get(f"/admin/cases/edit/{case.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="published"' in html
    assert 'name="consent_form"' not in html
    assert 'name="consent_withdrawn_on"' not in html


def test_clinical_staff_see_the_consent_fields(client, staff, case):
    client.force_login(staff(CLINICAL_STAFF))
    html = client.get(f"/admin/cases/edit/{case.pk}/").content.decode()
    assert 'name="consent_withdrawn_on"' in html


def test_the_front_desk_cannot_open_the_cases_screen(client, staff, case):
    client.force_login(staff(FRONT_DESK))
    assert client.get("/admin/cases/").status_code in (302, 403)


def _document(title, collection):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title}.txt", ContentFile(b"plain text"), save=False)
    document.save()
    return document


def test_editors_never_see_consent_form_titles_but_use_site_documents(client, staff, case):
    from practice.roles import site_documents_collection

    leaflet = _document("Aftercare leaflet", site_documents_collection())
    client.force_login(staff(CONTENT_EDITORS))
    listing = client.get("/admin/documents/").content.decode()
    chooser = client.get("/admin/documents/chooser/").content.decode()
    for html in (listing, chooser):
        assert case.consent_form.title not in html
        assert leaflet.title in html
    assert client.get(f"/admin/documents/edit/{case.consent_form.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/documents/edit/{leaflet.pk}/").status_code == 200


def test_clinical_staff_still_see_the_consent_forms(client, staff, case):
    client.force_login(staff(CLINICAL_STAFF))
    assert case.consent_form.title in client.get("/admin/documents/").content.decode()


def test_documents_editors_used_move_out_of_the_root_once(db):
    from wagtail.models import Collection, GroupCollectionPermission

    from practice.roles import SITE_DOCUMENTS_COLLECTION

    root = Collection.get_first_root_node()
    Collection.objects.filter(name=SITE_DOCUMENTS_COLLECTION).delete()
    older = _document("Price list", root)
    ensure_roles()
    older.refresh_from_db()
    assert older.collection.name == SITE_DOCUMENTS_COLLECTION
    # Later uploads to the root (a superuser's choice) stay there.
    later = _document("Board minutes", root)
    ensure_roles()
    later.refresh_from_db()
    assert later.collection == root
    editors = Group.objects.get(name=CONTENT_EDITORS)
    on_root = GroupCollectionPermission.objects.filter(group=editors, collection=root)
    assert not on_root.filter(permission__content_type__app_label="wagtaildocs").exists()
    assert on_root.filter(permission__codename="choose_image").exists()

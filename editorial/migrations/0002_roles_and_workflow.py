"""The roles and the approval workflow on every database.

Wagtail's own migrations create the groups Editors and Moderators with page
permissions on the tree's root and a "Moderators approval" workflow; the
portal relies on them, so this makes sure they are there and gives
moderators the right to edit every partner's pages. Professionals (created
by resources 0002) read restricted material and need nothing here.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
WORKFLOW = "Moderators approval"
MANAGE_ALL = "manage_all_partner_pages"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    Group.objects.get_or_create(name="Professionals")
    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    for group in groups.values():
        group.permissions.add(access_admin)
    groups["Moderators"].permissions.add(
        _permission(apps, "editorial", "partner", MANAGE_ALL, "Can edit the pages of every partner")
    )

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = _permission(apps, "wagtailcore", "page", codename, codename)
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root, permission=permission
            )
    _ensure_workflow(apps, root, groups["Moderators"])


def _ensure_workflow(apps, root, moderators):
    """Approval by Moderators for every page, unless a workflow already covers the root."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    if WorkflowPage.objects.filter(page=root).exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(
        name=WORKFLOW, content_type=content_type, active=True
    )
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


def remove_manage_all(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="editorial", codename=MANAGE_ALL
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("resources", "0002_professionals_group"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_manage_all)]

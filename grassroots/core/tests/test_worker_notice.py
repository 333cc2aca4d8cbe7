"""Issue 9: the pages that wait for background work say when the worker is not running (core.worker):
the register import form, besides the import job page and the notifications page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("minutes", "warned"), [(1, False), (10, True)])
def test_the_register_import_page_says_when_the_worker_is_not_running(
    client, world, sign_in, settings, minutes, warned
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_LATE_SECONDS = 120
    row = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default",
                                      run_after=get_date_max())  # fmt: skip
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=minutes))
    sign_in(client, world["official_a"])
    response = client.get("/en" + reverse("people:register-import", args=[world["a"]["commune"].code]))
    assert response.status_code == 200
    assert ("does not seem to be running" in response.content.decode()) is warned

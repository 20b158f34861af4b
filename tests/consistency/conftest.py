import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from yearbook import permissions


def staff_client(role):
    call_command("create_roles", verbosity=0)
    user = get_user_model().objects.create_user(role, password="Jinchuan-2021!", is_staff=True)
    user.groups.add(Group.objects.get(name=permissions.ROLES[role]))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(db):
    return staff_client("editor")

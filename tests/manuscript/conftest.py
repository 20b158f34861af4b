import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from yearbook import permissions


@pytest.fixture
def editor_client(db):
    call_command("create_roles", verbosity=0)
    user = get_user_model().objects.create_user("editor", password="Jinchuan-2021!", is_staff=True)
    user.groups.add(Group.objects.get(name=permissions.ROLES["editor"]))
    client = Client()
    client.force_login(user)
    return client

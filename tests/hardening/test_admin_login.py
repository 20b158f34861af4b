"""The admin login: repeated failures are throttled per user and address; passwords are validated."""
import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)


def _login(client, password, address="10.0.0.1"):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password},
                       REMOTE_ADDR=address)


def test_five_failures_lock_the_user_at_that_address(editor):
    client = Client()
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200  # the login form again, with an error
    locked = _login(client, "wrong")
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    # even the right password is refused while locked
    assert _login(client, "correct-horse-battery").status_code == 429
    # another address is not locked out by this one
    ok = _login(Client(), "correct-horse-battery", address="10.0.0.2")
    assert ok.status_code == 302 and ok["Location"] == "/admin/"


def test_a_success_resets_the_failure_count(editor):
    client = Client()
    for _ in range(3):
        _login(client, "wrong")
    assert _login(client, "correct-horse-battery").status_code == 302
    client = Client()
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200


@pytest.mark.parametrize("weak", ["123456", "password", "短"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)

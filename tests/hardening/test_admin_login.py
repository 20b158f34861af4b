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


# -- behind the documented reverse proxy ----------------------------------------------------------------
PROXY = "127.0.0.1"   # every request reaches the app from the proxy


@pytest.fixture
def behind_one_proxy(settings):
    from config import env

    count = env.proxy_count({}, production=True)
    assert count == 1   # what production assumes unless DJANGO_PROXY_COUNT says otherwise
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = count - 1
    settings.IPWARE_STRICT = False


def _via_proxy(client, password, client_address, forwarded=None):
    """The proxy appends the address it received from to whatever X-Forwarded-For the client sent."""
    chain = ", ".join(filter(None, [forwarded, client_address]))
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def test_behind_the_proxy_a_lockout_targets_the_attackers_address(editor, behind_one_proxy):
    attacker = Client()
    for _ in range(5):
        _via_proxy(attacker, "wrong", "203.0.113.66")
    assert _via_proxy(attacker, "correct-horse-battery", "203.0.113.66").status_code == 429
    # the editor, from the office, through the same proxy, is not locked out
    ok = _via_proxy(Client(), "correct-horse-battery", "198.51.100.7")
    assert ok.status_code == 302 and ok["Location"] == "/admin/"


def test_a_forged_forwarded_header_neither_escapes_nor_aims_a_lockout(editor, behind_one_proxy):
    attacker = Client()
    for i in range(5):   # a different made-up address in front each time: still the attacker's own
        _via_proxy(attacker, "wrong", "203.0.113.66", forwarded=f"10.9.8.{i}")
    assert _via_proxy(attacker, "wrong", "203.0.113.66", forwarded="10.9.8.99").status_code == 429
    # and pretending to be the office does not lock the office out
    for _ in range(5):
        _via_proxy(Client(), "wrong", "203.0.113.77", forwarded="198.51.100.7")
    assert _via_proxy(Client(), "correct-horse-battery", "198.51.100.7").status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(editor, settings):
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)   # local settings: no proxy
    attacker = Client()
    for i in range(5):
        attacker.post("/admin/login/?next=/admin/", {"username": "editor", "password": "wrong"},
                      REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert _login(Client(), "wrong", address="203.0.113.66").status_code == 429

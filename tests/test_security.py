import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from panel.settings import client_address_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "officer", password="correct-horse-battery", is_staff=True
    )


def current_token(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_repeated_failed_logins_lock_the_account_with_429(client, staff_user):
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "officer", "password": "wrong"})
        assert response.status_code == 200
    # The fifth failure reaches the limit and is answered with the lock-out.
    locked = client.post("/admin/login/", {"username": "officer", "password": "wrong"})
    assert locked.status_code == 429
    # Even the right password is refused while the lock-out lasts.
    still_locked = client.post(
        "/admin/login/", {"username": "officer", "password": "correct-horse-battery"}
    )
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_a_good_login_before_the_limit_is_let_in(client, staff_user):
    for _ in range(3):
        client.post("/admin/login/", {"username": "officer", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "officer", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


@pytest.mark.django_db
def test_staff_without_second_factor_sign_in_with_password(client, staff_user):
    response = client.post(
        "/admin/login/", {"username": "officer", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_staff_with_second_factor_must_give_a_token(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    response = client.post(
        "/admin/login/", {"username": "officer", "password": "correct-horse-battery"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Please enter your OTP token." in response.content.decode()


@pytest.mark.django_db
def test_staff_with_second_factor_and_a_current_token_sign_in(client, staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    response = client.post(
        "/admin/login/",
        {
            "username": "officer",
            "password": "correct-horse-battery",
            "otp_token": current_token(device),
        },
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


@pytest.mark.django_db
def test_a_wrong_token_is_refused(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    response = client.post(
        "/admin/login/",
        {"username": "officer", "password": "correct-horse-battery", "otp_token": "000000"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# --- Lock-out behind a proxy --------------------------------------------------------------

PROXY = "10.0.0.1"


def sign_in(client, password, **meta):
    return client.post("/admin/login/", {"username": "officer", "password": password}, **meta)


def fail_five_times(client, **meta):
    responses = [sign_in(client, "wrong", **meta) for _ in range(5)]
    return responses[-1]


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, **client_address_settings(0))
def test_direct_failures_from_one_address_do_not_lock_another(client, staff_user):
    fail_five_times(client, REMOTE_ADDR="81.2.69.160")

    response = sign_in(client, "correct-horse-battery", REMOTE_ADDR="81.2.69.142")

    assert response.status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, **client_address_settings(0))
def test_direct_clients_cannot_dodge_the_lock_out_with_x_forwarded_for(client, staff_user):
    forged = [f"8.8.8.{n}" for n in range(5)]

    responses = [
        sign_in(client, "wrong", REMOTE_ADDR="81.2.69.160", HTTP_X_FORWARDED_FOR=value)
        for value in forged
    ]

    assert responses[-1].status_code == 429


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, **client_address_settings(1))
def test_behind_a_proxy_one_clients_failures_do_not_lock_another(client, staff_user):
    locked = fail_five_times(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="81.2.69.160")

    response = sign_in(
        client, "correct-horse-battery", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="81.2.69.142"
    )

    assert locked.status_code == 429
    assert response.status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, **client_address_settings(1))
def test_behind_a_proxy_a_forged_x_forwarded_for_does_not_escape_the_lock_out(client, staff_user):
    # The proxy appends the address it was reached from to whatever the client sent.
    forged = [f"8.8.8.{n}, 81.2.69.160" for n in range(5)]

    responses = [
        sign_in(client, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=value) for value in forged
    ]

    assert responses[-1].status_code == 429
    elsewhere = sign_in(
        client,
        "correct-horse-battery",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="81.2.69.160, 81.2.69.142",
    )
    assert elsewhere.status_code == 302


PRINT_CLIENT_ADDRESS = (
    "from django.conf import settings; "
    "print(settings.AXES_IPWARE_META_PRECEDENCE_ORDER); print(settings.AXES_IPWARE_PROXY_COUNT)"
)
PRINT_TOKEN_DAYS = "from knox.settings import knox_settings; print(knox_settings.TOKEN_TTL.days)"


@pytest.mark.parametrize(
    ("value", "order", "count"),
    [("", "('REMOTE_ADDR',)", "None"), ("2", "('HTTP_X_FORWARDED_FOR',)", "1")],
)
def test_the_trusted_proxy_count_is_read_from_the_environment(value, order, count):
    env = settings_env(DJANGO_TRUSTED_PROXY_COUNT=value)

    result = run_manage("shell", "--no-imports", "-c", PRINT_CLIENT_ADDRESS, env=env)

    assert result.stdout.split("\n")[:2] == [order, count], result.stderr


@pytest.mark.parametrize("name", ["DJANGO_TRUSTED_PROXY_COUNT", "DJANGO_API_TOKEN_DAYS"])
def test_a_count_that_is_not_a_whole_number_stops_the_site(name):
    result = run_manage("check", env=settings_env(**{name: "-1"}))

    assert result.returncode != 0
    assert f"{name}='-1' is not a whole number" in result.stderr


def test_api_tokens_may_be_given_a_shorter_life():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        PRINT_TOKEN_DAYS,
        env=settings_env(DJANGO_API_TOKEN_DAYS="30"),
    )

    assert result.stdout.strip() == "30", result.stderr


# --- Password reset is switched off -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
        "/accounts/password_change/",
        "/accounts/password_change/done/",
    ],
)
def test_self_service_password_pages_do_not_exist(client, staff_user, path):
    client.force_login(staff_user)

    assert client.get(path).status_code == 404
    assert client.post(path, {"email": "officer@example.org"}).status_code == 404


@pytest.mark.django_db
def test_the_sign_in_page_says_who_sets_a_forgotten_password(client):
    page = client.get("/accounts/login/").content.decode()

    assert "a site administrator sets a new password for you" in page
    assert "password_reset" not in page


@pytest.mark.django_db
def test_signing_out_still_works(client, staff_user):
    client.force_login(staff_user)

    response = client.post("/accounts/logout/")

    assert (response.status_code, response["Location"]) == (302, "/")
    assert "_auth_user_id" not in client.session


def settings_env(environment="test", **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_ENV=environment, DJANGO_SETTINGS_MODULE="panel.settings", **extra)
    return env


def production_env(**extra):
    return settings_env("production", **extra)


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    env = production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="panel.example.org"
    )
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env=production_env(DJANGO_ALLOWED_HOSTS="panel.example.org"))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_static_files_collect_and_every_reference_resolves(tmp_path):
    """collectstatic with the production storage: a stylesheet pointing at a missing file fails."""
    env = production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="panel.example.org",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    result = run_manage("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert {"build/site.css", "build/govuk-frontend.min.js"} <= set(manifest["paths"])

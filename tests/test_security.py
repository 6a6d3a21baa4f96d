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


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_ENV="production", DJANGO_SETTINGS_MODULE="panel.settings", **extra)
    return env


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

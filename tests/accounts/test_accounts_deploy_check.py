"""`pingxing check --deploy`: silent for the production environment of the README, and a
warning, in Chinese and English, for each setting an operator gets wrong."""

from __future__ import annotations

import io
import json
import os
import secrets
import subprocess
import sys
import tarfile

import pytest


def _backup(directory, *, age_hours: float = 1) -> None:
    """An archive as `pingxing backup` names it, `age_hours` old."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "pingxing-20261130T020000Z.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = json.dumps({"format": 1}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    import time

    when = time.time() - age_hours * 3600
    os.utime(path, (when, when))


def _env(tmp_path, **overrides: str) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PINGXING_", "DJANGO_"))},
        "PINGXING_ENV": "production",
        "PINGXING_SECRET_KEY": secrets.token_urlsafe(60),
        "PINGXING_FIELD_KEY": secrets.token_urlsafe(48),
        "PINGXING_AUDIT_KEY": secrets.token_urlsafe(48),
        "PINGXING_ALLOWED_HOSTS": "pingxing.example.gov.cn",
        "PINGXING_DATA_DIR": str(tmp_path),
        "PINGXING_PROXY_COUNT": "1",
        "DATABASE_URL": "postgres://pingxing@127.0.0.1:5432/pingxing",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v != ""}


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pingxing", "check", "--deploy"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    _backup(tmp_path / "backups")
    result = _check(_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_each_mistake_of_an_operator_is_warned_about(tmp_path):
    # No backup at all, a short field key, the audit key equal to the secret key, 2FA off,
    # a wildcard host, DEBUG on, and requests seen through a proxy with no proxy count.
    (tmp_path / ".forwarded-for-seen").touch()
    secret = secrets.token_urlsafe(60)
    result = _check(_env(
        tmp_path, PINGXING_SECRET_KEY=secret, PINGXING_FIELD_KEY="short", PINGXING_AUDIT_KEY=secret,
        PINGXING_REQUIRE_STAFF_2FA="0", PINGXING_ALLOWED_HOSTS="*", PINGXING_DEBUG="1", PINGXING_PROXY_COUNT="",
    ))
    out = result.stdout + result.stderr
    for check_id in ("pingxing.W001", "pingxing.W002", "pingxing.W003", "pingxing.W004", "pingxing.W005",
                     "pingxing.W006", "security.W018"):
        assert check_id in out, check_id
    assert "PINGXING_PROXY_COUNT" in out and "备份" in out and "动态验证码" in out
    assert secret not in out  # a warning names the key, never its value


@pytest.mark.parametrize("age_hours, warned", [(2, False), (60, True)])
def test_an_old_backup_is_warned_about(tmp_path, age_hours, warned):
    _backup(tmp_path / "backups", age_hours=age_hours)
    out = _check(_env(tmp_path)).stderr
    assert ("pingxing.W006" in out) is warned

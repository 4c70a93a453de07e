"""`pingxing check --deploy` passes with the production environment of the README."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PINGXING_", "DJANGO_"))},
        "PINGXING_ENV": "production",
        "PINGXING_SECRET_KEY": secrets.token_urlsafe(60),
        "PINGXING_FIELD_KEY": "x",
        "PINGXING_AUDIT_KEY": "y",
        "PINGXING_ALLOWED_HOSTS": "pingxing.example.gov.cn",
        "PINGXING_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://pingxing@127.0.0.1:5432/pingxing",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pingxing", "check", "--deploy"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr

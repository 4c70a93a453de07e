"""Our own checks of `pingxing check --deploy`: the settings an operator gets wrong.

Django's deploy checks cover DEBUG, HTTPS, cookies and HSTS; these add what is ours: the
proxy count, staff 2FA, wildcard hosts, the strength and independence of the field and
audit keys, and whether backups are being made.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

MIN_KEY_BYTES = 32


@checks.register(checks.Tags.security, deploy=True)
def check_proxy_count(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from pingxing.core.clientip import forwarded_marker

    if "PINGXING_PROXY_COUNT" in os.environ or not forwarded_marker().exists():
        return []
    return [checks.Warning(
        "请求带有 X-Forwarded-For 头，但未设置 PINGXING_PROXY_COUNT：所有访问者的地址都会被记成反向代理的地址，"
        "登录锁定和异议次数限制会对所有人生效。 / Requests carry X-Forwarded-For but PINGXING_PROXY_COUNT is unset.",
        hint="在反向代理（nginx）后面部署时设置 PINGXING_PROXY_COUNT=1（两层代理设为2）。",
        id="pingxing.W001",
    )]


@checks.register(checks.Tags.security, deploy=True)
def check_staff_two_factor(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.REQUIRE_STAFF_2FA:
        return []
    return [checks.Warning(
        "PINGXING_REQUIRE_STAFF_2FA=0：县、街道工作人员登录不需要动态验证码。 / Staff log in without a second factor.",
        hint="生产环境去掉 PINGXING_REQUIRE_STAFF_2FA，或设为1。",
        id="pingxing.W002",
    )]


@checks.register(checks.Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not any(host == "*" or host.startswith("*") for host in settings.ALLOWED_HOSTS):
        return []
    return [checks.Warning(
        "PINGXING_ALLOWED_HOSTS 含有通配符“*”：任何域名的请求都会被接受。 / ALLOWED_HOSTS contains a wildcard.",
        hint="只列出本平台的域名，如 pingxing.example.gov.cn。",
        id="pingxing.W003",
    )]


@checks.register(checks.Tags.security, deploy=True)
def check_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    secret = str(settings.SECRET_KEY)
    keys = {"PINGXING_FIELD_KEY": str(settings.SALT_KEY), "PINGXING_AUDIT_KEY": str(settings.AUDIT_CHAIN_KEY)}
    for name, value in keys.items():
        if len(value.encode()) < MIN_KEY_BYTES:
            found.append(checks.Warning(
                f"{name} 不足{MIN_KEY_BYTES}字节。 / {name} is shorter than {MIN_KEY_BYTES} bytes.",
                hint="用 python -c 'import secrets; print(secrets.token_urlsafe(48))' 生成，并另行妥善保存。",
                id="pingxing.W004",
            ))
        if value == secret:
            found.append(checks.Warning(
                f"{name} 与 PINGXING_SECRET_KEY 相同：一个泄露，另一个也就泄露了。 / {name} equals the secret key.",
                hint="每个密钥单独生成。", id="pingxing.W005",
            ))
    if keys["PINGXING_FIELD_KEY"] == keys["PINGXING_AUDIT_KEY"]:
        found.append(checks.Warning(
            "PINGXING_FIELD_KEY 与 PINGXING_AUDIT_KEY 相同。 / The field key equals the audit key.",
            hint="每个密钥单独生成。", id="pingxing.W005",
        ))
    return found


def newest_backup(directory: Path) -> Path | None:
    archives = sorted(directory.glob("pingxing-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return archives[-1] if archives else None


@checks.register(checks.Tags.security, deploy=True)
def check_backups(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    directory = Path(settings.BACKUP_DIR)
    newest = newest_backup(directory) if directory.is_dir() else None
    max_age = int(settings.BACKUP_MAX_AGE_HOURS)
    if newest is not None and time.time() - newest.stat().st_mtime <= max_age * 3600:
        return []
    what = (f"最新的备份 {newest.name} 已超过{max_age}小时" if newest is not None
            else f"备份目录 {directory} 中没有备份")
    return [checks.Warning(
        f"{what}：服务器损坏时评星数据将无法恢复。 / No backup newer than {max_age} hours in {directory}.",
        hint="按 README“备份与恢复”配置每晚运行 pingxing backup（systemd 定时器或 cron），并定期做恢复演练。",
        id="pingxing.W006",
    )]

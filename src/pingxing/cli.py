"""The `pingxing` command.

    pingxing demo [--port 8000]      migrate ./var SQLite, load demo data once, serve
    pingxing serve [--bind ADDR]     production server (gunicorn) for DATABASE_URL
    pingxing rate | standards | template …   the rating engine (no database)
    pingxing audit verify            walk the audit chain (and check it reaches every checkpoint)
    pingxing audit checkpoint        write the signed chain head to PINGXING_AUDIT_CHECKPOINT_DIR
    pingxing backup [--dir D]        archive database, media and manifest to PINGXING_BACKUP_DIR (or D)
    pingxing restore ARCHIVE         restore an archive into an empty database and media folder, then check it
    pingxing user create|import|reset-password|unlock|reset-2fa|list …   accounts
    pingxing days-off add DATE [事由] | list | remove DATE   the county's own days off (公示 working days)
    pingxing <django command> …      any manage.py command (migrate, check --deploy, …)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

RUBRIC_COMMANDS = {"rate", "standards", "template"}


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingxing.settings")
    import django

    django.setup()


def _demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pingxing demo", description="运行演示站点 / run the demo site")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PINGXING_PORT", "8000")))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-serve", action="store_true", help="prepare the database and exit")
    args = parser.parse_args(argv)
    os.environ.setdefault("PINGXING_DEMO", "1")
    _django_setup()
    from django.core.management import call_command

    from pingxing.demo import DEMO_PASSWORD, demo_logins, load_demo_if_empty

    call_command("migrate", interactive=False, verbosity=0)
    created = load_demo_if_empty()
    print("演示数据已载入 / demo data loaded" if created else "使用已有数据 / keeping existing data")
    print(f"\n评星 Pingxing: http://{args.host}:{args.port}/\n")
    print(f"演示账号（密码均为 {DEMO_PASSWORD}）/ demo logins (password {DEMO_PASSWORD}):")
    for role_label, username in demo_logins():
        print(f"  {role_label:<16} {username}")
    print("  其他社区书记 / other secretaries: secretary_<组织代码>, e.g. secretary_hs001; 华舍街道 street_huashe")
    sys.stdout.flush()
    if args.no_serve:
        return 0
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def _serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pingxing serve", description="生产服务 / production server")
    parser.add_argument("--bind", default=os.environ.get("PINGXING_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("PINGXING_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("PINGXING_THREADS", "4")))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingxing.settings")
    from gunicorn.app.wsgiapp import run

    from pingxing.core.gunicorn_logging import ACCESS_LOG_FORMAT

    sys.argv = [
        "gunicorn", "pingxing.wsgi:application", "--bind", args.bind,
        "--workers", str(args.workers), "--threads", str(args.threads),
        # The access log without query strings, and every gunicorn log line redacted.
        "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT,
        "--logger-class", "pingxing.core.gunicorn_logging.RedactingLogger",
        "--timeout", "60",
        # Users pause 1–3 s between clicks: keep their connection open longer than that.
        "--keep-alive", os.environ.get("PINGXING_KEEPALIVE", "10"),
    ]
    run()
    return 0


def _audit(argv: list[str]) -> int:
    if argv[:1] not in (["verify"], ["checkpoint"]):
        print("usage: pingxing audit verify | pingxing audit checkpoint", file=sys.stderr)
        return 2
    _django_setup()
    from django.db import DatabaseError

    from pingxing.audit.services import checkpoint, verify

    try:
        if argv[0] == "checkpoint":
            mark = checkpoint()
            print(f"审计检查点已写入 / audit checkpoint written: {mark.name} (#{mark.seq})")
            return 0
        broken = verify()
    except DatabaseError as error:
        print(f"无法读取数据库（是否已执行 pingxing migrate？）/ cannot read the database: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"无法写入检查点目录 / cannot write the checkpoint directory: {error}", file=sys.stderr)
        return 1
    if broken is None:
        print("审计日志完整 / audit chain intact")
        return 0
    where = f"entry #{broken.seq}" if broken.seq is not None else "a checkpoint"
    print(f"审计日志被篡改 / audit chain broken at {where}: {broken.kind} — {broken.detail}")
    if broken.checkpoint:
        print(f"检查点 / checkpoint: {broken.checkpoint}")
    return 1


def _backup(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pingxing backup", description="备份数据库和文件 / back up")
    parser.add_argument("--dir", type=Path, default=None, help="目标目录（默认 PINGXING_BACKUP_DIR）")
    args = parser.parse_args(argv)
    _django_setup()
    from django.db import DatabaseError

    from pingxing.backup import BackupError, backup

    try:
        path, manifest = backup(directory=args.dir)
    except (BackupError, DatabaseError, OSError) as error:
        print(f"备份失败 / backup failed: {error}", file=sys.stderr)
        return 1
    rows = sum(manifest["row_counts"].values())
    media = sum(1 for name in manifest["files"] if name.startswith("media/"))
    print(f"备份完成 / backup written: {path} ({path.stat().st_size} bytes)")
    print(f"  数据库 {manifest['database']['vendor']}: {rows} 行 / rows; 文件 / files: {media}")
    print(f"  审计检查点 / audit checkpoint: {manifest['audit']['checkpoint']['name']}")
    for name in manifest["pruned"]:
        print(f"  已删除过期备份 / pruned: {name}")
    return 0


def _restore(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pingxing restore", description="从备份恢复 / restore a backup")
    parser.add_argument("archive", type=Path)
    args = parser.parse_args(argv)
    _django_setup()
    from django.db import DatabaseError

    from pingxing.backup import RestoreRefused, restore

    try:
        report = restore(args.archive)
    except RestoreRefused as error:
        print(f"拒绝恢复 / restore refused: {error}", file=sys.stderr)
        return 1
    except (DatabaseError, OSError) as error:
        print(f"恢复中断，请清空数据库和媒体目录后重试 / restore failed: {error}", file=sys.stderr)
        return 1
    for line in report.lines:
        print(f"  {line}")
    if not report.ok:
        for problem in report.problems:
            print(f"恢复后校验不符 / mismatch after restore: {problem}", file=sys.stderr)
        return 1
    print(f"恢复完成，校验一致 / restored and verified: {report.archive}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command in RUBRIC_COMMANDS:
        from pingxing.rubric.cli import main as rubric_main

        return rubric_main(argv)
    if command == "demo":
        return _demo(rest)
    if command == "serve":
        return _serve(rest)
    if command == "audit":
        return _audit(rest)
    if command == "backup":
        return _backup(rest)
    if command == "restore":
        return _restore(rest)
    if command == "days-off":
        command, argv = "days_off", ["days_off", *rest]
    if command == "user":
        from pingxing.accounts.cli import main as user_main

        return user_main(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingxing.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pingxing", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`pingxing serve`: a search for a full ID or phone number leaves no trace of it in any log line."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

ID_NUMBER, PHONE = "330621197001010011", "13912345678"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_full_id_or_phone_reaches_the_gunicorn_logs(tmp_path):
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PINGXING_", "DJANGO_", "DATABASE_URL"))},
           "PINGXING_DATA_DIR": str(tmp_path), "PINGXING_WORKERS": "1", "PINGXING_THREADS": "2"}
    server = subprocess.Popen([sys.executable, "-m", "pingxing", "serve", "--bind", f"127.0.0.1:{port}"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for path in (f"/members/?q={ID_NUMBER}", f"/members/?q={PHONE}", f"/nowhere/{ID_NUMBER}/"):
            with contextlib.suppress(OSError):  # a redirect to login or a 404: what matters is the log
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
        time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "GET /members/" in output  # the access log is there…
    assert ID_NUMBER not in output and PHONE not in output  # …without the numbers

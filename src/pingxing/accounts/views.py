"""Login, logout, password change and the TOTP two-factor page (account administration: views_admin)."""

from __future__ import annotations

from base64 import b32encode
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from pingxing.accounts import services
from pingxing.accounts.forms import EnrolmentCodeForm, LoginForm, PasswordChangeForm, TotpCodeForm
from pingxing.core.audit import REDACTED, AuditAction, audit_record


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the lock page says when to retry."""
    from axes.helpers import get_client_username, get_cool_off
    from axes.models import AccessAttempt

    cool_off = get_cool_off(request) or timedelta(minutes=15)
    username = get_client_username(request, credentials) or ""
    newest = (AccessAttempt.objects.filter(username=username, ip_address=getattr(request, "axes_ip_address", None))
              .order_by("-attempt_time").values_list("attempt_time", flat=True).first())
    retry = timezone.localtime((newest or timezone.now()) + cool_off)
    context = {"retry_at": retry, "lock_minutes": int(cool_off.total_seconds() // 60)}
    return render(request, "accounts/locked_out.html", context, status=429)


login_view = auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
)
logout_view = auth_views.LogoutView.as_view()


class _PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        user = self.request.user
        with transaction.atomic():
            response = super().form_valid(form)
            changes = {"password": [REDACTED, REDACTED]}
            if user.must_change_password:
                # The temporary password from an account manager is gone: the user may work.
                user.must_change_password = False
                user.save(update_fields=["must_change_password"])
                changes["must_change_password"] = [True, False]
            audit_record(action=AuditAction.UPDATE, user=user, obj=user, changes=changes,
                         request=self.request)
        return response


password_change = _PasswordChangeView.as_view()
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:home")


def _audit_two_factor(request: HttpRequest, device: TOTPDevice | None, result: str) -> None:
    audit_record(
        action=AuditAction.TWO_FACTOR, user=request.user, object_type="otp_totp.totpdevice",
        object_id=str(device.pk) if device is not None and device.pk else "", object_repr="TOTP",
        changes={"result": [None, result]}, request=request,
    )


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


# The enrolment code accepted in this session, and the secret offered before it is bound:
# a GET creates no device row, and the secret is only shown once the code was accepted.
ENROLMENT_SESSION_KEY = "pingxing_enrolment_code_id"
PENDING_KEY_SESSION_KEY = "pingxing_totp_pending_key"


def _forget_setup(request: HttpRequest) -> None:
    request.session.pop(ENROLMENT_SESSION_KEY, None)
    request.session.pop(PENDING_KEY_SESSION_KEY, None)


def _setup_device(request: HttpRequest) -> TOTPDevice:
    """The device being set up: an unconfirmed one already saved, or an unsaved one whose
    secret waits in the session (saved at the first code typed)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is not None:
        return device
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        key = request.session[PENDING_KEY_SESSION_KEY] = default_key()
    return TOTPDevice(user=request.user, name=_("评星验证器"), confirmed=False, key=key)


def _ask_enrolment_code(request: HttpRequest, next_url: str) -> HttpResponse:
    """Staff outside the demo: the first binding needs the code an account manager issued."""
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = services.enrolment_code_find(user=request.user, code=form.cleaned_data["code"])
        if code is None:
            _audit_two_factor(request, None, "enrolment_refused")
            form.add_error("code", _("绑定码不正确、已使用或已过期。请联系账号管理员重新签发。"))
        else:
            # A fresh secret for this binding: nothing offered before the code counts.
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            request.session.pop(PENDING_KEY_SESSION_KEY, None)
            request.session[ENROLMENT_SESSION_KEY] = code.pk
            _audit_two_factor(request, None, "enrolment_accepted")
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}")
    return render(request, "accounts/two_factor.html", {
        "code_form": form, "next": next_url, "hours": services.ENROLMENT_CODE_HOURS})


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up (first time) or check the user's TOTP device, then verify the session."""
    user = request.user
    next_url = _safe_next(request)
    if user.is_verified():
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    setting_up = device is None
    code_id = None
    if setting_up:
        if services.enrolment_required(user):
            code = services.enrolment_code_usable(user=user, code_id=request.session.get(ENROLMENT_SESSION_KEY))
            if code is None:
                return _ask_enrolment_code(request, next_url)
            code_id = code.pk
        device = _setup_device(request)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.pk is None:
            device.save()
        allowed, info = device.verify_is_allowed()
        if not allowed:
            _audit_two_factor(request, device, "throttled")
            wait = max(1, int(((info or {}).get("locked_until", timezone.now()) - timezone.now()).total_seconds()) + 1)
            form.add_error("code", _("尝试次数过多，请%(s)d秒后再试。") % {"s": wait})
        elif device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                if not services.totp_device_bind(user=user, device=device, code_id=code_id, request=request):
                    _forget_setup(request)
                    messages.error(request, _("绑定码已失效，请联系账号管理员重新签发。"))
                    return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}")
                _forget_setup(request)
            otp_login(request, device)
            if setting_up:
                messages.success(request, _("验证器已绑定，今后登录请输入其中的动态验证码。"))
            else:
                _audit_two_factor(request, device, "verified")
            return redirect(next_url)
        else:
            _audit_two_factor(request, device, "failed")
            form.add_error("code", _("验证码不正确或已过期，请重新输入。"))
    context = {"form": form, "next": next_url, "setting_up": setting_up}
    if setting_up:
        qr = segno.make(device.config_url, error="m")
        # segno writes only path data from our own otpauth URI: no user text in the markup.
        context["qr_svg"] = mark_safe(qr.svg_inline(scale=4, omitsize=False))
        context["secret"] = _grouped_secret(device)
    return render(request, "accounts/two_factor.html", context)

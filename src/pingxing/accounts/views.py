"""Login, logout, password change and the TOTP two-factor page."""

from __future__ import annotations

from base64 import b32encode

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
from django_otp.plugins.otp_totp.models import TOTPDevice

from pingxing.accounts.forms import LoginForm, TotpCodeForm
from pingxing.audit.services import REDACTED, AuditAction, audit_record

login_view = auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
)
logout_view = auth_views.LogoutView.as_view()


class _PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):  # noqa: ANN001, ANN201
        with transaction.atomic():
            response = super().form_valid(form)
            audit_record(
                action=AuditAction.UPDATE, user=self.request.user, obj=self.request.user,
                changes={"password": [REDACTED, REDACTED]}, request=self.request,
            )
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


def _audit_two_factor(request: HttpRequest, device: TOTPDevice, result: str) -> None:
    audit_record(
        action=AuditAction.TWO_FACTOR, user=request.user, object_type="otp_totp.totpdevice",
        object_id=str(device.pk), object_repr="TOTP", changes={"result": [None, result]},
        request=request,
    )


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


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
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=_("评星验证器"), confirmed=False)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, info = device.verify_is_allowed()
        if not allowed:
            _audit_two_factor(request, device, "throttled")
            wait = max(1, int(((info or {}).get("locked_until", timezone.now()) - timezone.now()).total_seconds()) + 1)
            form.add_error("code", _("尝试次数过多，请%(s)d秒后再试。") % {"s": wait})
        elif device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            _audit_two_factor(request, device, "device_confirmed" if setting_up else "verified")
            if setting_up:
                messages.success(request, _("验证器已绑定，今后登录请输入其中的动态验证码。"))
            return redirect(next_url)
        else:
            _audit_two_factor(request, device, "failed")
            form.add_error("code", _("验证码不正确或已过期，请重新输入。"))
    context = {"form": form, "next": next_url, "setting_up": setting_up}
    if setting_up:
        qr = segno.make(device.config_url, error="m")
        # segno writes only path data from our own otpauth URI: no user text in the markup.
        context["qr_svg"] = mark_safe(qr.svg_inline(scale=4, omitsize=False))  # noqa: S308
        context["secret"] = _grouped_secret(device)
    return render(request, "accounts/two_factor.html", context)

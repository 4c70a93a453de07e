"""我的岗位 (the member's posts), the public card of a post (no login), its QR code and the
printable card to put up at the workplace."""

from __future__ import annotations

import io

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.posts import queries
from pingxing.posts.access import get_post_by_token, get_post_for_user
from pingxing.posts.models import PioneerPost


def card_url(request: HttpRequest, post: PioneerPost) -> str:
    return request.build_absolute_uri(reverse("posts:card", args=[post.token]))


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的岗位: the posts the member holds, with their reviews and drives."""
    member_id = request.user.member_id
    posts = queries.member_posts(member_id) if member_id is not None else []
    return render(request, "posts/mine.html", {"posts": posts, "has_member": member_id is not None})


def card(request: HttpRequest, token: str) -> HttpResponse:
    """The public card (no login): kind, name, place, duties, the holder's name, the organization,
    the period, drives and the latest review outcome."""
    post = get_post_by_token(token)
    return render(request, "posts/card.html", {"card": queries.public_card(post)})


@login_required
def qr_svg(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    """The QR code (SVG) of the post's public card address."""
    post = get_post_for_user(request.user, post_id, request=request)
    buffer = io.BytesIO()
    segno.make(card_url(request, post), error="m").save(buffer, kind="svg", scale=6, border=2)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def print_card(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    """The card to print and put up: the public fields, the QR code and the address under it."""
    post = get_post_for_user(request.user, post_id, request=request)
    return render(request, "posts/print.html", {"card": queries.public_card(post), "post": post,
                                                "card_url": card_url(request, post)})

"""Where apps put themselves on the site: menu entries, home-page cards, panels of shared pages.

Each app fills these from its own `AppConfig.ready`; core never names an app. An entry is
shown only when its `visible(actor)` says so — the app's own permission predicate — so a
role never sees a link to a page that would refuse it.

    nav.add_menu(nav.MenuEntry("ratings.dashboard", _("目标看板"), order=40,
                               url=lambda user: reverse("ratings:dashboard"),
                               visible=permissions.can_view_results))
    nav.add_panel(nav.HOME_CARDS, nav.Card("members.count", "members/_home_count.html", order=20,
                                           context=member_count_card, visible=...))
    nav.add_panel("orgs.detail", nav.Card(...))   # a section of another app's page
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pingxing.core.http import actor_of
from pingxing.core.scope import Actor


def _always(actor: Actor) -> bool:
    return True


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: Any
    url: Callable[[Any], str]  # user → URL
    order: int = 100
    visible: Callable[[Actor], bool] = _always


@dataclass(frozen=True)
class Card:
    """A fragment of a page: `template` rendered with `context(request, **page)` (None hides it)."""

    key: str
    template: str
    order: int = 100
    context: Callable[..., dict[str, Any] | None] = lambda request, **page: {}
    visible: Callable[[Actor], bool] = _always


_menu: dict[str, MenuEntry] = {}
_panels: dict[str, dict[str, Card]] = {}
# The home page (工作台): number cards at the top, then sections, then tool buttons.
HOME_CARDS = "core.home.cards"
HOME_SECTIONS = "core.home.sections"
HOME_TOOLS = "core.home.tools"


def add_menu(entry: MenuEntry) -> None:
    _menu[entry.key] = entry


def add_panel(page: str, card: Card) -> None:
    """A section of a page that `render_panels(page, …)` draws (e.g. "orgs.detail")."""
    _panels.setdefault(page, {})[card.key] = card


def menu_for(user: Any) -> list[tuple[Any, str]]:
    """(label, URL) of the menu entries this user may open, in order."""
    actor = actor_of(user)
    entries = sorted(_menu.values(), key=lambda e: (e.order, e.key))
    return [(e.label, e.url(user)) for e in entries if e.visible(actor)]


def panels_for(page: str, request: Any, **page_context: Any) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of each panel of `page` the request's user may see, in order."""
    actor = actor_of(getattr(request, "user", None))
    out = []
    for card in sorted(_panels.get(page, {}).values(), key=lambda c: (c.order, c.key)):
        if not card.visible(actor):
            continue
        context = card.context(request, **page_context)
        if context is not None:
            out.append((card.template, context))
    return out


def remove(key: str) -> None:
    """Take an entry or card away again (tests that register their own)."""
    _menu.pop(key, None)
    for cards in _panels.values():
        cards.pop(key, None)

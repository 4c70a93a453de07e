from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def _stations_test_settings(request):
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").REQUIRE_STAFF_2FA = False


@pytest.fixture
def world(db):
    from factories import make_world

    return make_world()


@pytest.fixture
def station(world):
    from pingxing.stations import services

    return services.station_save(
        organization=world.a1, kind="station", name="甲一党员服务站", address="甲一社区办公楼",
        hours=[{"weekday": d, "from": "08:30", "to": "17:00"} for d in range(5)], services=["dues", "policy"],
        staff=[{"name": "王站长", "role": "站长", "phone": "13912345678"}], by=world.secretary)


@pytest.fixture
def site(world, station):
    from pingxing.stations import services

    return services.site_create(organization=world.a1, station=station, name="甲一远程教育站点", by=world.secretary)


YEAR_DAY = dt.date(2026, 5, 20)

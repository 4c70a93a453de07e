"""The grid app's pages: the network (grids, teams, households, visits), service cases and
analysis meetings, each part in its own module."""

from __future__ import annotations

from pingxing.grid import urls_cases, urls_meetings, urls_network

app_name = "grid"
urlpatterns = [*urls_network.urlpatterns, *urls_cases.urlpatterns, *urls_meetings.urlpatterns]

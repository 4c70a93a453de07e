"""Pages of the analysis meetings (研判) and the grid dashboard (under /grid/, app "grid")."""

from __future__ import annotations

from django.urls import path

from pingxing.grid import views_dashboard, views_meetings

urlpatterns = [
    path("meetings/", views_meetings.meetings, name="meetings"),
    path("meetings/agenda/", views_meetings.meeting_agenda, name="meeting_agenda"),
    path("meetings/new/", views_meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", views_meetings.meeting, name="meeting"),
    path("meetings/<int:meeting_id>/decisions/", views_meetings.meeting_decision, name="meeting_decision"),
    path("meetings/<int:meeting_id>/minutes.docx", views_meetings.meeting_docx, name="meeting_docx"),
    path("meetings/<int:meeting_id>/minutes.pdf", views_meetings.meeting_pdf, name="meeting_pdf"),
    path("dashboard/", views_dashboard.dashboard_page, name="dashboard"),
]

from django.urls import include, path

from pingxing.api import api

urlpatterns = [
    path("", include("pingxing.core.urls")),
    path("accounts/", include("pingxing.accounts.urls")),
    path("orgs/", include("pingxing.orgs.urls")),
    path("members/", include("pingxing.members.urls")),
    path("audit/", include("pingxing.audit.urls")),
    path("ratings/", include("pingxing.ratings.urls")),
    path("evaluations/", include("pingxing.evaluations.urls")),
    path("pledges/", include("pingxing.pledges.urls")),
    path("points/", include("pingxing.points.urls")),
    path("posts/", include("pingxing.posts.urls")),
    path("cadres/", include("pingxing.cadres.urls")),
    path("training/", include("pingxing.training.urls")),
    path("grid/", include("pingxing.grid.urls")),
    path("cobuilding/", include("pingxing.cobuilding.urls")),
    path("stations/", include("pingxing.stations.urls")),
    path("volunteers/", include("pingxing.volunteers.urls")),
    path("carefund/", include("pingxing.carefund.urls")),
    path("plans/", include("pingxing.plans.urls")),
    path("publicity/", include("pingxing.publicity.urls")),
    path("fivegood/", include("pingxing.fivegood.urls")),
    path("open311/v2/", include("pingxing.grid.urls_open311")),
    path("public/", include("pingxing.ratings.public_urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

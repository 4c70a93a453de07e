"""The JSON API (OpenAPI at /api/docs): each app's router, mounted here.

Session authentication with CSRF on writes; every endpoint uses its app's access helpers,
so the API answers exactly what the pages would, with personal data masked the same way.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from pingxing.accounts.api import router as accounts_router
from pingxing.audit.api import router as audit_router
from pingxing.cadres.api import router as cadres_router
from pingxing.carefund.api import router as carefund_router
from pingxing.cobuilding.api import router as cobuilding_router
from pingxing.evaluations.api import router as evaluations_router
from pingxing.fivegood.api import router as fivegood_router
from pingxing.grid.api import router as grid_router
from pingxing.members.api import router as members_router
from pingxing.orgs.api import router as orgs_router
from pingxing.plans.api import router as plans_router
from pingxing.pledges.api import router as pledges_router
from pingxing.points.api import router as points_router
from pingxing.posts.api import router as posts_router
from pingxing.publicity.api import router as publicity_router
from pingxing.ratings.api import router as ratings_router
from pingxing.stations.api import router as stations_router
from pingxing.training.api import router as training_router
from pingxing.volunteers.api import router as volunteers_router

api = NinjaAPI(
    title="评星 Pingxing API",
    version="1",
    description="基层党组织“评星晋级”管理平台接口。所有数据按当前用户所在组织的权限范围返回。",
    auth=django_auth,
    urls_namespace="api",
    # The docs and the schema describe what we hold: for logged-in users only.
    docs_decorator=login_required,
)
api.add_router("/", orgs_router)
api.add_router("/", members_router)
api.add_router("/", ratings_router)
api.add_router("/", audit_router)
api.add_router("/", accounts_router)
api.add_router("/", evaluations_router)
api.add_router("/", pledges_router)
api.add_router("/", points_router)
api.add_router("/", posts_router)
api.add_router("/", cadres_router)
api.add_router("/", training_router)
api.add_router("/", grid_router)
api.add_router("/", cobuilding_router)
api.add_router("/", stations_router)
api.add_router("/", volunteers_router)
api.add_router("/", carefund_router)
api.add_router("/", plans_router)
api.add_router("/", publicity_router)
api.add_router("/", fivegood_router)

"""宣传与先进典型 (publicity): the reads. The public ones read only what is published: articles in
the published state, five-star results tied to a publication, and the 优秀 grades of democratic
evaluations whose results the organization has published."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from pingxing.evaluations.models import EvaluationState, RollEntry
from pingxing.evaluations.proposal import Grade
from pingxing.evaluations.subjects import Subject
from pingxing.publicity.models import Article, ArticlePhoto
from pingxing.publicity.rules import Kind, State
from pingxing.ratings.models import StarResult

TOP_STAR = 5
STATE_FILTERS = tuple(State)


def article_list(articles: QuerySet[Article], *, state: str = "") -> QuerySet[Article]:
    if state in {s.value for s in State}:
        articles = articles.filter(state=state)
    return articles.select_related("organization", "author").order_by("-updated_at", "-pk")


def review_queue(articles: QuerySet[Article], *, reviewer_path: str) -> QuerySet[Article]:
    """Submitted articles of the organizations below the reviewing office (oldest first)."""
    return (articles.filter(state=State.SUBMITTED).exclude(organization__path=reviewer_path)
            .select_related("organization", "author").order_by("submitted_at", "pk"))


def public_articles(*, kind: str = "") -> QuerySet[Article]:
    articles = Article.objects.published()
    if kind in {k.value for k in Kind}:
        articles = articles.filter(kind=kind)
    return (articles.select_related("organization", "subject_member", "subject_org")
            .prefetch_related(Prefetch("photos", queryset=ArticlePhoto.objects.order_by("order", "pk")))
            .order_by("-published_at", "-pk"))


def public_article(article_id: int) -> Article | None:
    found: Article | None = public_articles().filter(pk=article_id).first()
    return found


@dataclass(frozen=True)
class Honour:
    name: str
    organization: str


def five_star_orgs(year: int) -> list[Honour]:
    """The organizations rated five stars in `year`, as published (a result from a campaign counts
    once its publication is issued; a result imported from the record has no case)."""
    results = (StarResult.objects.filter(year=year, star=TOP_STAR)
               .filter(Q(publication__isnull=False) | Q(case__isnull=True))
               .select_related("organization__parent").order_by("organization__path"))
    return [Honour(name=r.organization.name, organization=r.organization.parent.name if r.organization.parent
                   else "") for r in results]


def excellent_members(year: int) -> list[Honour]:
    """The members graded 优秀 in the members' democratic evaluations of `year` whose results are
    published: name and organization only."""
    entries = (RollEntry.objects.filter(evaluation__year=year, evaluation__subject=Subject.MEMBERS.value,
                                        evaluation__state=EvaluationState.PUBLISHED,
                                        final_grade=Grade.EXCELLENT.value, excused=False)
               .select_related("member", "evaluation__organization")
               .order_by("evaluation__organization__path", "member__name", "pk"))
    return [Honour(name=e.member.name, organization=e.evaluation.organization.name) for e in entries]


def honour_years() -> list[int]:
    """The years the public page offers: those with an article, a result or a published evaluation."""
    years = set(Article.objects.published().values_list("year", flat=True))
    years |= set(StarResult.objects.filter(star=TOP_STAR).values_list("year", flat=True))
    years |= set(RollEntry.objects.filter(evaluation__state=EvaluationState.PUBLISHED,
                                          final_grade=Grade.EXCELLENT.value)
                 .values_list("evaluation__year", flat=True))
    return sorted(years, reverse=True)

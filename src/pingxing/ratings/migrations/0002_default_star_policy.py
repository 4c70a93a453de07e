"""Seed the 结果运用 policy: pay coefficients (3★ = 1.00), project-fund weights, award eligibility."""

from decimal import Decimal

from django.db import migrations

# star, pay coefficient, project-fund weight, eligible for other 先进评比
DEFAULT_POLICY = [
    (5, "1.20", "1.50", True),
    (4, "1.10", "1.20", True),
    (3, "1.00", "1.00", False),
    (2, "0.90", "0.80", False),
    (1, "0.80", "0.60", False),
    (0, "0.70", "0.50", False),
]


def seed(apps, schema_editor):
    StarPolicy = apps.get_model("ratings", "StarPolicy")
    for star, coefficient, weight, eligible in DEFAULT_POLICY:
        StarPolicy.objects.get_or_create(
            star=star,
            defaults={"pay_coefficient": Decimal(coefficient), "fund_weight": Decimal(weight),
                      "award_eligible": eligible},
        )


def unseed(apps, schema_editor):
    StarPolicy = apps.get_model("ratings", "StarPolicy")
    StarPolicy.objects.filter(star__in=[row[0] for row in DEFAULT_POLICY]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("ratings", "0001_campaign"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]

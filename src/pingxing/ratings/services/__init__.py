"""Every write of the campaign, by area; import them from here (`services.case_approve(...)`).

- campaign: opening a year, declaring, assessing, accepting, returning, approving, the notice;
- publication: objections, closing the notice, issuing the results (发文公布);
- evidence: files attached to facts; facts: a whole facts workbook;
- results: the pay policy and communities' base pay.
"""

from pingxing.ratings.services.campaign import (
    CASES,
    CaseChanged,
    InvalidFacts,
    acceptance_record,
    assessment_submit,
    campaign_open,
    case_approve,
    case_return,
    case_step,
    declaration_save_draft,
    declaration_submit,
    needs_acceptance,
    notice_start,
)
from pingxing.ratings.services.evidence import EvidenceRefused, evidence_add
from pingxing.ratings.services.facts import facts_import
from pingxing.ratings.services.office import office_profile_update
from pingxing.ratings.services.publication import (
    MIN_SECONDS_ON_FORM,
    OBJECTIONS_PER_CLIENT_PER_HOUR,
    ObjectionRefused,
    campaign_publish,
    client_digest,
    notice_close,
    objection_file,
    objection_respond,
    receipt_digest,
)
from pingxing.ratings.services.results import base_pays_set, star_policy_update

__all__ = [
    "CASES", "MIN_SECONDS_ON_FORM", "OBJECTIONS_PER_CLIENT_PER_HOUR", "CaseChanged", "EvidenceRefused",
    "InvalidFacts", "ObjectionRefused", "acceptance_record", "assessment_submit", "base_pays_set",
    "campaign_open", "campaign_publish", "case_approve", "case_return", "case_step", "client_digest",
    "declaration_save_draft", "declaration_submit", "evidence_add", "facts_import", "needs_acceptance",
    "notice_close", "notice_start", "objection_file", "objection_respond", "office_profile_update", "receipt_digest", "star_policy_update",
]

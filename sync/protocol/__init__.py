"""The wire protocol between terminals and the county server (DESIGN.md §6).

Shared by both ends: the terminal's sync daemon and ``county/`` import these
models, so a field renamed on one side is renamed on the other. Paths live
under :data:`API_PREFIX`; every request but ``enroll`` carries
``Authorization: Bearer TOKEN``; every error answers :class:`ErrorBody`.
docs/sync-protocol.md shows example bodies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.lazy_names import lazy_names

# The pydantic models load on first use (PEP 562), not when a light submodule such as
# sync.protocol.errors is imported: a `county` listing needs ErrorCode, not pydantic.
if TYPE_CHECKING:
    from sync.protocol.errors import ErrorCode
    from sync.protocol.ledger import LedgerEntryRecord
    from sync.protocol.messages import (
        COMPLAINT_CATEGORIES,
        MAX_COMPLAINT_TEXT,
        Action,
        ChangesPage,
        ComplaintAnswer,
        ComplaintReply,
        ComplaintSubmission,
        EnrollRequest,
        EnrollResponse,
        ErrorBody,
        ErrorDetail,
        HeartbeatAnswer,
        HeartbeatRequest,
        ReleaseInfo,
        SnapshotLine,
        Tombstone,
        UpdateReport,
    )
    from sync.protocol.progress import (
        FEEDBACK_REASONS,
        ComplaintFeedback,
        ComplaintLookup,
        ComplaintProgress,
        FeedbackAnswer,
        LookupAnswer,
    )
    from sync.protocol.records import (
        ENTITIES,
        BenefitItemRecord,
        HouseholdMemberRecord,
        NoticeRecord,
        PaymentRecord,
        PowerRecord,
        RollEntryRecord,
        SettingRecord,
    )

__all__ = [
    "API_PREFIX",
    "COMPLAINT_CATEGORIES",
    "DEFAULT_PAGE_LIMIT",
    "ENTITIES",
    "FEEDBACK_REASONS",
    "MAX_BODY_BYTES",
    "MAX_COMPLAINT_TEXT",
    "MAX_PAGE_LIMIT",
    "PROTOCOL_VERSION",
    "Action",
    "BenefitItemRecord",
    "ChangesPage",
    "ComplaintAnswer",
    "ComplaintFeedback",
    "ComplaintLookup",
    "ComplaintProgress",
    "ComplaintReply",
    "ComplaintSubmission",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorBody",
    "ErrorCode",
    "ErrorDetail",
    "FeedbackAnswer",
    "HeartbeatAnswer",
    "HeartbeatRequest",
    "HouseholdMemberRecord",
    "LedgerEntryRecord",
    "LookupAnswer",
    "NoticeRecord",
    "PaymentRecord",
    "PowerRecord",
    "ReleaseInfo",
    "RollEntryRecord",
    "SettingRecord",
    "SnapshotLine",
    "Tombstone",
    "UpdateReport",
]

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"
#: Largest request body the server reads (bytes); larger ones get 413 ``request.too_large``.
MAX_BODY_BYTES = 64 * 1024
DEFAULT_PAGE_LIMIT = 500
MAX_PAGE_LIMIT = 5000

#: Where each lazily loaded name lives.
_HOME = {
    "ErrorCode": "errors",
    **dict.fromkeys(("COMPLAINT_CATEGORIES", "MAX_COMPLAINT_TEXT", "Action", "ChangesPage",
                     "ComplaintAnswer", "ComplaintReply", "ComplaintSubmission", "EnrollRequest",
                     "EnrollResponse", "ErrorBody", "ErrorDetail", "HeartbeatAnswer",
                     "HeartbeatRequest", "ReleaseInfo", "SnapshotLine", "Tombstone",
                     "UpdateReport"), "messages"),
    **dict.fromkeys(("FEEDBACK_REASONS", "ComplaintFeedback", "ComplaintLookup",
                     "ComplaintProgress", "FeedbackAnswer", "LookupAnswer"), "progress"),
    **dict.fromkeys(("ENTITIES", "BenefitItemRecord", "HouseholdMemberRecord", "NoticeRecord",
                     "PaymentRecord", "PowerRecord", "RollEntryRecord", "SettingRecord"),
                    "records"),
    "LedgerEntryRecord": "ledger",
}


__getattr__, __dir__ = lazy_names(__name__, _HOME)

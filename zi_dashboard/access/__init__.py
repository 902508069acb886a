"""Who the session is and what it may see: roles, scopes and the personal-data policy.

`Principal` says who; `scope_tables` applies the scope and the policy to a version's tables. It
runs once, where a session's tables are loaded, so nothing downstream (filters, metrics, charts,
downloads, packs, fact sheets, the CLI) can show more than the role allows.
"""

from zi_dashboard.access.principal import (
    ANONYMOUS_POLICIES,
    BOOTSTRAP_NAME,
    ROLES,
    SCOPED_ROLES,
    Principal,
    anonymous,
    validate_role,
)
from zi_dashboard.access.scope import (
    PERSONAL_COLUMNS,
    in_scope_units,
    pseudonyms,
    scope_rows,
    scope_tables,
)

__all__ = [
    "ANONYMOUS_POLICIES", "BOOTSTRAP_NAME", "PERSONAL_COLUMNS", "Principal", "ROLES", "SCOPED_ROLES", "anonymous",
    "in_scope_units", "pseudonyms", "scope_rows", "scope_tables", "validate_role",
]

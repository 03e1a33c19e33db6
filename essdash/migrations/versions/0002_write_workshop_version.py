"""workshop_version: one version per workshop and activity, for the caches of live views

Revision ID: 0002_write
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_write"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workshop_version",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_version_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "activity", name=op.f("pk_workshop_version")),
    )


def downgrade() -> None:
    op.drop_table("workshop_version")

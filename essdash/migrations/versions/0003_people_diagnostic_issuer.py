"""diagnostic.issuer: the organisation that issues the restitution document (its cover)

Revision ID: 0002_people
Revises: 0002_write
Create Date: 2026-12-01 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_people"
down_revision: str | None = "0002_write"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("diagnostic") as batch_op:
        batch_op.add_column(sa.Column("issuer", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("diagnostic") as batch_op:
        batch_op.drop_column("issuer")

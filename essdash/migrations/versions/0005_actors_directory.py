"""actors: the directory's Sirene fields on structure, and actor_relation

Revision ID: 0004_actors
Revises: 0004_followup
Create Date: 2026-12-01 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_actors"
down_revision: str | None = "0004_followup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_COLUMNS = (
    ("siren", sa.String(length=9)),
    ("legal_form", sa.String(length=4)),
    ("naf", sa.String(length=6)),
    ("headcount_class", sa.String(length=2)),
    ("address", sa.String(length=300)),
    ("lon", sa.Float()),
    ("lat", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("structure") as batch_op:
        for name, type_ in NEW_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.add_column(
            sa.Column("origin", sa.String(length=20), nullable=False, server_default="signin")
        )
        batch_op.create_index(batch_op.f("ix_structure_siret"), ["siret"], unique=False)
    op.create_table(
        "actor_relation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("diagnostic_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("directed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("declared_by_team", sa.Boolean(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("client_request_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["diagnostic_id"],
            ["diagnostic.id"],
            name=op.f("fk_actor_relation_diagnostic_id_diagnostic"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["structure.id"],
            name=op.f("fk_actor_relation_source_id_structure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["structure.id"],
            name=op.f("fk_actor_relation_target_id_structure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_actor_relation_participant_id_participant"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"],
            ["participant.id"],
            name=op.f("fk_actor_relation_confirmed_by_id_participant"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_relation")),
        sa.UniqueConstraint(
            "diagnostic_id",
            "client_request_id",
            name=op.f("uq_actor_relation_diagnostic_id_client_request_id"),
        ),
    )
    with op.batch_alter_table("actor_relation") as batch_op:
        for column in ("diagnostic_id", "source_id", "target_id", "participant_id"):
            batch_op.create_index(f"ix_actor_relation_{column}", [column], unique=False)


def downgrade() -> None:
    op.drop_table("actor_relation")
    with op.batch_alter_table("structure") as batch_op:
        batch_op.drop_index(batch_op.f("ix_structure_siret"))
        batch_op.drop_column("origin")
        for name, _type in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)

"""review seen at

Revision ID: c3e9a1d5f7b2
Revises: b7d2e4f1c9a3
Create Date: 2026-12-04 17:20:00

reviews.seen_at: when the student last opened the released review; the student's Start page marks
a released grade or teacher comment "Nieuw" until then. Existing reviews: NULL (released ones show
as new once).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c3e9a1d5f7b2'
down_revision = 'b7d2e4f1c9a3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seen_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('seen_at')

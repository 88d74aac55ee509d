"""grade display per class assignment

Revision ID: b7d2e4f1c9a3
Revises: a10c0b7e5d21
Create Date: 2026-12-04 17:10:00

class_assignments.grade_display: "after_review" (the default: a student sees only provisional
feedback until the teacher releases the review) or "at_once" (a provisional grade at once).
Existing rows get the default.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7d2e4f1c9a3'
down_revision = 'a10c0b7e5d21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('class_assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grade_display', sa.String(length=20), server_default='after_review',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('class_assignments', schema=None) as batch_op:
        batch_op.drop_column('grade_display')

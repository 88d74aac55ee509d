"""session generation and one attempt per draft version

Revision ID: 4ea8ae8aa461
Revises: c8b04e28b81b
Create Date: 2026-12-04 13:38:50.870987

users.session_generation: sessions that end on the server (courseware/sessions.py); existing
users start at 0, so their sessions stay valid until they log out or their password changes.
attempts.draft_version: one attempt per draft version (a double hand-in makes one attempt);
NULL for attempts handed in before, which never collides.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4ea8ae8aa461'
down_revision = 'c8b04e28b81b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft_version', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint('uq_attempts_user_assignment_draft_version', ['user_id', 'assignment_id', 'draft_version'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_generation')

    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_attempts_user_assignment_draft_version', type_='unique')
        batch_op.drop_column('draft_version')


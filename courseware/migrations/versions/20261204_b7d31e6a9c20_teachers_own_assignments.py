"""teachers' own assignments

Revision ID: b7d31e6a9c20
Revises: d04ba463ee5a
Create Date: 2026-12-04 16:40:00.000000

own_assignments: a teacher's assignment as the text of an assignment file (the same TOML as
assignments/*.toml), its owner, its state (concept, published, archived) and an optional model
journey with when students may see it.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7d31e6a9c20'
down_revision = 'd04ba463ee5a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'own_assignments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('toml', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=12), server_default='concept', nullable=False),
        sa.Column('model_journey', sa.Text(), nullable=True),
        sa.Column('model_visibility', sa.String(length=16), server_default='never', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_own_assignments_owner_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_own_assignments')),
    )
    with op.batch_alter_table('own_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_own_assignments_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_own_assignments_slug'), ['slug'], unique=True)


def downgrade():
    with op.batch_alter_table('own_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_own_assignments_slug'))
        batch_op.drop_index(batch_op.f('ix_own_assignments_owner_id'))
    op.drop_table('own_assignments')

"""grade corrections

grade_corrections: a teacher's own grade for one member of a group hand-in (individuele correctie),
with the reason; every change is a new row (history), the newest per attempt and student wins.

Revision ID: ae3ea2104ada
Revises: 43d2ceab4673
Create Date: 2026-12-04 19:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ae3ea2104ada'
down_revision = '43d2ceab4673'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('grade_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Float(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_grade_corrections_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_grade_corrections_teacher_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_grade_corrections_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade_corrections'))
    )
    with op.batch_alter_table('grade_corrections', schema=None) as batch_op:
        batch_op.create_index('ix_grade_corrections_attempt_user', ['attempt_id', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grade_corrections_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grade_corrections_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('grade_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grade_corrections_user_id'))
        batch_op.drop_index(batch_op.f('ix_grade_corrections_attempt_id'))
        batch_op.drop_index('ix_grade_corrections_attempt_user')

    op.drop_table('grade_corrections')

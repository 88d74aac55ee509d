"""active users and co-teachers

Revision ID: a10c0b7e5d21
Revises: b7d31e6a9c20
Create Date: 2026-12-04 16:50:00

users.active: an admin can deactivate an account (it cannot log in; its classes and data stay);
every existing user starts active.
class_teachers: the teachers of a class (co-teachers). Every class gets the teacher who made it
(classes.teacher_id, which stays as "made by") as its first teacher.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a10c0b7e5d21'
down_revision = 'b7d31e6a9c20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))

    op.create_table('class_teachers',
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_class_teachers_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_class_teachers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('class_id', 'user_id', name=op.f('pk_class_teachers'))
    )
    with op.batch_alter_table('class_teachers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_teachers_user_id'), ['user_id'], unique=False)

    op.execute("INSERT INTO class_teachers (class_id, user_id) SELECT id, teacher_id FROM classes")


def downgrade():
    with op.batch_alter_table('class_teachers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_teachers_user_id'))

    op.drop_table('class_teachers')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('active')

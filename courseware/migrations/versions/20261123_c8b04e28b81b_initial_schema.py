"""initial schema

Revision ID: c8b04e28b81b
Revises:
Create Date: 2026-11-23 17:48:58.729510

Generated from the models, then edited by hand so that it runs on SQLite and PostgreSQL alike:
server defaults as sa.func.now() and sa.false() (not SQLite's own text), and the users -> classes
key, half of a cycle, added after both tables exist and dropped first on the way down.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c8b04e28b81b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_username'), ['username'], unique=True)

    op.create_table('attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.String(length=80), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('journey', sa.Text(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('grade', sa.Float(), nullable=False),
    sa.Column('rubric_version', sa.String(length=40), nullable=False),
    sa.Column('rubric', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_attempts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempts')),
    sa.UniqueConstraint('user_id', 'assignment_id', 'number', name='uq_attempts_user_assignment_number')
    )
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempts_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index('ix_attempts_user_assignment', ['user_id', 'assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempts_user_id'), ['user_id'], unique=False)

    op.create_table('classes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('join_code', sa.String(length=6), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_classes_teacher_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classes'))
    )
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classes_join_code'), ['join_code'], unique=True)
        batch_op.create_index(batch_op.f('ix_classes_teacher_id'), ['teacher_id'], unique=False)

    # users.class_id and classes.teacher_id point at each other: the first key is added once both
    # tables exist (in batch mode SQLite copies the still empty table to add it).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_users_class_id', 'classes', ['class_id'], ['id'], ondelete='SET NULL')

    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.String(length=80), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('user_id', 'assignment_id', name='uq_drafts_user_assignment')
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_drafts_user_id'), ['user_id'], unique=False)

    op.create_table('lesson_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.String(length=80), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('best_score', sa.Integer(), nullable=True),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('passed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_lesson_progress_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_progress')),
    sa.UniqueConstraint('user_id', 'lesson_id', name='uq_lesson_progress_user_lesson')
    )
    with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lesson_progress_user_id'), ['user_id'], unique=False)

    op.create_table('pending_saves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.String(length=80), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_pending_saves_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_saves'))
    )
    with op.batch_alter_table('pending_saves', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_saves_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_saves_token'), ['token'], unique=False)
        batch_op.create_index('ix_pending_saves_user_assignment', ['user_id', 'assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_saves_user_id'), ['user_id'], unique=False)

    op.create_table('class_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.String(length=80), nullable=False),
    sa.Column('deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rubric_config', sa.Text(), nullable=True),
    sa.Column('gallery_open', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_class_assignments_class_id_classes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_assignments')),
    sa.UniqueConstraint('class_id', 'assignment_id', name='uq_class_assignments_class_assignment')
    )
    with op.batch_alter_table('class_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_assignments_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_assignments_class_id'), ['class_id'], unique=False)

    op.create_table('feedback_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.String(length=80), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_feedback_rounds_class_id_classes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_rounds'))
    )
    with op.batch_alter_table('feedback_rounds', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_rounds_class_assignment', ['class_id', 'assignment_id'], unique=False)

    op.create_table('gradings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('rubric', sa.Text(), nullable=False),
    sa.Column('rubric_version', sa.String(length=40), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('grade', sa.Float(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_gradings_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_gradings_created_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gradings'))
    )
    with op.batch_alter_table('gradings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gradings_attempt_id'), ['attempt_id'], unique=False)

    op.create_table('level_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_level_overrides_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_level_overrides_teacher_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_level_overrides'))
    )
    with op.batch_alter_table('level_overrides', schema=None) as batch_op:
        batch_op.create_index('ix_level_overrides_attempt_criterion', ['attempt_id', 'criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_level_overrides_attempt_id'), ['attempt_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.Integer(), nullable=True),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opened_by', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_reviews_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by'], ['users.id'], name=op.f('fk_reviews_done_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opened_by'], ['users.id'], name=op.f('fk_reviews_opened_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('attempt_id', name=op.f('uq_reviews_attempt_id'))
    )
    op.create_table('peer_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('top', sa.Text(), nullable=False),
    sa.Column('tip', sa.Text(), nullable=False),
    sa.Column('hidden', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_peer_reviews_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_peer_reviews_reviewer_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['feedback_rounds.id'], name=op.f('fk_peer_reviews_round_id_feedback_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_reviews')),
    sa.UniqueConstraint('round_id', 'reviewer_id', 'attempt_id', name='uq_peer_reviews_round_reviewer_attempt')
    )
    with op.batch_alter_table('peer_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_reviews_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_reviews_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_reviews_round_id'), ['round_id'], unique=False)
        batch_op.create_index('ix_peer_reviews_round_reviewer', ['round_id', 'reviewer_id'], unique=False)



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('fk_users_class_id', type_='foreignkey')

    with op.batch_alter_table('peer_reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_peer_reviews_round_reviewer')
        batch_op.drop_index(batch_op.f('ix_peer_reviews_round_id'))
        batch_op.drop_index(batch_op.f('ix_peer_reviews_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_peer_reviews_attempt_id'))

    op.drop_table('peer_reviews')
    op.drop_table('reviews')
    with op.batch_alter_table('level_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_level_overrides_attempt_id'))
        batch_op.drop_index('ix_level_overrides_attempt_criterion')

    op.drop_table('level_overrides')
    with op.batch_alter_table('gradings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gradings_attempt_id'))

    op.drop_table('gradings')
    with op.batch_alter_table('feedback_rounds', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_rounds_class_assignment')

    op.drop_table('feedback_rounds')
    with op.batch_alter_table('class_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_assignments_class_id'))
        batch_op.drop_index(batch_op.f('ix_class_assignments_assignment_id'))

    op.drop_table('class_assignments')
    with op.batch_alter_table('pending_saves', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_saves_user_id'))
        batch_op.drop_index('ix_pending_saves_user_assignment')
        batch_op.drop_index(batch_op.f('ix_pending_saves_token'))
        batch_op.drop_index(batch_op.f('ix_pending_saves_expires_at'))

    op.drop_table('pending_saves')
    with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lesson_progress_user_id'))

    op.drop_table('lesson_progress')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_user_id'))
        batch_op.drop_index(batch_op.f('ix_drafts_assignment_id'))

    op.drop_table('drafts')
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classes_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_classes_join_code'))

    op.drop_table('classes')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempts_user_id'))
        batch_op.drop_index('ix_attempts_user_assignment')
        batch_op.drop_index(batch_op.f('ix_attempts_assignment_id'))

    op.drop_table('attempts')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_username'))
        batch_op.drop_index(batch_op.f('ix_users_class_id'))

    op.drop_table('users')

"""review seen per student

Revision ID: 5e1f0c2a9b7d
Revises: ae3ea2104ada
Create Date: 2026-12-04 23:50:00

review_seen: when each student last opened a released review, instead of one reviews.seen_at for
the review. With group work a review belongs to several students: one member opening it took the
"Nieuw" away from the others. Existing times are kept for the student who handed in and for every
member of a group hand-in (who saw it first is not known, so nothing that was seen becomes new
again). The downgrade keeps the latest time per review.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e1f0c2a9b7d'
down_revision = 'ae3ea2104ada'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'review_seen',
        sa.Column('review_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_seen_review_id_reviews'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_seen_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('review_id', 'user_id', name=op.f('pk_review_seen')),
    )
    with op.batch_alter_table('review_seen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_seen_user_id'), ['user_id'], unique=False)
    op.execute(sa.text(
        "INSERT INTO review_seen (review_id, user_id, seen_at) "
        "SELECT r.id, a.user_id, r.seen_at FROM reviews r JOIN attempts a ON a.id = r.attempt_id "
        "WHERE r.seen_at IS NOT NULL AND a.user_id IS NOT NULL"))
    op.execute(sa.text(
        "INSERT INTO review_seen (review_id, user_id, seen_at) "
        "SELECT r.id, m.user_id, r.seen_at FROM reviews r "
        "JOIN attempts a ON a.id = r.attempt_id JOIN attempt_members m ON m.attempt_id = r.attempt_id "
        "WHERE r.seen_at IS NOT NULL AND (a.user_id IS NULL OR m.user_id <> a.user_id)"))
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('seen_at')


def downgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seen_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(sa.text(
        "UPDATE reviews SET seen_at = (SELECT max(s.seen_at) FROM review_seen s WHERE s.review_id = reviews.id)"))
    with op.batch_alter_table('review_seen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_seen_user_id'))
    op.drop_table('review_seen')

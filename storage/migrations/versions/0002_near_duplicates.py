"""near duplicates: articles.duplicate_of and the MinHash LSH index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 14:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

ARTICLE_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duplicate_of', ARTICLE_ID, nullable=True))
        batch_op.create_index(batch_op.f('ix_articles_duplicate_of'), ['duplicate_of'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_articles_duplicate_of_articles'), 'articles',
                                    ['duplicate_of'], ['id'], ondelete='SET NULL')

    op.create_table('minhash_signatures',
    sa.Column('article_id', ARTICLE_ID, nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_minhash_signatures_article_id_articles'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_minhash_signatures'))
    )
    op.create_table('minhash_buckets',
    sa.Column('band', sa.SmallInteger(), nullable=False),
    sa.Column('bucket', sa.BigInteger(), nullable=False),
    sa.Column('article_id', ARTICLE_ID, nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_minhash_buckets_article_id_articles'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'bucket', 'article_id', name=op.f('pk_minhash_buckets'))
    )
    with op.batch_alter_table('minhash_buckets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minhash_buckets_article_id'), ['article_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('minhash_buckets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minhash_buckets_article_id'))
    op.drop_table('minhash_buckets')
    op.drop_table('minhash_signatures')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_articles_duplicate_of_articles'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_articles_duplicate_of'))
        batch_op.drop_column('duplicate_of')

"""PostgreSQL: newsworker_store_new, a new article's whole write in one statement

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 05:00:00

Called by `storage.pipelined.store_new` in autocommit mode: the call is the article's transaction,
one round trip in all. SQLite gets nothing (it is written in-process through SQLAlchemy).

The function is VOLATILE, so each statement in it takes a fresh snapshot (READ COMMITTED): the
near-duplicate look-up, run after the index lock is taken, sees every article indexed before.
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

STORE_NEW = """
CREATE OR REPLACE FUNCTION newsworker_store_new(
    p_article json, p_entities json, p_claims json,
    p_signature bytea, p_bands smallint[], p_buckets bigint[],
    p_lock bigint, p_max_candidates integer, p_min_equal integer,
    OUT stored_id bigint, OUT original_id bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
    IF p_signature IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(p_lock);
        -- The earliest of the candidates sharing the most LSH buckets whose MinHash agrees in at
        -- least p_min_equal of its 4-byte values (or the article that one copies).
        SELECT coalesce(a.duplicate_of, a.id) INTO original_id
        FROM (SELECT b.article_id, count(*) AS shared FROM minhash_buckets AS b
              WHERE (b.band, b.bucket) IN (SELECT * FROM unnest(p_bands, p_buckets))
              GROUP BY b.article_id ORDER BY shared DESC, b.article_id LIMIT p_max_candidates) AS nearest
        JOIN minhash_signatures AS s ON s.article_id = nearest.article_id
        JOIN articles AS a ON a.id = s.article_id
        WHERE (SELECT count(*) FROM generate_series(0, length(p_signature) / 4 - 1) AS i
               WHERE substring(s.signature FROM i * 4 + 1 FOR 4)
                     = substring(p_signature FROM i * 4 + 1 FOR 4)) >= p_min_equal
        ORDER BY s.article_id
        LIMIT 1;
    END IF;

    INSERT INTO articles (content_hash, external_id, url, source, published, title, text, captions,
                          language, status, pipeline_version, error, duplicate_of, created_at, updated_at)
    SELECT r.content_hash, r.external_id, r.url, r.source, r.published, r.title, r.text, r.captions,
           r.language, r.status, r.pipeline_version, r.error, original_id, now(), now()
    FROM json_populate_record(NULL::articles, p_article) AS r
    ON CONFLICT (content_hash) DO NOTHING
    RETURNING id INTO stored_id;
    IF stored_id IS NULL THEN  -- stored before: the caller replaces it in a transaction of its own
        original_id := NULL;
        RETURN;
    END IF;

    DELETE FROM failures WHERE content_hash = p_article->>'content_hash';
    INSERT INTO entities (article_id, name, label, salience, mentions)
    SELECT stored_id, r.name, r.label, r.salience, r.mentions
    FROM json_populate_recordset(NULL::entities, p_entities) AS r;
    INSERT INTO claims (article_id, kind, style, content_text, content_start, content_end,
                        speaker_text, speaker_start, speaker_end, speaker_entity,
                        cue_text, cue_start, cue_end, score)
    SELECT stored_id, r.kind, r.style, r.content_text, r.content_start, r.content_end,
           r.speaker_text, r.speaker_start, r.speaker_end, r.speaker_entity,
           r.cue_text, r.cue_start, r.cue_end, r.score
    FROM json_populate_recordset(NULL::claims, p_claims) AS r;
    IF p_signature IS NOT NULL THEN
        INSERT INTO minhash_signatures (article_id, signature) VALUES (stored_id, p_signature);
        INSERT INTO minhash_buckets (band, bucket, article_id)
        SELECT u.band, u.bucket, stored_id FROM unnest(p_bands, p_buckets) AS u(band, bucket);
    END IF;
END
$fn$
"""
DROP = ("DROP FUNCTION IF EXISTS newsworker_store_new(json, json, json, bytea, smallint[], bigint[], "
        "bigint, integer, integer)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(STORE_NEW)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DROP)

"""The store's schema as numbered migrations, so a database built today still opens after the schema grows.

Each migration is a list of single statements (one statement per execute, ARCHITECTURE §6). `migrate`
applies the ones a database lacks, each in its own transaction, and records them in `schema_version`.
The statements are DuckDB's; on a PostgreSQL store `for_dialect` rewrites the few words PostgreSQL spells
differently, so both stores are built from this one list.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

from benchlearn.store import publication

POLARITIES = "('higher_better', 'lower_better', 'neutral')"
STATUSES = (
    "('final', 'preliminary', 'estimated', 'nil', 'not_available', 'confidential', 'not_applicable')"
)

#: a migration statement starting with this runs on PostgreSQL only (`for_dialect` gives DuckDB nothing to run)
PG_ONLY = "-- postgresql only\n"

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "indicator store: entities, indicators, networks, peer groups, observations, history, batches", [
        """CREATE TABLE entity (
            code TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT,
            kind TEXT NOT NULL DEFAULT 'municipality', parent_code TEXT, country TEXT,
            valid_from DATE, valid_to DATE, successor_code TEXT, batch_id BIGINT)""",
        f"""CREATE TABLE indicator (
            code TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_lt TEXT, name_lv TEXT, unit TEXT NOT NULL,
            polarity TEXT NOT NULL CHECK (polarity IN {POLARITIES}), domain TEXT, description TEXT,
            source TEXT, min_value DOUBLE, max_value DOUBLE, decimals INTEGER,
            numerator_code TEXT, denominator_code TEXT, multiplier DOUBLE, batch_id BIGINT)""",
        "CREATE TABLE network (code TEXT PRIMARY KEY, name TEXT NOT NULL, theme TEXT, batch_id BIGINT)",
        """CREATE TABLE network_member (network_code TEXT NOT NULL, entity_code TEXT NOT NULL,
            batch_id BIGINT, PRIMARY KEY (network_code, entity_code))""",
        """CREATE TABLE network_indicator (network_code TEXT NOT NULL, indicator_code TEXT NOT NULL,
            batch_id BIGINT, PRIMARY KEY (network_code, indicator_code))""",
        """CREATE TABLE peer_group (code TEXT PRIMARY KEY, name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'uploaded', batch_id BIGINT)""",
        """CREATE TABLE peer_group_member (group_code TEXT NOT NULL, entity_code TEXT NOT NULL,
            batch_id BIGINT, PRIMARY KEY (group_code, entity_code))""",
        "CREATE SEQUENCE batch_id_seq START 1",
        """CREATE TABLE batch (
            id BIGINT PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL,
            username TEXT, network_code TEXT, started_at TIMESTAMP NOT NULL, rows_in INTEGER NOT NULL,
            inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'committed', undone_at TIMESTAMP, undone_by TEXT)""",
        f"""CREATE TABLE observation (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
            period_key DOUBLE NOT NULL, value DOUBLE, status TEXT NOT NULL CHECK (status IN {STATUSES}),
            batch_id BIGINT NOT NULL, PRIMARY KEY (entity_code, indicator_code, period))""",
        # Every value a batch replaced (reason 'replaced') or an undo removed (reason 'undone').
        """CREATE TABLE observation_history (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
            period_key DOUBLE NOT NULL, value DOUBLE, status TEXT NOT NULL, batch_id BIGINT NOT NULL,
            replaced_by BIGINT NOT NULL, reason TEXT NOT NULL, recorded_at TIMESTAMP NOT NULL)""",
        # Metadata rows (entity, indicator, …) a batch inserted (old_row NULL) or replaced (old_row JSON).
        """CREATE TABLE record_history (
            table_name TEXT NOT NULL, record_key TEXT NOT NULL, old_row JSON, changed_by BIGINT NOT NULL,
            recorded_at TIMESTAMP NOT NULL)""",
        "CREATE INDEX observation_indicator_period ON observation (indicator_code, period)",
    ]),
    (2, "good practices, users and the audit log", [
        "CREATE SEQUENCE practice_id_seq START 1",
        """CREATE TABLE practice (
            id BIGINT PRIMARY KEY, entity_code TEXT NOT NULL, indicator_codes TEXT, network_code TEXT,
            title TEXT NOT NULL, body TEXT, contact TEXT, links TEXT, attachments TEXT, started_period TEXT,
            language TEXT, created_by TEXT, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP)""",
        """CREATE TABLE app_user (
            username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL,
            networks TEXT, entity_code TEXT, created_at TIMESTAMP NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TIMESTAMP)""",
        "CREATE SEQUENCE audit_id_seq START 1",
        """CREATE TABLE audit_log (id BIGINT PRIMARY KEY, logged_at TIMESTAMP NOT NULL, username TEXT,
            action TEXT NOT NULL, detail TEXT)""",
    ]),
    (3, "targets and improvement plans; practices searchable and importable as batches", [
        # search_text: title, body, contact and attachments folded (no case, no diacritics) for text search;
        # batch_id: the import batch that last wrote the row (records.upsert/undo); created_batch: the import
        # batch that added it (its uploader owns a practice whose created_by is empty)
        "ALTER TABLE practice ADD COLUMN search_text TEXT",
        "ALTER TABLE practice ADD COLUMN batch_id BIGINT",
        "ALTER TABLE practice ADD COLUMN created_batch BIGINT",
        "CREATE SEQUENCE target_id_seq START 1",
        # value: the absolute target (NULL for peer_median / top_quartile, which are computed from peer_spec);
        # baseline_*: the entity's value when the target was set, the start of the "on track" line
        """CREATE TABLE target (
            id BIGINT PRIMARY KEY, entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('absolute', 'peer_median', 'top_quartile')), value DOUBLE,
            peer_spec TEXT, baseline_period TEXT, baseline_value DOUBLE, actions TEXT, practice_id BIGINT,
            created_by TEXT, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP)""",
    ]),
    (4, "a password, role or networks change, or removal, ends the account's open sessions", [
        # sessions of `username` issued before `sessions_valid_after` are over; a table of its own, not a column
        # of app_user, so the row outlives a removed account and a new account of that name starts clean
        """CREATE TABLE session_revocation (username TEXT PRIMARY KEY,
            sessions_valid_after TIMESTAMP NOT NULL)""",
    ]),
    (5, "the networks each batch touched, so a network's history shows changes made from another network", [
        """CREATE TABLE batch_network (batch_id BIGINT NOT NULL, network_code TEXT NOT NULL,
            PRIMARY KEY (batch_id, network_code))""",
        # earlier values batches, by the values they wrote (current and replaced) and today's memberships:
        # the memberships of the day are not kept, and today's show each network what now concerns it
        """INSERT INTO batch_network SELECT DISTINCT w.batch_id, m.network_code FROM (
               SELECT batch_id, entity_code, indicator_code FROM observation UNION
               SELECT batch_id, entity_code, indicator_code FROM observation_history) w
           JOIN network_member m ON m.entity_code = w.entity_code
           JOIN network_indicator i ON i.network_code = m.network_code AND i.indicator_code = w.indicator_code
           JOIN batch b ON b.id = w.batch_id""",
    ]),
    (6, "source mappings saved per network; source flags (break in series) kept beside observations", [
        # network_code '' = an import made for no network; kind: dimension | entity | indicator | status
        """CREATE TABLE source_mapping (
            network_code TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, source_key TEXT NOT NULL,
            target TEXT NOT NULL, batch_id BIGINT, saved_at TIMESTAMP NOT NULL,
            PRIMARY KEY (network_code, source, kind, source_key))""",
        # a source's flag on a value (b = break in series, d = definition differs), from the import that wrote it
        """CREATE TABLE observation_flag (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL, flag TEXT NOT NULL,
            batch_id BIGINT NOT NULL, PRIMARY KEY (entity_code, indicator_code, period, flag))""",
    ]),
    (7, "screening flags on each batch's values, with the coordinator's confirming reason", [
        # check_name: unit_slip | spike | outlier; basis: previous | peers (what `reference` is); score: the
        # factor of a unit slip, the robust score of a spike or outlier; reason: NULL when loaded unconfirmed (CLI)
        """CREATE TABLE screening_flag (
            batch_id BIGINT NOT NULL, source_row INTEGER, entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL,
            period TEXT NOT NULL, check_name TEXT NOT NULL CHECK (check_name IN ('unit_slip', 'spike', 'outlier')),
            value DOUBLE, reference DOUBLE, basis TEXT NOT NULL, previous_period TEXT, previous_value DOUBLE,
            score DOUBLE, reason TEXT, PRIMARY KEY (batch_id, entity_code, indicator_code, period, check_name))""",
    ]),
    (8, "observation without ART indexes: bulk loads in bounded memory (issue 13.4)", [
        # DuckDB builds a batch's index entries in memory inside its transaction (~180 bytes a key, never
        # spilled): a 50 M-row load needed ~9 GB and 3× the time of the unkeyed insert. The key stays unique
        # because every write runs under the store's writer lock (one read-write process per file) and the
        # batch itself is checked for repeated keys (ARCHITECTURE §6: "a PRIMARY KEY or an ingest lock").
        "DROP INDEX observation_indicator_period",
        f"""CREATE TABLE observation_unkeyed (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
            period_key DOUBLE NOT NULL, value DOUBLE, status TEXT NOT NULL CHECK (status IN {STATUSES}),
            batch_id BIGINT NOT NULL)""",
        "INSERT INTO observation_unkeyed SELECT * FROM observation",
        "DROP TABLE observation",
        "ALTER TABLE observation_unkeyed RENAME TO observation",
    ]),
    (9, "units, network and peer group names in Lithuanian and Latvian (issue 14.6)", [
        # NULL = no translation given: pages show the English (or only) text through i18n.localized
        "ALTER TABLE indicator ADD COLUMN IF NOT EXISTS unit_lt TEXT",
        "ALTER TABLE indicator ADD COLUMN IF NOT EXISTS unit_lv TEXT",
        "ALTER TABLE network ADD COLUMN IF NOT EXISTS name_lt TEXT",
        "ALTER TABLE network ADD COLUMN IF NOT EXISTS name_lv TEXT",
        "ALTER TABLE peer_group ADD COLUMN IF NOT EXISTS name_lt TEXT",
        "ALTER TABLE peer_group ADD COLUMN IF NOT EXISTS name_lv TEXT",
    ]),
    (10, "logins kept across reloads and tabs: a browser's cookie token (hashed) bound to an account (issue 14.2)", [
        """CREATE TABLE browser_session (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL,
            issued_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL,
            idle_minutes DOUBLE NOT NULL)""",
    ]),
    (11, "data calls: a network asks its members for indicators of a period by a deadline (issue 15.2)", [
        # state: open | closed; one call per network and period (a second would split who owes what)
        """CREATE TABLE data_call (
            network_code TEXT NOT NULL, period TEXT NOT NULL, deadline DATE NOT NULL, message TEXT,
            state TEXT NOT NULL CHECK (state IN ('open', 'closed')), opened_by TEXT, opened_at TIMESTAMP NOT NULL,
            closed_by TEXT, closed_at TIMESTAMP, PRIMARY KEY (network_code, period))""",
        """CREATE TABLE data_call_indicator (network_code TEXT NOT NULL, period TEXT NOT NULL,
            indicator_code TEXT NOT NULL, PRIMARY KEY (network_code, period, indicator_code))""",
    ]),
    (12, "publish and embargo: a network's data call values stay preliminary until published (issue 15.5)", [
        # one row per publication (a republication after a correction adds a row): up_to_batch is the highest
        # batch committed when it was published; values written by later batches wait for the next one
        """CREATE TABLE data_call_publication (
            network_code TEXT NOT NULL, period TEXT NOT NULL, published_at TIMESTAMP NOT NULL,
            published_by TEXT, up_to_batch BIGINT NOT NULL, PRIMARY KEY (network_code, period, published_at))""",
    ]),
    (13, "members' notes on their own values, with history; the improvement-action register (issue 15.4, 15.6)", [
        # one current note per value; source: member (written on a page) | screening (a confirmed flag's reason,
        # shown only while the flagged batch's value is the current one: batch_id) | example (the demo's)
        """CREATE TABLE value_note (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL, text TEXT NOT NULL,
            author TEXT, written_at TIMESTAMP NOT NULL, source TEXT NOT NULL DEFAULT 'member', batch_id BIGINT,
            PRIMARY KEY (entity_code, indicator_code, period))""",
        # every note a revision replaced (reason 'revised') or a removal took away (reason 'removed')
        """CREATE TABLE value_note_history (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL, text TEXT NOT NULL,
            author TEXT, written_at TIMESTAMP NOT NULL, source TEXT NOT NULL, batch_id BIGINT,
            replaced_by TEXT, replaced_at TIMESTAMP NOT NULL, reason TEXT NOT NULL)""",
        # the reasons already confirmed on current values become their notes
        """INSERT INTO value_note
           SELECT f.entity_code, f.indicator_code, f.period,
                  string_agg(DISTINCT f.reason, '; ' ORDER BY f.reason), any_value(b.username),
                  any_value(b.started_at), 'screening', f.batch_id
           FROM screening_flag f JOIN observation o
             ON o.entity_code = f.entity_code AND o.indicator_code = f.indicator_code AND o.period = f.period
            AND o.batch_id = f.batch_id
           JOIN batch b ON b.id = f.batch_id
           WHERE f.reason IS NOT NULL GROUP BY f.entity_code, f.indicator_code, f.period, f.batch_id""",
        "CREATE SEQUENCE improvement_action_id_seq START 1",
        # period: the period whose numbers the meeting looked at (the "before" of "change since");
        # practice_id / peer_code: what the member learns from; target_id: the target it supports
        """CREATE TABLE improvement_action (
            id BIGINT PRIMARY KEY, entity_code TEXT NOT NULL, network_code TEXT, indicator_code TEXT NOT NULL,
            period TEXT NOT NULL, gap TEXT, practice_id BIGINT, peer_code TEXT, action TEXT NOT NULL, owner TEXT,
            due DATE, target_id BIGINT,
            state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done', 'dropped')),
            created_by TEXT, created_at TIMESTAMP NOT NULL, updated_by TEXT, updated_at TIMESTAMP)""",
        # one row per changed field of an action (field 'created' for its recording, 'deleted' for removal)
        """CREATE TABLE improvement_action_change (
            action_id BIGINT NOT NULL, changed_by TEXT, changed_at TIMESTAMP NOT NULL, field TEXT NOT NULL,
            old_value TEXT, new_value TEXT)""",
    ]),
    (14, "honest small numbers: an indicator's minimum denominator and where its denominator is (issue 16.2)", [
        # below min_denominator a value is shown but not ranked; size_code names the indicator holding the
        # denominator of a stored rate (NULL: a derived indicator's own denominator_code)
        "ALTER TABLE indicator ADD COLUMN IF NOT EXISTS min_denominator DOUBLE",
        "ALTER TABLE indicator ADD COLUMN IF NOT EXISTS size_code TEXT",
    ]),
    (15, "versioned indicator definitions: a definition, unit or formula change is a new version (issue 16.4)", [
        # valid_from: the first period the version applies to (NULL: from the start); a value's version is the
        # latest one valid from its period or before; rows of an undone batch no longer count (store.indicator_versions)
        """CREATE TABLE indicator_version (
            indicator_code TEXT NOT NULL, version INTEGER NOT NULL, valid_from TEXT, valid_from_key DOUBLE,
            unit TEXT, description TEXT, numerator_code TEXT, denominator_code TEXT, multiplier DOUBLE,
            batch_id BIGINT, recorded_at TIMESTAMP NOT NULL, PRIMARY KEY (indicator_code, version))""",
        """INSERT INTO indicator_version SELECT code, 1, NULL, NULL, unit, description, numerator_code,
            denominator_code, multiplier, batch_id, current_timestamp FROM indicator""",
    ]),
    (16, "indexes on observation's key and on (indicator, period), on PostgreSQL only (plan step 1)", [
        # A B-tree is paged to disk, unlike the ART that migration 8 removed from the file, which keeps its bounded
        # loads. On the server both spare reads a full scan (docs/SCALING.md: the profile 10x slower without).
        # Not UNIQUE: a bulk load writes a file's new series straight into observation and refuses a repeated
        # key only after the last chunk (api/bulk.py), as on the file; a unique index would fail it earlier as a
        # conflict. Keys stay unique as on the file: one writer at a time (the advisory lock), batches checked.
        f"""{PG_ONLY}CREATE INDEX IF NOT EXISTS observation_key
            ON observation (entity_code, indicator_code, period)""",
        f"{PG_ONLY}CREATE INDEX IF NOT EXISTS observation_indicator_period ON observation (indicator_code, period)",
    ]),
    (17, "an index on observation's period key, on PostgreSQL only", [
        # The latest period before another (reads.previous_period, on every profile and ranking) read the whole
        # table on the server: 14 ms a time on the demo; the index finds it in one descent.
        f"{PG_ONLY}CREATE INDEX IF NOT EXISTS observation_period_key ON observation (period_key)",
    ]),
    (18, "the values under a data call's embargo kept in a table, brought up to date by every write", [
        # Computed inside every read, the embargo cost 3.5-4.5 ms a statement on DuckDB (a profile on the demo:
        # 118 ms, 65 ms with the table). The table holds `publication.LIVE`'s rows; each write transaction
        # refreshes it before its commit. A later change of that definition needs a migration refilling the table.
        """CREATE TABLE embargo (
            entity_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
            after_batch BIGINT NOT NULL, opened_after BIGINT NOT NULL, published BOOLEAN NOT NULL,
            networks TEXT[] NOT NULL, PRIMARY KEY (entity_code, indicator_code, period))""",
        f"INSERT INTO embargo {publication.LIVE}",
    ]),
]

LATEST_VERSION = MIGRATIONS[-1][0]

# PostgreSQL's spelling of DuckDB's words in these migrations: DOUBLE is DOUBLE PRECISION there; any_value()
# arrives only in PostgreSQL 16 (Debian 12 ships 15) and min() is one of the values, all that any_value promises
_POSTGRES_WORDS = [(re.compile(r"\bDOUBLE\b(?! PRECISION)"), "DOUBLE PRECISION"),
                   (re.compile(r"\bany_value\("), "min(")]


def dialect_of(cur: Any) -> str:
    """'postgresql' for a cursor of a PostgreSQL store, else 'duckdb'."""
    return getattr(cur, "dialect", "duckdb")


def for_dialect(statement: str, dialect: str) -> str:
    """A migration statement as `dialect` spells it ('' when it is not for that engine)."""
    if statement.startswith(PG_ONLY) and dialect != "postgresql":
        return ""
    if dialect == "postgresql":
        for pattern, replacement in _POSTGRES_WORDS:
            statement = pattern.sub(replacement, statement)
    return statement


def current_version(cur: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this database (0 for an empty file)."""
    exists = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]


def migrate(cur: duckdb.DuckDBPyConnection) -> int:
    """Apply every missing migration, one transaction each; return the resulting version."""
    cur.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, description TEXT, applied_at TIMESTAMP)"
    )
    # every version not recorded yet, not only those above the highest: a migration merged from a branch
    # with a lower number than one already applied must still run
    have = {row[0] for row in cur.execute("SELECT version FROM schema_version").fetchall()}
    dialect = dialect_of(cur)
    for version, description, statements in MIGRATIONS:
        if version in have:
            continue
        cur.execute("BEGIN TRANSACTION")
        try:
            for statement in filter(None, (for_dialect(s, dialect) for s in statements)):
                cur.execute(statement)
            cur.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [version, description]
            )
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
    return current_version(cur)

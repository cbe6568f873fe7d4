/*
 * pg_sql — the PostgreSQL schema, its migrations and every statement, kept
 * apart from the code that runs them.  Statements are those of the SQLite
 * backend in PostgreSQL's dialect: $n parameters cast where PostgreSQL
 * could not tell their type, ON CONFLICT for INSERT OR REPLACE / IGNORE,
 * RETURNING id for last_insert_rowid.  Columns are in the places the
 * decoders of store_rows.h read, and rows in the order SQLite gives them
 * (its primary keys', text in byte order): a history loads the same from
 * either, so stats read the same.  The statements that read the same in
 * both dialects but for the parameter mark are in store_sql.h.
 */
#include "pg_sql.h"

#include "store_sql.h"

/* An answer and an exam item record the question as it was shown in the
 * same columns, so that one decoder reads both. */
#define PG_SHOWN_QUESTION \
	" bank_id text NOT NULL," \
	" question_id text NOT NULL," \
	" answer_role text," \
	" about_roles text NOT NULL," \
	" shown_roles text NOT NULL," \
	" shown_choices text NOT NULL,"

/*
 * pg_migrations[v] takes a database from schema v to v + 1, in the one
 * transaction that also records the version.  A released entry never
 * changes: databases out there were made by it.
 */
const char *const pg_migrations[PG_SCHEMA_VERSION] = {
	/* v1: the SQLite schema 3 (profiles, answer log, derived state,
	 * exams, trivia), with PostgreSQL's types. */
	"CREATE TABLE rolecall_schema (version integer NOT NULL);"
	"INSERT INTO rolecall_schema VALUES (0);"
	"CREATE TABLE users ("
	" id bigserial PRIMARY KEY,"
	" name text NOT NULL UNIQUE,"
	" created_at bigint NOT NULL,"
	" answers bigint NOT NULL DEFAULT 0,"
	" correct bigint NOT NULL DEFAULT 0);"
	"CREATE TABLE answers ("
	" id bigserial PRIMARY KEY,"
	" user_id bigint NOT NULL REFERENCES users (id),"
	PG_SHOWN_QUESTION
	" picked integer NOT NULL,"
	" picked_role text,"
	" correct integer NOT NULL,"
	" elapsed_ms bigint NOT NULL,"
	" answered_at bigint NOT NULL,"
	" mode text NOT NULL,"
	/* which write of which rolecall logged it: after a lost connection
	 * the sender asks whether its commit landed, so that an answer is
	 * sent again only when it did not (exactly once) */
	" client_key text UNIQUE);"
	"CREATE INDEX answers_user_time ON answers (user_id, answered_at);"
	"CREATE TABLE question_state ("
	" user_id bigint NOT NULL REFERENCES users (id),"
	" question_id text NOT NULL,"
	" stability double precision NOT NULL,"
	" difficulty double precision NOT NULL,"
	" last_review bigint NOT NULL,"
	" due bigint NOT NULL,"
	" reps bigint NOT NULL,"
	" lapses bigint NOT NULL,"
	" asked bigint NOT NULL,"
	" wrong bigint NOT NULL,"
	" last_seen bigint NOT NULL,"
	" PRIMARY KEY (user_id, question_id));"
	"CREATE TABLE role_tally ("
	" user_id bigint NOT NULL REFERENCES users (id),"
	" role_id text NOT NULL,"
	" asked bigint NOT NULL,"
	" correct bigint NOT NULL,"
	" PRIMARY KEY (user_id, role_id));"
	"CREATE TABLE confusion ("
	" user_id bigint NOT NULL REFERENCES users (id),"
	" answer_role text NOT NULL,"
	" picked_role text NOT NULL,"
	" count bigint NOT NULL,"
	" chances bigint NOT NULL,"
	" PRIMARY KEY (user_id, answer_role, picked_role));"
	"CREATE TABLE exam_attempts ("
	" id bigserial PRIMARY KEY,"
	" user_id bigint NOT NULL REFERENCES users (id),"
	" started_at bigint NOT NULL,"
	" ended_at bigint,"
	" seed text NOT NULL,"
	" count integer NOT NULL,"
	" pass_mark integer NOT NULL,"
	" time_limit integer NOT NULL,"
	" status text NOT NULL CHECK (status IN ('open', 'submitted')),"
	" timed_out integer NOT NULL DEFAULT 0,"
	" correct integer,"
	" banks text NOT NULL);"
	"CREATE INDEX exam_attempts_user ON exam_attempts (user_id, started_at);"
	"CREATE TABLE exam_items ("
	" attempt_id bigint NOT NULL REFERENCES exam_attempts (id),"
	" position integer NOT NULL,"
	PG_SHOWN_QUESTION
	" picked integer NOT NULL DEFAULT -1,"
	" picked_role text,"
	" correct integer NOT NULL DEFAULT 0,"
	" PRIMARY KEY (attempt_id, position));"
	"CREATE TABLE trivia_games ("
	" id bigserial PRIMARY KEY,"
	" code text NOT NULL UNIQUE,"
	" kind text NOT NULL CHECK (kind IN ('hotseat', 'hosted')),"
	" host_user text NOT NULL,"
	" created_at bigint NOT NULL,"
	" started_at bigint,"
	" ended_at bigint,"
	" status text NOT NULL"
	"  CHECK (status IN ('lobby', 'running', 'done', 'abandoned')),"
	" phase text NOT NULL"
	"  CHECK (phase IN ('wait', 'question', 'reveal', 'board', 'podium')),"
	" seed text NOT NULL,"
	" rounds integer NOT NULL,"
	" time_limit_ms bigint NOT NULL,"
	" points integer NOT NULL,"
	" speed integer NOT NULL,"
	" streak integer NOT NULL,"
	" teams integer NOT NULL,"
	" banks text NOT NULL,"
	" bank_files text NOT NULL,"
	" current_round integer NOT NULL DEFAULT 0,"
	" round_started_at_ms bigint NOT NULL DEFAULT 0,"
	" host_seen_ms bigint NOT NULL DEFAULT 0);"
	"CREATE TABLE trivia_players ("
	" game_id bigint NOT NULL REFERENCES trivia_games (id),"
	" name text NOT NULL,"
	" seat integer NOT NULL,"
	" joined_at bigint NOT NULL,"
	" last_seen_ms bigint NOT NULL,"
	" absent integer NOT NULL DEFAULT 0,"
	" score bigint NOT NULL DEFAULT 0,"
	" right_count integer NOT NULL DEFAULT 0,"
	" streak integer NOT NULL DEFAULT 0,"
	" time_ms bigint NOT NULL DEFAULT 0,"
	" PRIMARY KEY (game_id, name));"
	"CREATE TABLE trivia_rounds ("
	" game_id bigint NOT NULL REFERENCES trivia_games (id),"
	" round integer NOT NULL,"
	" bank_id text NOT NULL,"
	" question_id text NOT NULL,"
	" shown_choices text NOT NULL,"
	" PRIMARY KEY (game_id, round));"
	"CREATE TABLE trivia_answers ("
	" game_id bigint NOT NULL,"
	" round integer NOT NULL,"
	" player text NOT NULL,"
	" picked integer NOT NULL,"
	" correct integer NOT NULL,"
	" elapsed_ms bigint NOT NULL,"
	" answered_at_ms bigint NOT NULL,"
	" points integer,"
	" PRIMARY KEY (game_id, round, player),"
	" FOREIGN KEY (game_id, round) REFERENCES trivia_rounds (game_id, round),"
	" FOREIGN KEY (game_id, player) REFERENCES trivia_players (game_id, name));",
	/* v2: exams defined by a manager, and the rules the database itself
	 * holds every login to but its owner: an attempt's times come from
	 * the server's clock, its rules from its definition, its score from
	 * its questions as answered, scored against the definition's key; a
	 * pick after the time limit is not taken. */
	"CREATE TABLE exam_definitions ("
	" id text PRIMARY KEY,"
	" title text NOT NULL,"
	" banks text NOT NULL,"
	" count integer NOT NULL,"
	" pass_mark integer NOT NULL,"
	" time_limit integer NOT NULL,"
	" attempts integer NOT NULL,"
	" defined_by text NOT NULL,"
	" defined_at bigint NOT NULL);"
	"CREATE TABLE exam_key ("
	" definition_id text NOT NULL REFERENCES exam_definitions (id),"
	" bank_id text NOT NULL,"
	" question_id text NOT NULL,"
	" answer_choice integer NOT NULL,"
	" n_choices integer NOT NULL,"
	" PRIMARY KEY (definition_id, bank_id, question_id));"
	"ALTER TABLE exam_attempts ADD COLUMN definition_id text"
	" REFERENCES exam_definitions (id);"
	/* the owner (and a superuser) can change anything anyway */
	"CREATE FUNCTION rolecall_trusted() RETURNS boolean LANGUAGE sql STABLE"
	" SET search_path = public, pg_temp AS"
	" 'SELECT r.rolsuper OR r.oid = (SELECT relowner FROM pg_class"
	"  WHERE oid = ''exam_attempts''::regclass)"
	"  FROM pg_roles r WHERE r.rolname = session_user';"
	"CREATE FUNCTION rolecall_now() RETURNS bigint LANGUAGE sql VOLATILE AS"
	" 'SELECT floor(extract(epoch FROM clock_timestamp()))::bigint';"
	"CREATE FUNCTION rolecall_attempt_rules() RETURNS trigger LANGUAGE plpgsql"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $f$"
	" DECLARE d exam_definitions%ROWTYPE; now_s bigint := rolecall_now(); used bigint;"
	" BEGIN"
	"  IF rolecall_trusted() THEN RETURN NEW; END IF;"
	"  IF TG_OP = 'INSERT' THEN"
	"   NEW.started_at := now_s; NEW.status := 'open'; NEW.ended_at := NULL;"
	"   NEW.timed_out := 0; NEW.correct := NULL;"
	"   IF NEW.definition_id IS NOT NULL THEN"
	"    SELECT * INTO d FROM exam_definitions WHERE id = NEW.definition_id;"
	"    NEW.count := d.count; NEW.pass_mark := d.pass_mark;"
	"    NEW.time_limit := d.time_limit; NEW.banks := d.banks;"
	"    SELECT count(*) INTO used FROM exam_attempts"
	"     WHERE user_id = NEW.user_id AND definition_id = d.id;"
	"    IF d.attempts > 0 AND used >= d.attempts THEN"
	"     RAISE EXCEPTION 'exam % allows % attempts, and they have all been taken',"
	"      d.id, d.attempts USING ERRCODE = 'RC001';"
	"    END IF;"
	"   END IF;"
	"   RETURN NEW;"
	"  END IF;"
	"  NEW.id := OLD.id; NEW.user_id := OLD.user_id; NEW.started_at := OLD.started_at;"
	"  NEW.seed := OLD.seed; NEW.count := OLD.count; NEW.pass_mark := OLD.pass_mark;"
	"  NEW.time_limit := OLD.time_limit; NEW.banks := OLD.banks;"
	"  NEW.definition_id := OLD.definition_id;"
	"  IF OLD.status = 'open' AND NEW.status = 'submitted' THEN"
	"   NEW.ended_at := now_s; NEW.timed_out := (NEW.timed_out <> 0)::int;"
	"   IF OLD.time_limit > 0 AND now_s > OLD.started_at + OLD.time_limit THEN"
	"    NEW.ended_at := OLD.started_at + OLD.time_limit; NEW.timed_out := 1;"
	"   END IF;"
	"   NEW.correct := (SELECT count(*) FROM exam_items"
	"    WHERE attempt_id = OLD.id AND correct = 1);"
	"  ELSE"
	"   NEW.status := OLD.status; NEW.ended_at := OLD.ended_at;"
	"   NEW.timed_out := OLD.timed_out; NEW.correct := OLD.correct;"
	"  END IF;"
	"  RETURN NEW;"
	" END $f$;"
	"CREATE TRIGGER rolecall_attempt_rules BEFORE INSERT OR UPDATE ON exam_attempts"
	" FOR EACH ROW EXECUTE FUNCTION rolecall_attempt_rules();"
	"CREATE FUNCTION rolecall_item_rules() RETURNS trigger LANGUAGE plpgsql"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $f$"
	" DECLARE a exam_attempts%ROWTYPE; k exam_key%ROWTYPE; shown int[];"
	" BEGIN"
	"  IF rolecall_trusted() THEN RETURN NEW; END IF;"
	"  IF TG_OP = 'UPDATE' THEN"
	"   NEW.attempt_id := OLD.attempt_id; NEW.position := OLD.position;"
	"   NEW.bank_id := OLD.bank_id; NEW.question_id := OLD.question_id;"
	"   NEW.answer_role := OLD.answer_role; NEW.about_roles := OLD.about_roles;"
	"   NEW.shown_roles := OLD.shown_roles; NEW.shown_choices := OLD.shown_choices;"
	"  END IF;"
	"  SELECT * INTO a FROM exam_attempts WHERE id = NEW.attempt_id;"
	"  IF TG_OP = 'INSERT' AND a.status IS DISTINCT FROM 'open' THEN"
	"   RAISE EXCEPTION 'exam attempt % is not open: no question can be added to it',"
	"    NEW.attempt_id USING ERRCODE = 'RC001';"
	"  END IF;"
	"  IF TG_OP = 'UPDATE' AND a.time_limit > 0"
	"     AND rolecall_now() > a.started_at + a.time_limit + 2 THEN"
	"   NEW.picked := OLD.picked; NEW.picked_role := OLD.picked_role;"
	"   NEW.correct := OLD.correct; RETURN NEW;"
	"  END IF;"
	"  IF a.definition_id IS NULL THEN RETURN NEW; END IF;"
	"  IF TG_OP = 'INSERT' AND (NEW.position < 0 OR NEW.position >= a.count"
	"     OR EXISTS (SELECT 1 FROM exam_items WHERE attempt_id = NEW.attempt_id"
	"      AND bank_id = NEW.bank_id AND question_id = NEW.question_id)) THEN"
	"   RAISE EXCEPTION 'question %/% cannot be question % of an attempt at exam %',"
	"    NEW.bank_id, NEW.question_id, NEW.position + 1, a.definition_id"
	"    USING ERRCODE = 'RC001';"
	"  END IF;"
	"  SELECT * INTO k FROM exam_key WHERE definition_id = a.definition_id"
	"   AND bank_id = NEW.bank_id AND question_id = NEW.question_id;"
	"  IF NOT FOUND THEN"
	"   RAISE EXCEPTION 'question %/% is not in exam %', NEW.bank_id,"
	"    NEW.question_id, a.definition_id USING ERRCODE = 'RC001';"
	"  END IF;"
	"  shown := string_to_array(NEW.shown_choices, ',')::int[];"
	"  IF cardinality(shown) <> k.n_choices OR (SELECT count(DISTINCT x)"
	"     FROM unnest(shown) x WHERE x >= 0 AND x < k.n_choices) <> k.n_choices THEN"
	"   RAISE EXCEPTION 'question %/% must show each of its % choices once',"
	"    NEW.bank_id, NEW.question_id, k.n_choices USING ERRCODE = 'RC001';"
	"  END IF;"
	"  NEW.correct := (NEW.picked >= 0 AND NEW.picked < k.n_choices"
	"   AND shown[NEW.picked + 1] = k.answer_choice)::int;"
	"  RETURN NEW;"
	" END $f$;"
	"CREATE TRIGGER rolecall_item_rules BEFORE INSERT OR UPDATE ON exam_items"
	" FOR EACH ROW EXECUTE FUNCTION rolecall_item_rules();",
	/* v3: the SQLite schema 5's role names.  Its rights are db grant's
	 * (pg_roles_sql), which db init runs again after an upgrade. */
	"CREATE TABLE role_names ("
	" user_id bigint NOT NULL REFERENCES users (id),"
	" role_id text NOT NULL,"
	" name text NOT NULL,"
	" PRIMARY KEY (user_id, role_id));",
};

#define PG_EXAM_WHERE                                                          \
	" WHERE ($1::bigint = 0 OR a.user_id = $1) AND ($2::bigint = 0"        \
	" OR a.id = $2) AND a.started_at >= $3::bigint"                        \
	" AND ($4::integer = 0 OR a.status = 'submitted')"                     \
	" AND ($5::text IS NULL OR a.definition_id = $5)"

/* One of STORE_SQL_EACH's statements, as an entry of this table. */
#define PG_SQL_SHARED(name, text) [PG_##name] = text,

const char *const pg_sql_text[PG_SQL_COUNT] = {
	/* the statements every backend runs alike (store_sql.h) */
	STORE_SQL_EACH(PG_SQL_SHARED, "$")
	[PG_LOG_ADD] = "INSERT INTO answers (user_id, bank_id, question_id,"
		       " answer_role, about_roles, shown_roles, shown_choices, picked,"
		       " picked_role, correct, elapsed_ms, answered_at, mode, client_key)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
		       " $14)",
	[PG_LOG_LANDED] = "SELECT count(*) FROM answers WHERE client_key = $1",
	/* the groups are the cluster's; what db grant gave them, this database's */
	[PG_GROUPS_MADE] = "SELECT count(*) FROM pg_roles r WHERE r.rolname IN"
			   " ('rolecall_learner', 'rolecall_manager')"
			   " AND has_table_privilege(r.oid, 'users', 'INSERT')",
	[PG_QUESTION_PUT] = "INSERT INTO question_state (user_id, question_id,"
			    " stability, difficulty, last_review, due, reps, lapses,"
			    " asked, wrong, last_seen)"
			    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
			    " ON CONFLICT (user_id, question_id) DO UPDATE SET"
			    " stability = EXCLUDED.stability,"
			    " difficulty = EXCLUDED.difficulty,"
			    " last_review = EXCLUDED.last_review, due = EXCLUDED.due,"
			    " reps = EXCLUDED.reps, lapses = EXCLUDED.lapses,"
			    " asked = EXCLUDED.asked, wrong = EXCLUDED.wrong,"
			    " last_seen = EXCLUDED.last_seen",
	[PG_QUESTION_GET] = "SELECT question_id, stability, difficulty,"
			    " last_review, due, reps, lapses, asked, wrong, last_seen"
			    " FROM question_state WHERE user_id = $1"
			    " ORDER BY question_id COLLATE \"C\"",
	[PG_ROLE_NAMES_ALL] = "SELECT role_id, name FROM role_names"
			      " WHERE $1::bigint = 0 OR user_id = $1"
			      " ORDER BY user_id, role_id COLLATE \"C\"",
	[PG_TALLY_PUT] = "INSERT INTO role_tally (user_id, role_id, asked, correct)"
			 " VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, role_id)"
			 " DO UPDATE SET asked = EXCLUDED.asked,"
			 " correct = EXCLUDED.correct",
	[PG_TALLY_GET] = "SELECT role_id, asked, correct FROM role_tally"
			 " WHERE user_id = $1 ORDER BY role_id COLLATE \"C\"",
	[PG_CONFUSION_PUT] = "INSERT INTO confusion (user_id, answer_role,"
			     " picked_role, count, chances) VALUES ($1, $2, $3, $4, $5)"
			     " ON CONFLICT (user_id, answer_role, picked_role)"
			     " DO UPDATE SET count = EXCLUDED.count,"
			     " chances = EXCLUDED.chances",
	[PG_CONFUSION_GET] = "SELECT answer_role, picked_role, count, chances"
			     " FROM confusion WHERE user_id = $1"
			     " ORDER BY answer_role COLLATE \"C\", picked_role COLLATE \"C\"",
	/* Day $4 is the last one: an answer given at `now` still counts. */
	[PG_DAILY] = "SELECT least((answered_at - $2::bigint) / 86400, $4::bigint),"
		     " count(*), sum(correct) FROM answers"
		     " WHERE answered_at BETWEEN $2 AND $3::bigint"
		     " AND ($1::bigint = 0 OR user_id = $1) GROUP BY 1",
	[PG_EXAM_ADD] = "INSERT INTO exam_attempts (user_id, started_at, seed,"
			" count, pass_mark, time_limit, status, banks, definition_id)"
			" VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8) RETURNING id",
	[PG_EXAM_EACH] = "SELECT a.id, a.user_id, u.name, a.started_at, a.ended_at,"
			 " a.seed, a.count, a.pass_mark, a.time_limit, a.status,"
			 " a.timed_out, a.correct, a.banks, a.definition_id"
			 " FROM exam_attempts a JOIN users u ON u.id = a.user_id"
			 PG_EXAM_WHERE " ORDER BY a.id",
	[PG_EXAM_ITEMS] = STORE_SQL_ITEM_SELECT PG_EXAM_WHERE
			  " ORDER BY i.attempt_id, i.position",
	[PG_SERVER_MS] = "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
	/* The direct members of the group 'db grant learner' adds to: a
	 * superuser is a member of every role by pg_has_role, not a learner.
	 * pg_auth_members is readable by every login; $1 narrows a learner's
	 * list to themself, as row-level security narrows their profiles. */
	[PG_LEARNERS] = "SELECT r.rolname::text FROM pg_auth_members m"
			" JOIN pg_roles r ON r.oid = m.member"
			" WHERE m.roleid = to_regrole('rolecall_learner')"
			" AND ($1::integer <> 0 OR r.rolname = session_user)"
			" ORDER BY r.rolname::text COLLATE \"C\"",
	/* Every change to a game is announced on its channel, delivered when
	 * its transaction commits: players see a phase at once, the host an
	 * answer. */
	[PG_TRIVIA_NOTIFY] = "SELECT pg_notify('rolecall_trivia_' || $1::text, '')",
	[PG_TRIVIA_GAME_ADD] = "INSERT INTO trivia_games (code, kind, host_user,"
			       " created_at, status, phase, seed, rounds, time_limit_ms,"
			       " points, speed, streak, teams, banks, bank_files,"
			       " host_seen_ms) VALUES ($1, $2, $3, $4, $5, 'wait', $6,"
			       " $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
	/* Joining and scoring read then write a game: one at a time. */
	[PG_TRIVIA_GAME_LOCK] = "SELECT id FROM trivia_games WHERE id = $1 FOR UPDATE",
	[PG_TRIVIA_PHASE] = "UPDATE trivia_games SET status = $2::text, phase = $3,"
			    " current_round = $4, round_started_at_ms = $5,"
			    " started_at = CASE WHEN $2::text = 'running'"
			    "  THEN coalesce(started_at, $6::bigint) ELSE started_at END,"
			    " ended_at = CASE WHEN $2::text IN ('done', 'abandoned')"
			    "  THEN coalesce(ended_at, $6::bigint) ELSE ended_at END"
			    " WHERE id = $1 AND status NOT IN ('done', 'abandoned')",
	/* Only into the open round, once per player. */
	[PG_TRIVIA_ANSWER_ADD] = "INSERT INTO trivia_answers (game_id, round, player,"
				 " picked, correct, elapsed_ms, answered_at_ms)"
				 " SELECT $1::bigint, $2::integer, $3::text, $4::integer,"
				 " $5::integer, $6::bigint, $7::bigint FROM trivia_games g"
				 " JOIN trivia_players p ON p.game_id = g.id AND p.name = $3"
				 " WHERE g.id = $1 AND g.current_round = $2"
				 " AND g.phase = 'question' AND g.status = 'running'"
				 " ON CONFLICT DO NOTHING",
	[PG_TRIVIA_GAMES] = STORE_SQL_GAME_SELECT
			    " WHERE ($1::bigint = 0 OR id = $1) AND ($2::text IS NULL"
			    " OR code = $2) AND created_at >= $3::bigint"
			    " AND ($4::integer = 0 OR status = 'done') ORDER BY id",
};

/* What dump_derived prints, in the SQLite backend's order and columns:
 * text in byte order, as SQLite sorts it. */
const char *const pg_dump_sql[PG_DUMP_COUNT] = {
	"SELECT 'users', id, name, answers, correct FROM users ORDER BY id",
	"SELECT 'question_state', * FROM question_state"
	" ORDER BY user_id, question_id COLLATE \"C\"",
	"SELECT 'role_tally', * FROM role_tally"
	" ORDER BY user_id, role_id COLLATE \"C\"",
	"SELECT 'confusion', * FROM confusion ORDER BY user_id,"
	" answer_role COLLATE \"C\", picked_role COLLATE \"C\"",
};

/*
 * `rolecall db grant`: the group roles, what each may do, and row-level
 * security keyed on session_user, so that it holds for psql too.  Run by
 * the owner (who is not subject to the policies) in one transaction; it
 * can run again (every step replaces what it made before).  A learner
 * reads and adds to their own profile only; a manager reads every
 * profile; only the owner changes the schema (PostgreSQL 15 gives nobody
 * else CREATE on schema public).
 */
const char pg_roles_sql[] =
	"DO $$ BEGIN"
	" IF to_regrole('rolecall_learner') IS NULL THEN"
	"  CREATE ROLE rolecall_learner NOLOGIN; END IF;"
	" IF to_regrole('rolecall_manager') IS NULL THEN"
	"  CREATE ROLE rolecall_manager NOLOGIN; END IF;"
	" END $$;"
	/* the caller's profile and rights, as the policies see them */
	"CREATE OR REPLACE FUNCTION rolecall_uid() RETURNS bigint LANGUAGE sql STABLE"
	" AS 'SELECT id FROM users WHERE name = session_user';"
	"CREATE OR REPLACE FUNCTION rolecall_manager() RETURNS boolean LANGUAGE sql STABLE"
	" AS 'SELECT pg_has_role(session_user, ''rolecall_manager'', ''member'')';"
	"GRANT SELECT ON rolecall_schema TO rolecall_learner, rolecall_manager;"
	"GRANT SELECT, INSERT, UPDATE ON users, exam_attempts, exam_items,"
	" trivia_games, trivia_players, trivia_rounds, trivia_answers"
	" TO rolecall_learner, rolecall_manager;"
	/* the log is append-only for everyone but the owner */
	"GRANT SELECT, INSERT ON answers TO rolecall_learner, rolecall_manager;"
	"GRANT SELECT, INSERT, UPDATE, DELETE ON question_state, role_tally, confusion,"
	" role_names TO rolecall_learner, rolecall_manager;"
	/* a manager defines exams; a learner reads their rules, never the key
	 * (the triggers that score an attempt read it as the owner) */
	"GRANT SELECT ON exam_definitions TO rolecall_learner, rolecall_manager;"
	"GRANT INSERT, UPDATE, DELETE ON exam_definitions TO rolecall_manager;"
	"GRANT SELECT, INSERT, UPDATE, DELETE ON exam_key TO rolecall_manager;"
	"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO rolecall_learner, rolecall_manager;"
	"GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO rolecall_manager;"
	"ALTER TABLE users ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_own ON users;"
	"CREATE POLICY rolecall_own ON users"
	" USING (name = session_user OR rolecall_manager())"
	" WITH CHECK (name = session_user OR rolecall_manager());"
	"ALTER TABLE answers ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_read ON answers;"
	"DROP POLICY IF EXISTS rolecall_add ON answers;"
	"CREATE POLICY rolecall_read ON answers FOR SELECT"
	" USING (user_id = rolecall_uid() OR rolecall_manager());"
	"CREATE POLICY rolecall_add ON answers FOR INSERT"
	" WITH CHECK (user_id = rolecall_uid() OR rolecall_manager());"
	"ALTER TABLE question_state ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_own ON question_state;"
	"CREATE POLICY rolecall_own ON question_state"
	" USING (user_id = rolecall_uid() OR rolecall_manager())"
	" WITH CHECK (user_id = rolecall_uid() OR rolecall_manager());"
	"ALTER TABLE role_tally ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_own ON role_tally;"
	"CREATE POLICY rolecall_own ON role_tally"
	" USING (user_id = rolecall_uid() OR rolecall_manager())"
	" WITH CHECK (user_id = rolecall_uid() OR rolecall_manager());"
	"ALTER TABLE role_names ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_own ON role_names;"
	"CREATE POLICY rolecall_own ON role_names"
	" USING (user_id = rolecall_uid() OR rolecall_manager())"
	" WITH CHECK (user_id = rolecall_uid() OR rolecall_manager());"
	"ALTER TABLE confusion ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_own ON confusion;"
	"CREATE POLICY rolecall_own ON confusion"
	" USING (user_id = rolecall_uid() OR rolecall_manager())"
	" WITH CHECK (user_id = rolecall_uid() OR rolecall_manager());"
	/* an attempt changes only while it is open, and only its taker's */
	"ALTER TABLE exam_attempts ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_read ON exam_attempts;"
	"DROP POLICY IF EXISTS rolecall_add ON exam_attempts;"
	"DROP POLICY IF EXISTS rolecall_open ON exam_attempts;"
	"CREATE POLICY rolecall_read ON exam_attempts FOR SELECT"
	" USING (user_id = rolecall_uid() OR rolecall_manager());"
	"CREATE POLICY rolecall_add ON exam_attempts FOR INSERT"
	" WITH CHECK (user_id = rolecall_uid() AND status = 'open');"
	"CREATE POLICY rolecall_open ON exam_attempts FOR UPDATE"
	" USING (user_id = rolecall_uid() AND status = 'open')"
	" WITH CHECK (user_id = rolecall_uid());"
	"ALTER TABLE exam_items ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS rolecall_read ON exam_items;"
	"DROP POLICY IF EXISTS rolecall_add ON exam_items;"
	"DROP POLICY IF EXISTS rolecall_open ON exam_items;"
	"CREATE POLICY rolecall_read ON exam_items FOR SELECT"
	" USING (EXISTS (SELECT 1 FROM exam_attempts a WHERE a.id = attempt_id));"
	"CREATE POLICY rolecall_add ON exam_items FOR INSERT"
	" WITH CHECK (EXISTS (SELECT 1 FROM exam_attempts a WHERE a.id = attempt_id"
	"  AND a.user_id = rolecall_uid() AND a.status = 'open'));"
	"CREATE POLICY rolecall_open ON exam_items FOR UPDATE"
	" USING (EXISTS (SELECT 1 FROM exam_attempts a WHERE a.id = attempt_id"
	"  AND a.user_id = rolecall_uid() AND a.status = 'open'));";

/*
 * store_sql.h — the statements every backend runs alike, written once.
 *
 * SQLite numbers its parameters ?1, ?2, ... and PostgreSQL $1, $2, ...;
 * otherwise these statements read the same to both.  Each is a macro of
 * the parameter mark P: a backend's table holds STORE_SQL_USER_FIND("?")
 * or STORE_SQL_USER_FIND("$"), the compiler joins the pieces into one
 * literal, and each backend runs the text it ran before.  What a dialect
 * changes (upserts, RETURNING id, casts, COLLATE, locks) stays in the
 * backend's own table.
 *
 * The SELECT heads put their columns where the decoders of store_rows.h
 * read them, so one decoder reads every backend's rows.
 */
#ifndef ROLECALL_STORE_SQL_H
#define ROLECALL_STORE_SQL_H

/* ---- heads of SELECTs (no parameters) ---- */

/* store_decode_log_row's columns; then column 14, the user id, for the
 * replay, which log_row has no room for. */
#define STORE_SQL_LOG_SELECT                                                   \
	"SELECT a.id, u.name, a.bank_id, a.question_id, a.answer_role,"        \
	" a.about_roles, a.shown_roles, a.shown_choices, a.picked,"            \
	" a.picked_role, a.correct, a.elapsed_ms, a.answered_at, a.mode,"      \
	" a.user_id FROM answers a JOIN users u ON u.id = a.user_id"

/* store_decode_item's: the same columns, in the same places, as
 * STORE_SQL_LOG_SELECT. */
#define STORE_SQL_ITEM_SELECT                                                  \
	"SELECT i.attempt_id, i.position, i.bank_id, i.question_id,"           \
	" i.answer_role, i.about_roles, i.shown_roles, i.shown_choices,"       \
	" i.picked, i.picked_role, i.correct"                                  \
	" FROM exam_items i JOIN exam_attempts a ON a.id = i.attempt_id"

/* store_decode_game's, in its order. */
#define STORE_SQL_GAME_SELECT                                                  \
	"SELECT id, code, kind, host_user, created_at, started_at, ended_at,"  \
	" status, phase, seed, rounds, time_limit_ms, points, speed, streak,"  \
	" teams, banks, bank_files, current_round, round_started_at_ms,"       \
	" host_seen_ms FROM trivia_games"

/* ---- profiles and the log ---- */

#define STORE_SQL_USER_FIND(P) "SELECT id FROM users WHERE name = " P "1"
#define STORE_SQL_USER_ADD(P)                                                  \
	"INSERT INTO users (name, created_at) VALUES (" P "1, " P "2)"        \
	" ON CONFLICT (name) DO NOTHING"
#define STORE_SQL_TOTALS_PUT(P)                                                \
	"UPDATE users SET answers = " P "2, correct = " P "3 WHERE id = " P "1"
#define STORE_SQL_TOTALS_GET(P) "SELECT answers, correct FROM users WHERE id = " P "1"
#define STORE_SQL_LOG_ALL STORE_SQL_LOG_SELECT " ORDER BY a.id"
#define STORE_SQL_LOG_USER(P) STORE_SQL_LOG_SELECT " WHERE a.user_id = " P "1 ORDER BY a.id"
#define STORE_SQL_LOG_REPLAY STORE_SQL_LOG_SELECT " ORDER BY a.user_id, a.id"

/* The name each role had in its bank when the profile answered about it:
 * not derived from the log (which holds only ids), so a rebuild keeps it. */
#define STORE_SQL_ROLE_NAME_PUT(P)                                             \
	"INSERT INTO role_names (user_id, role_id, name) VALUES (" P "1, "    \
	P "2, " P "3) ON CONFLICT (user_id, role_id) DO UPDATE"                \
	" SET name = excluded.name"
#define STORE_SQL_ROLE_NAMES_GET(P)                                            \
	"SELECT role_id, name FROM role_names WHERE user_id = " P "1"

/* ---- exams ---- */

#define STORE_SQL_EXAM_ITEM_ADD(P)                                             \
	"INSERT INTO exam_items (attempt_id, position,"                        \
	" bank_id, question_id, answer_role, about_roles,"                     \
	" shown_roles, shown_choices, picked, picked_role, correct)"           \
	" VALUES (" P "1, " P "2, " P "3, " P "4, " P "5, " P "6, " P "7, "    \
	P "8, " P "9, " P "10, " P "11)"
#define STORE_SQL_EXAM_ITEM_PUT(P)                                             \
	"UPDATE exam_items SET picked = " P "3, picked_role = " P "4,"         \
	" correct = " P "5 WHERE attempt_id = " P "1 AND position = " P "2"    \
	" AND (SELECT status FROM exam_attempts WHERE id = " P "1)"            \
	" = 'open'"
#define STORE_SQL_EXAM_SUBMIT(P)                                               \
	"UPDATE exam_attempts SET status = 'submitted',"                       \
	" ended_at = " P "2, timed_out = " P "3, correct = " P "4"             \
	" WHERE id = " P "1 AND user_id = " P "5 AND count = " P "6"           \
	" AND status = 'open'"

/* ---- trivia ---- */

#define STORE_SQL_TRIVIA_CODE_FIND(P) "SELECT id FROM trivia_games WHERE code = " P "1"
#define STORE_SQL_TRIVIA_ROUND_ADD(P)                                          \
	"INSERT INTO trivia_rounds (game_id, round, bank_id,"                  \
	" question_id, shown_choices) VALUES (" P "1, " P "2, " P "3, " P "4, " \
	P "5)"
/* Seats in join order: rejoining keeps the seat. */
#define STORE_SQL_TRIVIA_PLAYER_ADD(P)                                         \
	"INSERT INTO trivia_players (game_id, name, seat,"                     \
	" joined_at, last_seen_ms) VALUES (" P "1, " P "2,"                    \
	" (SELECT count(*) FROM trivia_players WHERE game_id = " P "1),"       \
	" " P "3, " P "4)"
#define STORE_SQL_TRIVIA_PLAYER_GET(P)                                         \
	"SELECT g.status, (SELECT count(*) FROM trivia_players"                \
	" WHERE game_id = " P "1), p.absent, p.last_seen_ms"                   \
	" FROM trivia_games g LEFT JOIN trivia_players p"                      \
	" ON p.game_id = g.id AND p.name = " P "2 WHERE g.id = " P "1"
#define STORE_SQL_TRIVIA_REJOIN(P)                                             \
	"UPDATE trivia_players SET absent = 0, last_seen_ms = " P "3"          \
	" WHERE game_id = " P "1 AND name = " P "2"
/* A heartbeat brings back a player who was away, not one removed. */
#define STORE_SQL_TRIVIA_SEEN(P)                                               \
	"UPDATE trivia_players SET absent = 0, last_seen_ms = " P "3"          \
	" WHERE game_id = " P "1 AND name = " P "2 AND absent <> 2"
#define STORE_SQL_TRIVIA_HOST_SEEN(P)                                          \
	"UPDATE trivia_games SET host_seen_ms = " P "2 WHERE id = " P "1"
#define STORE_SQL_TRIVIA_LEAVE(P)                                              \
	"UPDATE trivia_players SET absent = " P "3"                            \
	" WHERE game_id = " P "1 AND name = " P "2 AND absent <> 2"
#define STORE_SQL_TRIVIA_MARK_ABSENT(P)                                        \
	"UPDATE trivia_players SET absent = 1"                                 \
	" WHERE game_id = " P "1 AND absent = 0 AND last_seen_ms < " P "2"
#define STORE_SQL_TRIVIA_ANSWER_MISS(P)                                        \
	"INSERT INTO trivia_answers (game_id, round, player,"                  \
	" picked, correct, elapsed_ms, answered_at_ms, points)"                \
	" VALUES (" P "1, " P "2, " P "3, -1, 0, " P "4, " P "5, 0)"
#define STORE_SQL_TRIVIA_ANSWER_POINTS(P)                                      \
	"UPDATE trivia_answers SET points = " P "4"                            \
	" WHERE game_id = " P "1 AND round = " P "2 AND player = " P "3"
#define STORE_SQL_TRIVIA_PLAYER_SCORE(P)                                       \
	"UPDATE trivia_players SET score = " P "3,"                            \
	" right_count = " P "4, streak = " P "5, time_ms = " P "6"             \
	" WHERE game_id = " P "1 AND name = " P "2"
#define STORE_SQL_TRIVIA_PLAYERS(P)                                            \
	"SELECT p.name, p.seat, p.joined_at, p.last_seen_ms,"                  \
	" p.absent, p.score, p.right_count, p.streak, p.time_ms,"              \
	" a.picked, a.correct, a.elapsed_ms, a.points"                         \
	" FROM trivia_players p LEFT JOIN trivia_answers a"                    \
	" ON a.game_id = p.game_id AND a.player = p.name"                      \
	" AND a.round = " P "2 WHERE p.game_id = " P "1 ORDER BY p.seat"
#define STORE_SQL_TRIVIA_ROUNDS(P)                                             \
	"SELECT round, bank_id, question_id, shown_choices"                    \
	" FROM trivia_rounds WHERE game_id = " P "1 ORDER BY round"

/* ---- the list a backend's table takes them from ----
 *
 * Each statement above as X(NAME, text): a backend defines X to write its
 * designated initializer ([SQL_NAME] = text, or [PG_NAME] = text) and
 * puts STORE_SQL_EACH(X, its mark) in its table, beside the statements
 * only its dialect writes. */
#define STORE_SQL_EACH(X, P)                                                   \
	X(USER_FIND, STORE_SQL_USER_FIND(P))                                   \
	X(USER_ADD, STORE_SQL_USER_ADD(P))                                     \
	X(TOTALS_PUT, STORE_SQL_TOTALS_PUT(P))                                 \
	X(TOTALS_GET, STORE_SQL_TOTALS_GET(P))                                 \
	X(LOG_ALL, STORE_SQL_LOG_ALL)                                          \
	X(LOG_USER, STORE_SQL_LOG_USER(P))                                     \
	X(LOG_REPLAY, STORE_SQL_LOG_REPLAY)                                    \
	X(ROLE_NAME_PUT, STORE_SQL_ROLE_NAME_PUT(P))                           \
	X(ROLE_NAMES_GET, STORE_SQL_ROLE_NAMES_GET(P))                         \
	X(EXAM_ITEM_ADD, STORE_SQL_EXAM_ITEM_ADD(P))                           \
	X(EXAM_ITEM_PUT, STORE_SQL_EXAM_ITEM_PUT(P))                           \
	X(EXAM_SUBMIT, STORE_SQL_EXAM_SUBMIT(P))                               \
	X(TRIVIA_CODE_FIND, STORE_SQL_TRIVIA_CODE_FIND(P))                     \
	X(TRIVIA_ROUND_ADD, STORE_SQL_TRIVIA_ROUND_ADD(P))                     \
	X(TRIVIA_PLAYER_ADD, STORE_SQL_TRIVIA_PLAYER_ADD(P))                   \
	X(TRIVIA_PLAYER_GET, STORE_SQL_TRIVIA_PLAYER_GET(P))                   \
	X(TRIVIA_REJOIN, STORE_SQL_TRIVIA_REJOIN(P))                           \
	X(TRIVIA_SEEN, STORE_SQL_TRIVIA_SEEN(P))                               \
	X(TRIVIA_HOST_SEEN, STORE_SQL_TRIVIA_HOST_SEEN(P))                     \
	X(TRIVIA_LEAVE, STORE_SQL_TRIVIA_LEAVE(P))                             \
	X(TRIVIA_MARK_ABSENT, STORE_SQL_TRIVIA_MARK_ABSENT(P))                 \
	X(TRIVIA_ANSWER_MISS, STORE_SQL_TRIVIA_ANSWER_MISS(P))                 \
	X(TRIVIA_ANSWER_POINTS, STORE_SQL_TRIVIA_ANSWER_POINTS(P))             \
	X(TRIVIA_PLAYER_SCORE, STORE_SQL_TRIVIA_PLAYER_SCORE(P))               \
	X(TRIVIA_PLAYERS, STORE_SQL_TRIVIA_PLAYERS(P))                         \
	X(TRIVIA_ROUNDS, STORE_SQL_TRIVIA_ROUNDS(P))

#endif

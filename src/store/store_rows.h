/*
 * store_rows — how every backend keeps rolecall's values in columns, and
 * the one decoder of each kind of row.  Option lists are comma-joined
 * text, seeds decimal text (SQLite's integers are signed), counts small
 * non-negative integers; what rolecall did not write is refused here, so
 * that the readers can trust what they get.
 *
 * A backend reads a result row through a struct store_row: its four
 * column getters and the row they point at.  Each backend's SELECTs put
 * the same columns in the same places (the *_SELECT comments below), so
 * that one decoder reads both.
 */
#ifndef ROLECALL_STORE_ROWS_H
#define ROLECALL_STORE_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "rolecall/store.h"
#include "store_backend.h"

/* A comma-separated list of BANK_MAX_OPTIONS ids of up to 64 bytes fits
 * with room to spare; anything longer is not ours. */
#define STORE_LIST_MAX 1024

struct store_row;

struct store_row_ops {
	int64_t (*i64)(const struct store_row *r, int col); /* NULL reads 0 */
	double (*f64)(const struct store_row *r, int col);
	const char *(*text)(const struct store_row *r, int col); /* NULL: NULL */
	int (*is_null)(const struct store_row *r, int col);
};

struct store_row {
	const struct store_row_ops *ops;
	void *res;       /* the backend's statement or result */
	int row;         /* the row in res, for a backend that has many */
};

static inline int64_t row_i64(const struct store_row *r, int col)
{
	return r->ops->i64(r, col);
}

static inline const char *row_text(const struct store_row *r, int col)
{
	return r->ops->text(r, col);
}

static inline uint32_t row_u32(const struct store_row *r, int col)
{
	int64_t v = row_i64(r, col);

	return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* ---- lists and numbers ---- */

/* A log row's or exam question's lists, split in place; the row's
 * strings point here. */
struct store_lists {
	char about[STORE_LIST_MAX];
	char shown[STORE_LIST_MAX];
	char choices[STORE_LIST_MAX];
};

/* Join ids with commas (a NULL id is written empty); -1 when an id holds
 * a comma, which could not be split again, or the list is too long. */
int store_join_ids(char *buf, const char *const *ids, unsigned n);
int store_join_choices(char *buf, const unsigned *choices, unsigned n);
/* The three lists of rec, joined; -1 when rec is malformed. */
int store_join_record(struct store_lists *j, const struct answer_record *rec);
/* Split text at commas, in place.  "" is no part when empty_is_none, else
 * one empty part.  The number of parts, -1 when too many. */
int store_split(char *text, char **parts, int empty_is_none);
int store_parse_uint(const char *text, unsigned *out);
int store_parse_u64(const char *text, uint64_t *out);
/* Copy a text column into buf; -1 when NULL or cap is too small. */
int store_col_copy(const struct store_row *r, int col, char *buf, size_t cap);

/* ---- the decoders: 0, or -1 for a row rolecall did not write ----
 *
 * A number out of the range rolecall writes (a time before 1970 or after
 * 9999, a negative count, a stability of -Inf, a real where an integer
 * belongs) is refused where it is read, so that no reader does arithmetic
 * on it; bad then names the row, the column in words and the value as
 * stored, for store_bad_value.  Other faults (an unknown mode, a malformed
 * list) leave bad->what NULL. */
struct store_bad {
	char row[112];      /* "exam attempt 3" */
	const char *what;   /* "end time"; NULL when no column is to blame */
	char value[32];     /* "-1e+308" */
};

/* Columns: id, user, bank_id, question_id, answer_role, about_roles,
 * shown_roles, shown_choices, picked, picked_role, correct, elapsed_ms,
 * answered_at, mode, user_id. */
int store_decode_log_row(const struct store_row *r, struct log_row *row,
			 struct store_lists *l, struct store_bad *bad);
/* Columns: question_id, stability, difficulty, last_review, due, reps,
 * lapses, asked, wrong, last_seen. */
int store_decode_question(const struct store_row *r, struct question_state *qs,
			  struct store_bad *bad);
/* Columns: role_id, asked, correct. */
int store_decode_tally(const struct store_row *r, const char **role,
		       struct role_tally *t, struct store_bad *bad);
/* Columns: role_id, name; *name NULL for a name rolecall would not have
 * saved (empty, or longer than BANK_MAX_TEXT). */
int store_decode_role_name(const struct store_row *r, const char **role,
			   const char **name, struct store_bad *bad);
/* Columns: answer_role, picked_role, count, chances. */
int store_decode_confusion(const struct store_row *r, const char **answer,
			   const char **picked, struct confusion_cell *c,
			   struct store_bad *bad);
/* Columns: answers, correct (of the profile user_id). */
int store_decode_totals(const struct store_row *r, int64_t user_id,
			uint64_t *answers, uint64_t *correct, struct store_bad *bad);
/* Columns: id, user_id, user, started_at, ended_at, seed, count,
 * pass_mark, time_limit, status, timed_out, correct, banks. */
int store_decode_attempt(const struct store_row *r, struct exam_attempt *a,
			 struct store_bad *bad);
/* Columns: attempt_id, position, then as the log row's 2..10. */
int store_decode_item(const struct store_row *r, struct exam_item_row *row,
		      struct store_lists *l, struct store_bad *bad);
/* Columns: id, code, kind, host_user, created_at, started_at, ended_at,
 * status, phase, seed, rounds, time_limit_ms, points, speed, streak,
 * teams, banks, bank_files, current_round, round_started_at_ms,
 * host_seen_ms. */
int store_decode_game(const struct store_row *r, struct store_trivia_game *g,
		      struct store_bad *bad);
/* Columns: name, seat, joined_at, last_seen_ms, absent, score,
 * right_count, streak, time_ms, then the round's answer (NULL when none):
 * picked, correct, elapsed_ms, points.  game_id names the row. */
int store_decode_player(const struct store_row *r, int64_t game_id,
			struct store_trivia_player *p, struct store_bad *bad);
/* Columns: the game's status, its number of players, then the player
 * name's absent and last_seen_ms (NULL when it is not a player). */
int store_decode_look(const struct store_row *r, int64_t game_id, const char *name,
		      struct store_trivia_look *l, struct store_bad *bad);
/* Columns: round, bank_id, question_id, shown_choices. */
int store_decode_round(const struct store_row *r, int64_t game_id,
		       struct store_trivia_round *rd, char *choices,
		       struct store_bad *bad);

/* ---- decoded rows handed on ----
 *
 * What each_attempt, each_exam_item, trivia_each_game and
 * trivia_each_round (store_backend.h) do with a result row, whatever the
 * backend: decode it and give it to the caller's fn.  A backend runs the
 * query with an adapter that calls a store_visit_fn on each row and tells
 * a -1 as its own message (store_bad_value, naming its shell). */
typedef int (*store_visit_fn)(const struct store_row *r, void *ctx,
			      struct store_bad *bad);

struct store_attempts {
	int (*fn)(void *ctx, const struct exam_attempt *a);
	void *ctx;
};
struct store_role_names {
	int (*fn)(void *ctx, const char *role, const char *name);
	void *ctx;
};
struct store_items {
	int (*fn)(void *ctx, const struct exam_item_row *row);
	void *ctx;
};
struct store_games {
	int (*fn)(void *ctx, const struct store_trivia_game *g);
	void *ctx;
};
struct store_rounds {
	int (*fn)(void *ctx, const struct store_trivia_round *r);
	void *ctx;
	int64_t game_id; /* names the rows, which do not hold it */
};

/* Decode r and hand it to the fn of the struct store_attempts (items,
 * games, rounds) at ctx: 1 when fn says stop, 0 to go on; -1 with bad
 * filled when r cannot be decoded. */
int store_visit_attempt(const struct store_row *r, void *ctx, struct store_bad *bad);
int store_visit_item(const struct store_row *r, void *ctx, struct store_bad *bad);
int store_visit_role_name(const struct store_row *r, void *ctx, struct store_bad *bad);
int store_visit_game(const struct store_row *r, void *ctx, struct store_bad *bad);
int store_visit_round(const struct store_row *r, void *ctx, struct store_bad *bad);

/* The words kept for a game's status and phase. */
const char *store_trivia_status_word(enum store_trivia_status s);
const char *store_trivia_phase_word(enum store_trivia_phase p);
/* Its index, -1 when text is not one of them. */
int store_trivia_status_parse(const char *text);

#endif

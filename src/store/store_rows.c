/*
 * store_rows — the columns every backend shares (store_rows.h).
 */
#include "store_rows.h"

#include "rolecall/sched.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- lists and numbers ---- */

int store_join_ids(char *buf, const char *const *ids, unsigned n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		const char *id = ids[i] ? ids[i] : "";
		int w;

		if (strchr(id, ','))
			return -1;
		w = snprintf(buf + at, STORE_LIST_MAX - at, "%s%s", i ? "," : "", id);
		if (w < 0 || (size_t)w >= STORE_LIST_MAX - at)
			return -1;
		at += (size_t)w;
	}
	return 0;
}

int store_join_choices(char *buf, const unsigned *choices, unsigned n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		int w = snprintf(buf + at, STORE_LIST_MAX - at, "%s%u", i ? "," : "",
				 choices[i]);

		if (w < 0 || (size_t)w >= STORE_LIST_MAX - at)
			return -1;
		at += (size_t)w;
	}
	return 0;
}

int store_join_record(struct store_lists *j, const struct answer_record *rec)
{
	if (rec->n_about > BANK_MAX_OPTIONS || rec->n_shown > BANK_MAX_OPTIONS ||
	    rec->picked < -1 || rec->picked >= (int)rec->n_shown ||
	    !rec->bank_id || !rec->question_id)
		return -1;
	if (store_join_ids(j->about, rec->about, rec->n_about) < 0 ||
	    store_join_ids(j->shown, rec->shown_roles, rec->n_shown) < 0 ||
	    store_join_choices(j->choices, rec->shown_choices, rec->n_shown) < 0)
		return -1;
	return 0;
}

int store_split(char *text, char **parts, int empty_is_none)
{
	int n = 0;

	if (!*text && empty_is_none)
		return 0;
	for (;;) {
		char *comma = strchr(text, ',');

		if (n == BANK_MAX_OPTIONS)
			return -1;
		parts[n++] = text;
		if (!comma)
			return n;
		*comma = '\0';
		text = comma + 1;
	}
}

int store_parse_uint(const char *text, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (*end || errno || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int store_parse_u64(const char *text, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!text || *text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

int store_col_copy(const struct store_row *r, int col, char *buf, size_t cap)
{
	const char *text = row_text(r, col);
	size_t len;

	if (!text || (len = strlen(text)) >= cap)
		return -1;
	memcpy(buf, text, len + 1);
	return 0;
}

/* ---- numbers in their range ---- */

/* What rolecall writes, with room to spare; each bound keeps the
 * arithmetic done on the value (durations, sums, percentages, a cast to
 * int) inside its type. */
#define STORE_MS_MAX (STORE_TIME_MAX * 1000 + 999) /* a wall clock, a duration */
#define STORE_DUE_MAX (STORE_TIME_MAX + (int64_t)FSRS_INTERVAL_DAYS_CAP * 86400)
/* exam questions (1000 at most), seconds of an exam (a day), trivia rounds
 * (100), seats, points (2000); 100 times it still fits an unsigned */
#define STORE_SMALL_MAX 1000000
#define STORE_SUM_MAX (INT64_C(1) << 53) /* a trivia score, a total time */

static int store_bad_number(struct store_bad *bad, const char *what, int64_t v,
			    double d)
{
	bad->what = what;
	if ((double)v == d)
		snprintf(bad->value, sizeof bad->value, "%" PRId64, v);
	else
		snprintf(bad->value, sizeof bad->value, "%g", d);
	return -1;
}

/* Column col, an integer in lo..hi.  SQLite keeps a number an integer
 * column cannot hold (-1e308, -Inf, 1.5) as a real, which reads as a
 * clamped or truncated integer: the integer is the value stored only when
 * the real agrees with it. */
static int row_int(const struct store_row *r, int col, int64_t lo, int64_t hi,
		   const char *what, int64_t *out, struct store_bad *bad)
{
	int64_t v = row_i64(r, col);
	double d = r->ops->f64(r, col);

	if ((double)v != d || v < lo || v > hi)
		return store_bad_number(bad, what, v, d);
	*out = v;
	return 0;
}

static int row_time(const struct store_row *r, int col, const char *what,
		    int64_t *out, struct store_bad *bad)
{
	return row_int(r, col, 0, STORE_TIME_MAX, what, out, bad);
}

static int row_ms(const struct store_row *r, int col, const char *what,
		  int64_t *out, struct store_bad *bad)
{
	return row_int(r, col, 0, STORE_MS_MAX, what, out, bad);
}

static int row_unsigned(const struct store_row *r, int col, int64_t hi,
			const char *what, unsigned *out, struct store_bad *bad)
{
	int64_t v;

	if (row_int(r, col, 0, hi, what, &v, bad) < 0)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int row_small(const struct store_row *r, int col, const char *what,
		     unsigned *out, struct store_bad *bad)
{
	return row_unsigned(r, col, STORE_SMALL_MAX, what, out, bad);
}

static int row_count(const struct store_row *r, int col, const char *what,
		     uint32_t *out, struct store_bad *bad)
{
	unsigned v;

	if (row_unsigned(r, col, UINT32_MAX, what, &v, bad) < 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* A real in lo..hi; NaN and the infinities are never in it. */
static int row_real(const struct store_row *r, int col, double lo, double hi,
		    const char *what, double *out, struct store_bad *bad)
{
	double d = r->ops->f64(r, col);

	if (!(d >= lo && d <= hi)) {
		bad->what = what;
		snprintf(bad->value, sizeof bad->value, "%g", d);
		return -1;
	}
	*out = d;
	return 0;
}

/* Name the row a decoder could not read; -1. */
static int store_bad_row(struct store_bad *bad, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int store_bad_row(struct store_bad *bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(bad->row, sizeof bad->row, fmt, ap);
	va_end(ap);
	return -1;
}

/* Columns 5, 6, 7 of a log row or an exam question: shown_choices gives
 * the number of options; shown_roles must match it. */
static int store_decode_lists(const struct store_row *r, struct answer_record *rec,
			      struct store_lists *l)
{
	char *parts[BANK_MAX_OPTIONS];
	int n;

	if (store_col_copy(r, 5, l->about, sizeof l->about) < 0 ||
	    store_col_copy(r, 6, l->shown, sizeof l->shown) < 0 ||
	    store_col_copy(r, 7, l->choices, sizeof l->choices) < 0 ||
	    (n = store_split(l->choices, parts, 1)) < 0)
		return -1;
	rec->n_shown = (unsigned)n;
	for (int i = 0; i < n; i++)
		if (store_parse_uint(parts[i], &rec->shown_choices[i]) < 0)
			return -1;
	if (store_split(l->shown, parts, n == 0) != n)
		return -1;
	for (int i = 0; i < n; i++)
		rec->shown_roles[i] = parts[i][0] ? parts[i] : NULL;
	if ((n = store_split(l->about, parts, 1)) < 0)
		return -1;
	rec->n_about = (unsigned)n;
	for (int i = 0; i < n; i++)
		rec->about[i] = parts[i];
	return 0;
}

/* ---- answers and schedules ---- */

/* Columns 2 to 10, where a log row and an exam question agree: bank,
 * question, answer role, the lists, the pick and whether it was right. */
static int store_decode_record(const struct store_row *r, struct answer_record *rec,
			       const char **picked_role, struct store_lists *l,
			       struct store_bad *bad)
{
	int64_t picked;

	*picked_role = row_text(r, 9);
	rec->bank_id = row_text(r, 2);
	rec->question_id = row_text(r, 3);
	rec->answer_role = row_text(r, 4);
	rec->correct = row_i64(r, 10) != 0;
	if (!rec->bank_id || !rec->question_id || store_decode_lists(r, rec, l) < 0 ||
	    row_int(r, 8, -1, (int64_t)rec->n_shown - 1, "picked option", &picked,
		    bad) < 0)
		return -1;
	rec->picked = (int)picked;
	return 0;
}

int store_decode_log_row(const struct store_row *r, struct log_row *row,
			 struct store_lists *l, struct store_bad *bad)
{
	struct answer_record *rec = &row->rec;
	const char *mode = row_text(r, 13);
	int m = mode ? session_mode_parse(mode) : -1;

	memset(row, 0, sizeof *row);
	bad->what = NULL;
	row->id = row_i64(r, 0);
	row->user = row_text(r, 1);
	if (!row->user || m < 0 || store_decode_record(r, rec, &row->picked_role, l, bad) < 0 ||
	    row_ms(r, 11, "time taken to answer", &rec->elapsed_ms, bad) < 0 ||
	    row_time(r, 12, "time of answer", &rec->answered_at, bad) < 0)
		return store_bad_row(bad, "answer %" PRId64 " in the log", row->id);
	rec->mode = (enum session_mode)m;
	return 0;
}

/* A card never reviewed keeps 0 for both. */
static int row_card(const struct store_row *r, struct fsrs_card *card,
		    struct store_bad *bad)
{
	if (row_real(r, 1, 0.0, DBL_MAX, "stability", &card->stability, bad) < 0 ||
	    row_real(r, 2, 0.0, 10.0, "difficulty", &card->difficulty, bad) < 0)
		return -1;
	if (card->difficulty != 0.0 && card->difficulty < 1.0)
		return store_bad_number(bad, "difficulty", 0, card->difficulty);
	return row_time(r, 3, "time of last review", &card->last_review, bad) < 0 ||
	       row_int(r, 4, 0, STORE_DUE_MAX, "due time", &card->due, bad) < 0 ||
	       row_count(r, 5, "number of reviews", &card->reps, bad) < 0 ||
	       row_count(r, 6, "number of lapses", &card->lapses, bad) < 0 ? -1 : 0;
}

int store_decode_question(const struct store_row *r, struct question_state *qs,
			  struct store_bad *bad)
{
	memset(qs, 0, sizeof *qs);
	bad->what = NULL;
	qs->id = row_text(r, 0);
	if (!qs->id || row_card(r, &qs->card, bad) < 0 ||
	    row_count(r, 7, "number of times asked", &qs->asked, bad) < 0 ||
	    row_count(r, 8, "number of wrong answers", &qs->wrong, bad) < 0 ||
	    row_time(r, 9, "time last seen", &qs->last_seen, bad) < 0)
		return store_bad_row(bad, "the schedule of question %.64s",
				     qs->id ? qs->id : "(none)");
	return 0;
}

int store_decode_tally(const struct store_row *r, const char **role,
		       struct role_tally *t, struct store_bad *bad)
{
	bad->what = NULL;
	*role = row_text(r, 0);
	if (!*role || row_count(r, 1, "number of times asked", &t->asked, bad) < 0 ||
	    row_count(r, 2, "number of right answers", &t->correct, bad) < 0)
		return store_bad_row(bad, "the tally of role %.64s", *role ? *role : "(none)");
	return 0;
}

int store_decode_role_name(const struct store_row *r, const char **role,
			   const char **name, struct store_bad *bad)
{
	bad->what = NULL;
	*role = row_text(r, 0);
	*name = row_text(r, 1);
	if (!*role || !*name)
		return store_bad_row(bad, "the name of role %.64s", *role ? *role : "(none)");
	/* a row the learner may write: an empty name, or one longer than a
	 * bank allows, is none rolecall saved, so the role goes unnamed */
	if (!**name || strlen(*name) > BANK_MAX_TEXT)
		*name = NULL;
	return 0;
}

int store_decode_confusion(const struct store_row *r, const char **answer,
			   const char **picked, struct confusion_cell *c,
			   struct store_bad *bad)
{
	bad->what = NULL;
	*answer = row_text(r, 0);
	*picked = row_text(r, 1);
	if (!*answer || !*picked ||
	    row_count(r, 2, "count", &c->count, bad) < 0 ||
	    row_count(r, 3, "number of chances", &c->chances, bad) < 0)
		return store_bad_row(bad, "the confusion of %.64s with %.64s",
				     *answer ? *answer : "(none)",
				     *picked ? *picked : "(none)");
	return 0;
}

int store_decode_totals(const struct store_row *r, int64_t user_id,
			uint64_t *answers, uint64_t *correct, struct store_bad *bad)
{
	int64_t n, right;

	bad->what = NULL;
	if (row_int(r, 0, 0, INT64_MAX, "number of answers", &n, bad) < 0 ||
	    row_int(r, 1, 0, n, "number of right answers", &right, bad) < 0)
		return store_bad_row(bad, "profile %" PRId64, user_id);
	*answers = (uint64_t)n;
	*correct = (uint64_t)right;
	return 0;
}

/* ---- exams ---- */

static int row_attempt_numbers(const struct store_row *r, struct exam_attempt *a,
			       struct store_bad *bad)
{
	return row_time(r, 3, "start time", &a->started_at, bad) < 0 ||
	       row_time(r, 4, "end time", &a->ended_at, bad) < 0 ||
	       row_small(r, 6, "number of questions", &a->count, bad) < 0 ||
	       row_unsigned(r, 7, 100, "pass mark", &a->pass_mark, bad) < 0 ||
	       row_small(r, 8, "time limit", &a->time_limit, bad) < 0 ||
	       row_unsigned(r, 11, a->count, "number of right answers", &a->correct,
			    bad) < 0 ? -1 : 0;
}

int store_decode_attempt(const struct store_row *r, struct exam_attempt *a,
			 struct store_bad *bad)
{
	const char *status = row_text(r, 9);

	memset(a, 0, sizeof *a);
	bad->what = NULL;
	a->id = row_i64(r, 0);
	a->user_id = row_i64(r, 1);
	a->user = row_text(r, 2);
	a->banks = row_text(r, 12);
	a->definition = row_text(r, 13);
	a->timed_out = row_i64(r, 10) != 0;
	if (!a->user || !a->banks || !status ||
	    store_parse_u64(row_text(r, 5), &a->seed) < 0 ||
	    row_attempt_numbers(r, a, bad) < 0 ||
	    (strcmp(status, "submitted") && strcmp(status, "open")))
		return store_bad_row(bad, "exam attempt %" PRId64, a->id);
	a->submitted = !strcmp(status, "submitted");
	return 0;
}

int store_decode_item(const struct store_row *r, struct exam_item_row *row,
		      struct store_lists *l, struct store_bad *bad)
{
	memset(row, 0, sizeof *row);
	bad->what = NULL;
	row->attempt_id = row_i64(r, 0);
	row->rec.mode = MODE_EXAM;
	if (row_small(r, 1, "question position", &row->position, bad) < 0 ||
	    store_decode_record(r, &row->rec, &row->picked_role, l, bad) < 0)
		return store_bad_row(bad, "exam attempt %" PRId64, row->attempt_id);
	return 0;
}

/* ---- trivia ---- */

static const char *const store_trivia_statuses[] = {
	[STORE_TRIVIA_LOBBY] = "lobby",
	[STORE_TRIVIA_RUNNING] = "running",
	[STORE_TRIVIA_DONE] = "done",
	[STORE_TRIVIA_ABANDONED] = "abandoned",
};

static const char *const store_trivia_phases[] = {
	[STORE_TRIVIA_WAIT] = "wait",
	[STORE_TRIVIA_QUESTION] = "question",
	[STORE_TRIVIA_REVEAL] = "reveal",
	[STORE_TRIVIA_BOARD] = "board",
	[STORE_TRIVIA_PODIUM] = "podium",
};

#define STORE_COUNT(a) ((int)(sizeof (a) / sizeof *(a)))

static int store_word_index(const char *const *words, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (!strcmp(words[i], text))
			return i;
	return -1;
}

const char *store_trivia_status_word(enum store_trivia_status s)
{
	return (int)s >= 0 && (int)s < STORE_COUNT(store_trivia_statuses) ?
	       store_trivia_statuses[s] : NULL;
}

const char *store_trivia_phase_word(enum store_trivia_phase p)
{
	return (int)p >= 0 && (int)p < STORE_COUNT(store_trivia_phases) ?
	       store_trivia_phases[p] : NULL;
}

int store_trivia_status_parse(const char *text)
{
	return store_word_index(store_trivia_statuses,
				STORE_COUNT(store_trivia_statuses), text);
}

static int row_game_numbers(const struct store_row *r, struct store_trivia_game *g,
			    struct store_bad *bad)
{
	return row_time(r, 4, "creation time", &g->created_at, bad) < 0 ||
	       row_time(r, 5, "start time", &g->started_at, bad) < 0 ||
	       row_time(r, 6, "end time", &g->ended_at, bad) < 0 ||
	       row_small(r, 10, "number of rounds", &g->rounds, bad) < 0 ||
	       row_ms(r, 11, "time limit", &g->time_limit_ms, bad) < 0 ||
	       row_small(r, 12, "points per question", &g->points, bad) < 0 ||
	       row_small(r, 18, "current round", &g->current_round, bad) < 0 ||
	       row_ms(r, 19, "round start time", &g->round_started_at_ms, bad) < 0 ||
	       row_ms(r, 20, "time the host was last seen", &g->host_seen_ms, bad) < 0 ?
	       -1 : 0;
}

int store_decode_game(const struct store_row *r, struct store_trivia_game *g,
		      struct store_bad *bad)
{
	const char *kind = row_text(r, 2);
	int status = store_trivia_status_parse(row_text(r, 7));
	int phase = store_word_index(store_trivia_phases,
				     STORE_COUNT(store_trivia_phases), row_text(r, 8));

	memset(g, 0, sizeof *g);
	bad->what = NULL;
	g->id = row_i64(r, 0);
	g->banks = row_text(r, 16);
	g->bank_files = row_text(r, 17);
	if (store_col_copy(r, 1, g->code, sizeof g->code) < 0 ||
	    store_col_copy(r, 3, g->host_user, sizeof g->host_user) < 0 || !kind ||
	    (strcmp(kind, "hosted") && strcmp(kind, "hotseat")) || status < 0 ||
	    phase < 0 || store_parse_u64(row_text(r, 9), &g->seed) < 0 ||
	    !g->banks || !g->bank_files || row_game_numbers(r, g, bad) < 0)
		return store_bad_row(bad, "trivia game %" PRId64, g->id);
	g->hosted = !strcmp(kind, "hosted");
	g->status = (enum store_trivia_status)status;
	g->phase = (enum store_trivia_phase)phase;
	g->speed = row_i64(r, 13) != 0;
	g->streak = row_i64(r, 14) != 0;
	g->teams = row_i64(r, 15) != 0;
	return 0;
}

/* Columns 9 to 12 of a player: its answer to the round, when it has one. */
static int row_player_answer(const struct store_row *r, struct store_trivia_player *p,
			     struct store_bad *bad)
{
	int64_t picked, points;

	p->answered = !r->ops->is_null(r, 9);
	p->picked = -1;
	p->points = -1;
	if (!p->answered)
		return 0;
	if (row_int(r, 9, -1, BANK_MAX_OPTIONS - 1, "picked option", &picked, bad) < 0 ||
	    row_ms(r, 11, "time taken to answer", &p->elapsed_ms, bad) < 0)
		return -1;
	p->picked = (int)picked;
	p->correct = row_i64(r, 10) != 0;
	if (r->ops->is_null(r, 12))
		return 0;
	if (row_int(r, 12, 0, INT_MAX, "points", &points, bad) < 0)
		return -1;
	p->points = (int)points;
	return 0;
}

int store_decode_player(const struct store_row *r, int64_t game_id,
			struct store_trivia_player *p, struct store_bad *bad)
{
	memset(p, 0, sizeof *p);
	bad->what = NULL;
	if (store_col_copy(r, 0, p->name, sizeof p->name) < 0)
		return store_bad_row(bad, "a player of trivia game %" PRId64, game_id);
	if (row_small(r, 1, "seat", &p->seat, bad) < 0 ||
	    row_time(r, 2, "time of joining", &p->joined_at, bad) < 0 ||
	    row_ms(r, 3, "time last seen", &p->last_seen_ms, bad) < 0 ||
	    row_int(r, 5, 0, STORE_SUM_MAX, "score", &p->score, bad) < 0 ||
	    row_small(r, 6, "number of right answers", &p->right, bad) < 0 ||
	    row_small(r, 7, "streak", &p->streak, bad) < 0 ||
	    row_int(r, 8, 0, STORE_SUM_MAX, "total answer time", &p->time_ms, bad) < 0 ||
	    row_player_answer(r, p, bad) < 0)
		return store_bad_row(bad, "player %s of trivia game %" PRId64, p->name,
				     game_id);
	p->absent = row_i64(r, 4) != 0;
	p->removed = row_i64(r, 4) == STORE_TRIVIA_ABSENT_REMOVED;
	return 0;
}

int store_decode_look(const struct store_row *r, int64_t game_id, const char *name,
		      struct store_trivia_look *l, struct store_bad *bad)
{
	memset(l, 0, sizeof *l);
	bad->what = NULL;
	l->found = 1;
	l->status = store_trivia_status_parse(row_text(r, 0));
	l->players = row_u32(r, 1); /* counted by the query, not stored */
	l->known = !r->ops->is_null(r, 2);
	if (!l->known)
		return 0;
	l->absent = row_i64(r, 2) != 0;
	l->removed = row_i64(r, 2) == STORE_TRIVIA_ABSENT_REMOVED;
	if (row_ms(r, 3, "time last seen", &l->last_seen_ms, bad) < 0)
		return store_bad_row(bad, "player %.32s of trivia game %" PRId64, name,
				     game_id);
	return 0;
}

int store_decode_round(const struct store_row *r, int64_t game_id,
		       struct store_trivia_round *rd, char *choices,
		       struct store_bad *bad)
{
	char *parts[BANK_MAX_OPTIONS];
	int n;

	memset(rd, 0, sizeof *rd);
	bad->what = NULL;
	rd->bank_id = row_text(r, 1);
	rd->question_id = row_text(r, 2);
	if (row_small(r, 0, "round number", &rd->round, bad) < 0 || !rd->bank_id ||
	    !rd->question_id || store_col_copy(r, 3, choices, STORE_LIST_MAX) < 0 ||
	    (n = store_split(choices, parts, 1)) < 1)
		return store_bad_row(bad, "trivia game %" PRId64, game_id);
	rd->n_shown = (unsigned)n;
	for (int i = 0; i < n; i++)
		if (store_parse_uint(parts[i], &rd->shown_choices[i]) < 0)
			return store_bad_row(bad, "trivia game %" PRId64, game_id);
	return 0;
}

/* ---- decoded rows handed on ---- */

int store_visit_attempt(const struct store_row *r, void *ctx, struct store_bad *bad)
{
	const struct store_attempts *v = ctx;
	struct exam_attempt a;

	if (store_decode_attempt(r, &a, bad) < 0)
		return -1;
	return v->fn(v->ctx, &a) ? 1 : 0;
}

int store_visit_role_name(const struct store_row *r, void *ctx, struct store_bad *bad)
{
	const struct store_role_names *v = ctx;
	const char *role, *name;

	if (store_decode_role_name(r, &role, &name, bad) < 0)
		return -1;
	return name && v->fn(v->ctx, role, name) ? 1 : 0;
}

int store_visit_item(const struct store_row *r, void *ctx, struct store_bad *bad)
{
	const struct store_items *v = ctx;
	struct store_lists lists;
	struct exam_item_row row;

	if (store_decode_item(r, &row, &lists, bad) < 0)
		return -1;
	return v->fn(v->ctx, &row) ? 1 : 0;
}

int store_visit_game(const struct store_row *r, void *ctx, struct store_bad *bad)
{
	const struct store_games *v = ctx;
	struct store_trivia_game g;

	if (store_decode_game(r, &g, bad) < 0)
		return -1;
	return v->fn(v->ctx, &g) ? 1 : 0;
}

int store_visit_round(const struct store_row *r, void *ctx, struct store_bad *bad)
{
	const struct store_rounds *v = ctx;
	struct store_trivia_round rd;
	char choices[STORE_LIST_MAX];

	if (store_decode_round(r, v->game_id, &rd, choices, bad) < 0)
		return -1;
	return v->fn(v->ctx, &rd) ? 1 : 0;
}

/*
 * store_rows — the columns every backend shares (store_rows.h).
 */
#include "store_rows.h"

#include <errno.h>
#include <limits.h>
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

int store_col_small(const struct store_row *r, int col, unsigned *out)
{
	int64_t v = row_i64(r, col);

	if (v < 0 || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
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
			       const char **picked_role, struct store_lists *l)
{
	int64_t picked = row_i64(r, 8);

	*picked_role = row_text(r, 9);
	rec->bank_id = row_text(r, 2);
	rec->question_id = row_text(r, 3);
	rec->answer_role = row_text(r, 4);
	rec->correct = row_i64(r, 10) != 0;
	if (!rec->bank_id || !rec->question_id || store_decode_lists(r, rec, l) < 0 ||
	    picked < -1 || picked >= (int64_t)rec->n_shown)
		return -1;
	rec->picked = (int)picked;
	return 0;
}

int store_decode_log_row(const struct store_row *r, struct log_row *row,
			 struct store_lists *l)
{
	struct answer_record *rec = &row->rec;
	const char *mode = row_text(r, 13);
	int m = mode ? session_mode_parse(mode) : -1;

	memset(row, 0, sizeof *row);
	row->id = row_i64(r, 0);
	row->user = row_text(r, 1);
	rec->elapsed_ms = row_i64(r, 11);
	rec->answered_at = row_i64(r, 12);
	if (!row->user || m < 0 || store_decode_record(r, rec, &row->picked_role, l) < 0)
		return -1;
	rec->mode = (enum session_mode)m;
	return 0;
}

int store_decode_question(const struct store_row *r, struct question_state *qs)
{
	memset(qs, 0, sizeof *qs);
	qs->id = row_text(r, 0);
	qs->card.stability = r->ops->f64(r, 1);
	qs->card.difficulty = r->ops->f64(r, 2);
	qs->card.last_review = row_i64(r, 3);
	qs->card.due = row_i64(r, 4);
	qs->card.reps = row_u32(r, 5);
	qs->card.lapses = row_u32(r, 6);
	qs->asked = row_u32(r, 7);
	qs->wrong = row_u32(r, 8);
	qs->last_seen = row_i64(r, 9);
	return qs->id ? 0 : -1;
}

/* ---- exams ---- */

int store_decode_attempt(const struct store_row *r, struct exam_attempt *a)
{
	const char *status = row_text(r, 9);

	memset(a, 0, sizeof *a);
	a->id = row_i64(r, 0);
	a->user_id = row_i64(r, 1);
	a->user = row_text(r, 2);
	a->started_at = row_i64(r, 3);
	a->ended_at = row_i64(r, 4);
	a->banks = row_text(r, 12);
	a->timed_out = row_i64(r, 10) != 0;
	if (!a->user || !a->banks || !status ||
	    store_parse_u64(row_text(r, 5), &a->seed) < 0 ||
	    store_col_small(r, 6, &a->count) < 0 ||
	    store_col_small(r, 7, &a->pass_mark) < 0 ||
	    store_col_small(r, 8, &a->time_limit) < 0 ||
	    store_col_small(r, 11, &a->correct) < 0)
		return -1;
	if (!strcmp(status, "submitted"))
		a->submitted = 1;
	else if (strcmp(status, "open"))
		return -1;
	return 0;
}

int store_decode_item(const struct store_row *r, struct exam_item_row *row,
		      struct store_lists *l)
{
	int64_t position = row_i64(r, 1);

	memset(row, 0, sizeof *row);
	row->attempt_id = row_i64(r, 0);
	row->rec.mode = MODE_EXAM;
	if (position < 0 || position > UINT_MAX ||
	    store_decode_record(r, &row->rec, &row->picked_role, l) < 0)
		return -1;
	row->position = (unsigned)position;
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

int store_decode_game(const struct store_row *r, struct store_trivia_game *g)
{
	const char *kind = row_text(r, 2);
	int status = store_trivia_status_parse(row_text(r, 7));
	int phase = store_word_index(store_trivia_phases,
				     STORE_COUNT(store_trivia_phases), row_text(r, 8));

	memset(g, 0, sizeof *g);
	g->id = row_i64(r, 0);
	if (store_col_copy(r, 1, g->code, sizeof g->code) < 0 ||
	    store_col_copy(r, 3, g->host_user, sizeof g->host_user) < 0 || !kind ||
	    (strcmp(kind, "hosted") && strcmp(kind, "hotseat")) || status < 0 ||
	    phase < 0 || store_parse_u64(row_text(r, 9), &g->seed) < 0 ||
	    store_col_small(r, 10, &g->rounds) < 0 ||
	    store_col_small(r, 12, &g->points) < 0 ||
	    store_col_small(r, 18, &g->current_round) < 0)
		return -1;
	g->hosted = !strcmp(kind, "hosted");
	g->created_at = row_i64(r, 4);
	g->started_at = row_i64(r, 5);
	g->ended_at = row_i64(r, 6);
	g->status = (enum store_trivia_status)status;
	g->phase = (enum store_trivia_phase)phase;
	g->time_limit_ms = row_i64(r, 11);
	g->speed = row_i64(r, 13) != 0;
	g->streak = row_i64(r, 14) != 0;
	g->teams = row_i64(r, 15) != 0;
	g->banks = row_text(r, 16);
	g->bank_files = row_text(r, 17);
	g->round_started_at_ms = row_i64(r, 19);
	g->host_seen_ms = row_i64(r, 20);
	return g->banks && g->bank_files ? 0 : -1;
}

int store_decode_player(const struct store_row *r, struct store_trivia_player *p)
{
	int64_t picked = row_i64(r, 9);

	memset(p, 0, sizeof *p);
	if (store_col_copy(r, 0, p->name, sizeof p->name) < 0 ||
	    store_col_small(r, 1, &p->seat) < 0 ||
	    store_col_small(r, 6, &p->right) < 0 ||
	    store_col_small(r, 7, &p->streak) < 0)
		return -1;
	p->joined_at = row_i64(r, 2);
	p->last_seen_ms = row_i64(r, 3);
	p->absent = row_i64(r, 4) != 0;
	p->removed = row_i64(r, 4) == STORE_TRIVIA_ABSENT_REMOVED;
	p->score = row_i64(r, 5);
	p->time_ms = row_i64(r, 8);
	p->answered = !r->ops->is_null(r, 9);
	p->picked = -1;
	p->points = -1;
	if (!p->answered)
		return 0;
	if (picked < -1 || picked >= BANK_MAX_OPTIONS)
		return -1;
	p->picked = (int)picked;
	p->correct = row_i64(r, 10) != 0;
	p->elapsed_ms = row_i64(r, 11);
	if (!r->ops->is_null(r, 12))
		p->points = (int)row_i64(r, 12);
	return 0;
}

int store_decode_round(const struct store_row *r, struct store_trivia_round *rd,
		       char *choices)
{
	char *parts[BANK_MAX_OPTIONS];
	int n;

	memset(rd, 0, sizeof *rd);
	rd->bank_id = row_text(r, 1);
	rd->question_id = row_text(r, 2);
	if (store_col_small(r, 0, &rd->round) < 0 || !rd->bank_id ||
	    !rd->question_id || store_col_copy(r, 3, choices, STORE_LIST_MAX) < 0 ||
	    (n = store_split(choices, parts, 1)) < 1)
		return -1;
	rd->n_shown = (unsigned)n;
	for (int i = 0; i < n; i++)
		if (store_parse_uint(parts[i], &rd->shown_choices[i]) < 0)
			return -1;
	return 0;
}

/*
 * rolecall report --items: item analysis, so bank authors find questions
 * that are too easy, too hard or misleading.
 *
 * For each question:
 *   facility        right answers / answers, over every recorded answer
 *                   (practice, drill and exams alike);
 *   picks           how often each option (by its place in the bank) was
 *                   picked, and how often nothing was;
 *   discrimination  as Moodle's quiz statistics compute it: the corrected
 *                   item-total correlation, the Pearson correlation over
 *                   submitted exam attempts between the question's score x
 *                   (0 or 1) and the attempt's share right of its OTHER
 *                   questions, y = (C - x) / (N - 1) for C right of N.
 *                   With exams of one length that is the correlation with
 *                   the rest score C - x itself.  Undefined (null) with
 *                   fewer than two attempts or when x or y never varies.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "app.h"
#include "report.h"
#include "rolecall/emit.h"
#include "rolecall/stats.h"
#include "strmap.h"

/* Below this many answers a facility says little: no notes. */
#define ITEMS_MIN_ANSWERS 5
#define ITEMS_EASY 0.9
#define ITEMS_HARD 0.3

struct item {
	char *id, *bank;
	const struct bank_question *q;  /* NULL when no loaded bank has it */
	unsigned answers, correct, no_answer;
	unsigned picks[BANK_MAX_OPTIONS];
	unsigned n_choices;
	unsigned n_exam;                 /* attempts in the correlation */
	double sx, sy, sxx, syy, sxy;
	long rank;
};

/* One submitted attempt as it is read: its questions' items and scores. */
struct attempt_buf {
	int64_t id;
	size_t n, cap;
	long *item;        /* index into items, or -1 for a bank left out */
	unsigned char *x;
};

struct items {
	const struct report *rp;
	struct item *v;
	size_t n, cap;
	struct strmap by_id;   /* question id -> index + 1 */
	unsigned attempts;
	uint64_t answers;
	struct attempt_buf cur;
	int oom;
};

/* ---- collecting ---- */

static int bank_chosen(const struct report *rp, const char *bank)
{
	if (!rp->cli->n_banks)
		return 1;
	for (size_t i = 0; i < rp->n_banks; i++)
		if (!strcmp(rp->banks[i]->id, bank))
			return 1;
	return 0;
}

/* Where a known question sorts: bank by bank, in file order. */
static long item_rank(const struct report *rp, const struct bank_question *q)
{
	for (size_t b = 0; q && b < catalog_bank_count(rp->cat); b++)
		if (catalog_bank(rp->cat, b) == q->bank)
			return (long)b * (1L << 24) + (long)(q - q->bank->questions);
	return -1;
}

static int item_new(struct items *it, const char *id, const char *bank)
{
	struct item *m;

	if (report_grow(&it->v, &it->cap, it->n, sizeof *it->v, 64) < 0)
		return -1;
	m = &it->v[it->n];
	memset(m, 0, sizeof *m);
	m->id = strdup(id);
	m->bank = strdup(bank);
	it->n++;
	if (!m->id || !m->bank ||
	    strmap_put(&it->by_id, m->id, (void *)(uintptr_t)it->n) < 0)
		return -1;
	m->q = catalog_find_question(it->rp->cat, id);
	if (m->q && strcmp(m->q->bank->id, bank))
		m->q = NULL; /* another bank's question by that id: not this one */
	m->rank = item_rank(it->rp, m->q);
	m->n_choices = m->q ? m->q->n_choices : 0;
	return (int)(it->n - 1);
}

/* The index of a question's item, made on first sight; -1 when its bank
 * is left out or memory ran out (it->oom). */
static long item_of(struct items *it, const struct answer_record *rec)
{
	uintptr_t k = (uintptr_t)strmap_get(&it->by_id, rec->question_id);
	int made;

	if (k)
		return (long)k - 1;
	if (!bank_chosen(it->rp, rec->bank_id))
		return -1;
	if ((made = item_new(it, rec->question_id, rec->bank_id)) < 0)
		it->oom = 1;
	return made;
}

static void count_answer(struct items *it, struct item *m, const struct answer_record *rec)
{
	m->answers++;
	m->correct += rec->correct != 0;
	it->answers++;
	for (unsigned k = 0; k < rec->n_shown; k++)
		if (rec->shown_choices[k] < BANK_MAX_OPTIONS &&
		    rec->shown_choices[k] >= m->n_choices && !m->q)
			m->n_choices = rec->shown_choices[k] + 1;
	if (rec->picked < 0)
		m->no_answer++;
	else if (rec->shown_choices[rec->picked] < BANK_MAX_OPTIONS)
		m->picks[rec->shown_choices[rec->picked]]++;
}

static int take_answer(void *ctx, const struct log_row *row)
{
	struct items *it = ctx;
	long i;

	if (row->rec.answered_at < it->rp->filter.since ||
	    (it->rp->cli->has_mode && (int)row->rec.mode != it->rp->cli->mode) ||
	    (i = item_of(it, &row->rec)) < 0)
		return it->oom;
	count_answer(it, &it->v[i], &row->rec);
	return 0;
}

/* The attempt read so far is complete: add each of its questions' (x, y)
 * to that question's sums. */
static void attempt_flush(struct items *it)
{
	struct attempt_buf *a = &it->cur;
	unsigned total = 0;

	for (size_t k = 0; k < a->n; k++)
		total += a->x[k];
	if (a->n >= 2)
		it->attempts++;
	for (size_t k = 0; k < a->n && a->n >= 2; k++) {
		struct item *m;
		double x = a->x[k], y = (double)(total - a->x[k]) / (double)(a->n - 1);

		if (a->item[k] < 0)
			continue;
		m = &it->v[a->item[k]];
		m->n_exam++;
		m->sx += x;
		m->sy += y;
		m->sxx += x * x;
		m->syy += y * y;
		m->sxy += x * y;
	}
	a->n = 0;
}

static int attempt_push(struct attempt_buf *a, long item, int x)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 32;
		long *iv = realloc(a->item, cap * sizeof *iv);
		unsigned char *xv;

		if (!iv)
			return -1;
		a->item = iv;
		if (!(xv = realloc(a->x, cap)))
			return -1;
		a->x = xv;
		a->cap = cap;
	}
	a->item[a->n] = item;
	a->x[a->n++] = (unsigned char)(x != 0);
	return 0;
}

static int take_exam_item(void *ctx, const struct exam_item_row *row)
{
	struct items *it = ctx;
	long i;

	if (it->cur.n && row->attempt_id != it->cur.id)
		attempt_flush(it);
	it->cur.id = row->attempt_id;
	i = item_of(it, &row->rec);
	if (it->oom || attempt_push(&it->cur, i, row->rec.correct) < 0)
		return it->oom = 1;
	/* An exam question left unanswered is kept with its attempt, not in
	 * the log: the item analysis scores it as the exam does, as a miss. */
	if (i >= 0 && row->rec.picked < 0)
		count_answer(it, &it->v[i], &row->rec);
	return 0;
}

static int cmp_items(const void *x, const void *y)
{
	const struct item *a = x, *b = y;

	if (a->rank >= 0 && b->rank >= 0)
		return (a->rank > b->rank) - (a->rank < b->rank);
	if ((a->rank >= 0) != (b->rank >= 0))
		return a->rank >= 0 ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Exams' own rows (their unanswered questions, the correlation) unless
 * --mode leaves exam answers out. */
static int with_exams(const struct options *cli)
{
	return !cli->has_mode || cli->mode == MODE_EXAM;
}

static int collect(struct items *it)
{
	struct exam_filter exams = it->rp->filter;
	struct rc_error err;

	exams.submitted_only = 1;
	if (store_each_answer(it->rp->store, it->rp->filter.user_id, take_answer, it,
			      &err) < 0 ||
	    (!it->oom && with_exams(it->rp->cli) &&
	     store_each_exam_item(it->rp->store, &exams, take_exam_item, it, &err) < 0)) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (it->oom) {
		app_fail("out of memory");
		return -1;
	}
	attempt_flush(it);
	/* sorting moves the items: the map's values are stale from here on */
	if (it->n)
		qsort(it->v, it->n, sizeof *it->v, cmp_items);
	return 0;
}

/* ---- the measures ---- */

static double facility(const struct item *m)
{
	return m->answers ? (double)m->correct / m->answers : 0;
}

/* 1 and *r when the correlation is defined. */
static int discrimination(const struct item *m, double *r)
{
	double n = m->n_exam;
	double vx = n * m->sxx - m->sx * m->sx, vy = n * m->syy - m->sy * m->sy;

	/* a variance that is zero up to rounding means nothing varied */
	if (m->n_exam < 2 || vx <= 1e-12 * n * n || vy <= 1e-12 * n * n)
		return 0;
	*r = (n * m->sxy - m->sx * m->sy) / sqrt(vx * vy);
	return 1;
}

/* The option most picked among the wrong ones, when it beats the answer. */
static int strong_distractor(const struct item *m)
{
	int best = -1;

	if (!m->q)
		return -1;
	for (unsigned k = 0; k < m->n_choices; k++)
		if (k != m->q->correct && m->picks[k] > m->picks[m->q->correct] &&
		    (best < 0 || m->picks[k] > m->picks[best]))
			best = (int)k;
	return best;
}

/* What a bank author should look at, "; "-separated; "" when nothing. */
static void notes(const struct item *m, char *buf, size_t len)
{
	double r;
	size_t at = 0;
	int d = strong_distractor(m);

	buf[0] = '\0';
	if (m->answers >= ITEMS_MIN_ANSWERS && facility(m) >= ITEMS_EASY)
		at += (size_t)snprintf(buf + at, len - at, "%seasy", at ? "; " : "");
	if (m->answers >= ITEMS_MIN_ANSWERS && facility(m) <= ITEMS_HARD && at < len)
		at += (size_t)snprintf(buf + at, len - at, "%shard", at ? "; " : "");
	if (discrimination(m, &r) && r < 0 && at < len)
		at += (size_t)snprintf(buf + at, len - at, "%snegative discrimination",
				       at ? "; " : "");
	if (d >= 0 && m->answers >= ITEMS_MIN_ANSWERS && at < len)
		snprintf(buf + at, len - at, "%soption %d is picked more than the answer",
			 at ? "; " : "", d + 1);
}

/* ---- output ---- */

/* The columns a text line may take: the terminal's when the report goes
 * to one, else 80; never fewer than 40. */
static size_t line_width(FILE *out)
{
	struct winsize ws;

	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col < 40 ? 40 : ws.ws_col;
	return 80;
}

static void text_item(const struct item *m, size_t width, FILE *out)
{
	char disc[16] = "-", note[256];
	double r;

	if (discrimination(m, &r))
		report_fixed(disc, sizeof disc, r, 2);
	emit_cell(out, m->id, 32, 0);
	fprintf(out, " %7u %8u%% %15s %6u\n", m->answers,
		stats_percent(m->correct, m->answers), disc, m->n_exam);
	/* bytes, not columns: a clip in bytes never runs wider; "  " and "..." */
	fputs("  ", out);
	if (m->q)
		emit_clipped(out, m->q->prompt, width - 5);
	else
		fputs("(no loaded bank has this question)", out);
	fputc('\n', out);
	for (unsigned k = 0; k < m->n_choices; k++) {
		fprintf(out, "  %6u  %c ", m->picks[k], m->q && k == m->q->correct ? '*' : ' ');
		if (m->q)
			emit_clipped(out, m->q->choices[k].text, 64);
		else
			fprintf(out, "choice %u", k + 1);
		fputc('\n', out);
	}
	if (m->no_answer)
		fprintf(out, "  %6u    (no answer)\n", m->no_answer);
	notes(m, note, sizeof note);
	if (*note)
		fprintf(out, "  note: %s\n", note);
}

/* Every question with a note, in one list a bank author can work through. */
static void text_flagged(const struct items *it, FILE *out)
{
	char note[256];
	unsigned n = 0;

	for (size_t i = 0; i < it->n; i++) {
		notes(&it->v[i], note, sizeof note);
		n += *note != '\0';
	}
	fprintf(out, "\nFlagged questions: %u\n", n);
	for (size_t i = 0; i < it->n; i++) {
		notes(&it->v[i], note, sizeof note);
		if (!*note)
			continue;
		fputs("  ", out);
		emit_cell(out, it->v[i].id, 24, 0);
		fprintf(out, " %s\n", note);
	}
}

static void print_text(const struct items *it, FILE *out)
{
	const struct options *cli = it->rp->cli;
	size_t width = line_width(out);

	fputs("Item analysis of ", out);
	emit_text(out, it->rp->who ? it->rp->who : "every user");
	fprintf(out, "'s %s%sanswers: %zu questions, %" PRIu64 " answers;\n"
		"discrimination over %u submitted exam attempts.\n",
		cli->has_mode ? session_mode_name(cli->mode) : "", cli->has_mode ? " " : "",
		it->n, it->answers, it->attempts);
	fputs("Facility: the share of answers that were right.  Discrimination: how the\n"
	      "question correlates with the rest of the exam, -1 to 1 (0.3 and more is\n"
	      "good; below 0 it misleads those who know the rest).  * marks the answer.\n",
	      out);
	if (!it->n) {
		fputs("\nNo answers yet.\n", out);
		return;
	}
	fprintf(out, "\n%-32s %7s %9s %15s %6s\n", "Question", "Answers", "Facility",
		"Discrimination", "Exams");
	for (size_t i = 0; i < it->n; i++)
		text_item(&it->v[i], width, out);
	text_flagged(it, out);
}

static void csv_item(const struct item *m, FILE *out)
{
	char num[32], note[256];
	double r;

	emit_csv_field(out, m->bank);
	putc(',', out);
	emit_csv_field(out, m->id);
	report_fixed(num, sizeof num, facility(m), 4);
	fprintf(out, ",%u,%u,%s,%u,", m->answers, m->correct, num, m->no_answer);
	if (m->q)
		fprintf(out, "%u", m->q->correct + 1);
	putc(',', out);
	for (unsigned k = 0; k < m->n_choices; k++)
		fprintf(out, "%s%u", k ? ";" : "", m->picks[k]);
	fprintf(out, ",%u,", m->n_exam);
	if (discrimination(m, &r)) {
		report_fixed(num, sizeof num, r, 4);
		fputs(num, out);
	}
	putc(',', out);
	notes(m, note, sizeof note);
	emit_csv_field(out, note);
	putc('\n', out);
}

static void json_options(const struct item *m, FILE *out)
{
	fputs(", \"options\": [", out);
	for (unsigned k = 0; k < m->n_choices; k++) {
		fprintf(out, "%s{\"choice\": %u, \"text\": ", k ? ", " : "", k + 1);
		emit_json_string(out, m->q ? m->q->choices[k].text : NULL);
		fprintf(out, ", \"right\": %s, \"picks\": %u}",
			!m->q ? "null" : k == m->q->correct ? "true" : "false", m->picks[k]);
	}
	fputc(']', out);
}

static void json_item(const struct item *m, FILE *out)
{
	char num[32], note[256];
	double r;

	fputs("{\"bank\": ", out);
	emit_json_string(out, m->bank);
	fputs(", \"question\": ", out);
	emit_json_string(out, m->id);
	fputs(", \"prompt\": ", out);
	emit_json_string(out, m->q ? m->q->prompt : NULL);
	report_fixed(num, sizeof num, facility(m), 4);
	fprintf(out, ", \"answers\": %u, \"correct\": %u, \"facility\": %s, "
		"\"no_answer\": %u", m->answers, m->correct, num, m->no_answer);
	json_options(m, out);
	fprintf(out, ", \"exam_attempts\": %u, \"discrimination\": ", m->n_exam);
	if (discrimination(m, &r)) {
		report_fixed(num, sizeof num, r, 4);
		fputs(num, out);
	} else {
		fputs("null", out);
	}
	notes(m, note, sizeof note);
	fputs(", \"notes\": ", out);
	emit_json_string(out, note);
	fputc('}', out);
}

static void print_items(const struct items *it, const char *fmt, FILE *out)
{
	if (!strcmp(fmt, "csv")) {
		fputs("bank,question,answers,correct,facility,no_answer,right_choice,picks,"
		      "exam_attempts,discrimination,notes\n", out);
		for (size_t i = 0; i < it->n; i++)
			csv_item(&it->v[i], out);
	} else if (!strcmp(fmt, "json")) {
		fputc('[', out);
		for (size_t i = 0; i < it->n; i++) {
			fputs(i ? ",\n " : "\n ", out);
			json_item(&it->v[i], out);
		}
		fputs(it->n ? "\n]\n" : "]\n", out);
	} else {
		print_text(it, out);
	}
}

/* One question of the HTML table: the prompt in full, since a manager
 * reads it on a page rather than in a terminal's row. */
static void html_item(const struct item *m, FILE *out)
{
	char num[32];

	report_fixed(num, sizeof num, facility(m), 4);
	fputs("<tr class=\"item\" data-bank=\"", out);
	emit_html(out, m->bank);
	fputs("\" data-question=\"", out);
	emit_html(out, m->id);
	fprintf(out, "\" data-answers=\"%u\" data-correct=\"%u\" data-facility=\"%s\">"
		"<td>", m->answers, m->correct, num);
	emit_html(out, m->id);
	fputs("</td><td class=\"prompt\">", out);
	if (m->q)
		emit_html_lines(out, m->q->prompt);
	else
		fputs("<span class=\"muted\">(no loaded bank has it)</span>", out);
	fprintf(out, "</td><td class=\"num\">%u</td><td class=\"nowrap\">", m->answers);
	report_html_bar(out, m->correct, m->answers);
	fprintf(out, " %u%%</td></tr>\n", stats_percent(m->correct, m->answers));
}

static void print_html(const struct items *it, FILE *out)
{
	fprintf(out, "<p class=\"muted\">Facility: the share of answers that were right, "
		"over every recorded answer (%" PRIu64 " answers).</p>\n", it->answers);
	if (!it->n) {
		fputs("<p class=\"muted\">No answers yet.</p>\n", out);
		return;
	}
	fputs("<table id=\"facility\">\n<tr><th>Question</th><th>Prompt</th>"
	      "<th>Answers</th><th>Facility</th></tr>\n", out);
	for (size_t i = 0; i < it->n; i++)
		html_item(&it->v[i], out);
	fputs("</table>\n", out);
}

static int items_run(const struct report *rp, const char *fmt, FILE *out)
{
	struct items it = { .rp = rp };
	int rc;

	strmap_init(&it.by_id);
	rc = collect(&it);
	if (rc == 0 && !strcmp(fmt, "html"))
		print_html(&it, out);
	else if (rc == 0)
		print_items(&it, fmt, out);
	for (size_t i = 0; i < it.n; i++) {
		free(it.v[i].id);
		free(it.v[i].bank);
	}
	free(it.v);
	free(it.cur.item);
	free(it.cur.x);
	strmap_free(&it.by_id);
	return rc;
}

int report_items(const struct report *rp)
{
	return items_run(rp, rp->cli->format ? rp->cli->format : "text", rp->out);
}

/* Over every answer, as --items counts them: --exam chooses a cohort's
 * attempts, not which answers say how hard a question is. */
int report_items_html(const struct report *rp, FILE *out)
{
	struct report all = *rp;

	all.filter.definition = NULL;
	return items_run(&all, "html", out);
}

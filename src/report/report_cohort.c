/*
 * report_cohort — 'rolecall report --cohort' for an onboarding manager:
 * one row per person (attempts, best and latest score, whether and when
 * they passed, the time the passing or else the latest attempt took),
 * those who have not taken it, and what the group confuses: the most
 * confused pairs and the weakest roles over everyone's answers summed.
 *
 * Who is in the cohort: on a database that binds profiles to logins, the
 * logins granted learner (store_each_learner), with or without a profile;
 * elsewhere every profile; and in both, anyone with an attempt the filter
 * selects.  --user narrows it to one person.  The attempts are those of
 * --since and --exam; the pairs and roles are each person's whole history
 * (practice, drills, exams), as 'rolecall stats' shows it.
 *
 * Times are UTC.  A report never creates a profile.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "report.h"
#include "rolecall/emit.h"
#include "rolecall/exam.h"
#include "rolecall/explain.h"
#include "rolecall/stats.h"
#include "strmap.h"

#define COHORT_TOP 5 /* pairs and roles in the text */
#define COHORT_WIDTH 80 /* columns of the text */

/* A submitted attempt, as the cohort weighs it. */
struct try {
	int64_t id, started_at, ended_at;
	unsigned correct, count, pass_mark;
};

struct person {
	char *name;
	int64_t user_id;        /* 0: no profile yet */
	unsigned attempts, open;
	int has_best, has_pass; /* latest is set whenever best is */
	struct try best, latest, pass; /* pass: the first passing attempt */
};

struct cohort {
	const struct report *rp;
	struct person *v;
	size_t n;
	struct report_people people; /* finds v's records while gathering */
	struct strmap by_name;  /* name -> index + 1; only while gathering */
	int learners;           /* 1: the granted learners are the roster */
	struct history *group;  /* everyone's tallies and confusions summed */
	int oom;
};

enum status { ST_PASSED, ST_NOT_PASSED, ST_OPEN, ST_NOT_TAKEN, ST_COUNT };

static const char *const status_word[ST_COUNT] = {
	"passed", "not passed", "not submitted", "not taken",
};

static enum status status_of(const struct person *p)
{
	if (p->has_pass)
		return ST_PASSED;
	if (p->has_best)
		return ST_NOT_PASSED;
	return p->attempts ? ST_OPEN : ST_NOT_TAKEN;
}

/* The attempt whose time the report shows, and which one it is. */
static const struct try *timed_try(const struct person *p, const char **which)
{
	*which = p->has_pass ? "pass" : p->has_best ? "latest" : NULL;
	return p->has_pass ? &p->pass : p->has_best ? &p->latest : NULL;
}

/* ---- gathering ---- */

/* The person called name, added when new and in the cohort; NULL when
 * --user leaves them out, or out of memory (then c->oom). */
static struct person *person_of(struct cohort *c, const char *name, int add)
{
	long at = report_person(&c->people, name,
				add && !(c->rp->who && strcmp(c->rp->who, name)));

	if (at < 0)
		c->oom = 1;
	return at > 0 ? &c->v[at - 1] : NULL;
}

static int take_learner(void *ctx, const char *name)
{
	struct cohort *c = ctx;

	return !person_of(c, name, 1) && c->oom;
}

/* Attempts come oldest first: the last one seen is the latest. */
static int take_attempt(void *ctx, const struct exam_attempt *a)
{
	struct cohort *c = ctx;
	struct person *p = person_of(c, a->user, 1);
	struct try t = { a->id, a->started_at, a->ended_at, a->correct, a->count,
			 a->pass_mark };

	if (!p)
		return c->oom;
	p->attempts++;
	if (!a->submitted) {
		p->open++;
		return 0;
	}
	/* the higher share right; a tie keeps the earlier */
	if (!p->has_best || (uint64_t)t.correct * p->best.count >
			    (uint64_t)p->best.correct * t.count)
		p->best = t;
	p->has_best = 1;
	p->latest = t;
	if (!p->has_pass && exam_passes(t.correct, t.count, t.pass_mark)) {
		p->pass = t;
		p->has_pass = 1;
	}
	return 0;
}

/* Where nobody is granted learner, every profile is in the cohort; where
 * they are, a profile only tells whose history to read. */
static int take_profile(void *ctx, const struct store_profile *sp)
{
	struct cohort *c = ctx;
	struct person *p = person_of(c, sp->name, !c->learners);

	if (p)
		p->user_id = sp->id;
	return c->oom;
}

static int by_name(const void *a, const void *b)
{
	return report_name_order(((const struct person *)a)->name,
				 ((const struct person *)b)->name);
}

/* Everyone's role tallies and confusions, added up person by person. */
static int add_histories(struct cohort *c, struct rc_error *err)
{
	struct history *one = history_new();
	int rc = 0;

	if (!one || !(c->group = history_new())) {
		history_free(one);
		c->oom = 1;
		return 0;
	}
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		if (!c->v[i].user_id)
			continue;
		history_clear(one);
		rc = store_load_history(c->rp->store, c->v[i].user_id, one, err);
		if (rc == 0 && history_add(c->group, one) < 0) {
			c->oom = 1;
			rc = -1;
		}
	}
	history_free(one);
	return rc;
}

static int gather(struct cohort *c)
{
	struct store *s = c->rp->store;
	struct rc_error err;
	int rc;

	strmap_init(&c->by_name);
	c->people = (struct report_people){ (void **)&c->v, &c->n, sizeof *c->v, 0,
					    &c->by_name };
	rc = c->learners = store_each_learner(s, take_learner, c, &err);
	if (rc >= 0 && !c->oom)
		rc = store_each_attempt(s, &c->rp->filter, take_attempt, c, &err);
	if (rc >= 0 && !c->oom)
		rc = store_each_profile(s, take_profile, c, &err);
	strmap_free(&c->by_name);
	if (rc >= 0 && !c->oom) {
		if (c->n) /* an empty cohort has no array, and qsort needs one */
			qsort(c->v, c->n, sizeof *c->v, by_name);
		rc = add_histories(c, &err);
	}
	if (c->oom)
		app_fail("cannot add up the cohort: out of memory, or its answers name "
			 ROLECALL_ROLES_FULL, ROLECALL_MAX_ROLES);
	else if (rc < 0)
		app_fail("%s", err.msg);
	return c->oom || rc < 0 ? -1 : 0;
}

static void cohort_free(struct cohort *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
	history_free(c->group);
}

/* qsort's comparator has no context: the history being ranked. */
struct pair_rank {
	struct stats_pair p;
	const struct history *h;
};

/* Worst first by stats_top_pairs' score, then the more confusions, then
 * by the roles' ids: one order whichever order the profiles were added in. */
static int pair_order(const void *x, const void *y)
{
	const struct pair_rank *a = x, *b = y;
	uint32_t ca = history_confusion(a->h, a->p.answer, a->p.picked)->count;
	uint32_t cb = history_confusion(b->h, b->p.answer, b->p.picked)->count;
	int by_id = strcmp(history_role_id(a->h, a->p.answer), history_role_id(b->h, b->p.answer));

	if (a->p.score != b->p.score)
		return a->p.score < b->p.score ? 1 : -1;
	if (ca != cb)
		return ca < cb ? 1 : -1;
	return by_id ? by_id : strcmp(history_role_id(a->h, a->p.picked),
				      history_role_id(b->h, b->p.picked));
}

static int sort_pairs(const struct history *h, struct stats_pair *pairs, unsigned n)
{
	struct pair_rank *r = malloc((n ? n : 1) * sizeof *r);

	if (!r)
		return -1;
	for (unsigned i = 0; i < n; i++)
		r[i] = (struct pair_rank){ pairs[i], h };
	qsort(r, n, sizeof *r, pair_order);
	for (unsigned i = 0; i < n; i++)
		pairs[i] = r[i].p;
	free(r);
	return 0;
}

/* The group's pairs, worst first (all of them, for JSON), and its roles,
 * weakest first; out of memory is said and is -1. */
static int ranked(const struct cohort *c, struct stats_pair **pairs, unsigned *n_pairs,
		  unsigned **roles, unsigned *n_roles)
{
	unsigned n = history_role_count(c->group), max = n ? n * n : 1;

	/* n * n pairs at most (n <= ROLECALL_MAX_ROLES): a few hundred KB */
	*pairs = malloc(max * sizeof **pairs);
	*roles = malloc((n ? n : 1) * sizeof **roles);
	if (*pairs && *roles) {
		*n_pairs = stats_top_pairs(c->group, *pairs, max);
		*n_roles = stats_weak_roles(c->group, *roles, n);
		if (sort_pairs(c->group, *pairs, *n_pairs) == 0)
			return 0;
	}
	free(*pairs);
	free(*roles);
	*pairs = NULL;
	*roles = NULL;
	app_fail("out of memory");
	return -1;
}

/* ---- text ---- */

static void score_text(char *buf, size_t len, const struct try *t, int has)
{
	if (has)
		snprintf(buf, len, "%u/%u %3u%%", t->correct, t->count,
			 stats_percent(t->correct, t->count));
	else
		snprintf(buf, len, "-");
}

static void text_person(const struct person *p, int uw, FILE *out)
{
	char best[32], latest[32], passed[32], took[48], d[24], tries[16];
	const char *which;
	const struct try *t = timed_try(p, &which);

	score_text(best, sizeof best, &p->best, p->has_best);
	score_text(latest, sizeof latest, &p->latest, p->has_best);
	if (p->has_pass)
		report_text_time(passed, sizeof passed, p->pass.ended_at, REPORT_DATE);
	else
		snprintf(passed, sizeof passed, "%s", status_word[status_of(p)]);
	snprintf(took, sizeof took, "-");
	if (t) {
		report_duration(d, sizeof d, t->ended_at - t->started_at);
		snprintf(took, sizeof took, "%s (%s)", d, which);
	}
	snprintf(tries, sizeof tries, "%u", p->attempts);
	emit_cell(out, p->name, uw, 0);
	fprintf(out, " %5s  %-11s  %-11s  %-13s  %s\n", tries, best, latest, passed, took);
}

/* Which exam the cohort is of, each text through emit (text or HTML). */
static void exam_named(const struct report *rp, void (*emit)(FILE *, const char *),
		       const char *between, FILE *out)
{
	if (rp->exam) {
		emit(out, rp->exam->id);
		fputs(between, out);
		emit(out, rp->exam->title);
	} else {
		fputs("every exam attempt, whatever its rules", out);
	}
}

static void text_head(const struct cohort *c, const unsigned *count, FILE *out)
{
	const struct report *rp = c->rp;
	char since[32];

	fputs("Cohort report (times in UTC)\nExam:    ", out);
	exam_named(rp, emit_text, "  ", out);
	if (rp->filter.since != INT64_MIN) {
		report_text_time(since, sizeof since, rp->filter.since, REPORT_DATE);
		fprintf(out, "\nSince:   %s", since);
	}
	fprintf(out, "\nPeople:  %zu (%u passed, %u not passed, %u not submitted, "
		"%u not taken)\n", c->n, count[ST_PASSED], count[ST_NOT_PASSED],
		count[ST_OPEN], count[ST_NOT_TAKEN]);
}

static void text_people(const struct cohort *c, FILE *out)
{
	unsigned count[ST_COUNT] = { 0 };
	int uw = 14;

	for (size_t i = 0; i < c->n; i++) {
		count[status_of(&c->v[i])]++;
		if (emit_width(c->v[i].name) > uw)
			uw = emit_width(c->v[i].name);
	}
	text_head(c, count, out);
	if (!c->n) {
		fputs("\nNo one is in the cohort.\n", out);
		return;
	}
	fprintf(out, "\n%-*s %5s  %-11s  %-11s  %-13s  %s\n", uw, "User", "Tries", "Best",
		"Latest", "Passed", "Time");
	for (size_t i = 0; i < c->n; i++)
		text_person(&c->v[i], uw, out);
}

/* One line of the group's text, indented 2 and wrapped at spaces to
 * COHORT_WIDTH columns (the rest indented 4): a confusion between two
 * long role names would otherwise run past an 80-column terminal. */
static void text_wrapped(char *line, FILE *out)
{
	int col = 2, first = 1;
	char *save = NULL;

	fputs("  ", out);
	for (char *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int width = emit_width(w);

		if (!first && col + 1 + width > COHORT_WIDTH) {
			fputs("\n    ", out);
			col = 4;
		} else if (!first) {
			putc(' ', out);
			col++;
		}
		emit_text(out, w);
		col += width;
		first = 0;
	}
	putc('\n', out);
}

static void text_group(const struct cohort *c, const struct stats_pair *pairs,
		       unsigned n_pairs, const unsigned *roles, unsigned n_roles, FILE *out)
{
	const struct history *h = c->group;

	if (!n_roles)
		return;
	fputs("\nMost confused pairs (all answers of these people, not only exams):\n", out);
	for (unsigned i = 0; i < n_pairs && i < COHORT_TOP; i++) {
		const struct confusion_cell *cell = history_confusion(h, pairs[i].answer,
								      pairs[i].picked);
		char line[EXPLAIN_MAX];

		explain_confusion(line, sizeof line, NULL,
				  report_role_name(c->rp, history_role_id(h, pairs[i].picked)),
				  report_role_name(c->rp, history_role_id(h, pairs[i].answer)),
				  cell->count, cell->chances);
		text_wrapped(line, out);
	}
	if (!n_pairs)
		fputs("  none\n", out);
	fputs("\nWeakest roles (the same answers):\n", out);
	for (unsigned i = 0; i < n_roles && i < COHORT_TOP; i++) {
		const struct role_tally *t = history_role_tally(h, roles[i]);

		fputs("  ", out);
		emit_cell(out, report_role_name(c->rp, history_role_id(h, roles[i])), 28, 0);
		fprintf(out, " %u of %u right (%u%%)\n", t->correct, t->asked,
			stats_percent(t->correct, t->asked));
	}
}

/* ---- CSV ---- */

static void csv_score(const struct try *t, int has, FILE *out)
{
	if (has)
		fprintf(out, ",%u,%u,%u", t->correct, t->count, stats_percent(t->correct, t->count));
	else
		fputs(",,,", out);
}

/* One row per person, for a spreadsheet or an LMS's grade import; the
 * group's pairs and roles are in the text and the JSON. */
static void print_csv(const struct cohort *c, FILE *out)
{
	fputs("user,status,attempts,submitted,best_correct,best_count,best_percent,"
	      "latest_correct,latest_count,latest_percent,passed_at,duration_s,"
	      "duration_of\n", out);
	for (size_t i = 0; i < c->n; i++) {
		const struct person *p = &c->v[i];
		const char *which;
		const struct try *t = timed_try(p, &which);
		char at[32] = "";

		emit_csv_field(out, p->name);
		fprintf(out, ",%s,%u,%u", status_word[status_of(p)], p->attempts,
			p->attempts - p->open);
		csv_score(&p->best, p->has_best, out);
		csv_score(&p->latest, p->has_best, out);
		if (p->has_pass)
			report_iso_time(at, sizeof at, p->pass.ended_at);
		fprintf(out, ",%s,", at);
		if (t)
			fprintf(out, "%" PRId64 ",%s", t->ended_at - t->started_at, which);
		else
			putc(',', out);
		putc('\n', out);
	}
}

/* ---- JSON ---- */

static void json_score(const char *key, const struct try *t, int has, FILE *out)
{
	fprintf(out, ", \"%s\": ", key);
	if (!has) {
		fputs("null", out);
		return;
	}
	fprintf(out, "{\"attempt\": %" PRId64 ", \"correct\": %u, \"count\": %u, "
		"\"percent\": %u}", t->id, t->correct, t->count,
		stats_percent(t->correct, t->count));
}

static void json_person(const struct person *p, FILE *out)
{
	const char *which;
	const struct try *t = timed_try(p, &which);
	char at[32];

	fputs("{\"user\": ", out);
	emit_json_string(out, p->name);
	fprintf(out, ", \"status\": \"%s\", \"attempts\": %u, \"submitted\": %u",
		status_word[status_of(p)], p->attempts, p->attempts - p->open);
	json_score("best", &p->best, p->has_best, out);
	json_score("latest", &p->latest, p->has_best, out);
	report_iso_time(at, sizeof at, p->pass.ended_at);
	if (p->has_pass)
		fprintf(out, ", \"passed_at\": \"%s\"", at);
	else
		fputs(", \"passed_at\": null", out);
	if (t)
		fprintf(out, ", \"duration_s\": %" PRId64 ", \"duration_of\": \"%s\"}",
			t->ended_at - t->started_at, which);
	else
		fputs(", \"duration_s\": null, \"duration_of\": null}", out);
}

static void json_head(const struct report *rp, FILE *out)
{
	char since[32];

	fputs("{\"exam\": ", out);
	emit_json_string(out, rp->exam ? rp->exam->id : NULL);
	fputs(", \"exam_title\": ", out);
	emit_json_string(out, rp->exam ? rp->exam->title : NULL);
	report_iso_time(since, sizeof since, rp->filter.since);
	if (rp->filter.since != INT64_MIN)
		fprintf(out, ", \"since\": \"%s\"", since);
	else
		fputs(", \"since\": null", out);
	fputs(", \"user\": ", out);
	emit_json_string(out, rp->who);
}

static void json_pairs(const struct cohort *c, const struct stats_pair *pairs,
		       unsigned n, FILE *out)
{
	const struct history *h = c->group;

	fputs(",\n \"confusions\": [", out);
	for (unsigned i = 0; i < n; i++) {
		const char *a = history_role_id(h, pairs[i].answer);
		const char *p = history_role_id(h, pairs[i].picked);
		const struct confusion_cell *cell = history_confusion(h, pairs[i].answer,
								      pairs[i].picked);

		fputs(i ? ",\n  {\"answer\": " : "\n  {\"answer\": ", out);
		emit_json_string(out, a);
		fputs(", \"answer_name\": ", out);
		emit_json_string(out, report_role_name(c->rp, a));
		fputs(", \"picked\": ", out);
		emit_json_string(out, p);
		fputs(", \"picked_name\": ", out);
		emit_json_string(out, report_role_name(c->rp, p));
		fprintf(out, ", \"count\": %u, \"chances\": %u}", cell->count, cell->chances);
	}
	fputc(']', out);
}

static void json_roles(const struct cohort *c, const unsigned *roles, unsigned n,
		       FILE *out)
{
	const struct history *h = c->group;

	fputs(",\n \"roles\": [", out);
	for (unsigned i = 0; i < n; i++) {
		const struct role_tally *t = history_role_tally(h, roles[i]);
		const char *id = history_role_id(h, roles[i]);

		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", out);
		emit_json_string(out, id);
		fputs(", \"name\": ", out);
		emit_json_string(out, report_role_name(c->rp, history_role_id(h, roles[i])));
		fprintf(out, ", \"asked\": %u, \"correct\": %u, \"percent\": %u}", t->asked,
			t->correct, stats_percent(t->correct, t->asked));
	}
	fputc(']', out);
}

static void print_json(const struct cohort *c, const struct stats_pair *pairs,
		       unsigned n_pairs, const unsigned *roles, unsigned n_roles, FILE *out)
{
	json_head(c->rp, out);
	fputs(",\n \"people\": [", out);
	for (size_t i = 0; i < c->n; i++) {
		fputs(i ? ",\n  " : "\n  ", out);
		json_person(&c->v[i], out);
	}
	fputc(']', out);
	json_pairs(c, pairs, n_pairs, out);
	json_roles(c, roles, n_roles, out);
	fputs("}\n", out);
}

/* ---- HTML ---- */

static void html_score(const struct try *t, int has, FILE *out)
{
	if (has)
		fprintf(out, "<td class=\"num\">%u/%u %u%%</td>", t->correct, t->count,
			stats_percent(t->correct, t->count));
	else
		fputs("<td class=\"num\">-</td>", out);
}

static void html_person(const struct person *p, FILE *out)
{
	const char *which;
	const struct try *t = timed_try(p, &which);
	enum status st = status_of(p);
	char at[32] = "", d[24] = "-";

	if (p->has_pass)
		report_iso_time(at, sizeof at, p->pass.ended_at);
	if (t)
		report_duration(d, sizeof d, t->ended_at - t->started_at);
	fputs("<tr class=\"person\" data-user=\"", out);
	emit_html(out, p->name);
	fprintf(out, "\" data-status=\"%s\" data-attempts=\"%u\" data-submitted=\"%u\"",
		status_word[st], p->attempts, p->attempts - p->open);
	if (p->has_best)
		fprintf(out, " data-best-percent=\"%u\" data-latest-percent=\"%u\"",
			stats_percent(p->best.correct, p->best.count),
			stats_percent(p->latest.correct, p->latest.count));
	fprintf(out, " data-passed-at=\"%s\"><td>", at);
	emit_html(out, p->name);
	fprintf(out, "</td><td class=\"num\">%u</td>", p->attempts);
	html_score(&p->best, p->has_best, out);
	html_score(&p->latest, p->has_best, out);
	fprintf(out, "<td class=\"%s\">", st == ST_PASSED ? "passed" : st == ST_NOT_PASSED ?
		"not-passed" : "muted");
	if (p->has_pass) {
		at[10] = '\0';
		fputs(at, out);
	} else {
		fputs(status_word[st], out);
	}
	fprintf(out, "</td><td class=\"num\">%s%s%s%s</td></tr>\n", d, t ? " (" : "",
		t ? which : "", t ? ")" : "");
}

static void html_head(const struct cohort *c, FILE *out)
{
	const struct report *rp = c->rp;
	unsigned count[ST_COUNT] = { 0 }, pct;
	char since[32];

	for (size_t i = 0; i < c->n; i++)
		count[status_of(&c->v[i])]++;
	pct = stats_percent(count[ST_PASSED], c->n);
	fputs("<dl id=\"summary\"><dt>Exam</dt><dd id=\"exam\" data-exam=\"", out);
	emit_html(out, rp->exam ? rp->exam->id : "");
	fputs("\">", out);
	exam_named(rp, emit_html, " &mdash; ", out);
	report_text_time(since, sizeof since, rp->filter.since, REPORT_DATE);
	if (rp->filter.since != INT64_MIN)
		fprintf(out, "</dd><dt>Since</dt><dd>%s (UTC)", since);
	fprintf(out, "</dd><dt>People</dt><dd id=\"people\" data-people=\"%zu\">%zu "
		"(%u passed, %u not passed, %u not submitted, %u not taken)</dd>\n"
		"<dt>Pass rate</dt><dd id=\"pass-rate\" data-passed=\"%u\" data-people=\"%zu\" "
		"data-percent=\"%u\"><span class=\"big\">%u%%</span> ", c->n, c->n,
		count[ST_PASSED], count[ST_NOT_PASSED], count[ST_OPEN], count[ST_NOT_TAKEN],
		count[ST_PASSED], c->n, pct, pct);
	report_html_bar(out, count[ST_PASSED], (unsigned)c->n);
	fprintf(out, " %u of %zu passed</dd></dl>\n", count[ST_PASSED], c->n);
}

/* The weakest roles first, as the text lists them; n is at most a
 * history's ROLECALL_MAX_ROLES. */
static void html_roles(const struct cohort *c, const unsigned *roles, unsigned n, FILE *out)
{
	struct report_role_score v[ROLECALL_MAX_ROLES];

	for (unsigned i = 0; i < n && i < ROLECALL_MAX_ROLES; i++) {
		const struct role_tally *t = history_role_tally(c->group, roles[i]);

		v[i] = (struct report_role_score){ history_role_id(c->group, roles[i]),
			report_role_name(c->rp, history_role_id(c->group, roles[i])), t->correct,
			t->asked };
	}
	report_html_roles(out, v, n < ROLECALL_MAX_ROLES ? n : ROLECALL_MAX_ROLES);
}

static int print_html(const struct cohort *c, const unsigned *roles, unsigned n_roles,
		      FILE *out)
{
	report_html_begin(out, "Cohort report");
	html_head(c, out);
	fputs("<h2>People</h2>\n<table id=\"people-table\">\n<tr><th>User</th><th>Tries</th>"
	      "<th>Best</th><th>Latest</th><th>Passed</th><th>Time</th></tr>\n", out);
	for (size_t i = 0; i < c->n; i++)
		html_person(&c->v[i], out);
	fputs("</table>\n<p class=\"muted\">Times in UTC; the time is that of the passing "
	      "attempt, else of the latest.</p>\n<h2>What the group confuses</h2>\n"
	      "<p class=\"muted\">All answers of these people, not only exams.</p>\n", out);
	report_html_heatmap(out, c->rp, c->group);
	fputs("<h2>Accuracy per role</h2>\n", out);
	html_roles(c, roles, n_roles, out);
	fputs("<h2>Facility per question</h2>\n", out);
	if (report_items_html(c->rp, out) < 0)
		return -1;
	report_html_end(out);
	return 0;
}

int report_cohort(const struct report *rp)
{
	const char *fmt = rp->cli->format ? rp->cli->format : "text";
	struct cohort c = { .rp = rp };
	struct stats_pair *pairs = NULL;
	unsigned *roles = NULL, n_pairs, n_roles;
	int rc = -1;

	if (gather(&c) == 0 && ranked(&c, &pairs, &n_pairs, &roles, &n_roles) == 0) {
		rc = 0;
		if (!strcmp(fmt, "json")) {
			print_json(&c, pairs, n_pairs, roles, n_roles, rp->out);
		} else if (!strcmp(fmt, "html")) {
			rc = print_html(&c, roles, n_roles, rp->out);
		} else if (!strcmp(fmt, "csv")) {
			print_csv(&c, rp->out);
		} else {
			text_people(&c, rp->out);
			text_group(&c, pairs, n_pairs, roles, n_roles, rp->out);
		}
	}
	free(pairs);
	free(roles);
	cohort_free(&c);
	return rc;
}

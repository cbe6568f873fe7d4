/*
 * report_grades — 'rolecall export --format moodle-grades': a CSV that
 * Moodle's gradebook imports (Grades > Import > CSV file).
 *
 * The first column, "user", is the profile name: on import the manager
 * maps it ("Identify user by") to whichever Moodle field holds the same
 * name — username, ID number or email address.  Then one column per exam
 * defined in the database, headed by the exam's id (the name a new grade
 * item gets on import), holding the person's best score at it in percent
 * with two decimals: the highest share right over their submitted
 * attempts, as Moodle's own quizzes grade by default ("highest grade"),
 * so that a second try never lowers a pass already made.  A person who
 * has submitted no attempt at that exam gets an empty cell, which Moodle
 * skips, rather than a 0 that would read as a fail.  With --feedback each
 * grade column is followed by "ID feedback": the result in words.
 *
 * Who is listed is the cohort's rule (report_cohort.c): the granted
 * learners on a database that binds profiles to logins, else every
 * profile, and in both anyone with an attempt; --user narrows it to one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "paths.h"
#include "report.h"
#include "rolecall/emit.h"
#include "rolecall/exam.h"
#include "rolecall/stats.h"
#include "strmap.h"

/* One person's standing at one exam. */
struct standing {
	unsigned attempts, submitted;
	unsigned correct, count;   /* the best submitted attempt */
	int passed;
	int64_t passed_at;         /* the first passing attempt's end */
};

struct gperson {
	char *name;
	struct standing *at;       /* one per exam */
};

struct grades {
	const char *only;          /* --user, or NULL */
	char **exams;              /* the defined exams' ids, by id */
	size_t n_exams, exams_cap;
	struct gperson *v;
	size_t n;
	struct report_people people;
	struct strmap by_name;
	int learners, oom;
};

static int take_exam(void *ctx, const struct exam_def *d)
{
	struct grades *g = ctx;

	if (report_grow(&g->exams, &g->exams_cap, g->n_exams, sizeof *g->exams, 8) < 0)
		return g->oom = 1;
	if (!(g->exams[g->n_exams] = strdup(d->id)))
		return g->oom = 1;
	g->n_exams++;
	return 0;
}

/* The person called name, added when new and in the list; NULL when
 * --user leaves them out, or out of memory (then g->oom). */
static struct gperson *gperson_of(struct grades *g, const char *name)
{
	long at = report_person(&g->people, name, !(g->only && strcmp(g->only, name)));
	struct gperson *p = at > 0 ? &g->v[at - 1] : NULL;

	if (p && !p->at)
		p->at = calloc(g->n_exams ? g->n_exams : 1, sizeof *p->at);
	if (at < 0 || (p && !p->at)) {
		g->oom = 1;
		return NULL;
	}
	return p;
}

static int take_learner(void *ctx, const char *name)
{
	struct grades *g = ctx;

	return !gperson_of(g, name) && g->oom;
}

static int take_profile(void *ctx, const struct store_profile *sp)
{
	struct grades *g = ctx;

	return !g->learners && !gperson_of(g, sp->name) && g->oom;
}

/* Attempts come oldest first: the first pass seen is the first made. */
static int take_attempt(void *ctx, const struct exam_attempt *a)
{
	struct grades *g = ctx;
	struct gperson *p;
	struct standing *s;
	size_t e = 0;

	while (a->definition && e < g->n_exams && strcmp(g->exams[e], a->definition))
		e++;
	if (!a->definition || e == g->n_exams || !(p = gperson_of(g, a->user)))
		return g->oom;
	s = &p->at[e];
	s->attempts++;
	if (!a->submitted)
		return 0;
	/* the higher share right; a tie keeps the earlier */
	if (!s->submitted++ || (uint64_t)a->correct * s->count > (uint64_t)s->correct * a->count) {
		s->correct = a->correct;
		s->count = a->count;
	}
	if (!s->passed && exam_passes(a->correct, a->count, a->pass_mark)) {
		s->passed = 1;
		s->passed_at = a->ended_at;
	}
	return 0;
}

static int gperson_order(const void *a, const void *b)
{
	return report_name_order(((const struct gperson *)a)->name,
				 ((const struct gperson *)b)->name);
}

static int gather(struct grades *g, struct store *s, struct rc_error *err)
{
	struct exam_filter every = { 0, 0, INT64_MIN, 0, NULL };
	int rc = store_each_exam_def(s, take_exam, g, err);

	strmap_init(&g->by_name);
	g->people = (struct report_people){ (void **)&g->v, &g->n, sizeof *g->v, 0,
					    &g->by_name };
	if (rc >= 0 && !g->oom)
		rc = g->learners = store_each_learner(s, take_learner, g, err);
	if (rc >= 0 && !g->oom)
		rc = store_each_attempt(s, &every, take_attempt, g, err);
	if (rc >= 0 && !g->oom)
		rc = store_each_profile(s, take_profile, g, err);
	strmap_free(&g->by_name);
	if (rc >= 0 && !g->oom && g->n)
		qsort(g->v, g->n, sizeof *g->v, gperson_order);
	return rc < 0 ? -1 : 0;
}

static void grades_free(struct grades *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->v[i].name);
		free(g->v[i].at);
	}
	free(g->v);
	for (size_t e = 0; e < g->n_exams; e++)
		free(g->exams[e]);
	free(g->exams);
}

/* The result in words, for the learner reading it in Moodle. */
static void feedback(const struct standing *s, char *buf, size_t len)
{
	char when[32];

	if (!s->attempts) {
		buf[0] = '\0';
		return;
	}
	if (!s->submitted) {
		snprintf(buf, len, "not submitted");
		return;
	}
	report_text_time(when, sizeof when, s->passed_at, REPORT_DATE);
	snprintf(buf, len, "%s%s; best %u of %u right (%u%%) in %u attempt%s",
		 s->passed ? "passed on " : "not passed", s->passed ? when : "", s->correct,
		 s->count, stats_percent(s->correct, s->count), s->submitted,
		 s->submitted == 1 ? "" : "s");
}

static void print_row(const struct grades *g, const struct gperson *p, int with_feedback,
		      FILE *out)
{
	char num[32], words[160];

	emit_csv_field(out, p->name);
	for (size_t e = 0; e < g->n_exams; e++) {
		const struct standing *s = &p->at[e];

		num[0] = '\0';
		if (s->submitted)
			report_fixed(num, sizeof num, 100.0 * s->correct / s->count, 2);
		fprintf(out, ",%s", num);
		if (with_feedback) {
			feedback(s, words, sizeof words);
			putc(',', out);
			emit_csv_field(out, words);
		}
	}
	putc('\n', out);
}

static void print_grades(const struct grades *g, int with_feedback, FILE *out)
{
	fputs("user", out);
	for (size_t e = 0; e < g->n_exams; e++) {
		char head[160];

		putc(',', out);
		emit_csv_field(out, g->exams[e]);
		if (with_feedback) {
			snprintf(head, sizeof head, "%s feedback", g->exams[e]);
			putc(',', out);
			emit_csv_field(out, head);
		}
	}
	putc('\n', out);
	for (size_t i = 0; i < g->n; i++)
		print_row(g, &g->v[i], with_feedback, out);
}

int report_grades(const struct options *cli, FILE *out)
{
	struct grades g = { .only = cli->user };
	struct store *store = NULL;
	struct rc_error err;
	char path[4096];
	int rc = -1;

	if (cli->user && app_check_user(cli->user) < 0)
		return EXIT_USAGE;
	if (paths_db(cli->db, path, sizeof path, &err) < 0 ||
	    store_open_existing(path, &store, &err) < 0 || gather(&g, store, &err) < 0)
		app_fail("%s", err.msg);
	else if (g.oom)
		app_fail("out of memory");
	else
		rc = 0;
	if (rc == 0)
		print_grades(&g, cli->feedback, out);
	grades_free(&g);
	store_close(store);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

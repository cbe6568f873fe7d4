/*
 * report_users — 'rolecall users': the profiles of a database with their
 * first and last activity, answers and exam attempts, as a text table,
 * CSV or JSON.  On a shared database row-level security decides whose
 * profiles come back: a learner sees their own, a manager everyone's.
 * Times are UTC.  It never creates a profile or a database.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "paths.h"
#include "report.h"
#include "rolecall/emit.h"

struct user_row {
	struct store_profile p; /* p.name points at name */
	char *name;
};

struct users {
	struct user_row *v;
	size_t n, cap;
	int oom;
};

static int users_take(void *ctx, const struct store_profile *p)
{
	struct users *us = ctx;

	if (report_grow(&us->v, &us->cap, us->n, sizeof *us->v, 16) < 0)
		return us->oom = 1;
	us->v[us->n].p = *p;
	if (!(us->v[us->n].name = strdup(p->name)))
		return us->oom = 1;
	us->v[us->n].p.name = us->v[us->n].name;
	us->n++;
	return 0;
}

static void users_free(struct users *us)
{
	for (size_t i = 0; i < us->n; i++)
		free(us->v[i].name);
	free(us->v);
}

int report_name_order(const char *a, const char *b)
{
	for (size_t i = 0;; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];

		x += x >= 'A' && x <= 'Z' ? 'a' - 'A' : 0;
		y += y >= 'A' && y <= 'Z' ? 'a' - 'A' : 0;
		if (x != y)
			return x - y;
		if (!x)
			return strcmp(a, b);
	}
}

static int users_by_name(const void *a, const void *b)
{
	return report_name_order(((const struct user_row *)a)->name,
				 ((const struct user_row *)b)->name);
}

/* ---- formats ---- */

static void users_text_time(char *buf, size_t len, int64_t t)
{
	if (t < 0)
		snprintf(buf, len, "-");
	else
		report_text_time(buf, len, t, REPORT_MINUTES);
}

static void users_text(const struct users *us, FILE *out)
{
	int uw = 14;

	fputs("Profiles (times in UTC)\n", out);
	if (!us->n) {
		fputs("No profiles yet.\n", out);
		return;
	}
	/* names are never cut: two cut alike would print as one person */
	for (size_t i = 0; i < us->n; i++)
		if (emit_width(us->v[i].name) > uw)
			uw = emit_width(us->v[i].name);
	fprintf(out, "\n%-*s %-16s  %-16s  %7s  %5s\n", uw, "User", "First activity",
		"Last activity", "Answers", "Exams");
	for (size_t i = 0; i < us->n; i++) {
		const struct store_profile *p = &us->v[i].p;
		char first[32], last[32];

		users_text_time(first, sizeof first, p->first);
		users_text_time(last, sizeof last, p->last);
		emit_cell(out, p->name, uw, 0);
		fprintf(out, " %-16s  %-16s  %7" PRIu64 "  %5" PRIu64 "\n", first, last,
			p->answers, p->attempts);
	}
	fprintf(out, "\n%zu profile%s.\n", us->n, us->n == 1 ? "" : "s");
}

/* ISO 8601, or nothing (CSV) / null (JSON) for no activity. */
static void users_iso(FILE *out, int64_t t, int json)
{
	char buf[32];

	if (t < 0) {
		fputs(json ? "null" : "", out);
		return;
	}
	report_iso_time(buf, sizeof buf, t);
	fprintf(out, json ? "\"%s\"" : "%s", buf);
}

static void users_csv(const struct users *us, FILE *out)
{
	fputs("user,first_activity,last_activity,answers,exam_attempts\n", out);
	for (size_t i = 0; i < us->n; i++) {
		const struct store_profile *p = &us->v[i].p;

		emit_csv_field(out, p->name);
		putc(',', out);
		users_iso(out, p->first, 0);
		putc(',', out);
		users_iso(out, p->last, 0);
		fprintf(out, ",%" PRIu64 ",%" PRIu64 "\n", p->answers, p->attempts);
	}
}

static void users_json(const struct users *us, FILE *out)
{
	fputc('[', out);
	for (size_t i = 0; i < us->n; i++) {
		const struct store_profile *p = &us->v[i].p;

		fputs(i ? ",\n {\"user\": " : "\n {\"user\": ", out);
		emit_json_string(out, p->name);
		fputs(", \"first_activity\": ", out);
		users_iso(out, p->first, 1);
		fputs(", \"last_activity\": ", out);
		users_iso(out, p->last, 1);
		fprintf(out, ", \"answers\": %" PRIu64 ", \"exam_attempts\": %" PRIu64 "}",
			p->answers, p->attempts);
	}
	fputs(us->n ? "\n]\n" : "]\n", out);
}

int report_users(const struct options *cli)
{
	const char *fmt = cli->format ? cli->format : "text";
	struct users us = { 0 };
	struct store *store = NULL;
	struct rc_error err;
	char path[4096];
	int rc = -1;

	if (paths_db(cli->db, path, sizeof path, &err) < 0 ||
	    store_open_existing(path, &store, &err) < 0 ||
	    store_each_profile(store, users_take, &us, &err) < 0)
		app_fail("%s", err.msg);
	else if (us.oom)
		app_fail("out of memory");
	else
		rc = 0;
	if (rc == 0) {
		if (us.n) /* no profiles, no array: qsort needs one */
			qsort(us.v, us.n, sizeof *us.v, users_by_name);
		if (!strcmp(fmt, "json"))
			users_json(&us, stdout);
		else if (!strcmp(fmt, "csv"))
			users_csv(&us, stdout);
		else
			users_text(&us, stdout);
	}
	users_free(&us);
	store_close(store);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

/*
 * report_attempts — exam attempts for a manager: one line (text), row
 * (CSV) or object (JSON) per attempt with its score, result, per-role
 * scores and duration, and a certificate of one attempt.
 *
 * Times are UTC throughout, so a report reads the same wherever it is
 * run.  A report never creates a profile.  An attempt not submitted is
 * "in progress" while it could still be going and "abandoned" after
 * (exam_open_until), as of the time the report is made.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config.h"
#include "paths.h"
#include "report.h"
#include "rolecall/emit.h"
#include "rolecall/exam.h"
#include "rolecall/explain.h"
#include "rolecall/stats.h"

/* One attempt and what its questions add up to. */
struct row {
	struct exam_attempt a;       /* user, banks, definition point at the copies */
	char *user, *banks, *definition;
	unsigned answered;
	unsigned asked[ROLECALL_MAX_ROLES], correct[ROLECALL_MAX_ROLES];
};

struct rows {
	struct row *v;
	size_t n, cap, cursor;
	struct history_roles roles; /* role ids met, in the order met */
	unsigned order[ROLECALL_MAX_ROLES]; /* roles.ids[] in catalog order */
	int oom, full;
	int64_t now;                 /* when the report is made */
};

/* ---- formatting ---- */

void report_fixed(char *buf, size_t len, double v, int decimals)
{
	long long scale = 1, n;

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	n = (long long)(v * (double)scale + (v < 0 ? -0.5 : 0.5));
	snprintf(buf, len, "%s%lld.%0*lld", n < 0 ? "-" : "", llabs(n) / scale, decimals,
		 llabs(n) % scale);
}

static int utc(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	return gmtime_r(&tt, tm) != NULL;
}

void report_iso_time(char *buf, size_t len, int64_t t)
{
	struct tm tm;

	if (utc(t, &tm))
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	else
		snprintf(buf, len, "%" PRId64, t);
}

void report_text_time(char *buf, size_t len, int64_t t, enum report_time how)
{
	struct tm tm;

	if (!utc(t, &tm))
		snprintf(buf, len, "%" PRId64, t);
	else if (how == REPORT_DATE)
		strftime(buf, len, "%Y-%m-%d", &tm);
	else if (how == REPORT_MINUTES)
		strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

void report_duration(char *buf, size_t len, int64_t s)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, len, "%" PRId64 ":%02" PRId64 ":%02" PRId64, s / 3600,
			 s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%" PRId64 ":%02" PRId64, s / 60, s % 60);
}


const char *report_role_name(const struct report *rp, const char *id)
{
	const char *saved;

	if (catalog_find_role(rp->cat, id) >= 0)
		return explain_role_id(rp->cat, id);
	saved = strmap_get(&rp->saved_names, id);
	return saved ? saved : id;
}

struct report_naming {
	struct report *rp;
	int oom;
};

/* The first saved name of a role wins, as in a cohort's summed history. */
static int report_take_name(void *ctx, const char *role, const char *name)
{
	struct report_naming *n = ctx;
	struct report *rp = n->rp;
	char *id, *copy;

	if (strmap_get(&rp->saved_names, role))
		return 0;
	id = arena_strndup(&rp->names_arena, role, strlen(role));
	copy = arena_strndup(&rp->names_arena, name, strlen(name));
	if (!id || !copy || strmap_put(&rp->saved_names, id, copy) < 0) {
		n->oom = 1;
		return 1;
	}
	return 0;
}

int report_load_role_names(struct report *rp)
{
	struct report_naming n = { rp, 0 };
	struct rc_error err;

	if (store_each_role_name(rp->store, rp->filter.user_id, report_take_name, &n,
				 &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (n.oom) {
		app_fail("out of memory");
		return -1;
	}
	return 0;
}

void report_free_role_names(struct report *rp)
{
	strmap_free(&rp->saved_names);
	arena_free(&rp->names_arena);
}

static unsigned percent(const struct exam_attempt *a)
{
	return stats_percent(a->correct, a->count);
}

/* The same rule as the exam: exact, not the rounded percent. */
static int passed(const struct exam_attempt *a)
{
	return exam_passes(a->correct, a->count, a->pass_mark);
}

static int in_progress(const struct exam_attempt *a, int64_t now)
{
	return now < exam_open_until(a->started_at, a->time_limit);
}

static const char *result_word(const struct exam_attempt *a, int64_t now)
{
	if (!a->submitted)
		return in_progress(a, now) ? "in progress" : "abandoned";
	return passed(a) ? "pass" : "fail";
}

/* ---- gathering ---- */

static int take_attempt(void *ctx, const struct exam_attempt *a)
{
	struct rows *rs = ctx;
	struct row *r;

	if (report_grow(&rs->v, &rs->cap, rs->n, sizeof *rs->v, 16) < 0)
		return rs->oom = 1;
	r = &rs->v[rs->n];
	memset(r, 0, sizeof *r);
	r->a = *a;
	r->user = strdup(a->user);
	r->banks = strdup(a->banks);
	r->definition = a->definition ? strdup(a->definition) : NULL;
	rs->n++;
	if (!r->user || !r->banks || (a->definition && !r->definition))
		return rs->oom = 1;
	r->a.user = r->user;
	r->a.banks = r->banks;
	r->a.definition = r->definition;
	return 0;
}

/* The index of a role id in rs->roles, added when new; -1 when out of
 * memory or full (rs->oom or rs->full set). */
static int role_slot(struct rows *rs, const char *id)
{
	int i = history_roles_add(&rs->roles, id);

	if (i < 0 && rs->roles.n == ROLECALL_MAX_ROLES)
		rs->full = 1;
	else if (i < 0)
		rs->oom = 1;
	return i;
}

/* Items come ordered by attempt, as the attempts do: a cursor finds each
 * item's attempt.  An attempt begun since the attempts were read has no
 * row and is left out. */
static int take_item(void *ctx, const struct exam_item_row *item)
{
	struct rows *rs = ctx;
	struct row *r;

	while (rs->cursor < rs->n && rs->v[rs->cursor].a.id < item->attempt_id)
		rs->cursor++;
	if (rs->cursor == rs->n || rs->v[rs->cursor].a.id != item->attempt_id)
		return 0;
	r = &rs->v[rs->cursor];
	r->answered += item->rec.picked >= 0;
	for (unsigned k = 0; k < item->rec.n_about; k++) {
		int slot = role_slot(rs, item->rec.about[k]);

		if (slot < 0)
			return 1; /* stop: gather says why */
		r->asked[slot]++;
		r->correct[slot] += item->rec.correct != 0;
	}
	return 0;
}

/* roles[] in catalog order (roles no bank knows last, as met), by
 * insertion: there are few. */
static void sort_roles(const struct report *rp, struct rows *rs)
{
	int rank[ROLECALL_MAX_ROLES];

	for (unsigned i = 0; i < rs->roles.n; i++) {
		int r = catalog_find_role(rp->cat, rs->roles.ids[i]);
		unsigned k = i;

		rank[i] = r >= 0 ? r : ROLECALL_MAX_ROLES + (int)i;
		for (; k > 0 && rank[rs->order[k - 1]] > rank[i]; k--)
			rs->order[k] = rs->order[k - 1];
		rs->order[k] = i;
	}
}

static int gather(const struct report *rp, const struct exam_filter *f,
		  struct rows *rs)
{
	struct rc_error err;

	if (store_each_attempt(rp->store, f, take_attempt, rs, &err) < 0 ||
	    (!rs->oom && store_each_exam_item(rp->store, f, take_item, rs, &err) < 0 &&
	     !rs->full && !rs->oom)) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (rs->full) {
		app_fail("cannot read the exam attempts: their answers name " ROLECALL_ROLES_FULL,
			 ROLECALL_MAX_ROLES);
		return -1;
	}
	if (rs->oom) {
		app_fail("out of memory");
		return -1;
	}
	rs->now = app_now();
	sort_roles(rp, rs);
	return 0;
}

static void rows_free(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].user);
		free(rs->v[i].banks);
		free(rs->v[i].definition);
	}
	free(rs->v);
	history_roles_clear(&rs->roles);
}

/* ---- text ---- */

static void text_roles(const struct rows *rs, const struct row *r, FILE *out)
{
	int col = 6;

	if (!r->a.submitted) {
		fprintf(out, "      %u of %u questions answered %s\n", r->answered, r->a.count,
			in_progress(&r->a, rs->now) ? "so far" : "when it stopped");
		return;
	}
	fputs("     ", out);
	for (unsigned k = 0; k < rs->roles.n; k++) {
		unsigned i = rs->order[k];
		char cell[96];
		int w;

		if (!r->asked[i])
			continue;
		snprintf(cell, sizeof cell, " %s %u/%u", rs->roles.ids[i], r->correct[i],
			 r->asked[i]);
		w = emit_width(cell);
		if (col + w > 79) {
			fputs("\n     ", out);
			col = 5;
		}
		emit_text(out, cell);
		col += w;
	}
	fputc('\n', out);
}

/* uw: the User column's width, that of the widest name (never cut: two
 * names cut alike would be two people who print the same). */
static void text_row(const struct rows *rs, const struct row *r, int uw, FILE *out)
{
	const struct exam_attempt *a = &r->a;
	char when[32], score[48] = "-", result[32], took[32] = "-";
	char mark[16];

	report_text_time(when, sizeof when, a->started_at, REPORT_MINUTES);
	snprintf(mark, sizeof mark, "%u%%", a->pass_mark);
	snprintf(result, sizeof result, "%s", result_word(a, rs->now));
	if (a->submitted) {
		snprintf(score, sizeof score, "%u/%u %3u%%", a->correct, a->count, percent(a));
		snprintf(result, sizeof result, "%s%s", passed(a) ? "PASS" : "FAIL",
			 a->timed_out ? ", time up" : "");
		report_duration(took, sizeof took, a->ended_at - a->started_at);
	}
	fprintf(out, "%-5" PRId64 " ", a->id);
	emit_cell(out, a->user, uw, 0);
	fprintf(out, " %-16s  %-11s  %-4s  %-13s  %s\n", when, score, mark, result, took);
	text_roles(rs, r, out);
}

static void text_legend(const struct report *rp, const struct rows *rs, FILE *out)
{
	int col = 6;

	if (!rs->roles.n)
		return;
	fputs("\nRoles:", out);
	for (unsigned k = 0; k < rs->roles.n; k++) {
		const char *id = rs->roles.ids[rs->order[k]], *name = report_role_name(rp, id);
		int w = emit_width(id) + emit_width(name) + 5;

		if (col + w > 79) {
			fputs("\n      ", out);
			col = 6;
		}
		putc(' ', out);
		emit_text(out, id);
		fputs(" = ", out);
		emit_text(out, name);
		fputs(k + 1 < rs->roles.n ? "," : "", out);
		col += w;
	}
	fputc('\n', out);
}

static void print_text(const struct report *rp, const struct rows *rs, FILE *out)
{
	unsigned pass = 0, fail = 0, going = 0, left = 0;
	char since[32];
	int uw = 14;

	fputs("Exam attempts of ", out);
	emit_text(out, rp->who ? rp->who : "every user");
	if (rp->filter.definition) {
		fputs(" at exam ", out);
		emit_text(out, rp->filter.definition);
	}
	if (rp->filter.since != INT64_MIN) {
		report_text_time(since, sizeof since, rp->filter.since, REPORT_DATE);
		fprintf(out, " since %s", since);
	}
	fputs(" (times in UTC)\n", out);
	if (!rs->n) {
		fputs("No exam attempts.\n", out);
		return;
	}
	for (size_t i = 0; i < rs->n; i++)
		if (emit_width(rs->v[i].a.user) > uw)
			uw = emit_width(rs->v[i].a.user);
	fprintf(out, "\n%-5s %-*s %-16s  %-11s  %-4s  %-13s  %s\n", "ID", uw, "User",
		"Started", "Score", "Pass", "Result", "Time");
	for (size_t i = 0; i < rs->n; i++) {
		const struct exam_attempt *a = &rs->v[i].a;

		text_row(rs, &rs->v[i], uw, out);
		if (!a->submitted && in_progress(a, rs->now))
			going++;
		else if (!a->submitted)
			left++;
		else if (passed(a))
			pass++;
		else
			fail++;
	}
	text_legend(rp, rs, out);
	fprintf(out, "\n%zu attempt%s: %u passed, %u failed, %u in progress, %u abandoned.\n",
		rs->n, rs->n == 1 ? "" : "s", pass, fail, going, left);
}

/* ---- CSV ---- */

static void csv_header(const struct rows *rs, FILE *out)
{
	fputs("id,user,started_at,ended_at,status,count,answered,correct,percent,"
	      "pass_mark,result,timed_out,duration_s,time_limit_s,seed,banks", out);
	for (unsigned k = 0; k < rs->roles.n; k++) {
		const char *id = rs->roles.ids[rs->order[k]];
		char col[160];

		snprintf(col, sizeof col, "%s_correct", id);
		putc(',', out);
		emit_csv_field(out, col);
		snprintf(col, sizeof col, "%s_asked", id);
		putc(',', out);
		emit_csv_field(out, col);
	}
	putc('\n', out);
}

static void csv_row(const struct rows *rs, const struct row *r, FILE *out)
{
	const struct exam_attempt *a = &r->a;
	char start[32], end[32] = "";

	report_iso_time(start, sizeof start, a->started_at);
	if (a->submitted)
		report_iso_time(end, sizeof end, a->ended_at);
	fprintf(out, "%" PRId64 ",", a->id);
	emit_csv_field(out, a->user);
	fprintf(out, ",%s,%s,%s,%u,%u,", start, end, a->submitted ? "submitted" : "open",
		a->count, r->answered);
	if (a->submitted)
		fprintf(out, "%u,%u", a->correct, percent(a));
	else
		putc(',', out);
	fprintf(out, ",%u,%s,%d,", a->pass_mark, result_word(a, rs->now), a->timed_out);
	if (a->submitted)
		fprintf(out, "%" PRId64, a->ended_at - a->started_at);
	fprintf(out, ",%u,%" PRIu64 ",", a->time_limit, a->seed);
	emit_csv_field(out, a->banks);
	for (unsigned k = 0; k < rs->roles.n; k++) {
		unsigned i = rs->order[k];

		if (a->submitted && r->asked[i])
			fprintf(out, ",%u,%u", r->correct[i], r->asked[i]);
		else
			fputs(",,", out);
	}
	putc('\n', out);
}

static void print_csv(const struct rows *rs, FILE *out)
{
	csv_header(rs, out);
	for (size_t i = 0; i < rs->n; i++)
		csv_row(rs, &rs->v[i], out);
}

/* ---- JSON ---- */

/* One entry of an attempt's "id:sha256,id:sha256" into id and hash;
 * returns where the next one starts, or NULL at the end. */
static const char *next_bank(const char *p, char *id, size_t id_len, char *hash,
			     size_t hash_len)
{
	size_t len = strcspn(p, ","), colon = strcspn(p, ":");

	if (!*p)
		return NULL;
	if (colon > len)
		colon = len;
	snprintf(id, id_len, "%.*s", (int)colon, p);
	snprintf(hash, hash_len, "%.*s", (int)(colon < len ? len - colon - 1 : 0),
		 p + colon + (colon < len));
	return p + len + (p[len] == ',');
}

/* [{"id": ..., "sha256": ...}] */
static void json_banks(const char *banks, FILE *out)
{
	char id[80], hash[80];
	int first = 1;

	fputc('[', out);
	for (const char *p = banks; (p = next_bank(p, id, sizeof id, hash, sizeof hash));
	     first = 0) {
		fputs(first ? "{\"id\": " : ", {\"id\": ", out);
		emit_json_string(out, id);
		fputs(", \"sha256\": ", out);
		emit_json_string(out, hash);
		fputc('}', out);
	}
	fputc(']', out);
}

/* lead: what goes before the key (", " or ",\n "). */
static void json_roles(const struct report *rp, const struct rows *rs,
		       const struct row *r, const char *lead, FILE *out)
{
	int first = 1;

	fprintf(out, "%s\"roles\": [", lead);
	for (unsigned k = 0; k < rs->roles.n && r->a.submitted; k++) {
		unsigned i = rs->order[k];

		if (!r->asked[i])
			continue;
		fputs(first ? "{\"id\": " : ", {\"id\": ", out);
		first = 0;
		emit_json_string(out, rs->roles.ids[i]);
		fputs(", \"name\": ", out);
		emit_json_string(out, report_role_name(rp, rs->roles.ids[i]));
		fprintf(out, ", \"asked\": %u, \"correct\": %u}", r->asked[i], r->correct[i]);
	}
	fputc(']', out);
}

static void json_row(const struct report *rp, const struct rows *rs,
		     const struct row *r, FILE *out)
{
	const struct exam_attempt *a = &r->a;
	char t[32];

	fprintf(out, "{\"id\": %" PRId64 ", \"user\": ", a->id);
	emit_json_string(out, a->user);
	report_iso_time(t, sizeof t, a->started_at);
	fprintf(out, ", \"started_at\": \"%s\", \"ended_at\": ", t);
	report_iso_time(t, sizeof t, a->ended_at);
	if (a->submitted)
		fprintf(out, "\"%s\"", t);
	else
		fputs("null", out);
	fprintf(out, ", \"status\": \"%s\", \"count\": %u, \"answered\": %u",
		a->submitted ? "submitted" : "open", a->count, r->answered);
	if (a->submitted)
		fprintf(out, ", \"correct\": %u, \"percent\": %u, \"pass_mark\": %u, "
			"\"passed\": %s, \"result\": \"%s\", \"timed_out\": %s, "
			"\"duration_s\": %" PRId64, a->correct, percent(a), a->pass_mark,
			passed(a) ? "true" : "false", result_word(a, rs->now),
			a->timed_out ? "true" : "false", a->ended_at - a->started_at);
	else
		fprintf(out, ", \"correct\": null, \"percent\": null, \"pass_mark\": %u, "
			"\"passed\": null, \"result\": \"%s\", \"timed_out\": "
			"false, \"duration_s\": null", a->pass_mark, result_word(a, rs->now));
	/* a string: JSON readers lose integers above 2^53 */
	fprintf(out, ", \"time_limit_s\": %u, \"seed\": \"%" PRIu64 "\", \"banks\": ",
		a->time_limit, a->seed);
	json_banks(a->banks, out);
	json_roles(rp, rs, r, ", ", out);
	fputc('}', out);
}

static void print_json(const struct report *rp, const struct rows *rs, FILE *out)
{
	fputc('[', out);
	for (size_t i = 0; i < rs->n; i++) {
		fputs(i ? ",\n " : "\n ", out);
		json_row(rp, rs, &rs->v[i], out);
	}
	fputs(rs->n ? "\n]\n" : "]\n", out);
}

/* ---- certificate ---- */

static void cert_banks(const struct report *rp, const char *banks, FILE *out)
{
	char id[80], hash[80];
	int first = 1;

	for (const char *p = banks; (p = next_bank(p, id, sizeof id, hash, sizeof hash));
	     first = 0) {
		const struct bank *b = catalog_find_bank(rp->cat, id);

		fprintf(out, "%-12s", first ? "Banks:" : "");
		emit_text(out, id);
		fprintf(out, "%s%s\n%-12ssha256 ", b ? "  " : "", b ? b->title : "", "");
		emit_text(out, hash);
		fprintf(out, "%s\n", b && strcmp(b->sha256, hash) ?
			" (the file has changed since)" : "");
	}
}

static void cert_times(const struct exam_attempt *a, FILE *out)
{
	char when[40], took[32], limit[32];

	report_text_time(when, sizeof when, a->started_at, REPORT_SECONDS);
	fprintf(out, "%-12s%s\n", "Started:", when);
	report_text_time(when, sizeof when, a->ended_at, REPORT_SECONDS);
	report_duration(took, sizeof took, a->ended_at - a->started_at);
	report_duration(limit, sizeof limit, a->time_limit);
	fprintf(out, "%-12s%s (took %s; ", "Submitted:", when, took);
	if (!a->time_limit)
		fputs("untimed)\n", out);
	else
		fprintf(out, "time limit %s%s)\n", limit, a->timed_out ? ", ran out" : "");
}

/* What a certificate says of where its result was kept, and so how far it
 * can be trusted. */
static const char *cert_recorded(const struct report *rp, const struct exam_attempt *a,
				 int json)
{
	if (store_target_is_file(store_path(rp->store)))
		return json ? "file" : "in a file (a self-reported local result)";
	if (a->definition)
		return json ? "shared, scored by the database" :
		       "on a shared database, which scored and timed it";
	return json ? "shared, rules chosen by the candidate" :
	       "on a shared database (rules chosen by the candidate)";
}

static void cert_exam_text(const struct exam_def *d, const struct exam_attempt *a,
			   FILE *out)
{
	fprintf(out, "%-12s", "Exam:");
	if (!a->definition) {
		fputs("none defined (the candidate chose the rules)\n", out);
		return;
	}
	emit_text(out, a->definition);
	if (d) {
		fputs("  ", out);
		emit_text(out, d->title);
	}
	putc('\n', out);
}

static void print_certificate(const struct report *rp, const struct rows *rs,
			      const struct exam_def *d, FILE *out)
{
	const struct row *r = &rs->v[0];
	const struct exam_attempt *a = &r->a;
	char now[40];

	fprintf(out, "ROLECALL EXAM %s\n\n%-12s%" PRId64 "\n%-12s",
		passed(a) ? "CERTIFICATE" : "RESULT SLIP", "Attempt:", a->id, "Candidate:");
	emit_text(out, a->user);
	putc('\n', out);
	cert_exam_text(d, a, out);
	cert_times(a, out);
	fprintf(out, "%-12s%u, drawn with seed %" PRIu64 "\n", "Questions:", a->count,
		a->seed);
	cert_banks(rp, a->banks, out);
	fprintf(out, "%-12s%u of %u right (%u%%)\n%-12s%u%%\n%-12s%s\n%-12s%s\n\n"
		"Per role:\n", "Score:", a->correct, a->count, percent(a), "Pass mark:",
		a->pass_mark, "Result:", passed(a) ? "PASS" : "FAIL", "Recorded:",
		cert_recorded(rp, a, 0));
	for (unsigned k = 0; k < rs->roles.n; k++) {
		unsigned i = rs->order[k];

		if (!r->asked[i])
			continue;
		fputs("  ", out);
		emit_cell(out, report_role_name(rp, rs->roles.ids[i]), 28, 0);
		fprintf(out, " %u of %u\n", r->correct[i], r->asked[i]);
	}
	if (!passed(a))
		fputs("\nThis attempt did not reach the pass mark: this is a result slip, "
		      "not a\ncertificate.\n", out);
	report_text_time(now, sizeof now, app_now(), REPORT_SECONDS);
	fprintf(out, "\nEach bank's sha256 is that of its file when the exam was taken: "
		"compare it\nwith 'sha256sum FILE' to check which questions were asked.\n"
		"Issued by rolecall %s on %s.\n", ROLECALL_VERSION, now);
}

/* One key a line, so that 'report --verify' can point at the line that
 * was changed. */
static void json_certificate(const struct report *rp, const struct rows *rs,
			     const struct exam_def *d, FILE *out)
{
	const struct row *r = &rs->v[0];
	const struct exam_attempt *a = &r->a;
	char t[32];

	fprintf(out, "{\n \"document\": \"%s\",\n \"attempt\": %" PRId64 ",\n \"candidate\": ",
		passed(a) ? "certificate" : "result slip", a->id);
	emit_json_string(out, a->user);
	fputs(",\n \"exam\": ", out);
	emit_json_string(out, a->definition);
	fputs(",\n \"exam_title\": ", out);
	emit_json_string(out, d ? d->title : NULL);
	report_iso_time(t, sizeof t, a->started_at);
	fprintf(out, ",\n \"started_at\": \"%s\",\n", t);
	report_iso_time(t, sizeof t, a->ended_at);
	fprintf(out, " \"submitted_at\": \"%s\",\n \"duration_s\": %" PRId64 ",\n"
		" \"time_limit_s\": %u,\n \"timed_out\": %s,\n \"questions\": %u,\n"
		" \"seed\": \"%" PRIu64 "\",\n \"banks\": ", t, a->ended_at - a->started_at,
		a->time_limit, a->timed_out ? "true" : "false", a->count, a->seed);
	json_banks(a->banks, out);
	fprintf(out, ",\n \"correct\": %u,\n \"percent\": %u,\n \"pass_mark\": %u,\n"
		" \"result\": \"%s\",\n \"recorded\": \"%s\"", a->correct, percent(a),
		a->pass_mark, passed(a) ? "PASS" : "FAIL", cert_recorded(rp, a, 1));
	json_roles(rp, rs, r, ",\n ", out);
	report_iso_time(t, sizeof t, app_now());
	fprintf(out, ",\n \"issued_at\": \"%s\",\n \"issued_by\": \"rolecall %s\"\n}\n", t,
		ROLECALL_VERSION);
}

static void html_field(FILE *out, const char *term, const char *id, const char *value)
{
	fprintf(out, "<dt>%s</dt><dd id=\"%s\">", term, id);
	emit_html(out, value);
	fputs("</dd>\n", out);
}

/* The figures of the attempt, each also in a data- attribute of the list. */
static void html_cert_data(const struct report *rp, const struct exam_attempt *a, FILE *out)
{
	char start[32], end[32];

	report_iso_time(start, sizeof start, a->started_at);
	report_iso_time(end, sizeof end, a->ended_at);
	fprintf(out, "<dl id=\"certificate\" data-document=\"%s\" data-attempt=\"%" PRId64
		"\" data-candidate=\"", passed(a) ? "certificate" : "result slip", a->id);
	emit_html(out, a->user);
	fputs("\" data-exam=\"", out);
	emit_html(out, a->definition ? a->definition : "");
	fprintf(out, "\" data-correct=\"%u\" data-questions=\"%u\" data-percent=\"%u\" "
		"data-pass-mark=\"%u\" data-result=\"%s\" data-started-at=\"%s\" "
		"data-submitted-at=\"%s\" data-duration-s=\"%" PRId64 "\" data-recorded=\"%s\">\n",
		a->correct, a->count, percent(a), a->pass_mark, passed(a) ? "PASS" : "FAIL",
		start, end, a->ended_at - a->started_at, cert_recorded(rp, a, 1));
}

static void html_cert_fields(const struct report *rp, const struct exam_attempt *a,
			     const struct exam_def *d, FILE *out)
{
	char buf[256], when[40], took[32], id[80], hash[80];

	snprintf(buf, sizeof buf, "%" PRId64, a->id);
	html_field(out, "Attempt", "attempt", buf);
	html_field(out, "Candidate", "candidate", a->user);
	fputs("<dt>Exam</dt><dd id=\"exam\">", out);
	emit_html(out, a->definition ? a->definition : "none defined (the candidate chose "
		  "the rules)");
	if (d) {
		fputs(" &mdash; ", out);
		emit_html(out, d->title);
	}
	fputs("</dd>\n", out);
	report_text_time(when, sizeof when, a->started_at, REPORT_SECONDS);
	html_field(out, "Started", "started", when);
	report_text_time(when, sizeof when, a->ended_at, REPORT_SECONDS);
	report_duration(took, sizeof took, a->ended_at - a->started_at);
	snprintf(buf, sizeof buf, "%s (took %s)", when, took);
	html_field(out, "Submitted", "submitted", buf);
	snprintf(buf, sizeof buf, "%u, drawn with seed %" PRIu64, a->count, a->seed);
	html_field(out, "Questions", "questions", buf);
	for (const char *p = a->banks; (p = next_bank(p, id, sizeof id, hash, sizeof hash));) {
		snprintf(buf, sizeof buf, "%s sha256 %s", id, hash);
		html_field(out, "Bank", "bank", buf);
	}
	snprintf(buf, sizeof buf, "%u of %u right (%u%%); pass mark %u%%", a->correct,
		 a->count, percent(a), a->pass_mark);
	html_field(out, "Score", "score", buf);
	fprintf(out, "<dt>Result</dt><dd id=\"result\" class=\"%s big\">%s</dd>\n",
		passed(a) ? "passed" : "failed", passed(a) ? "PASS" : "FAIL");
	html_field(out, "Recorded", "recorded", cert_recorded(rp, a, 0));
	fputs("</dl>\n", out);
}

/* The certificate, or the result slip of a fail, as one HTML page. */
static void html_certificate(const struct report *rp, const struct rows *rs,
			     const struct exam_def *d, FILE *out)
{
	const struct row *r = &rs->v[0];
	struct report_role_score v[ROLECALL_MAX_ROLES];
	unsigned n = 0;

	report_html_begin(out, passed(&r->a) ? "rolecall exam certificate" :
			  "rolecall exam result slip");
	html_cert_data(rp, &r->a, out);
	html_cert_fields(rp, &r->a, d, out);
	for (unsigned k = 0; k < rs->roles.n; k++) {
		unsigned i = rs->order[k];

		if (!r->asked[i])
			continue;
		v[n++] = (struct report_role_score){ rs->roles.ids[i],
			report_role_name(rp, rs->roles.ids[i]), r->correct[i], r->asked[i] };
	}
	fputs("<h2>Per role</h2>\n", out);
	report_html_roles(out, v, n);
	if (!passed(&r->a))
		fputs("<p class=\"failed\">This attempt did not reach the pass mark: this is a "
		      "result slip, not a certificate.</p>\n", out);
	fputs("<p class=\"muted\">Each bank's sha256 is that of its file when the exam was "
	      "taken: compare it with <code>sha256sum FILE</code> to check which questions "
	      "were asked.</p>\n", out);
	report_html_end(out);
}

int report_certificate_of(const struct report *rp, int64_t id, const char *fmt, FILE *out)
{
	struct exam_filter f = { 0, id, INT64_MIN, 0, NULL };
	struct rows rs = { 0 };
	struct exam_def *d = NULL;
	struct rc_error err;
	int rc = -1;

	if (gather(rp, &f, &rs) < 0)
		goto out;
	if (!rs.n)
		app_fail("there is no exam attempt %" PRId64 "; 'rolecall report --all' "
			 "lists them", id);
	else if (!rs.v[0].a.submitted)
		app_fail("exam attempt %" PRId64 " was not submitted, so it has no result "
			 "to certify", id);
	else if (rs.v[0].a.definition &&
		 store_exam_def_find(rp->store, rs.v[0].a.definition, &d, &err) < 0)
		app_fail("%s", err.msg);
	else
		rc = 0;
	if (rc == 0 && !strcmp(fmt, "json"))
		json_certificate(rp, &rs, d, out);
	else if (rc == 0 && !strcmp(fmt, "html"))
		html_certificate(rp, &rs, d, out);
	else if (rc == 0)
		print_certificate(rp, &rs, d, out);
out:
	exam_def_free(d);
	rows_free(&rs);
	return rc;
}

int report_certificate(const struct report *rp)
{
	const char *fmt = rp->cli->format;

	return report_certificate_of(rp, rp->cli->certificate, fmt ? fmt : "text", rp->out);
}

int report_attempts(const struct report *rp)
{
	const char *fmt = rp->cli->format ? rp->cli->format : "text";
	struct rows rs = { 0 };

	if (gather(rp, &rp->filter, &rs) < 0) {
		rows_free(&rs);
		return -1;
	}
	if (!strcmp(fmt, "json"))
		print_json(rp, &rs, rp->out);
	else if (!strcmp(fmt, "csv"))
		print_csv(&rs, rp->out);
	else
		print_text(rp, &rs, rp->out);
	rows_free(&rs);
	return 0;
}


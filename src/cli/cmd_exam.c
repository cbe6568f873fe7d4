/*
 * rolecall exam: a fixed set of questions with a pass mark, for onboarding.
 * No feedback until the exam is submitted; questions can be skipped (they
 * come back at the end) and answers changed until then.  The attempt and
 * its questions are stored when it starts and every answer when it is
 * given, so an exam that is killed stays in the database as not submitted.
 *
 * On a terminal the exam runs in the UI (ui_exam*.c, the same flow and
 * store calls); with --plain, line mode: each question as "[Q i/N] bank
 * title", its prompt and "  1) option" lines, then a "> " prompt.
 *
 * A submit the store refuses (locked too long, the disk full) is tried
 * again on a countdown, with everything kept in memory, until it is stored
 * or the person gives up; --resume goes on with an attempt left open.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "line_in.h"
#include "commands.h"
#include "exam_plan.h"
#include "rolecall/emit.h"
#include "rolecall/engine.h"
#include "rolecall/exam.h"
#include "rolecall/explain.h"
#include "rolecall/input.h"
#include "ui.h"

#define EXAM_LINE 256
/* --time: up to a day */
#define EXAM_MAX_MINUTES (24 * 60)
/* With no one to answer (end of input), a failed submit is tried again on
 * its own for this long, then left open. */
#define EXAM_RETRY_UNATTENDED_MS (5 * 60 * 1000)


/* ---- the exam as it runs ---- */

struct run {
	struct app *app;
	struct exam *e;
	struct exam_attempt att;
	char *banks;
	struct line_in in;
	int echo;           /* input is not a terminal: echo it into the transcript */
	FILE *out;
	int64_t start_ms;
	int64_t deadline_ms; /* -1 when untimed */
	int64_t warn_ms;    /* when the last tenth of the time begins; -1 when
			     * untimed or once said */
	int cur;            /* the question on screen, -1 when none */
	int furthest;       /* the last question reached in order */
	int show;           /* show the current question before the next prompt */
	int offered;        /* submitting was offered once all were answered */
	int returned;       /* the skipped questions were announced */
	int resumed;        /* an open attempt gone on with (--resume) */
	int no_input;       /* input ended while a submit waited to be retried */
	struct app_exam_open open; /* before a new attempt: one not submitted */
};

enum step { STEP_ON, STEP_SUBMIT, STEP_TIMEOUT, STEP_FAIL };

static int time_up(const struct run *r)
{
	return r->deadline_ms >= 0 && app_ms() >= r->deadline_ms;
}

static void print_mmss(FILE *out, int64_t seconds)
{
	fprintf(out, "%02" PRId64 ":%02" PRId64, seconds / 60, seconds % 60);
}

static void print_time_left(const struct run *r)
{
	if (r->deadline_ms < 0) {
		fputs("This exam has no time limit.\n", r->out);
		return;
	}
	fputs("Time left: ", r->out);
	print_mmss(r->out, (r->deadline_ms - app_ms() + 999) / 1000);
	fputc('\n', r->out);
}

/* Said once, as the last tenth of the time begins: minutes while there
 * are any, so that "1 minute left" never stands for a few seconds. */
static void print_time_warning(struct run *r)
{
	int64_t left = (r->deadline_ms - app_ms() + 999) / 1000;
	int64_t n = left >= 60 ? (left + 59) / 60 : left;

	r->warn_ms = -1;
	fprintf(r->out, "\n%" PRId64 " %s%s left.\n", n, left >= 60 ? "minute" : "second",
		n == 1 ? "" : "s");
}

/* The warning's moment, once the deadline is set. */
static void plan_time_warning(struct run *r)
{
	unsigned limit = exam_time_limit(r->e);

	r->warn_ms = r->deadline_ms >= 0 && limit ? r->deadline_ms - limit * 100LL : -1;
}

static void print_question(const struct run *r)
{
	const struct exam_item *it = exam_item(r->e, (unsigned)r->cur);
	const struct bank_question *q = it->q;

	fprintf(r->out, "\n[Q %d/%u] %s\n%s\n", r->cur + 1, exam_count(r->e),
		q->bank->title, q->prompt);
	for (unsigned i = 0; i < it->n_options; i++)
		fprintf(r->out, "  %u) %s\n", i + 1, q->choices[it->order[i]].text);
	if (it->picked >= 0)
		fprintf(r->out, "Your answer so far: %d) %s\n", it->picked + 1,
			q->choices[it->order[it->picked]].text);
	if (exam_flagged(r->e, (unsigned)r->cur))
		fputs("Flagged for review (f unflags it).\n", r->out);
	if (r->deadline_ms >= 0)
		print_time_left(r);
}

static void print_help(FILE *out)
{
	fputs("Answer with the number or letter of an option; nothing is shown about "
	      "your answers until you submit.\n"
	      "  s         skip this question (skipped questions come back at the end)\n"
	      "  p         go back to the previous question\n"
	      "  g N       go to question N, to answer it or change its answer\n"
	      "  f         flag this question for review, or unflag it (flag does the\n"
	      "            same, and is the only way on a question with six or more\n"
	      "            options, where f is option f); flags are not stored\n"
	      "  l         list the questions, the answer given to each and the flags\n"
	      "  t         the time left (time does the same)\n"
	      "  submit    end the exam (you are asked to confirm; q does the same)\n", out);
}

/* Through the terminal sanitiser, as practice echoes: a byte test lets
 * C1 controls and bidi overrides through. */
static void echo_line(const char *line, FILE *out)
{
	emit_safe(out, line, strcspn(line, "\n"));
	putc('\n', out);
}

/* Show "> " and read a line: LINE_OK, LINE_EOF, LINE_TIMEOUT or LINE_FAIL.
 * A line that arrives after the time ran out does not count.  The time
 * warning may come while it waits: then the prompt is shown again. */
static int prompt(struct run *r, char *line)
{
	int rc;

	for (;;) {
		if (r->warn_ms >= 0 && app_ms() >= r->warn_ms)
			print_time_warning(r);
		fputs("> ", r->out);
		fflush(r->out);
		rc = line_in_read(&r->in, r->warn_ms >= 0 ? r->warn_ms : r->deadline_ms, line,
				  EXAM_LINE);
		if (rc != LINE_TIMEOUT || r->warn_ms < 0 || time_up(r))
			break;
	}
	if (rc == LINE_FAIL) {
		fflush(r->out);
		app_fail("cannot read standard input: %s", strerror(errno));
	}
	if (rc == LINE_OK && time_up(r))
		return LINE_TIMEOUT;
	if (rc == LINE_OK && r->echo)
		echo_line(line, r->out);
	if (rc == LINE_EOF && r->echo)
		fputc('\n', r->out);
	return rc;
}

static enum step step_of(int rc)
{
	return rc == LINE_EOF ? STEP_SUBMIT : rc == LINE_TIMEOUT ? STEP_TIMEOUT : STEP_FAIL;
}

/* A command word, alone or followed by an argument ("g 3" or "g3"). */
static int word_is(const char *line, const char *word, const char **arg)
{
	size_t n = strlen(word);
	char after;

	if (strncasecmp(line, word, n))
		return 0;
	after = line[n]; /* line holds word: line[n] is at most its '\0' */
	if (after && !strchr(" \t\r", after) && !(after >= '0' && after <= '9'))
		return 0;
	*arg = line + n + strspn(line + n, " \t\r");
	return 1;
}

/* "Submit now?": y submits, n goes on; end of input submits. */
static enum step confirm(struct run *r)
{
	char line[EXAM_LINE];
	int rc;

	if (exam_flag_count(r->e))
		fprintf(r->out, "%u flagged for review.\n", exam_flag_count(r->e));
	fputs("Submit now? Answers cannot be changed after this. (y/n)\n", r->out);
	while ((rc = prompt(r, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r"), *arg;

		if ((word_is(w, "y", &arg) || word_is(w, "yes", &arg)) && !*arg)
			return STEP_SUBMIT;
		if ((word_is(w, "n", &arg) || word_is(w, "no", &arg)) && !*arg) {
			fputs("Not submitted.\n", r->out);
			return STEP_ON;
		}
		fputs("Please answer y or n.\n", r->out);
	}
	return step_of(rc);
}

static enum step all_answered(struct run *r)
{
	enum step s;

	r->cur = -1;
	if (r->offered) {
		fputs("\nAll questions are answered. Type submit when you are done, "
		      "or g N to change the answer to question N.\n", r->out);
		return STEP_ON;
	}
	r->offered = 1;
	fprintf(r->out, "\nAll %u questions are answered.\n", exam_count(r->e));
	if ((s = confirm(r)) == STEP_ON)
		fputs("Type g N to change the answer to question N, l to list them, "
		      "submit when you are done.\n", r->out);
	return s;
}

/* Where to go after a question was answered or skipped: on in order
 * (back to where the person left off when they went back to change an
 * answer), then the skipped ones again. */
static enum step advance(struct run *r)
{
	unsigned n = exam_count(r->e);
	int next;

	if (r->cur >= 0 && r->cur < r->furthest &&
	    exam_item(r->e, (unsigned)r->furthest)->picked < 0) {
		next = r->furthest;
	} else if (r->furthest + 1 < (int)n) {
		next = ++r->furthest;
	} else {
		next = exam_next_unanswered(r->e, r->cur >= 0 ? (unsigned)r->cur : n - 1);
		if (next < 0)
			return all_answered(r);
		if (!r->returned) {
			unsigned left = n - exam_answered(r->e);

			r->returned = 1;
			fprintf(r->out, "\nYou skipped %u question%s; here %s again.\n", left,
				left == 1 ? "" : "s", left == 1 ? "it is" : "they are");
		}
	}
	r->cur = next;
	r->show = 1;
	return STEP_ON;
}

static enum step answer(struct run *r, int position)
{
	struct rc_error err;

	if (app_exam_answer(r->app, r->e, &r->att, (unsigned)r->cur, position, &err) < 0) {
		fflush(r->out);
		app_fail("%s", err.msg);
		return STEP_FAIL;
	}
	return advance(r);
}

/* The answer column: "2) text" clipped and padded to 28 columns. */
static void list_answer(const struct run *r, const struct exam_item *it)
{
	char text[BANK_MAX_TEXT + 16];

	if (it->picked < 0)
		snprintf(text, sizeof text, "not answered");
	else
		snprintf(text, sizeof text, "%d) %s", it->picked + 1,
			 it->q->choices[it->order[it->picked]].text);
	emit_clipped_cell(r->out, text, 28);
}

static void list_questions(const struct run *r)
{
	unsigned flagged = exam_flag_count(r->e);

	fprintf(r->out, "\n%u of %u questions answered", exam_answered(r->e), exam_count(r->e));
	if (flagged)
		fprintf(r->out, ", %u flagged for review", flagged);
	fputs(":\n", r->out);
	for (unsigned i = 0; i < exam_count(r->e); i++) {
		const struct exam_item *it = exam_item(r->e, i);

		fprintf(r->out, "  %3u  %-7s  ", i + 1, exam_flagged(r->e, i) ? "flagged" : "");
		list_answer(r, it);
		fputs("  ", r->out);
		emit_clipped(r->out, it->q->prompt, 40);
		fputc('\n', r->out);
	}
}

/* f or flag: the flag of the question on screen, on or off. */
static enum step flag(struct run *r)
{
	struct rc_error err;
	int on;

	if (r->cur < 0) {
		fputs("There is no question to flag; type g N to go to one.\n", r->out);
		return STEP_ON;
	}
	on = !exam_flagged(r->e, (unsigned)r->cur);
	if (exam_flag(r->e, (unsigned)r->cur, on, &err) < 0) {
		fflush(r->out);
		app_fail("%s", err.msg);
		return STEP_FAIL;
	}
	if (on)
		fprintf(r->out, "Question %d is flagged for review; f again unflags it.\n",
			r->cur + 1);
	else
		fprintf(r->out, "Question %d is no longer flagged.\n", r->cur + 1);
	return STEP_ON;
}

/* A lone f is option f of a question with six or more options, as a lone
 * g is option g; "flag" is never an answer. */
static int is_flag(const struct run *r, const char *line)
{
	const char *arg;

	if (word_is(line, "flag", &arg) && !*arg)
		return 1;
	return word_is(line, "f", &arg) && !*arg &&
	       (r->cur < 0 || exam_item(r->e, (unsigned)r->cur)->n_options < 6);
}

static enum step go_to(struct run *r, const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	end += strspn(end, " \t\r");
	if (*arg < '0' || *arg > '9' || *end || v < 1 || v > exam_count(r->e)) {
		fprintf(r->out, "Give a question number from 1 to %u, as in g 3.\n",
			exam_count(r->e));
		return STEP_ON;
	}
	r->cur = (int)v - 1;
	if (r->cur > r->furthest)
		r->furthest = r->cur;
	r->show = 1;
	return STEP_ON;
}

static enum step go_back(struct run *r)
{
	if (r->cur == 0) {
		fputs("This is the first question.\n", r->out);
		return STEP_ON;
	}
	r->cur = r->cur < 0 ? (int)exam_count(r->e) - 1 : r->cur - 1;
	r->show = 1;
	return STEP_ON;
}

static enum step skip(struct run *r)
{
	if (r->cur < 0) {
		fputs("There is no question to skip; type g N to go to one.\n", r->out);
		return STEP_ON;
	}
	if (exam_next_unanswered(r->e, (unsigned)r->cur) == r->cur &&
	    r->furthest + 1 == (int)exam_count(r->e))
		fputs("This is the only unanswered question.\n", r->out);
	return advance(r);
}

static enum step submit(struct run *r)
{
	unsigned left = exam_count(r->e) - exam_answered(r->e);
	enum step s;

	if (left)
		fprintf(r->out, "%u question%s unanswered; unanswered questions count as "
			"wrong.\n", left, left == 1 ? " is" : "s are");
	if ((s = confirm(r)) == STEP_ON)
		r->show = 1;
	return s;
}

static enum step answer_line(struct run *r, const char *line)
{
	int position;
	enum input_kind k;

	k = input_parse_answer(line, strlen(line),
			       r->cur >= 0 ? exam_item(r->e, (unsigned)r->cur)->n_options : 0,
			       &position);
	if (k == INPUT_EMPTY)
		return STEP_ON;
	if (k == INPUT_ANSWER)
		return answer(r, position);
	if (r->cur < 0)
		fputs("All questions are answered. Type g N to change the answer to "
		      "question N, l to list them, or submit.\n", r->out);
	else
		fprintf(r->out, "Please answer with a number from 1 to %u or a letter from a "
			"to %c (? for help).\n", exam_item(r->e, (unsigned)r->cur)->n_options,
			'a' + exam_item(r->e, (unsigned)r->cur)->n_options - 1);
	return STEP_ON;
}

static enum step command(struct run *r, const char *line)
{
	const char *arg;

	line += strspn(line, " \t\r");
	if ((word_is(line, "s", &arg) || word_is(line, "skip", &arg)) && !*arg)
		return skip(r);
	if ((word_is(line, "p", &arg) || word_is(line, "back", &arg)) && !*arg)
		return go_back(r);
	if (is_flag(r, line))
		return flag(r);
	if ((word_is(line, "l", &arg) || word_is(line, "list", &arg)) && !*arg) {
		list_questions(r);
		r->show = 1;
		return STEP_ON;
	}
	if ((word_is(line, "t", &arg) || word_is(line, "time", &arg)) && !*arg) {
		print_time_left(r);
		return STEP_ON;
	}
	if ((word_is(line, "?", &arg) || word_is(line, "help", &arg)) && !*arg) {
		print_help(r->out);
		return STEP_ON;
	}
	if ((word_is(line, "submit", &arg) || word_is(line, "q", &arg) ||
	     word_is(line, "quit", &arg)) && !*arg)
		return submit(r);
	/* a lone g is option g of a question with seven or more options */
	if ((word_is(line, "go", &arg) || word_is(line, "g", &arg)) && *arg)
		return go_to(r, arg);
	return answer_line(r, line);
}

static enum step exam_loop(struct run *r)
{
	char line[EXAM_LINE];

	for (;;) {
		enum step s;
		int rc;

		if (r->show && r->cur >= 0)
			print_question(r);
		r->show = 0;
		if ((rc = prompt(r, line)) != LINE_OK)
			return step_of(rc);
		if ((s = command(r, line)) != STEP_ON)
			return s;
		if (time_up(r))
			return STEP_TIMEOUT;
	}
}

/* ---- results ---- */

static void print_score(const struct run *r)
{
	const struct exam_result *res = exam_result(r->e);
	char score[EXPLAIN_MAX], rule[EXPLAIN_MAX];

	explain_score(score, sizeof score, res->correct, res->count);
	explain_pass_rule(rule, sizeof rule, res->count, res->pass);
	if (res->timed_out)
		fputs("\nTime is up.", r->out);
	fprintf(r->out, "\nExam submitted: %s. Result: %s (%s).\n", score,
		res->passed ? "PASS" : "FAIL", rule);
	fputs("\nPer role:\n", r->out);
	for (int k = 0; k < (int)catalog_role_count(r->app->cat); k++)
		if (res->role_asked[k])
			fprintf(r->out, "  %-28s %u of %u\n", explain_role(r->app->cat, k),
				res->role_correct[k], res->role_asked[k]);
}

static void print_confusions(const struct run *r)
{
	unsigned n = exam_count(r->e), shown = 0;

	fputs("\nDistinctions confused:\n", r->out);
	for (unsigned i = 0; i < n; i++) {
		int a, p;
		unsigned times = exam_confusion_times(r->e, i, &a, &p);

		char line[EXPLAIN_MAX];

		if (!times)
			continue;
		explain_confusion(line, sizeof line, "You", explain_role(r->app->cat, p),
				  explain_role(r->app->cat, a), times, 0);
		fprintf(r->out, "  %s\n", line);
		shown++;
	}
	if (!shown)
		fputs("  none\n", r->out);
}

static void print_miss(const struct run *r, unsigned i)
{
	const struct exam_item *it = exam_item(r->e, i);
	const struct bank_question *q = it->q;
	unsigned right = 0;

	for (unsigned k = 0; k < it->n_options; k++)
		if (it->order[k] == q->correct)
			right = k;
	fprintf(r->out, "\n[Q %u/%u] %s\n", i + 1, exam_count(r->e), q->prompt);
	if (it->picked < 0) {
		fputs("  Your answer: no answer\n", r->out);
	} else {
		const struct bank_choice *c = &q->choices[it->order[it->picked]];
		char line[EXPLAIN_MAX];

		fprintf(r->out, "  Your answer: %d) %s\n", it->picked + 1, c->text);
		if (explain_pick(line, sizeof line, r->app->cat, q, c))
			fprintf(r->out, "  %s\n", line);
	}
	fprintf(r->out, "  The answer: %u) %s\n  Why: %s\n", right + 1,
		q->choices[q->correct].text, q->explain);
}

static void print_results(const struct run *r)
{
	const struct exam_result *res = exam_result(r->e);
	unsigned missed = res->count - res->correct;

	print_score(r);
	print_confusions(r);
	if (missed)
		fprintf(r->out, "\nReview of the %u missed question%s:\n", missed,
			missed == 1 ? "" : "s");
	for (unsigned i = 0; i < exam_count(r->e); i++)
		if (!exam_item_correct(r->e, i))
			print_miss(r, i);
	fprintf(r->out, "\nAttempt %" PRId64 " is saved for %s; 'rolecall report' "
		"shows it.\n", r->att.id, r->app->user);
}

/* ---- a submit that failed ---- */

enum retry { RETRY_NOW, RETRY_GIVE_UP };

/* The countdown's wait with no one to answer: until the deadline, or
 * RETRY_GIVE_UP once it has gone on unattended for long enough. */
static enum retry retry_unattended(int64_t deadline_ms, int64_t *alone_ms)
{
	int64_t now = app_ms();

	if (*alone_ms >= EXAM_RETRY_UNATTENDED_MS)
		return RETRY_GIVE_UP;
	if (deadline_ms > now)
		poll(NULL, 0, (int)(deadline_ms - now));
	*alone_ms += deadline_ms > now ? deadline_ms - now : 0;
	return RETRY_NOW;
}

/* Say why the submit failed and wait `tries`'s delay for it to be tried
 * again: r tries now, q gives up. */
static enum retry retry_wait(struct run *r, unsigned tries, const char *why,
			     int64_t *alone_ms)
{
	unsigned delay = app_exam_retry_delay(tries);
	int64_t deadline = app_ms() + delay * 1000LL;
	char line[EXAM_LINE], cmd[160];

	app_exam_resume_command(r->app, cmd, sizeof cmd);
	fputs("\nCould not submit: ", r->out);
	emit_safe(r->out, why, strlen(why));
	fprintf(r->out, "; trying again in %u s (r retries now, q gives up: the attempt "
		"stays open and '%s' submits it later)\n", delay, cmd);
	for (;;) {
		const char *w = line, *arg;
		int rc;

		if (r->no_input)
			return retry_unattended(deadline, alone_ms);
		fputs("> ", r->out);
		fflush(r->out);
		if ((rc = line_in_read(&r->in, deadline, line, EXAM_LINE)) == LINE_TIMEOUT)
			return RETRY_NOW;
		if (rc != LINE_OK) {
			/* nothing more can come: the countdown goes on alone */
			r->no_input = 1;
			fputc('\n', r->out);
			continue;
		}
		if (r->echo)
			echo_line(line, r->out);
		w += strspn(w, " \t\r");
		if ((word_is(w, "r", &arg) || word_is(w, "retry", &arg)) && !*arg)
			return RETRY_NOW;
		if ((word_is(w, "q", &arg) || word_is(w, "quit", &arg)) && !*arg)
			return RETRY_GIVE_UP;
		fputs("Type r to try again now, or q to give up for now.\n", r->out);
	}
}

/* Score it, put every answered question in the log and the history, and
 * show the result; a submit that fails is tried again until it is stored
 * or the person gives up (the attempt then stays open). */
static int finish(struct run *r, int timed_out)
{
	struct rc_error err;
	int64_t alone_ms = 0;
	unsigned tries = 0;
	char cmd[160];

	if (app_exam_score(r->app, r->e, &r->att, timed_out, &err) < 0) {
		fflush(r->out);
		app_fail("%s", err.msg);
		return -1;
	}
	for (; app_exam_store(r->app, r->e, &r->att, tries, &err) < 0; tries++) {
		if (retry_wait(r, tries, err.msg, &alone_ms) == RETRY_NOW)
			continue;
		fflush(r->out);
		app_exam_resume_command(r->app, cmd, sizeof cmd);
		app_fail("exam attempt %" PRId64 " is not submitted (%s); it stays open with "
			 "every answer given, and '%s' submits it later", r->att.id, err.msg, cmd);
		return -1;
	}
	if (tries)
		fprintf(r->out, "\nSubmitted on try %u.\n", tries + 1);
	print_results(r);
	return 0;
}

/* ---- starting ---- */

/* A new attempt, after looking for one not submitted to mention. */
static int exam_begin_new(struct run *r, const struct options *cli, struct rc_error *err)
{
	struct exam_config cfg;

	if (app_exam_find_open(r->app, &r->open, err) < 0)
		return -1;
	app_exam_config(r->app, cli, r->app->banks, r->app->n_banks, 0, &cfg);
	if (exam_new(r->app->cat, &cfg, &r->e, err) < 0 ||
	    app_exam_begin(r->app, r->e, &cfg, &r->att, &r->banks, err) < 0)
		return -1;
	r->deadline_ms = cfg.time_limit ? r->start_ms + cfg.time_limit * 1000LL : -1;
	plan_time_warning(r);
	return 0;
}

/* --resume: the open attempt, on its own clock, where it was left. */
static int exam_begin_resumed(struct run *r, struct rc_error *err)
{
	struct exam_config cfg;
	int64_t left;

	if (app_exam_resume_open(r->app, &cfg, &r->e, &r->att, &r->banks, err) < 0)
		return -1;
	r->resumed = 1;
	left = exam_seconds_left(r->e, app_now());
	r->deadline_ms = left < 0 ? -1 : r->start_ms + left * 1000;
	plan_time_warning(r);
	app_exam_resume_point(r->e, &r->cur, &r->furthest);
	return 0;
}

static int exam_start(struct run *r, const struct options *cli, struct app *app)
{
	struct rc_error err;

	r->app = app;
	r->start_ms = app_ms();
	if ((cli->resume ? exam_begin_resumed(r, &err) : exam_begin_new(r, cli, &err)) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	return 0;
}

/* The first lines about an attempt not submitted: the one resumed, or
 * one that a new attempt leaves as it is. */
static void print_open(const struct run *r)
{
	struct app_exam_open o = r->open;
	char what[160], cmd[160];

	if (r->resumed) {
		app_exam_open_of(r->e, &r->att, &o);
		app_exam_open_text(&o, what, sizeof what);
		fprintf(r->out, "Resuming exam %s.\n", what);
		return;
	}
	if (!o.id)
		return;
	app_exam_open_text(&o, what, sizeof what);
	app_exam_resume_command(r->app, cmd, sizeof cmd);
	fprintf(r->out, "You have an exam attempt that was not submitted (%s).  This is a "
		"new attempt; '%s' goes on with that one instead.\n", what, cmd);
}

static void print_intro(const struct run *r)
{
	unsigned limit = exam_time_limit(r->e);
	const struct exam_def *d = r->app->exam_def;
	char rule[EXPLAIN_MAX];

	print_open(r);
	if (d) {
		fprintf(r->out, "Exam %s: ", d->id);
		emit_safe(r->out, d->title, strlen(d->title));
		fputc('\n', r->out);
	}
	explain_pass_rule(rule, sizeof rule, exam_count(r->e), exam_pass_mark(r->e));
	fprintf(r->out, "Exam: %u questions, %s. No feedback until you submit.\n",
		exam_count(r->e), rule);
	if (limit) {
		fputs("Time limit: ", r->out);
		print_mmss(r->out, limit);
		fputs(". The exam ends when it runs out; unanswered questions count as "
		      "wrong.\n", r->out);
	}
	fputs("Answer with a number or letter.  s skips, p goes back, g N goes to\n"
	      "question N, f flags it for review, l lists the questions, submit ends\n"
	      "the exam, ? shows help.\n",
	      r->out);
}

/* A resumed attempt whose time ran out while it was away is submitted as
 * it was left; one with every question answered asks to submit. */
static enum step resumed_start(struct run *r)
{
	char when[32];
	time_t t;
	struct tm tm;

	if (!r->resumed)
		return STEP_ON;
	if (exam_seconds_left(r->e, app_now()) == 0) {
		t = (time_t)(exam_result(r->e)->started_at + exam_time_limit(r->e));
		if (!gmtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC",
						    &tm))
			snprintf(when, sizeof when, "%lld", (long long)t);
		fprintf(r->out, "Its time ran out at %s; it is submitted with the answers it "
			"has.\n", when);
		return STEP_TIMEOUT;
	}
	return r->cur < 0 ? all_answered(r) : STEP_ON;
}

static int exam_run(struct run *r)
{
	enum step s;

	line_in_init(&r->in, STDIN_FILENO);
	r->echo = !isatty(STDIN_FILENO);
	r->out = stdout;
	r->show = 1;
	print_intro(r);
	if ((s = resumed_start(r)) == STEP_ON)
		s = exam_loop(r);
	if (s == STEP_FAIL)
		return -1;
	return finish(r, s == STEP_TIMEOUT);
}

int cmd_exam(const struct options *cli)
{
	struct run r = { 0 };
	struct app app;
	int rc = EXIT_FAIL, usage;

	if (cli->n_args && !strcmp(cli->args[0], "define"))
		return cmd_exam_define(cli);
	if (cli->n_args && !strcmp(cli->args[0], "list"))
		return cmd_exam_list(cli);
	if (cli->n_args > 1) {
		app_fail("'exam' takes one exam id at most (got '%s' after '%s')",
			 cli->args[1], cli->args[0]);
		return EXIT_USAGE;
	}
	if (app_need_terminal(cli))
		return EXIT_USAGE;
	if (!cli->plain)
		return ui_main(cli, UI_START_EXAM);
	if (app_open(cli, &app) < 0)
		goto out;
	if (app_exam_prepare(cli, &app, &usage) < 0) {
		rc = usage ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	/* a script can act on the result: 0 a pass, 1 a fail */
	if (exam_start(&r, cli, &app) == 0 && exam_run(&r) == 0)
		rc = exam_result(r.e)->passed ? EXIT_OK : EXIT_FAIL;
out:
	exam_free(r.e);
	free(r.banks);
	app_close(&app);
	return rc;
}

/* --time MINUTES: a decimal number of minutes, so that 0.05 (three
 * seconds) is possible for tests; parsed by hand, since strtod follows
 * the locale's decimal point. */
int cmd_exam_parse_time(const char *s, unsigned *seconds)
{
	long long whole = 0, frac = 0, scale = 100;
	const char *p = s;

	while (*p >= '0' && *p <= '9' && whole <= EXAM_MAX_MINUTES)
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.' && p[1])
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			frac += (*p - '0') * scale; /* thousandths; later digits drop */
	if (p == s || *p || whole > EXAM_MAX_MINUTES) {
		app_fail("--time needs a number of minutes up to %d (such as 30 or 0.5), "
			 "not '%s'", EXAM_MAX_MINUTES, s);
		return -1;
	}
	*seconds = (unsigned)(((whole * 1000 + frac) * 60 + 500) / 1000);
	if (!*seconds) {
		app_fail("--time must be at least one second (0.01 minutes)");
		return -1;
	}
	return 0;
}

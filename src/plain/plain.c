#include "plain.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rolecall/emit.h"
#include "rolecall/explain.h"
#include "rolecall/input.h"

static void print_question(const struct shown_question *sq, FILE *out)
{
	const struct bank_question *q = sq->q;
	int width = plain_width(out);
	char label[16];

	fprintf(out, "\n[%u/%u] %s%s\n", sq->number, sq->total, q->bank->title,
		sq->reason == PICK_REASK ? " (again)" : "");
	plain_para(out, width, 0, "", q->prompt);
	for (unsigned i = 0; i < sq->n_options; i++) {
		snprintf(label, sizeof label, "  %u) ", i + 1);
		plain_para(out, width, 5, label, q->choices[sq->order[i]].text);
	}
}

static void print_help(unsigned n, FILE *out)
{
	fprintf(out, "Type the number (1-%u) or letter (a-%c) of your answer and press "
		"Enter; q quits (everything answered is saved).\n", n, 'a' + n - 1);
}

static void print_feedback(const struct app *app, const struct shown_question *sq,
			   const struct answer_result *res, FILE *out)
{
	int width = plain_width(out);
	char label[16], line[EXPLAIN_MAX];

	if (res->correct) {
		plain_para(out, width, 2, "Right: ", res->right->text);
	} else {
		if (res->picked) {
			plain_para(out, width, 2, "Wrong. You picked: ", res->picked->text);
			if (explain_pick(line, sizeof line, app->cat, sq->q, res->picked))
				plain_para(out, width, 2, "", line);
		} else {
			fputs("No answer.\n", out);
		}
		snprintf(label, sizeof label, "The answer: %u) ", res->right_position + 1);
		plain_para(out, width, 2, label, res->right->text);
	}
	plain_para(out, width, 2, "Why: ", sq->q->explain);
	if (res->contrast) {
		explain_contrast_title(line, sizeof line - 2, app->cat, res->confused_answer,
				       res->confused_picked);
		strcat(line, ": ");
		plain_para(out, width, 2, line, res->contrast);
	}
	if (res->will_return)
		plain_para(out, width, 0, "", "This question will come back in a few questions.");
}

static void echo_line(const char *line, FILE *out)
{
	emit_safe(out, line, strcspn(line, "\n"));
	putc('\n', out);
}

/* Read one answer; 1 with *position set, 0 on quit or end of input, -1
 * when a non-terminal gave PLAIN_MAX_INVALID invalid lines in a row: a
 * script or a pipe (`yes 4`) that cannot answer this question would
 * otherwise be asked it forever. */
static int read_answer(const struct shown_question *sq, FILE *in, FILE *out,
		       int *position)
{
	int piped = !isatty(fileno(in)), invalid = 0;
	char line[256];

	for (;;) {
		fputs("> ", out);
		fflush(out);
		if (!fgets(line, sizeof line, in))
			return 0;
		/* Piped answers are not echoed by a terminal: echo them, so a
		 * transcript reads like the session it was. */
		if (piped)
			echo_line(line, out);
		switch (input_parse_answer(line, strlen(line), sq->n_options, position)) {
		case INPUT_ANSWER: return 1;
		case INPUT_QUIT: return 0;
		case INPUT_HELP: invalid = 0; print_help(sq->n_options, out); break;
		case INPUT_EMPTY: break;
		case INPUT_INVALID:
			if (piped && ++invalid >= PLAIN_MAX_INVALID)
				return -1;
			fprintf(out, "Please answer with a number from 1 to %u or a letter "
				"from a to %c (? for help, q to quit).\n", sq->n_options,
				'a' + sq->n_options - 1);
		}
		/* A line longer than the buffer: drop the rest of it. */
		if (!strchr(line, '\n'))
			for (int c; (c = getc(in)) != EOF && c != '\n';)
				;
	}
}

/* Nobody can see the questions (stdout a full disk, a closed pipe): stop
 * rather than record answers given blind. */
static int output_failed(FILE *out)
{
	if (fflush(out) != EOF && !ferror(out))
		return 0;
	app_fail("cannot write the questions (%s); stopped, and every answer given "
		 "so far is saved", strerror(errno));
	return 1;
}

int plain_run(struct app *app, struct session *s, FILE *in, FILE *out)
{
	const struct shown_question *sq;
	struct rc_error err;

	char notice[160];

	if (session_drill_fallback(s))
		fputs(SESSION_PROBE_NOTICE "\n", out);
	if (session_count_notice(s, notice, sizeof notice))
		fprintf(out, "%s\n", notice);
	while ((sq = session_next(s))) {
		struct answer_result res;
		int64_t start = app_ms();
		int position, rc;

		print_question(sq, out);
		if (output_failed(out))
			return -1;
		if ((rc = read_answer(sq, in, out, &position)) == 0)
			break;
		if (rc < 0) {
			fflush(out);
			app_fail("%d invalid answers in a row from standard input, which "
				 "is not a terminal: stopped (every answer given so far "
				 "is saved); answer with 1-%u or a-%c", PLAIN_MAX_INVALID,
				 sq->n_options, 'a' + sq->n_options - 1);
			return PLAIN_STOPPED;
		}
		if (session_answer(s, position, app_ms() - start, app_now(), &res, &err) < 0 ||
		    store_record(app->store, app->user_id, &res.record, app->h, &err) < 0) {
			fflush(out);
			app_fail("%s", err.msg);
			return -1;
		}
		print_feedback(app, sq, &res, out);
	}
	plain_summary(app, s, out);
	return 0;
}

static void print_due(const struct session_summary *sum, int64_t now, FILE *out)
{
	char next[EXPLAIN_MAX];

	fprintf(out, "Due for review now: %u", sum->due_now);
	if (sum->next_due) {
		explain_next_review(next, sizeof next, sum->next_due - now);
		fprintf(out, "; %s", next);
	}
	fputs(".\n", out);
}

void plain_summary(const struct app *app, struct session *s, FILE *out)
{
	const struct session_summary *sum = session_summary(s);
	char line[EXPLAIN_MAX];

	if (!sum->asked) {
		fputs("\nNo questions answered.\n", out);
		return;
	}
	explain_score(line, sizeof line, sum->correct, sum->asked);
	fprintf(out, "\nSession: %s, best streak %u.\n", line, sum->best_streak);
	for (int r = 0; r < (int)catalog_role_count(app->cat); r++)
		if (sum->role_asked[r])
			fprintf(out, "  %-28s %u of %u\n", explain_role(app->cat, r),
				sum->role_correct[r], sum->role_asked[r]);
	if (sum->n_confusions)
		fputs("Confused this session:\n", out);
	for (unsigned i = 0; i < sum->n_confusions; i++) {
		const struct session_confusion *c = &sum->confusions[i];

		explain_confusion(line, sizeof line, "You", explain_role(app->cat, c->picked),
				  explain_role(app->cat, c->answer), c->count, 0);
		fprintf(out, "  %s\n", line);
	}
	print_due(sum, app_now(), out);
}

/*
 * The exam's results: the score and PASS or FAIL (in words; colour only
 * repeats it), the score per role, the distinctions confused, and a review
 * of every missed question — the same facts the plain exam prints, from
 * exam_result and the exam's items.  The document scrolls.
 */
#include "ui_exam.h"

#include <inttypes.h>
#include <stdio.h>

static void ui_exam_results_score(struct ui *ui, struct ui_doc *d)
{
	const struct ui_exam *ex = ui->exam;
	const struct exam_result *res = exam_result(ex->e);
	char score[EXPLAIN_MAX], rule[EXPLAIN_MAX];

	if (res->timed_out)
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], "Time is up.");
	explain_score(score, sizeof score, res->correct, res->count);
	explain_pass_rule(rule, sizeof rule, res->count, res->pass);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Score: %s.", score);
	ui_doc_paraf(ui, d, 0, ui->style[res->passed ? UI_ST_RIGHT : UI_ST_WRONG],
		     "Result: %s (%s).", res->passed ? "PASS" : "FAIL", rule);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "Attempt %" PRId64 " is saved for %s; "
		     "'rolecall report' shows it.", ex->att.id, ui->app->user);
}

static void ui_exam_results_confusions(struct ui *ui, struct ui_doc *d)
{
	unsigned n = exam_count(ui->exam->e), shown = 0;

	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Distinctions confused");
	for (unsigned i = 0; i < n; i++) {
		int a, p;
		unsigned times = exam_confusion_times(ui->exam->e, i, &a, &p);

		char line[EXPLAIN_MAX];

		if (!times)
			continue;
		explain_confusion(line, sizeof line, "You", ui_role_name(ui, p),
				  ui_role_name(ui, a), times, 0);
		ui_doc_paraf(ui, d, 2, A_NORMAL, "%s.", line);
		shown++;
	}
	if (!shown)
		ui_doc_para(ui, d, 2, A_NORMAL, "none");
}

static unsigned ui_exam_right_position(const struct exam_item *it)
{
	for (unsigned k = 0; k < it->n_options; k++)
		if (it->order[k] == it->q->correct)
			return k;
	return 0;
}

static void ui_exam_results_miss(struct ui *ui, struct ui_doc *d, unsigned i)
{
	const struct exam_item *it = exam_item(ui->exam->e, i);
	const struct bank_question *q = it->q;
	unsigned right = ui_exam_right_position(it);

	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_KEY], "Question %u of %u", i + 1,
		     exam_count(ui->exam->e));
	ui_doc_para(ui, d, 2, A_NORMAL, q->prompt);
	if (it->picked < 0) {
		ui_doc_para(ui, d, 2, ui->style[UI_ST_WRONG], "Your answer: no answer");
	} else {
		const struct bank_choice *c = &q->choices[it->order[it->picked]];
		char line[EXPLAIN_MAX];

		ui_doc_paraf(ui, d, 2, ui->style[UI_ST_WRONG], "Your answer: %d) %s",
			     it->picked + 1, c->text);
		if (explain_pick(line, sizeof line, ui->app->cat, q, c))
			ui_doc_para(ui, d, 2, A_NORMAL, line);
	}
	ui_doc_paraf(ui, d, 2, ui->style[UI_ST_RIGHT], "The answer: %u) %s", right + 1,
		     q->choices[q->correct].text);
	ui_doc_paraf(ui, d, 2, A_NORMAL, "Why: %s", q->explain);
}

static void ui_exam_results_fill(struct ui *ui, struct ui_doc *d)
{
	const struct exam *e = ui->exam->e;
	const struct exam_result *res = exam_result(e);
	unsigned missed = res->count - res->correct;

	ui_exam_results_score(ui, d);
	ui_doc_skip(d, 1);
	ui_summary_roles(ui, d, res->role_asked, res->role_correct);
	ui_exam_results_confusions(ui, d);
	if (!missed)
		return;
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Review of the %u missed question%s",
		     missed, missed == 1 ? "" : "s");
	for (unsigned i = 0; i < exam_count(e); i++)
		if (!exam_item_correct(e, i))
			ui_exam_results_miss(ui, d, i);
}

void ui_exam_results_draw(struct ui *ui)
{
	ui_draw_header(ui, "Exam results", ui->app->user);
	ui_doc_show(ui, 2, LINES - 1, ui_exam_results_fill);
	ui_draw_status(ui, ui->start == UI_START_MENU ?
		       "Enter: back to the menu \u00b7 " UI_PAGER_KEYS " \u00b7 ? help" :
		       "Enter: exit \u00b7 " UI_PAGER_KEYS " \u00b7 ? help");
}

enum ui_action ui_exam_results_key(struct ui *ui, const struct ui_key *k)
{
	if (k->cmd == UI_CMD_HELP)
		return UI_ACT_HELP;
	if (ui_doc_pager_key(ui, k))
		return UI_ACT_REDRAW;
	if (k->cmd == UI_CMD_ENTER || k->cmd == UI_CMD_QUIT || k->cmd == UI_CMD_BACK)
		return UI_ACT_MENU;
	return UI_ACT_NONE;
}

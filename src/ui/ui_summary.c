/*
 * The end of a session: score, results per role, the distinctions
 * confused in this session, and when reviews come due — the same facts
 * plain_summary prints, from session_summary.
 */
#include "ui_impl.h"

#include <stdio.h>

#define UI_NAME_W 28
#define UI_BAR_W 10

void ui_summary_roles(struct ui *ui, struct ui_doc *d, const unsigned *asked,
		      const unsigned *correct)
{
	int name_w = d->width - 28 < UI_NAME_W ? d->width - 28 : UI_NAME_W;

	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Per role");
	for (int r = 0; r < (int)catalog_role_count(ui->app->cat); r++) {
		int y = ui_doc_y(d, d->row);

		if (!asked[r])
			continue;
		ui_doc_skip(d, 1);
		if (y < 0)
			continue;
		ui_put(ui, y, d->left + 2, name_w, A_NORMAL, ui_role_name(ui, r));
		ui_putf(ui, y, d->left + 3 + name_w, 10, A_NORMAL, "%u of %u", correct[r],
			asked[r]);
		ui_draw_bar(ui, y, d->left + 14 + name_w, UI_BAR_W, correct[r], asked[r],
			    ui->style[UI_ST_BAR]);
	}
}

static void ui_summary_confusions(struct ui *ui, struct ui_doc *d,
				  const struct session_summary *sum)
{
	if (!sum->n_confusions)
		return;
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Confused this session");
	for (unsigned i = 0; i < sum->n_confusions; i++) {
		const struct session_confusion *c = &sum->confusions[i];
		char line[EXPLAIN_MAX];

		explain_confusion(line, sizeof line, "You", ui_role_name(ui, c->picked),
				  ui_role_name(ui, c->answer), c->count, 0);
		ui_doc_paraf(ui, d, 2, A_NORMAL, "%s.", line);
	}
}

static void ui_summary_due(struct ui *ui, struct ui_doc *d, const struct session_summary *sum)
{
	char next[EXPLAIN_MAX] = "";

	if (sum->next_due)
		explain_next_review(next, sizeof next, sum->next_due - app_now());
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "Due for review now: %u%s%s.", sum->due_now,
		     next[0] ? "; " : "", next);
}

static void ui_summary_fill(struct ui *ui, struct ui_doc *d)
{
	const struct session_summary *sum = session_summary(ui->s);
	char score[EXPLAIN_MAX];

	if (!sum->asked) {
		ui_doc_para(ui, d, 0, A_NORMAL, "No questions answered.");
		ui_summary_due(ui, d, sum);
		return;
	}
	explain_score(score, sizeof score, sum->correct, sum->asked);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Score: %s, best streak %u.", score,
		     sum->best_streak);
	ui_doc_skip(d, 1);
	ui_summary_roles(ui, d, sum->role_asked, sum->role_correct);
	ui_summary_confusions(ui, d, sum);
	ui_summary_due(ui, d, sum);
}

/* UI_PAGER_KEYS would not fit beside Enter's words in 80 columns; "?
 * help" first, as a narrow terminal cuts the end. */
#define UI_SUMMARY_PAGER "? help \u00b7 Space b g G / search"

void ui_summary_draw(struct ui *ui)
{
	ui_draw_header(ui, ui->mode == MODE_DRILL ? "Drill over" : "Practice over", ui->app->user);
	if (ui->s)
		ui_doc_show(ui, 2, LINES - 1, ui_summary_fill);
	ui_draw_status(ui, ui->start == UI_START_MENU ?
		       "Enter: back to the menu \u00b7 s stats \u00b7 " UI_SUMMARY_PAGER :
		       "Enter: exit \u00b7 s stats \u00b7 " UI_SUMMARY_PAGER);
}

enum ui_action ui_summary_key(struct ui *ui, const struct ui_key *k)
{
	if (k->cmd == UI_CMD_HELP)
		return UI_ACT_HELP;
	if (ui_doc_pager_key(ui, k))
		return UI_ACT_REDRAW;
	if (k->cmd == UI_CMD_WHEEL_UP || k->cmd == UI_CMD_WHEEL_DOWN)
		return UI_ACT_NONE;
	if (!k->fn && (k->ch == L's' || k->ch == L'S'))
		return UI_ACT_STATS;
	return UI_ACT_MENU;
}

/*
 * The Roles screen: each role's summary and every contrast between two
 * roles, as the banks in use declare them, so a learner can read what
 * tells the roles apart before answering.
 */
#include "ui_impl.h"

#include "rolecall/bank.h"

struct ui_roles_doc {
	struct ui *ui;
	struct ui_doc *d;
};

static void ui_roles_contrast(void *ctx, const struct bank_role *a, const struct bank_role *b,
			      const char *text)
{
	const struct ui_roles_doc *rd = ctx;

	ui_doc_skip(rd->d, 1);
	ui_doc_paraf(rd->ui, rd->d, 2, rd->ui->style[UI_ST_KEY], "%s / %s", a->name, b->name);
	ui_doc_para(rd->ui, rd->d, 4, A_NORMAL, text);
}

static void ui_roles_fill(struct ui *ui, struct ui_doc *d)
{
	const struct catalog *cat = ui->app->cat;
	struct ui_roles_doc rd = { ui, d };
	int order[ROLECALL_MAX_ROLES];
	unsigned n = catalog_roles_of(ui->app->banks, ui->app->n_banks, order,
				      ROLECALL_MAX_ROLES);

	for (unsigned i = 0; i < n; i++) {
		const struct bank_role *r = catalog_role(cat, order[i]);

		ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], r->name);
		ui_doc_para(ui, d, 2, A_NORMAL, r->summary ? r->summary : "(no summary in the banks)");
		ui_doc_skip(d, 1);
	}
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "What tells them apart");
	if (!catalog_each_contrast(cat, order, n, ui_roles_contrast, &rd))
		ui_doc_para(ui, d, 2, ui->style[UI_ST_DIM], "These banks declare no contrasts.");
}

void ui_roles_draw(struct ui *ui)
{
	ui_doc_screen_draw(ui, "Roles", ui_roles_fill);
}

enum ui_action ui_roles_key(struct ui *ui, const struct ui_key *k)
{
	return ui_doc_screen_key(ui, k);
}

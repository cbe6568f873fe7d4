/* rolecall roles: each role's summary and every contrast, from the banks,
 * to read before answering.  In a terminal, the UI's Roles screen; in a
 * pipe or with --plain, the same as text. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"
#include "commands.h"
#include "rolecall/bank.h"
#include "ui.h"

static void print_contrast(void *ctx, const struct bank_role *a, const struct bank_role *b,
			   const char *text)
{
	fprintf(ctx, "\n  %s / %s\n    %s\n", a->name, b->name, text);
}

static void print_roles(const struct catalog *cat, const struct bank **banks, size_t n_banks,
			FILE *out)
{
	int order[ROLECALL_MAX_ROLES];
	unsigned n = catalog_roles_of(banks, n_banks, order, ROLECALL_MAX_ROLES);

	for (unsigned i = 0; i < n; i++) {
		const struct bank_role *r = catalog_role(cat, order[i]);

		fprintf(out, "%s\n  %s\n\n", r->name,
			r->summary ? r->summary : "(no summary in the banks)");
	}
	fputs("What tells them apart\n", out);
	if (!catalog_each_contrast(cat, order, n, print_contrast, out))
		fputs("  These banks declare no contrasts.\n", out);
}

int cmd_roles(const struct options *cli)
{
	const struct bank **banks = NULL;
	struct catalog *cat;
	struct options line;
	size_t n_banks = 0;

	if (cli->n_args) {
		app_fail("'roles' takes no arguments (got '%s')", cli->args[0]);
		return EXIT_USAGE;
	}
	if (!cli->plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	    !cmd_line_mode_instead(cli, 1, &line))
		return ui_main(cli, UI_START_ROLES);
	if (!(cat = app_load_banks(cli, &banks, &n_banks)))
		return EXIT_FAIL;
	print_roles(cat, banks, n_banks, stdout);
	free(banks);
	catalog_free(cat);
	return EXIT_OK;
}

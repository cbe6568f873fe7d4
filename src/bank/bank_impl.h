/*
 * bank_impl — what bank.c (building a bank from YAML nodes) and catalog.c
 * (owning banks, unifying roles) share.  Private to the bank module.
 *
 * While a bank is built, role indices in choices and contrasts are indices
 * into the bank's own role list; catalog.c maps them to catalog indices
 * when it adds the bank.
 */
#ifndef ROLECALL_BANK_IMPL_H
#define ROLECALL_BANK_IMPL_H

#include "arena.h"
#include "rolecall/bank.h"
#include "strmap.h"

struct role_decl {
	struct bank_role role;
	int line, col;
};

struct bank_impl {
	struct bank pub;
	struct arena arena;              /* every string and small array */
	struct bank_question *questions; /* malloc'd: grows while loading */
	size_t cap_questions;
	struct role_decl roles[BANK_MAX_ROLES];
	unsigned n_roles;
	int global[BANK_MAX_ROLES];      /* catalog index of each local role */
	int id_line, id_col;             /* where the bank id is written */
	struct strmap ids;               /* question id -> its index + 1 */
};

/* Build a bank from a file's bytes.  Returns NULL when anything was wrong
 * (the problems are in diags).  The caller owns the result and frees it
 * with bank_impl_free. */
struct bank_impl *bank_build(const char *name, const char *data, size_t len,
			     int want_sha256, struct diag_list *diags);
void bank_impl_free(struct bank_impl *b);

#endif

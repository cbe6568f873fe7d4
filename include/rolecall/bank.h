/*
 * bank — question banks: YAML files loaded into an immutable model.
 *
 * Banks are loaded into a catalog, which owns them and unifies their roles by
 * id: role indices in questions and contrasts are catalog-wide, so a
 * person's confusion matrix spans every bank.  A bank with any error is not
 * added; every problem found is appended to the diag_list as
 * FILE:LINE:COL: message.  Everything returned by the accessors is owned by
 * the catalog and lives until catalog_free.
 *
 * The format is documented in doc/bank-format.md.
 */
#ifndef ROLECALL_BANK_H
#define ROLECALL_BANK_H

#include <stddef.h>
#include <stdint.h>

#include "rolecall/diag.h"

#define BANK_MIN_OPTIONS 2
#define BANK_MAX_OPTIONS 8
#define BANK_MAX_ROLES 32
#define BANK_MAX_TEXT 4096
#define BANK_MAX_FILE (64u * 1024 * 1024)
#define BANK_MAX_DEPTH 16
#define BANK_MAX_ERRORS 100
/* What an id is (a bank's, a role's, a question's, an exam's), in the
 * words every message about one says it: bank_id_valid's rule. */
#define BANK_ID_RULE "1 to 64 lowercase letters, digits, '-' or '_', starting with a " \
	"letter or digit"
/* The most different roles rolecall keeps apart, and the one limit every
 * table of roles has: the roles of all banks of a catalog (checked as
 * banks load), of a history, the drill's evidence and a report (the ids a
 * log names, which banks no longer loaded may have declared: checked by
 * history_roles_add).  Each says it is reached in the words of
 * ROLECALL_ROLES_FULL, a format for ROLECALL_MAX_ROLES. */
#define ROLECALL_MAX_ROLES 128
#define ROLECALL_ROLES_FULL "more than %d different roles, the most rolecall keeps apart"

struct bank;

struct bank_role {
	const char *id;
	const char *name;
	const char *summary; /* may be NULL */
};

enum question_kind {
	QUESTION_ROLES,      /* the options are roles */
	QUESTION_STATEMENTS, /* statement choices, each tagged with a role */
};

struct bank_choice {
	const char *text; /* for QUESTION_ROLES: the role's name */
	const char *why;  /* may be NULL */
	int role;         /* catalog role index, or -1 */
};

struct bank_question {
	const char *id;
	const char *prompt;
	const char *explain;
	const char *source; /* may be NULL */
	const struct bank *bank;
	enum question_kind kind;
	const struct bank_choice *choices;
	unsigned n_choices;
	unsigned correct;     /* index of the right choice */
	int answer_role;      /* catalog role index, or -1 */
	const int *about;     /* roles the question counts toward */
	unsigned n_about;
	const char *const *tags;
	unsigned n_tags;
	unsigned difficulty;  /* 1..3 */
	unsigned line, col;   /* where its id is in its file */
};

struct bank_contrast {
	int role_a, role_b; /* catalog role indices */
	const char *text;
};

struct bank {
	const char *id;
	const char *title;
	const char *description; /* may be NULL */
	const char *path;
	char sha256[65];         /* SHA-256 of the file's bytes, hex: what sha256sum
				  * prints; "" unless catalog_want_sha256 */
	unsigned exam_count;     /* 0 when the bank sets no default */
	unsigned exam_pass;      /* percent; 0 when unset */
	const int *roles;        /* catalog indices of the roles it declares */
	unsigned n_roles;
	const struct bank_question *questions;
	size_t n_questions;
	const struct bank_contrast *contrasts;
	unsigned n_contrasts;
};

struct catalog;

struct catalog *catalog_new(void);
void catalog_free(struct catalog *cat);

/* Take each bank file's SHA-256 from now on (exams and trivia record which
 * version of a bank was used).  Off by default: it costs more than parsing. */
void catalog_want_sha256(struct catalog *cat, int on);

/* Load one bank file.  0 when it was added; -1 with errors in diags. */
int catalog_load_file(struct catalog *cat, const char *path,
		      struct diag_list *diags);

/* Load a bank file unless a bank with its id is loaded already (a bank
 * given by file replaces the bundled one of the same id): then nothing is
 * added, *kept is the bank already there and it returns 1.  Otherwise as
 * catalog_load_file. */
int catalog_load_file_yielding(struct catalog *cat, const char *path,
			       struct diag_list *diags, const struct bank **kept);

/* Load a bank from memory; `name` stands for the file in messages. */
int catalog_load_buffer(struct catalog *cat, const char *name,
			const char *data, size_t len, struct diag_list *diags);

size_t catalog_bank_count(const struct catalog *cat);
const struct bank *catalog_bank(const struct catalog *cat, size_t i);
const struct bank *catalog_find_bank(const struct catalog *cat, const char *id);

size_t catalog_role_count(const struct catalog *cat);
const struct bank_role *catalog_role(const struct catalog *cat, int i);
int catalog_find_role(const struct catalog *cat, const char *id); /* -1 */

size_t catalog_question_count(const struct catalog *cat);
const struct bank_question *catalog_find_question(const struct catalog *cat,
						  const char *id);

/* "id:sha256,id:sha256" for banks loaded with catalog_want_sha256: which
 * banks, in which version, as exam attempts and trivia games record them.
 * Bank ids hold no ',' or ':'.  Malloc'd (the caller frees); NULL when out
 * of memory. */
char *bank_versions_text(const struct bank *const *banks, size_t n);

/* 1 when s (len bytes) is an id: BANK_ID_RULE. */
int bank_id_valid(const char *s, size_t len);

/* The contrast text for a pair of roles (either order), or NULL. */
const char *catalog_contrast(const struct catalog *cat, int a, int b);

/* The roles of banks[0..n), each once, as catalog indices in order: the
 * first bank's as it declares them, then the roles each later bank adds.
 * Writes at most cap; returns how many it wrote. */
unsigned catalog_roles_of(const struct bank *const *banks, size_t n, int *order,
			  unsigned cap);

/* Each contrast between two of the n roles order[] names (catalog indices,
 * as catalog_roles_of writes them), once a pair, the earlier role of order
 * first: fn(ctx, a, b, text) in that order.  Returns how many there were:
 * what `rolecall roles` and the Roles screen list. */
unsigned catalog_each_contrast(const struct catalog *cat, const int *order, unsigned n,
			       void (*fn)(void *ctx, const struct bank_role *a,
					  const struct bank_role *b, const char *text),
			       void *ctx);

#endif

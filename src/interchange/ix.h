/*
 * ix — moving banks to and from the formats a learning management system
 * reads: Moodle XML and GIFT out, GIFT, Aiken and CSV in.  Pure code over
 * the bank model: writers take a loaded bank, readers build an ix_bank
 * draft that ix_write_yaml prints as a bank file for `rolecall check`.  No
 * terminal, no database.  Every string of a draft is in its arena, freed
 * with it by ix_bank_free.
 */
#ifndef ROLECALL_IX_H
#define ROLECALL_IX_H

#include <stdio.h>

#include "arena.h"
#include "rolecall/bank.h"
#include "rolecall/diag.h"

/* Bank files hold at most one contrast per pair of roles. */
#define IX_MAX_CONTRASTS (BANK_MAX_ROLES * (BANK_MAX_ROLES - 1) / 2)
#define IX_MAX_TAGS 32

struct ix_choice {
	const char *text;
	const char *why;  /* NULL when none */
	int role;         /* index into ix_bank.roles, or -1 */
};

struct ix_question {
	const char *id, *prompt, *explain;
	const char *source;           /* NULL when none */
	int options_are_roles;        /* each choice is its role's name */
	struct ix_choice choices[BANK_MAX_OPTIONS];
	unsigned n_choices, correct;
	const char *tags[IX_MAX_TAGS];
	unsigned n_tags;
	int about[BANK_MAX_ROLES];    /* an explicit 'roles:' list */
	unsigned n_about;
	unsigned difficulty;          /* 0: not given */
};

struct ix_role {
	const char *id, *name, *summary; /* summary may be NULL */
};

struct ix_contrast {
	int a, b;
	const char *text;
};

struct ix_bank {
	struct arena arena;      /* every string below */
	const char *id, *title, *description;
	unsigned exam_count, exam_pass;
	struct ix_role roles[BANK_MAX_ROLES];
	unsigned n_roles;
	struct ix_contrast contrasts[IX_MAX_CONTRASTS];
	unsigned n_contrasts;
	struct ix_question *questions;
	size_t n_questions, cap_questions;
};

/* Heap-allocated (the contrast table is large); NULL when out of memory. */
struct ix_bank *ix_bank_new(void);
void ix_bank_free(struct ix_bank *b);
/* A fresh question at the end, zeroed; NULL when out of memory. */
struct ix_question *ix_bank_add_question(struct ix_bank *b);
/* What the role lookups below give instead of an index.  A full bank is
 * the file's problem, to be reported; out of memory is not. */
enum { IX_NO_ROLE = -1, IX_OOM = -2, IX_FULL = -3 };
/* The role's index, added with name when missing; IX_FULL when the bank
 * already holds BANK_MAX_ROLES, IX_OOM. */
int ix_bank_role(struct ix_bank *b, const char *id, const char *name);
/* Why role id is not in the bank after IX_FULL, into why. */
void ix_role_full(char *why, size_t cap, const char *id);
/* The role's index, IX_NO_ROLE. */
int ix_bank_find_role(const struct ix_bank *b, const char *id);
const char *ix_bank_contrast(const struct ix_bank *b, int x, int y);
char *ix_strdup(struct ix_bank *b, const char *s);
/* [s, end) without the blanks around it (and a CR at its end: a file
 * from Windows), as a string of a; NULL when out of memory. */
char *ix_strndup_trimmed(struct arena *a, const char *s, const char *end);

/* s made into an id (lowercase, runs of other characters as one '-') in
 * buf; "" when nothing of it is left. */
void ix_make_id(const char *s, char *buf, size_t cap);

/* The contrast a learner confuses by picking q's choice i: that of the
 * right answer's role and the choice's, when the choice is wrong and its
 * role another; NULL otherwise.  What both writers add to its feedback. */
const char *ix_choice_contrast(const struct catalog *cat, const struct bank_question *q,
			       unsigned i);

/* Writers: one bank of cat, every question.  -1 when out writes fail. */
int ix_write_gift(FILE *out, const struct catalog *cat, const struct bank *b);
int ix_write_moodle_xml(FILE *out, const struct catalog *cat, const struct bank *b);

/* A bank file `rolecall check` accepts. */
int ix_write_yaml(FILE *out, const struct ix_bank *b);

/* --roles FILE: lines "ROLE-ID = ANSWER TEXT" (doc/bank-format.md).  The
 * first line of a role declares it, named by its text.  NULL with the
 * problems in diags (a line that is not one, out of memory). */
struct ix_role_map;
struct ix_role_map *ix_role_map_parse(const char *name, const char *text, size_t len,
				      struct diag_list *diags);
void ix_role_map_free(struct ix_role_map *m);
/* The name the map gives role id: its first line's text, else id. */
const char *ix_role_map_name(const struct ix_role_map *m, const char *id);
/* The role of an answer's text, declared in b when first used;
 * IX_NO_ROLE when m has none, else as ix_bank_role, with why filled after
 * IX_FULL. */
int ix_role_map_find(const struct ix_role_map *m, struct ix_bank *b, const char *text,
		     char *why, size_t cap);

/* The roles of q's choices that have none, from map: -1 with why filled
 * when its right answer still has none, IX_FULL with why filled when a
 * role is one too many, IX_OOM. */
int ix_question_roles(struct ix_bank *b, const struct ix_role_map *map, struct ix_question *q,
		      char *why, size_t cap);
/* Its kind, its explanation (general, else the right answer's feedback,
 * else "The right answer is: TEXT.") and an id from title unique in b
 * (call before adding it).  -1 when out of memory. */
int ix_question_finish(struct ix_bank *b, struct ix_question *q, const char *title,
		       const char *general);

/* GIFT text (name for messages) into b.  What cannot be a bank question is
 * reported in diags and left out.  -1 when out of memory. */
int ix_read_gift(struct ix_bank *b, const char *name, const char *text, size_t len,
		 const struct ix_role_map *roles, struct diag_list *diags);
/* The same for Aiken: question lines, "A) text" or "A. text" answers,
 * "ANSWER: A". */
int ix_read_aiken(struct ix_bank *b, const char *name, const char *text, size_t len,
		  const struct ix_role_map *roles, struct diag_list *diags);
/* The same for CSV: a header row, then a question a row (doc/bank-format.md). */
int ix_read_csv(struct ix_bank *b, const char *name, const char *text, size_t len,
		const struct ix_role_map *roles, struct diag_list *diags);

#endif

/*
 * history — what one person's answers add up to.
 *
 * The answer log (kept by the store) is the source of truth; a history is
 * derived from it by applying answers one by one with history_apply, so the
 * store can rebuild it from the log and the engine can update it as a
 * session goes.  Pure: no I/O.  Roles and questions are kept by id (text),
 * not by catalog index, because banks change between runs and ids are the
 * identity.
 *
 * Ownership: a history owns copies of every id it holds; history_free
 * releases everything.  Pointers it returns live until the next
 * history_apply / history_set_* call or history_free.
 */
#ifndef ROLECALL_HISTORY_H
#define ROLECALL_HISTORY_H

#include <stdint.h>

#include "rolecall/bank.h"
#include "rolecall/sched.h"

#define HISTORY_LEECH_MISSES 6
/* A right answer slower than this is graded Hard, as every front end
 * applies answers. */
#define HISTORY_SLOW_MS 30000

enum session_mode { MODE_PRACTICE, MODE_DRILL, MODE_EXAM, MODE_TRIVIA };

/* "practice", "drill", "exam", "trivia"; and back (-1 when unknown). */
const char *session_mode_name(enum session_mode mode);
int session_mode_parse(const char *name);

/* One answer, as the log records it.  Strings are borrowed. */
struct answer_record {
	const char *bank_id;
	const char *question_id;
	const char *answer_role;                     /* role id, or NULL */
	const char *about[BANK_MAX_OPTIONS];         /* roles it counts toward */
	unsigned n_about;
	const char *shown_roles[BANK_MAX_OPTIONS];   /* each option's role id, or NULL */
	unsigned shown_choices[BANK_MAX_OPTIONS];    /* each option's choice index in the bank */
	unsigned n_shown;
	int picked;          /* position picked, 0-based; -1 = no answer (time out) */
	int correct;
	int64_t elapsed_ms;
	int64_t answered_at; /* unix seconds */
	enum session_mode mode;
};

/* The role id the record's pick stood for, or NULL. */
const char *answer_record_picked_role(const struct answer_record *rec);
/* The role shown at position i when it was a chance to take it for the
 * answer: a role other than the answer, not shown at an earlier position;
 * NULL otherwise (and for a record with no answer role). */
const char *answer_record_chance(const struct answer_record *rec, unsigned i);

/* Role ids by index, in the order first seen, as a history and the drill's
 * evidence (evidence.h) keep them: owned copies, at most ROLECALL_MAX_ROLES.
 * Starts zeroed; history_roles_clear frees the ids. */
struct history_roles {
	char *ids[ROLECALL_MAX_ROLES];
	unsigned n;
};

/* The index of id, or -1 when it is not there. */
int history_roles_find(const struct history_roles *t, const char *id);
/* The index of id, added when new; -1 when out of memory or full. */
int history_roles_add(struct history_roles *t, const char *id);
/* Free every id: the table is empty again. */
void history_roles_clear(struct history_roles *t);

struct question_state {
	const char *id;
	struct fsrs_card card;
	uint32_t asked;
	uint32_t wrong;
	int64_t last_seen;
};

/* Confusions counted as "answer Y, picked X": count of such picks, and the
 * chances (X was among the options when Y was the answer). */
struct confusion_cell {
	uint32_t count;
	uint32_t chances;
};

struct role_tally {
	uint32_t asked;
	uint32_t correct;
};

struct history;

struct history *history_new(void);
void history_free(struct history *h);
/* Back to empty, as history_new left it. */
void history_clear(struct history *h);

/* Apply one answer: FSRS state of the question, role tallies, confusion
 * counts, totals.  Slow right answers (over slow_ms; 0 = never) are Hard.
 * Returns -1 only when out of memory. */
int history_apply(struct history *h, const struct answer_record *rec,
		  int64_t slow_ms);

/* Totals over every answer applied. */
uint64_t history_answers(const struct history *h);
uint64_t history_correct(const struct history *h);

/* Questions, by id; NULL for a question never answered. */
const struct question_state *history_question(const struct history *h,
					      const char *id);
/* Visit every question state (order unspecified). */
void history_each_question(const struct history *h,
			   void (*fn)(void *ctx, const struct question_state *qs),
			   void *ctx);

/* Roles seen in the history: 0..history_role_count-1. */
unsigned history_role_count(const struct history *h);
const char *history_role_id(const struct history *h, unsigned i);
/* The index of a role id, or -1 when the history never saw it. */
int history_role_find(const struct history *h, const char *id);
const struct role_tally *history_role_tally(const struct history *h, unsigned i);
const struct confusion_cell *history_confusion(const struct history *h,
					       unsigned answer, unsigned picked);
/* The name role i had in its bank when its answers were saved (the store
 * keeps it), so that a role whose bank is no longer loaded can still be
 * named; NULL when none was saved. */
const char *history_role_name(const struct history *h, unsigned i);

/* Confusion rate with a prior, so one slip is not a trend:
 * (count + 0.5) / (chances + 5).  0 when the pair was never offered. */
double history_confusion_score(const struct history *h, unsigned answer,
			       unsigned picked);

/* Setting derived state directly: how the store loads a history without
 * replaying the log.  Return -1 when out of memory. */
int history_set_question(struct history *h, const struct question_state *qs);
int history_set_role(struct history *h, const char *id, struct role_tally t);
int history_set_confusion(struct history *h, const char *answer,
			  const char *picked, struct confusion_cell c);
void history_set_totals(struct history *h, uint64_t answers, uint64_t correct);
/* Name a role the history has met; a role it has not, or a NULL or empty
 * name, is left out, since nothing would show it.  -1 when out of memory. */
int history_set_role_name(struct history *h, const char *id, const char *name);

/* Add from's role tallies, confusion counts and totals into into's (not
 * its question states or role names): what a group's answers add up to,
 * for a cohort report (which names roles by report_role_name).  A count that would pass UINT32_MAX stays there.  -1 when out of
 * memory or when the two hold more than ROLECALL_MAX_ROLES roles. */
int history_add(struct history *into, const struct history *from);

#endif

/*
 * explain — the words both front ends say, written once so that the
 * terminal UI, plain mode, stats and reports cannot drift apart: what a
 * wrong pick really describes, a score with its percentage, a confusion,
 * the time until the next review, a role's name and the pass rule.
 *
 * Pure: no terminal, no clock (durations are passed in).  Every function
 * that fills a buffer always terminates it and cuts a text too long for
 * it; strings returned are the catalog's and live as long as it.
 */
#ifndef ROLECALL_EXPLAIN_H
#define ROLECALL_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "rolecall/bank.h"
#include "rolecall/history.h"

/* Big enough for any line below: a choice's why is bank text, up to
 * BANK_MAX_TEXT bytes, and the words around it. */
#define EXPLAIN_MAX (BANK_MAX_TEXT + 128)

/* A role's name by catalog index; "?" for an index the catalog does not
 * have (a negative one included). */
const char *explain_role(const struct catalog *cat, int role);

/* A role's name by id; the id itself when no bank of the catalog declares
 * it (an answer logged from a bank no longer loaded). */
const char *explain_role_id(const struct catalog *cat, const char *id);
/* Role i of h: the loaded banks' name for it, else the name saved with its
 * answers (a bank no longer loaded), else its id. */
const char *explain_history_role(const struct catalog *cat, const struct history *h,
				 unsigned i);

/* What a wrong pick really describes, into buf: "That choice: WHY" when
 * the choice says why it is wrong, else for a statement question "That
 * statement describes the ROLE."; returns 1 then, else 0 (a right pick,
 * no pick, or nothing to say) and buf is "". */
int explain_pick(char *buf, size_t len, const struct catalog *cat,
		 const struct bank_question *q, const struct bank_choice *picked);

/* The heading of a contrast shown after a confusion: "ANSWER vs PICKED". */
void explain_contrast_title(char *buf, size_t len, const struct catalog *cat,
			    int answer, int picked);

/* The one wording of a confusion: "WHO picked PICKED when the answer was
 * ANSWER", then " (N time[s])" when chances is 0, else " in N of C
 * chances".  who is "You" for one's own answers, NULL for a group's (the
 * line then starts "picked").  Names, not indices: stats and reports name
 * roles by id. */
void explain_confusion(char *buf, size_t len, const char *who, const char *picked,
		       const char *answer, unsigned count, unsigned chances);

/* "C of N right (P%)", P by stats_percent (rounded half up). */
void explain_score(char *buf, size_t len, uint64_t correct, uint64_t count);

/* "next review in N minute[s]|hour[s]|day[s]" for a wait of seconds,
 * rounded up to the unit (below an hour minutes, below a day hours), so a
 * review is never said to come sooner than it does; a wait of 0 or less
 * is "next review now". */
void explain_next_review(char *buf, size_t len, int64_t seconds);

/* The fewest right answers of count that pass at pass_mark percent (the
 * rule of exam_passes, on exact counts). */
unsigned explain_pass_needs(unsigned count, unsigned pass_mark);

/* The pass rule: "pass mark P%: at least K of N right". */
void explain_pass_rule(char *buf, size_t len, unsigned count, unsigned pass_mark);

#endif

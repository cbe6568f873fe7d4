/*
 * stats — what a history adds up to, for the stats screens and reports:
 * questions seen and due, leeches, and the worst confused pairs.  Pure;
 * both front ends (cmd_stats.c and the UI) read it, so they cannot drift.
 * Pointers in the results borrow from the history and live as long as it
 * is not changed.
 */
#ifndef ROLECALL_STATS_H
#define ROLECALL_STATS_H

#include <stdint.h>

#include "rolecall/bank.h"
#include "rolecall/history.h"

#define STATS_MAX_LEECHES 64

/* part of whole in percent, rounded half up (2 of 3 is 67%); 0 of none
 * is 0.  The one rule every screen, report and line of rolecall shows: a
 * pass is decided on the exact counts, never on this. */
unsigned stats_percent(uint64_t part, uint64_t whole);
#define STATS_TOP_PAIRS 5

struct stats_due {
	unsigned seen;  /* questions of the catalog answered at least once */
	unsigned due;   /* of those, due for review at `now` */
	const struct question_state *leech[STATS_MAX_LEECHES];
	unsigned n_leech;
};

/* Count due questions and leeches.  Answers to questions no bank has any
 * more stay in the log, but nothing could ask them: they are not counted. */
void stats_due(const struct history *h, const struct catalog *cat, int64_t now,
	       struct stats_due *out);

struct stats_pair {
	unsigned answer, picked; /* history role indices */
	double score;            /* history_confusion_score */
};

/* The worst confused pairs (at least one confusion), worst first; returns
 * how many were written, at most max. */
unsigned stats_top_pairs(const struct history *h, struct stats_pair *out, unsigned max);

/* The roles asked at least once, weakest first: by share right (exactly,
 * not rounded), then the more asked first, then by id in byte order (so
 * that the order does not depend on the order the roles were met).
 * Writes history role indices into out; returns how many, at most max. */
unsigned stats_weak_roles(const struct history *h, unsigned *out, unsigned max);

#endif

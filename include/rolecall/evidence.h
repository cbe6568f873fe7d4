/*
 * evidence — what the drill believes about each ordered pair of roles
 * ("answer Y, X offered beside it"): how often the person would take X for
 * Y now, as a distribution over that rate, with recent answers weighing
 * more than old ones.
 *
 * A history's confusion cells count every answer ever given alike, so a
 * pair confused a month ago and answered right twenty times since still
 * looks confused.  Here each pair's rate is followed through time (a
 * hidden-state filter on a grid of rates):
 *  - an answer is evidence: a chance of the pair is missed with the rate
 *    (plus EVIDENCE_SLIP for picks that are no confusion);
 *  - an answer with feedback may teach: with EVIDENCE_LEARN_CHANCE the
 *    rate falls by EVIDENCE_LEARN_MISS after a miss (the right answer and
 *    the pair's contrast shown), by EVIDENCE_LEARN_HIT after a right
 *    answer; so old misses describe a rate the person may have left
 *    behind, and repeated misses say they have not;
 *  - time forgets: what was learned about the pair drifts back toward the
 *    prior, half of it in EVIDENCE_HALF_LIFE_DAYS;
 *  - beforehand, EVIDENCE_PRIOR_CONFUSED of the pairs are confused (a rate
 *    spread over 0.1..0.9), the others nearly never (0.004..0.02).
 * A pair is cleared when its rate is below EVIDENCE_CLEAR_LINE.
 *
 * Derived from the answer log, never stored: a front end replays the log
 * into it (store_each_answer, oldest first) before a drill, and the session
 * applies each new answer.  Without the log, evidence_seed starts it from a
 * history's all-time cells.  Pure: no I/O, no clock.  Roles are kept by id,
 * as in a history.
 *
 * Ownership: an evidence owns its copies of role ids; evidence_free(NULL)
 * is safe.
 */
#ifndef ROLECALL_EVIDENCE_H
#define ROLECALL_EVIDENCE_H

#include <stdint.h>

#include "rolecall/history.h"

#define EVIDENCE_CLEAR_LINE 0.10
#define EVIDENCE_PRIOR_CONFUSED 0.3
#define EVIDENCE_SLIP 0.01
#define EVIDENCE_LEARN_CHANCE 0.2
#define EVIDENCE_LEARN_MISS 0.4
#define EVIDENCE_LEARN_HIT 0.06
#define EVIDENCE_HALF_LIFE_DAYS 30.0

/* A pair as believed at some time. */
struct pair_seen {
	double confused; /* P(rate >= EVIDENCE_CLEAR_LINE) */
	double reveal;   /* expected bits one more chance tells about that */
	uint32_t all_misses, all_chances; /* plain counts, every answer alike */
};

struct evidence;

/* NULL when out of memory. */
struct evidence *evidence_new(void);
void evidence_free(struct evidence *ev);

/* Apply one answer, as history_apply does (every distinct role offered
 * beside the answer is a chance, the wrong pick of one a miss), at
 * rec->answered_at.  Answers must come oldest first.  Returns -1 only when
 * out of memory or past ROLECALL_MAX_ROLES roles. */
int evidence_apply(struct evidence *ev, const struct answer_record *rec);

/* Start from h's all-time cells when the log is not at hand: each pair's
 * misses spread evenly over its chances, all at `now`.  For an empty
 * evidence; -1 when out of memory. */
int evidence_seed(struct evidence *ev, const struct history *h, int64_t now);

/* The pair "answer, picked" (role ids) as of `now` (not before its last
 * answer); the prior for a pair never offered. */
struct pair_seen evidence_pair(const struct evidence *ev, const char *answer,
			       const char *picked, int64_t now);

#endif

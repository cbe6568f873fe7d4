/*
 * sched — when to ask a question again: the FSRS-6 memory model.
 *
 * FSRS-6 (21 weights) as implemented by py-fsrs 6.x, fsrs/scheduler.py, whose
 * DEFAULT_PARAMETERS (also ts-fsrs 5.x default_w, fsrs-rs
 * FSRS6_DEFAULT_PARAMETERS) are fsrs_default_params.w.  rolecall schedules
 * long-term only: no learning steps, no fuzz, so equal inputs give equal
 * outputs.
 *
 * Contract:
 *  - Pure functions: no I/O, no allocation, no clock.  Time is always passed
 *    in as `now`, unix seconds.
 *  - The caller owns every struct; the module keeps no state.  A
 *    struct fsrs_card is a plain value, safe to copy and to persist field by
 *    field.  All pointers must be non-NULL.
 *  - Units: stability and intervals in days, difficulty on FSRS's 1..10
 *    scale, times in unix seconds.
 *  - The caller grades: wrong = FSRS_AGAIN, right = FSRS_GOOD (FSRS_HARD when
 *    slow).  A grade outside 1..4 leaves the card untouched.
 *  - An Again sets due = now + FSRS_AGAIN_DELAY_SECONDS (rolecall's choice:
 *    the question comes back in the same session); other grades set due to
 *    a whole number of days from now.
 */
#ifndef ROLECALL_SCHED_H
#define ROLECALL_SCHED_H

#include <stdint.h>

/* How soon a failed question comes back: py-fsrs's default relearning step. */
#define FSRS_AGAIN_DELAY_SECONDS 600
/* The longest interval fsrs_review sets, whatever the params: it keeps
 * days-to-seconds arithmetic far inside int64_t (and bounds a due time
 * read back from the store). */
#define FSRS_INTERVAL_DAYS_CAP 1.0e7

enum fsrs_grade { FSRS_AGAIN = 1, FSRS_HARD = 2, FSRS_GOOD = 3, FSRS_EASY = 4 };

struct fsrs_params {
	double w[21];                 /* FSRS-6 weights w0..w20; w20 is the decay */
	double desired_retention;     /* recall probability at due; in (0, 1) */
	double maximum_interval_days; /* whole days, >= 1 */
};

/* FSRS-6 defaults, retention 0.9, maximum interval 36500 days. */
extern const struct fsrs_params fsrs_default_params;

struct fsrs_card {
	double stability;    /* days; 0 for a card never reviewed */
	double difficulty;   /* 1..10; 0 for a card never reviewed */
	int64_t last_review; /* unix seconds, 0 = never */
	int64_t due;         /* unix seconds, 0 = never reviewed (due now) */
	uint32_t reps;       /* reviews so far */
	uint32_t lapses;     /* Again grades after the first review */
};

/* All zero: a new card. */
void fsrs_card_init(struct fsrs_card *card);

/*
 * Apply one review at time `now` and set the next due time.  A review less
 * than a day after the previous one uses FSRS's short-term (same-day)
 * stability formula.
 */
void fsrs_review(const struct fsrs_params *p, struct fsrs_card *card,
		 enum fsrs_grade grade, int64_t now);

/*
 * Probability of recall at `now`: 1.0 for a card reviewed at `now` (or
 * later), 0.9 once `stability` days have passed, 0 for a new card.
 */
double fsrs_retrievability(const struct fsrs_params *p,
			   const struct fsrs_card *card, int64_t now);

/*
 * Days until retrievability falls to desired_retention, rounded to the
 * nearest whole day (ties to even, as Python's round) and clamped to
 * [1, maximum_interval_days].
 */
double fsrs_next_interval_days(const struct fsrs_params *p, double stability);

#endif

/*
 * options — the parsed command line, as every layer above the core reads
 * it, and the exit statuses commands return: 0 success, 1 failure (message
 * already printed), 2 usage error.  main fills it (src/cli/); nothing here
 * parses argv.
 */
#ifndef ROLECALL_OPTIONS_H
#define ROLECALL_OPTIONS_H

#include <stdint.h>

#include "rolecall/bank.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct options {
	const char *command;
	char **args;          /* operands after the command */
	int n_args;
	const char **banks;   /* --bank, in order */
	int n_banks;
	const char *user;
	int user_is_name;     /* user came from trivia's --name, not --user */
	const char *db;
	const char *format;
	uint64_t seed;
	int has_seed;
	long count;           /* -1 when not given */
	int plain;
	int json;
	int rebuild;
	long pass;            /* exam pass mark in percent; -1 when not given */
	unsigned time_limit;  /* seconds: the exam's limit, or trivia's per
			       * question; 0 when not given */
	const char *time_arg; /* --time as given: minutes for exam, seconds for trivia */
	int all;              /* report: every user */
	int64_t since;        /* report: from this unix time; INT64_MIN when not given */
	int items;            /* report: item analysis */
	int64_t certificate;  /* report: the attempt to certify; 0 when not given */
	const char *verify;   /* report: a certificate file to check */
	int trivia;           /* report: trivia games */
	int leaderboard;      /* report --trivia: players ranked across games */
	int cohort;           /* report: one row per person of the cohort */
	const char *exam_id;  /* report: attempts at this defined exam (--exam) */
	int resume;           /* exam: go on with the open attempt */
	const char *players;  /* trivia: --players "Ana,Ben" */
	const char *teams;    /* trivia: --teams "Red,Blue" */
	const char *name;     /* trivia join: the player's name */
	unsigned rounds;      /* trivia: questions; 0 when not given */
	long points;          /* trivia: 0, 1000 or 2000; -1 when not given */
	long countdown;       /* trivia: seconds before each question; -1 when not given */
	int no_speed;         /* trivia: no points for speed */
	int no_streak;        /* trivia: no streak bonus */
};

#endif

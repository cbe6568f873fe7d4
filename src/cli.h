/*
 * cli — the parsed command line and the commands main dispatches to.
 * Private to the executable.  Commands return the process exit status:
 * 0 success, 1 failure (message already printed), 2 usage error.
 */
#ifndef ROLECALL_CLI_H
#define ROLECALL_CLI_H

#include <stdint.h>

#include "rolecall/bank.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	const char *command;
	char **args;          /* operands after the command */
	int n_args;
	const char **banks;   /* --bank, in order */
	int n_banks;
	const char *user;
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
	int trivia;           /* report: trivia games */
	const char *players;  /* trivia: --players "Ana,Ben" */
	const char *teams;    /* trivia: --teams "Red,Blue" */
	const char *name;     /* trivia join: the player's name */
	unsigned rounds;      /* trivia: questions; 0 when not given */
	long points;          /* trivia: 0, 1000 or 2000; -1 when not given */
	int no_speed;         /* trivia: no points for speed */
	int no_streak;        /* trivia: no streak bonus */
};

/* Print "rolecall: MESSAGE" on stderr. */
void cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A command that asks questions on standard input needs a terminal there
 * unless it runs in --plain mode: 0, or EXIT_USAGE after saying so. */
int cli_need_terminal(const struct cli *cli);
/* The same for a session or an exam, which take no operands either. */
int cli_check_session(const struct cli *cli);

/* Load banks for a session: the bundled ones, plus files and folders given
 * with --bank; *selected gets the banks --bank chose (all when none).
 * Prints every error; returns NULL on failure. */
struct catalog *cli_load_banks(const struct cli *cli,
			       const struct bank ***selected, size_t *n_selected);

int cmd_check(const struct cli *cli);
int cmd_practice(const struct cli *cli);
int cmd_drill(const struct cli *cli);
int cmd_stats(const struct cli *cli);
int cmd_export(const struct cli *cli);
int cmd_exam(const struct cli *cli);
int cmd_report(const struct cli *cli);
int cmd_trivia(const struct cli *cli);

/* Option values the exam and report commands define: --time MINUTES
 * (decimals allowed) and --since YYYY-MM-DD (UTC midnight).  Print why
 * and return -1 when the value is not one. */
int cmd_exam_parse_time(const char *s, unsigned *seconds);
int cmd_report_parse_date(const char *s, int64_t *when);
/* The trivia options: --time SECONDS (per question), --rounds N and
 * --points 0|1000|2000; as above. */
int cmd_trivia_parse_seconds(const char *s, unsigned *seconds);
int cmd_trivia_parse_rounds(const char *s, unsigned *rounds);
int cmd_trivia_parse_points(const char *s, long *points);

#endif

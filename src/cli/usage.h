/*
 * usage — the one table of commands and the options each takes: main
 * checks the command line against it and prints the help from it, the
 * global help and each command's.  Private to the executable (src/cli/).
 */
#ifndef ROLECALL_USAGE_H
#define ROLECALL_USAGE_H

#include <stdio.h>

/* getopt_long values of the options without a short form. */
enum { OPT_DB = 256, OPT_JSON, OPT_REBUILD, OPT_PASS, OPT_TIME, OPT_ALL, OPT_SINCE,
       OPT_ITEMS, OPT_CERTIFICATE, OPT_PLAYERS, OPT_TEAMS, OPT_ROUNDS, OPT_POINTS,
       OPT_NO_SPEED, OPT_NO_STREAK, OPT_NAME, OPT_TRIVIA, OPT_VERIFY, OPT_LEADERBOARD,
       OPT_COUNTDOWN, OPT_COHORT, OPT_EXAM, OPT_RESUME, OPT_MAX };

/* 1 when name is a command (not "help", and not the menu). */
int usage_is_command(const char *name);

/* The help of command (NULL: the global help) on out. */
void usage_print(FILE *out, const char *command);

/* seen[val] is 1 for each option given (val as getopt_long returns it,
 * below OPT_MAX).  0 when command (NULL: the menu) takes all of them;
 * otherwise says which one it does not take and what takes it, and
 * returns -1. */
int usage_check(const char *command, const unsigned char *seen);

/* The name of an option as "--bank", for messages; NULL when unknown. */
const char *usage_option_name(int val);

#endif

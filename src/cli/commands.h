/*
 * commands — what main dispatches to: one cmd_* per command, each
 * returning the process exit status, and the option values some commands
 * define.  Private to the executable (src/cli/).
 */
#ifndef ROLECALL_COMMANDS_H
#define ROLECALL_COMMANDS_H

#include <stdint.h>

#include "options.h"

/* What --format html is refused with elsewhere. */
#define CMD_HTML_FOR "--format html is for 'report --cohort' and 'report --certificate ID'"

int cmd_check(const struct options *cli);
int cmd_practice(const struct options *cli);
int cmd_drill(const struct options *cli);
int cmd_stats(const struct options *cli);
int cmd_export(const struct options *cli);
int cmd_exam(const struct options *cli);
/* exam define FILE.yaml and exam list (cmd_exam_define.c) */
int cmd_exam_define(const struct options *cli);
int cmd_exam_list(const struct options *cli);
int cmd_report(const struct options *cli);
int cmd_users(const struct options *cli);
int cmd_trivia(const struct options *cli);
int cmd_roles(const struct options *cli);
int cmd_db(const struct options *cli);
int cmd_backup(const struct options *cli);
/* bank export|import: Moodle XML and GIFT (cmd_bank.c) */
int cmd_bank(const struct options *cli);

/* 1 when a command about to start the full-screen UI should run in line
 * mode instead (the terminal cannot move the cursor, or with need_size is
 * too small): says so on stderr and fills *plain, a copy of cli with
 * --plain set.  0 when the UI can run (or cli->plain is set already). */
int cmd_line_mode_instead(const struct options *cli, int need_size, struct options *plain);

/* Option values the exam and report commands define: --time MINUTES
 * (decimals allowed) and --since YYYY-MM-DD (UTC midnight).  Print why
 * and return -1 when the value is not one. */
int cmd_exam_parse_time(const char *s, unsigned *seconds);
int cmd_report_parse_date(const char *s, int64_t *when);

#endif

/*
 * The commands and their options, written once: the check of a command
 * line and every help text come from these two tables, so an option a
 * command does not take can neither be ignored nor advertised.
 */
#include "usage.h"

#include <stddef.h>
#include <string.h>

#include "app.h"

enum {
	C_MENU = 1 << 0, C_PRACTICE = 1 << 1, C_DRILL = 1 << 2, C_STATS = 1 << 3,
	C_EXPORT = 1 << 4, C_EXAM = 1 << 5, C_REPORT = 1 << 6, C_TRIVIA = 1 << 7,
	C_CHECK = 1 << 8, C_ROLES = 1 << 9, C_DB = 1 << 10, C_BACKUP = 1 << 11,
	C_USERS = 1 << 12, C_BANK = 1 << 13,
	C_SESSION = C_MENU | C_PRACTICE | C_DRILL | C_EXAM,
	C_DATA = C_SESSION | C_STATS | C_EXPORT | C_REPORT | C_TRIVIA | C_ROLES,
	C_ALL = C_DATA | C_CHECK | C_DB | C_BACKUP | C_USERS | C_BANK,
};

struct usage_command {
	const char *name;
	unsigned bit;
	const char *usage;   /* after "Usage: "; lines after the first get "  or:  " */
	const char *summary; /* the line in the global list */
	const char *about;   /* the command's help, before its options */
};

static const struct usage_command commands[] = {
	{ "practice", C_PRACTICE, "rolecall practice [OPTION]...",
	  "adaptive practice: due reviews, weak spots, new questions",
	  "An adaptive session mixing questions due for review, questions that test\n"
	  "your most confused pairs, and new questions.  A missed question comes back\n"
	  "a few questions later.\n" },
	{ "drill", C_DRILL, "rolecall drill [OPTION]...",
	  "drill the distinctions you confuse most",
	  "A session drawn only from questions that put your most confused pairs of\n"
	  "roles side by side; without any recorded confusion it runs as practice.\n" },
	{ "stats", C_STATS, "rolecall stats [OPTION]...",
	  "your accuracy per role and your confusion matrix",
	  "Answers, accuracy per role, the confusion matrix, your most confused\n"
	  "pairs, leeches and how many reviews are due.\n" },
	{ "export", C_EXPORT, "rolecall export [OPTION]...",
	  "the raw answer log (CSV or JSON), or a Moodle gradebook CSV",
	  "The raw answer log, one row per answer: CSV (default) or JSON.  With\n"
	  "--format moodle-grades instead a CSV for Moodle's gradebook import: a\n"
	  "column \"user\" (the profile name; map it on import to the Moodle field\n"
	  "that holds the same name: username, ID number or email), then one column\n"
	  "per defined exam, headed by its id, with the person's best score in\n"
	  "percent (empty when they submitted none, so that Moodle records no\n"
	  "grade rather than 0); --feedback adds \"ID feedback\" after each.\n" },
	{ "exam", C_EXAM, "rolecall exam [OPTION]...\n"
	  "rolecall exam ID [--plain]\n"
	  "rolecall exam [ID] --resume [--plain]\n"
	  "rolecall exam define FILE.yaml [--bank FILE]...\n"
	  "rolecall exam list",
	  "a fixed set of questions with a pass mark",
	  "A fixed set of questions drawn evenly across the roles, with a pass mark\n"
	  "and an optional time limit.  Nothing is said about answers until the exam\n"
	  "is submitted; the attempt is stored.  'exam ID' takes an exam a manager\n"
	  "defined with 'exam define' (its rules cannot be changed from the command\n"
	  "line); 'exam list' shows the defined exams.  --resume goes on with your\n"
	  "most recent attempt that was not submitted (killed, or its submit given\n"
	  "up), under the rules it began with, or submits it when its time is over.\n"
	  "While it runs, f flags a question for review (the list shows the flags\n"
	  "and each answer given); flags are not stored, so --resume starts with none.\n"
	  "The exit status is 0 for a pass and 1 for a fail, so that a script can\n"
	  "act on the result.\n" },
	{ "report", C_REPORT, "rolecall report [OPTION]...",
	  "exam attempts (text, CSV, JSON), --cohort, --items,\n"
	  "                    --certificate ID; --trivia: past trivia games,\n"
	  "                    --trivia --leaderboard: players across games",
	  "Exam attempts (id, user, start, score, pass mark, result, duration, score\n"
	  "per role); with --cohort one row per person (attempts, best and latest\n"
	  "score, passed and when, time taken), who has not taken it, and the\n"
	  "group's most confused pairs and weakest roles; with --items an item\n"
	  "analysis of the questions, with --certificate a certificate of one\n"
	  "attempt (a result slip for a fail), with --verify FILE that certificate\n"
	  "checked against the database, with --trivia past trivia games and their\n"
	  "rankings, with --trivia --leaderboard the players ranked across games.\n"
	  "--format html writes the cohort or a certificate as one self-contained\n"
	  "HTML page (inline style and drawings, nothing fetched) to forward.\n" },
	{ "users", C_USERS, "rolecall users [--format FMT] [--db FILE|URI]",
	  "the profiles: first and last activity, answers",
	  "The profiles in the database, by name: first and last activity (an answer\n"
	  "or an exam attempt), answers and exam attempts.  On a shared database a\n"
	  "learner sees only their own profile, a manager everyone's.\n" },
	{ "trivia", C_TRIVIA,
	  "rolecall trivia --players LIST|--teams LIST [OPTION]...\n"
	  "rolecall trivia host [OPTION]...\n"
	  "rolecall trivia join CODE [--name NAME] [OPTION]...",
	  "a trivia game: --players or --teams on one terminal;\n"
	  "                    'trivia host' and 'trivia join CODE --name NAME' on several",
	  "A trivia game with a countdown per question, points for right and fast\n"
	  "answers, streaks and a leaderboard: players or teams taking turns on one\n"
	  "terminal, or a game on several terminals sharing one --db.\n" },
	{ "roles", C_ROLES, "rolecall roles [OPTION]...",
	  "each role's summary and what tells it apart, to read first",
	  "Each role's summary and the contrast of every pair of roles, from the\n"
	  "banks: what tells them apart, to read before answering.  In a terminal\n"
	  "the Roles screen (also in the menu); otherwise, or with --plain, text.\n" },
	{ "db", C_DB, "rolecall db init [--db FILE|URI]\n"
	  "rolecall db copy FROM TO\n"
	  "rolecall db grant learner|manager NAME [--db URI]",
	  "databases: 'db init' sets one up, 'db copy FROM TO' moves\n"
	  "                    everything between a file and a server",
	  "'db init' creates rolecall's tables in the database, or upgrades them to\n"
	  "this rolecall's schema.  A file is set up by any command that opens it; a\n"
	  "PostgreSQL database only by 'db init', run by a role that may create\n"
	  "tables there (doc/teams.md).  'db copy FROM TO' copies every profile,\n"
	  "the answer log, exam attempts and trivia games, ids kept, into a database\n"
	  "that has no profiles yet (a file or a URI, either way), then rebuilds the\n"
	  "derived state there from the log and checks it equal to FROM's.\n"
	  "'db grant learner NAME' and 'db grant manager NAME', run by the owner of\n"
	  "a PostgreSQL database, let the login NAME in (created when missing): a\n"
	  "learner's profile is their login, and row-level security lets them add\n"
	  "to and read only their own; a manager reads every profile.\n" },
	{ "backup", C_BACKUP, "rolecall backup [--db FILE|URI] FILE",
	  "a consistent copy of the database in one new file",
	  "A consistent copy of the whole database in one new file, which can be\n"
	  "copied alone: copying rolecall.db by hand leaves behind the answers still\n"
	  "in rolecall.db-wal.  From a PostgreSQL database, everything is copied\n"
	  "into the file as 'db copy' does.  FILE must not exist.\n" },
	{ "bank", C_BANK, "rolecall bank export --format moodle-xml|gift [-o FILE] FILE.yaml|ID\n"
	  "rolecall bank import --format gift|aiken|csv [--roles FILE] [-o FILE.yaml] FILE",
	  "banks to and from an LMS: Moodle XML, GIFT, Aiken, CSV",
	  "'bank export' writes every question of one bank (a file, or a bundled\n"
	  "bank's id) as a Moodle multiple-choice question: each choice's why as its\n"
	  "feedback, with the contrast of the pair on a wrong answer, the explanation\n"
	  "as general feedback, the roles as tags.  'bank import' reads a GIFT, Aiken\n"
	  "or CSV file and writes a bank that 'rolecall check' accepts; each question\n"
	  "it cannot map (true/false, short answer, matching, numerical, essay,\n"
	  "description, several right answers, a right answer without a role) is\n"
	  "reported as FILE:LINE:COL and left out, and the exit status is then 1.\n"
	  "A question's roles come from the comments 'bank export' writes in GIFT,\n"
	  "or from --roles FILE: lines 'ROLE-ID = ANSWER TEXT' (doc/bank-format.md).\n" },
	{ "check", C_CHECK, "rolecall check [OPTION]... [FILE|DIR]...",
	  NULL, /* its name and operands do not fit the column */
	  "Validate banks without starting a session: every problem is reported as\n"
	  "FILE:LINE:COL: error: MESSAGE.  With no argument it checks the bundled\n"
	  "banks.\n" },
	{ NULL, 0, NULL, NULL, NULL },
};

struct usage_option {
	int val;
	char shortopt;    /* 0: long only */
	const char *name;
	const char *arg;  /* NULL: takes no value */
	const char *help; /* "cmd: ..." is shown without "cmd: " in cmd's help */
	unsigned takes;   /* the commands that take it */
};

/* In the order of the global help.  An option may have a row per meaning
 * (--time is minutes for an exam, seconds for trivia). */
static const struct usage_option options[] = {
	{ 'b', 'b', "bank", "ID|FILE", "use this bank (repeatable; default: all bundled banks)",
	  C_DATA & ~C_EXPORT },
	{ 'u', 'u', "user", "NAME", "whose progress to use (default: your login name)", C_DATA },
	{ OPT_DB, 0, "db", "FILE|URI", "the database: a file, or a PostgreSQL URI (default:\n"
	  "                       $ROLECALL_DB, else $XDG_DATA_HOME/rolecall/rolecall.db)",
	  C_DATA | C_DB | C_BACKUP | C_USERS },
	{ 'n', 'n', "count", "N", "number of questions in the session", C_SESSION },
	{ 's', 's', "seed", "N", "random seed, to replay a session exactly", C_SESSION | C_TRIVIA },
	{ 'p', 'p', "plain", NULL, "line mode: numbered options, answers from stdin",
	  C_SESSION | C_STATS | C_TRIVIA | C_ROLES },
	{ 'f', 'f', "format", "FMT", "text, json or csv (stats, export, report, users);\n"
	  "                       html (report --cohort, --certificate); moodle-grades\n"
	  "                       (export)", C_STATS | C_EXPORT | C_REPORT | C_USERS },
	{ OPT_FEEDBACK, 0, "feedback", NULL, "export: with --format moodle-grades, a feedback\n"
	  "                       column after each exam's grade", C_EXPORT },
	{ 'f', 'f', "format", "FMT", "bank: moodle-xml or gift (export); gift, aiken or csv (import)", C_BANK },
	{ 'o', 'o', "output", "FILE", "bank: write to FILE instead of standard output", C_BANK },
	{ OPT_ROLES, 0, "roles", "FILE", "bank import: answers' roles, lines 'ROLE-ID = TEXT'",
	  C_BANK },
	{ OPT_PASS, 0, "pass", "PERCENT", "exam pass mark (default: the bank's, else 80)",
	  C_MENU | C_EXAM },
	{ OPT_TIME, 0, "time", "MINUTES", "exam time limit; decimals allowed (0.5 is 30 seconds)",
	  C_MENU | C_EXAM },
	{ OPT_TIME, 0, "time", "SECONDS", "trivia: the time per question (default 20)", C_TRIVIA },
	{ OPT_PLAYERS, 0, "players", "LIST", "trivia: players taking turns, as \"Ana,Ben,Chen\"",
	  C_TRIVIA },
	{ OPT_TEAMS, 0, "teams", "LIST", "trivia: teams taking turns, as \"Red,Blue\"", C_TRIVIA },
	{ OPT_ROUNDS, 0, "rounds", "N", "trivia: number of questions (default 10)", C_TRIVIA },
	{ OPT_COUNTDOWN, 0, "countdown", "SECONDS", "trivia: the 3-2-1 before each question "
	  "(default 3; 0: none)", C_TRIVIA },
	{ OPT_POINTS, 0, "points", "P", "trivia: points for a right answer: 0, 1000 or 2000",
	  C_TRIVIA },
	{ OPT_NO_SPEED, 0, "no-speed", NULL, "trivia: no extra points for faster answers",
	  C_TRIVIA },
	{ OPT_NO_STREAK, 0, "no-streak", NULL, "trivia: no streak bonus", C_TRIVIA },
	{ OPT_NAME, 0, "name", "NAME", "trivia join: your name in the game", C_TRIVIA },
	{ OPT_RESUME, 0, "resume", NULL, "exam: go on with your open attempt, or submit it",
	  C_EXAM },
	{ OPT_TRIVIA, 0, "trivia", NULL, "report: trivia games instead of exams", C_REPORT },
	{ OPT_LEADERBOARD, 0, "leaderboard", NULL, "report: with --trivia, players ranked "
	  "across games", C_REPORT },
	{ OPT_ALL, 0, "all", NULL, "report, export: every user", C_REPORT | C_EXPORT },
	{ OPT_SINCE, 0, "since", "DATE", "report: attempts from DATE (YYYY-MM-DD, UTC) on",
	  C_REPORT },
	{ OPT_ITEMS, 0, "items", NULL, "report: item analysis of the questions", C_REPORT },
	{ OPT_MODE, 0, "mode", "MODE", "report --items: only the answers given in practice,\n"
	  "                       drill, exam or trivia", C_REPORT },
	{ OPT_CERTIFICATE, 0, "certificate", "ID", "report: a certificate of exam attempt ID",
	  C_REPORT },
	{ OPT_VERIFY, 0, "verify", "FILE", "report: check a certificate against the database",
	  C_REPORT },
	{ OPT_COHORT, 0, "cohort", NULL, "report: a row per person, who has not taken it, and\n"
	  "                       the group's most confused pairs and weakest roles", C_REPORT },
	{ OPT_EXAM, 0, "exam", "ID", "report: attempts at the exam a manager defined as ID",
	  C_REPORT },
	{ OPT_JSON, 0, "json", NULL, "check: a machine-readable summary", C_CHECK },
	{ OPT_REBUILD, 0, "rebuild", NULL, "stats: rebuild derived state from the answer log",
	  C_STATS },
	{ 'h', 'h', "help", NULL, "show this help and exit", C_ALL },
	{ 'V', 'V', "version", NULL, "show the version and exit", 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static const struct usage_command *find_command(const char *name)
{
	for (const struct usage_command *c = commands; name && c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int usage_is_command(const char *name)
{
	return find_command(name) != NULL;
}

const char *usage_option_name(int val)
{
	static char buf[32];

	for (const struct usage_option *o = options; o->name; o++)
		if (o->val == val) {
			snprintf(buf, sizeof buf, "--%s", o->name);
			return buf;
		}
	return NULL;
}

/* "  -b, --bank ID|FILE   help", the help from column 23 (or after one
 * space when the option is longer). */
static void print_option(FILE *out, const struct usage_option *o, const char *command)
{
	const char *help = o->help, *colon = strstr(help, ": ");
	char left[64];
	int n;

	/* "report, export: every user" is "every user" in report's help */
	if (command && colon && colon - help < 20) {
		char prefix[20];

		snprintf(prefix, sizeof prefix, "%.*s", (int)(colon - help), help);
		if (strstr(prefix, command))
			help = colon + 2;
	}
	if (o->shortopt)
		n = snprintf(left, sizeof left, "  -%c, --%s%s%s", o->shortopt, o->name,
			     o->arg ? " " : "", o->arg ? o->arg : "");
	else
		n = snprintf(left, sizeof left, "      --%s%s%s", o->name, o->arg ? " " : "",
			     o->arg ? o->arg : "");
	fprintf(out, "%s%*s%s\n", left, n < 23 ? 23 - n : 0, " ", help);
}

static void print_usage_lines(FILE *out, const char *usage)
{
	const char *line = usage;

	for (int i = 0; *line; i++) {
		size_t len = strcspn(line, "\n");

		fprintf(out, "%s%.*s\n", i ? "  or:  " : "Usage: ", (int)len, line);
		line += len + (line[len] == '\n');
	}
}

static void print_global(FILE *out)
{
	fputs("Usage: rolecall [OPTION]... [COMMAND] [ARG]...\n"
	      "Learn to tell apart roles that are easy to confuse, with multiple-choice\n"
	      "questions that drill the distinctions you get wrong.  Without a command:\n"
	      "the menu when standard input is a terminal; with --plain, practice in\n"
	      "line mode.\n"
	      "\n"
	      "Commands:\n", out);
	for (const struct usage_command *c = commands; c->name; c++)
		if (c->summary)
			fprintf(out, "  %-16s  %s\n", c->name, c->summary);
	fputs("  check [FILE|DIR]...  validate banks (default: the bundled banks)\n"
	      "  help [COMMAND]    this help, or a command's usage and options\n"
	      "\n"
	      "Options:\n", out);
	for (const struct usage_option *o = options; o->name; o++)
		print_option(out, o, NULL);
	fputs("\n"
	      "'rolecall help COMMAND' or 'rolecall COMMAND --help' lists the options of\n"
	      "one command.  See rolecall(1) for details and doc/bank-format.md for\n"
	      "writing banks.\n", out);
}

void usage_print(FILE *out, const char *command)
{
	const struct usage_command *c = find_command(command);

	if (!c) {
		print_global(out);
		return;
	}
	print_usage_lines(out, c->usage);
	fprintf(out, "%s\nOptions:\n", c->about);
	for (const struct usage_option *o = options; o->name; o++)
		if (o->takes & c->bit)
			print_option(out, o, c->name);
	fprintf(out, "\nSee rolecall(1) for details.\n");
}

/* "exam and trivia": the commands that take an option, for the message. */
static void takers(int val, char *buf, size_t cap)
{
	unsigned mask = 0;
	size_t len = 0;
	int n = 0, k = 0;

	for (const struct usage_option *o = options; o->name; o++)
		if (o->val == val)
			mask |= o->takes;
	for (const struct usage_command *c = commands; c->name; c++)
		n += !!(mask & c->bit);
	buf[0] = '\0';
	for (const struct usage_command *c = commands; c->name && len < cap; c++) {
		if (!(mask & c->bit))
			continue;
		k++;
		len += (size_t)snprintf(buf + len, cap - len, "%s%s",
					k == 1 ? "" : k == n ? " and " : ", ", c->name);
	}
}

static unsigned command_bit(const char *command)
{
	const struct usage_command *c = find_command(command);

	return c ? c->bit : C_MENU;
}

int usage_check(const char *command, const unsigned char *seen)
{
	unsigned bit = command_bit(command);

	for (const struct usage_option *o = options; o->name; o++) {
		char who[128];
		int taken = 0;

		if (o->val >= OPT_MAX || !seen[o->val])
			continue;
		for (const struct usage_option *p = options; p->name; p++)
			if (p->val == o->val && (p->takes & bit))
				taken = 1;
		if (taken)
			continue;
		takers(o->val, who, sizeof who);
		if (command)
			app_fail("'%s' does not take --%s (it is an option of %s); see "
				 "'rolecall help %s'", command, o->name, who, command);
		else
			app_fail("--%s needs a command (it is an option of %s)", o->name, who);
		return -1;
	}
	return 0;
}

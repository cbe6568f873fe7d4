/* rolecall: parse the command line, dispatch to a command. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_clock.h"
#include "commands.h"
#include "trivia_setup.h"
#include "config.h"
#include "ui.h"
#include "usage.h"

static const struct option long_options[] = {
	{ "bank", required_argument, NULL, 'b' },
	{ "user", required_argument, NULL, 'u' },
	{ "db", required_argument, NULL, OPT_DB },
	{ "count", required_argument, NULL, 'n' },
	{ "seed", required_argument, NULL, 's' },
	{ "plain", no_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "roles", required_argument, NULL, OPT_ROLES },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "rebuild", no_argument, NULL, OPT_REBUILD },
	{ "pass", required_argument, NULL, OPT_PASS },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "items", no_argument, NULL, OPT_ITEMS },
	{ "certificate", required_argument, NULL, OPT_CERTIFICATE },
	{ "verify", required_argument, NULL, OPT_VERIFY },
	{ "players", required_argument, NULL, OPT_PLAYERS },
	{ "teams", required_argument, NULL, OPT_TEAMS },
	{ "rounds", required_argument, NULL, OPT_ROUNDS },
	{ "points", required_argument, NULL, OPT_POINTS },
	{ "countdown", required_argument, NULL, OPT_COUNTDOWN },
	{ "no-speed", no_argument, NULL, OPT_NO_SPEED },
	{ "no-streak", no_argument, NULL, OPT_NO_STREAK },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "trivia", no_argument, NULL, OPT_TRIVIA },
	{ "leaderboard", no_argument, NULL, OPT_LEADERBOARD },
	{ "cohort", no_argument, NULL, OPT_COHORT },
	{ "exam", required_argument, NULL, OPT_EXAM },
	{ "feedback", no_argument, NULL, OPT_FEEDBACK },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_number(const char *opt, const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-') {
		app_fail("%s needs a whole number, not '%s'", opt, s);
		return -1;
	}
	v = strtoull(s, &end, 10);
	if (*end || v > max) {
		app_fail("%s needs a whole number up to %" PRIu64 ", not '%s'", opt, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* --pass PERCENT and --certificate ID. */
static int parse_exam_number(struct options *cli, int c, const char *s)
{
	uint64_t v;

	if (c == OPT_PASS) {
		if (parse_number("--pass", s, 100, &v) < 0)
			return -1;
		cli->pass = (long)v;
		return 0;
	}
	if (parse_number("--certificate", s, INT64_MAX, &v) < 0)
		return -1;
	if (!v) {
		app_fail("--certificate needs an attempt id ('rolecall report' lists them)");
		return -1;
	}
	cli->certificate = (int64_t)v;
	return 0;
}

/* --mode MODE (report --items). */
static int parse_mode(struct options *cli, const char *s)
{
	if ((cli->mode = session_mode_parse(s)) < 0) {
		app_fail("--mode is practice, drill, exam or trivia, not '%s'", s);
		return -1;
	}
	cli->has_mode = 1;
	return 0;
}

/* --count N and --seed N. */
static int parse_count_or_seed(struct options *cli, int c, const char *s)
{
	uint64_t v;

	if (c == 's') {
		if (parse_number("--seed", s, UINT64_MAX, &v) < 0)
			return -1;
		cli->seed = v;
		cli->has_seed = 1;
		return 0;
	}
	if (parse_number("--count", s, 100000, &v) < 0)
		return -1;
	if (v == 0) {
		app_fail("--count must be at least 1");
		return -1;
	}
	cli->count = (long)v;
	return 0;
}

static int add_bank(struct options *cli, const char *bank)
{
	const char **b = realloc(cli->banks, (size_t)(cli->n_banks + 1) * sizeof *b);

	if (!b) {
		app_fail("out of memory");
		return -1;
	}
	b[cli->n_banks++] = bank;
	cli->banks = b;
	return 0;
}

/* How many long options start with name (up to any "="). */
static int prefix_matches(const char *name)
{
	size_t len = strcspn(name, "=");
	int n = 0;

	for (const struct option *o = long_options; o->name; o++)
		n += !strncmp(o->name, name, len);
	return n;
}

/* getopt_long's own messages name the program by its full path: ours
 * start with "rolecall:" like every other.  Called with opterr = 0. */
static int bad_option(int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;
	const char *name = optopt ? usage_option_name(optopt) : NULL;

	if (c == ':' || (c == '?' && name))
		app_fail("%s needs a value", name);
	else if (c == '?' && optopt)
		app_fail("unrecognized option '-%c'", optopt);
	else if (arg && !strncmp(arg, "--", 2))
		app_fail("%s option '%.*s'", prefix_matches(arg + 2) > 1 ? "ambiguous" :
			 "unrecognized", (int)strcspn(arg, "="), arg);
	else
		app_fail("unknown option");
	fputs("Try 'rolecall --help' for more information.\n", stderr);
	return -1;
}

static int parse_option(struct options *cli, int c, char **argv)
{
	switch (c) {
	case 'b': return add_bank(cli, optarg);
	case 'u': cli->user = optarg; return 0;
	case OPT_DB: cli->db = optarg; return 0;
	case 'p': cli->plain = 1; return 0;
	case OPT_JSON: cli->json = 1; return 0;
	case OPT_REBUILD: cli->rebuild = 1; return 0;
	case OPT_ALL: cli->all = 1; return 0;
	case OPT_ITEMS: cli->items = 1; return 0;
	/* minutes or seconds: parsed once the command is known */
	case OPT_TIME: cli->time_arg = optarg; return 0;
	case OPT_PLAYERS: cli->players = optarg; return 0;
	case OPT_TEAMS: cli->teams = optarg; return 0;
	case OPT_NAME: cli->name = optarg; return 0;
	case OPT_NO_SPEED: cli->no_speed = 1; return 0;
	case OPT_NO_STREAK: cli->no_streak = 1; return 0;
	case OPT_TRIVIA: cli->trivia = 1; return 0;
	case OPT_RESUME: cli->resume = 1; return 0;
	case OPT_VERIFY: cli->verify = optarg; return 0;
	case OPT_LEADERBOARD: cli->leaderboard = 1; return 0;
	case OPT_COHORT: cli->cohort = 1; return 0;
	case OPT_EXAM: cli->exam_id = optarg; return 0;
	case OPT_FEEDBACK: cli->feedback = 1; return 0;
	case OPT_MODE: return parse_mode(cli, optarg);
	case OPT_ROUNDS: return trivia_setup_parse_rounds(optarg, &cli->rounds);
	case OPT_POINTS: return trivia_setup_parse_points(optarg, &cli->points);
	case OPT_COUNTDOWN: return trivia_setup_parse_countdown(optarg, &cli->countdown);
	case OPT_SINCE: return cmd_report_parse_date(optarg, &cli->since);
	case OPT_PASS:
	case OPT_CERTIFICATE:
		return parse_exam_number(cli, c, optarg);
	case 'f': cli->format = optarg; return 0; /* checked once the command is known */
	case 'o': cli->output = optarg; return 0;
	case OPT_ROLES: cli->roles = optarg; return 0;
	case 'n':
	case 's':
		return parse_count_or_seed(cli, c, optarg);
	default:
		return bad_option(c, argv);
	}
}

struct command {
	const char *name;
	int (*run)(const struct options *cli);
};

static const struct command commands[] = {
	{ "check", cmd_check },
	{ "practice", cmd_practice },
	{ "drill", cmd_drill },
	{ "stats", cmd_stats },
	{ "export", cmd_export },
	{ "exam", cmd_exam },
	{ "report", cmd_report },
	{ "users", cmd_users },
	{ "trivia", cmd_trivia },
	{ "roles", cmd_roles },
	{ "db", cmd_db },
	{ "backup", cmd_backup },
	{ "bank", cmd_bank },
	{ NULL, NULL },
};

/* --time is minutes for an exam and seconds per question for trivia. */
static int parse_time(struct options *cli)
{
	if (!cli->time_arg)
		return 0;
	if (cli->command && !strcmp(cli->command, "trivia"))
		return trivia_setup_parse_seconds(cli->time_arg, &cli->time_limit);
	return cmd_exam_parse_time(cli->time_arg, &cli->time_limit);
}

static int dispatch(const struct options *cli)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, cli->command))
			return c->run(cli);
	app_fail("unknown command '%s'; see 'rolecall --help'", cli->command);
	return EXIT_USAGE;
}

/* Plain "rolecall": the menu in a terminal; otherwise practice, which
 * runs in line mode or says why it cannot. */
static int run_default(struct options *cli)
{
	char why[160];

	/* a terminal that cannot show the menu gets practice in line mode */
	if (!cli->plain && isatty(STDIN_FILENO) && ui_usable(0, why, sizeof why)) {
		cli->command = "menu";
		return ui_main(cli, UI_START_MENU);
	}
	cli->command = "practice";
	return dispatch(cli);
}

/* The command, or the menu; none runs on a clock out of range. */
static int run_command(struct options *cli)
{
	struct rc_error err;

	if (app_clock_check(&err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_USAGE;
	}
	return cli->command ? dispatch(cli) : run_default(cli);
}

/*
 * A closed standard descriptor would be taken by the next file opened, and
 * output meant for the terminal would land in it.  Closed stdin or stderr
 * become /dev/null; closed stdout is refused, since a session would record
 * answers to questions nobody saw.  A file-size limit (ulimit -f) makes a
 * write fail with EFBIG, which the store reports, instead of killing us.
 */
static int sane_process(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int nul;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == STDOUT_FILENO) {
			app_fail("standard output is closed; run rolecall with its output "
				 "going to a terminal, a file or a pipe");
			return -1;
		}
		nul = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
		if (nul >= 0 && nul != fd)
			close(nul); /* a lower descriptor was free: not ours to fill */
	}
	signal(SIGXFSZ, SIG_IGN);
	return 0;
}

/* "rolecall help [COMMAND]": the global help or a command's. */
static int run_help(const struct options *cli)
{
	if (cli->n_args > 1) {
		app_fail("'help' takes one command, not '%s %s'", cli->args[0], cli->args[1]);
		return EXIT_USAGE;
	}
	if (cli->n_args && !usage_is_command(cli->args[0])) {
		app_fail("unknown command '%s'; see 'rolecall --help'", cli->args[0]);
		return EXIT_USAGE;
	}
	usage_print(stdout, cli->n_args ? cli->args[0] : NULL);
	return EXIT_OK;
}

/* --help after the whole line is read, so that "rolecall exam --help"
 * knows it is about exam. */
static int run_help_option(const struct options *cli)
{
	if (cli->command && !usage_is_command(cli->command) && strcmp(cli->command, "help")) {
		app_fail("unknown command '%s'; see 'rolecall --help'", cli->command);
		return EXIT_USAGE;
	}
	usage_print(stdout, cli->command && strcmp(cli->command, "help") ? cli->command : NULL);
	return EXIT_OK;
}

/* html and moodle-grades are each one command's: refused by the others
 * rather than printed as text.  Which reports of 'report' write HTML is
 * for cmd_report to say. */
static int check_format(const struct options *cli)
{
	const char *cmd = cli->command ? cli->command : "";

	static const char *const formats[] = { "text", "json", "csv", "html", "moodle-grades" };
	size_t i = 0;

	/* 'bank' checks its own formats, which depend on export or import */
	if (!cli->format || !strcmp(cmd, "bank"))
		return 0;
	while (i < sizeof formats / sizeof *formats && strcmp(cli->format, formats[i]))
		i++;
	if (i == sizeof formats / sizeof *formats) {
		app_fail("--format is text, json, csv, html or moodle-grades, not '%s'",
			 cli->format);
		return -1;
	}
	if (!strcmp(cli->format, "html") && strcmp(cmd, "report")) {
		app_fail("%s; see 'rolecall --help'", CMD_HTML_FOR);
		return -1;
	}
	if (!strcmp(cli->format, "moodle-grades") && strcmp(cmd, "export")) {
		app_fail("--format moodle-grades is for 'export'; see 'rolecall --help'");
		return -1;
	}
	return 0;
}

/* The command a bare "rolecall" runs, for checking its options. */
static const char *default_command(const struct options *cli)
{
	return !cli->plain && isatty(STDIN_FILENO) ? NULL : "practice";
}

static int parse_args(struct options *cli, int argc, char **argv, int *help)
{
	unsigned char seen[OPT_MAX] = { 0 };
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:u:n:s:pf:o:hV", long_options, NULL)) != -1) {
		if (c == 'V') {
			printf("rolecall %s\n", ROLECALL_VERSION);
			return 1;
		}
		if (c == 'h') {
			*help = 1;
			continue;
		}
		if (parse_option(cli, c, argv) < 0)
			return -1;
		seen[c] = 1;
	}
	cli->command = optind < argc ? argv[optind++] : NULL;
	cli->args = argv + optind;
	cli->n_args = argc - optind;
	if (*help || (cli->command && !strcmp(cli->command, "help")))
		return 0;
	if (cli->command && !usage_is_command(cli->command)) {
		app_fail("unknown command '%s'; see 'rolecall --help'", cli->command);
		return -1;
	}
	if (usage_check(cli->command ? cli->command : default_command(cli), seen) < 0 ||
	    check_format(cli) < 0)
		return -1;
	return parse_time(cli);
}

int main(int argc, char **argv)
{
	struct options cli = { .count = -1, .pass = -1, .since = INT64_MIN, .points = -1,
			       .countdown = -1 };
	int rc, help = 0;

	setlocale(LC_ALL, "");
	if (sane_process() < 0)
		return EXIT_FAIL;
	rc = parse_args(&cli, argc, argv, &help);
	if (rc != 0) {
		free(cli.banks);
		return rc < 0 ? EXIT_USAGE : EXIT_OK;
	}
	if (help)
		rc = run_help_option(&cli);
	else if (cli.command && !strcmp(cli.command, "help"))
		rc = run_help(&cli);
	else
		rc = run_command(&cli);
	free(cli.banks);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		app_fail("cannot write the output");
		return EXIT_FAIL;
	}
	return rc;
}

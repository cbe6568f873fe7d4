#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

int paths_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int copy_path(char *buf, size_t len, const char *path, struct rc_error *err)
{
	if ((size_t)snprintf(buf, len, "%s", path) >= len)
		return rc_error_set(err, "path too long: %s", path);
	return 0;
}

/* "/usr/share/..." rather than "/usr/bin/../share/...": the folder
 * appears in messages. */
static int copy_canonical(char *buf, size_t len, const char *path, struct rc_error *err)
{
	char *real = realpath(path, NULL);
	int rc = copy_path(buf, len, real ? real : path, err);

	free(real);
	return rc;
}

int paths_quizzes_dir(char *buf, size_t len, struct rc_error *err)
{
	const char *env = getenv("ROLECALL_QUIZZES");
	char exe[PATH_MAX], cand[PATH_MAX + 64];
	ssize_t n;

	if (env && *env)
		return copy_path(buf, len, env, err);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(cand, sizeof cand, "%s/%s", exe, ROLECALL_INSTALLED_QUIZZES);
			if (paths_is_dir(cand))
				return copy_canonical(buf, len, cand, err);
		}
	}
	if (paths_is_dir(ROLECALL_SOURCE_QUIZZES))
		return copy_path(buf, len, ROLECALL_SOURCE_QUIZZES, err);
	return rc_error_set(err, "cannot find the bundled banks (looked beside the program "
			    "and in %s); set ROLECALL_QUIZZES to their folder",
			    ROLECALL_SOURCE_QUIZZES);
}

int paths_default_db(char *buf, size_t len, struct rc_error *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/') {
		if ((size_t)snprintf(buf, len, "%s/rolecall/rolecall.db", xdg) >= len)
			return rc_error_set(err, "XDG_DATA_HOME is too long");
		return 0;
	}
	if (!home || !*home) {
		const struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !*home)
		return rc_error_set(err, "cannot tell where to keep the database: HOME is "
				    "not set; give --db FILE");
	if ((size_t)snprintf(buf, len, "%s/.local/share/rolecall/rolecall.db", home) >= len)
		return rc_error_set(err, "HOME is too long");
	return 0;
}

int paths_db(const char *given, char *buf, size_t len, struct rc_error *err)
{
	const char *env = getenv("ROLECALL_DB");

	if (!given && env && *env)
		given = env;
	if (!given)
		return paths_default_db(buf, len, err);
	if ((size_t)snprintf(buf, len, "%s", given) >= len)
		return rc_error_set(err, "the database name is too long (at most "
				    "%zu bytes)", len - 1);
	return 0;
}

static int has_bank_suffix(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void paths_free_list(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int paths_list_banks(const char *dir, char ***names, struct rc_error *err)
{
	DIR *d = opendir(dir);
	const struct dirent *e;
	char **list = NULL;
	int n = 0, cap = 0;

	if (!d)
		return rc_error_set(err, "%s: cannot open folder: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !has_bank_suffix(e->d_name))
			continue;
		if (n == cap) {
			char **bigger = realloc(list, (size_t)(cap = cap ? cap * 2 : 16) * sizeof *list);

			if (!bigger)
				goto oom;
			list = bigger;
		}
		if (!(list[n] = malloc(strlen(dir) + strlen(e->d_name) + 2)))
			goto oom;
		sprintf(list[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(list, (size_t)n, sizeof *list, cmp_names);
	*names = list;
	return n;
oom:
	closedir(d);
	paths_free_list(list, n);
	return rc_error_set(err, "out of memory listing %s", dir);
}

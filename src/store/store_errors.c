#include "store_errors.h"

#include <inttypes.h>

int store_unapplied(const char *path, const struct answer_record *rec,
		    struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the answer to '%s': it was not "
			    "applied to the history first (a bug in rolecall; "
			    "please report it)", path,
			    rec->question_id ? rec->question_id : "?");
}

int store_no_user(const char *path, int64_t user_id, struct rc_error *err)
{
	return rc_error_set(err, "%s: there is no profile with id %" PRId64
			    "; open the profile with store_user first (a bug in "
			    "rolecall; please report it)", path, user_id);
}

int store_oom(const char *path, const char *doing, struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot %s: out of memory; free some memory "
			    "and try again", path, doing);
}

int store_history_fail(const char *path, const struct history *h,
		       const char *doing, struct rc_error *err)
{
	if (history_role_count(h) >= ROLECALL_MAX_ROLES)
		return rc_error_set(err, "%s: cannot %s: its answers name "
				    ROLECALL_ROLES_FULL "; keep fewer banks in one "
				    "database (give --db another file)", path, doing,
				    ROLECALL_MAX_ROLES);
	return store_oom(path, doing, err);
}

int store_bad_trivia(const char *path, const char *what, struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the trivia game: %s (a bug in "
			    "rolecall; please report it)", path, what);
}

int store_bad_value(const char *path, const struct store_bad *bad, const char *tool,
		    struct rc_error *err)
{
	if (bad->what)
		return rc_error_set(err, "%s: %s has an impossible %s (%s); the database "
				    "was changed by something other than rolecall: fix "
				    "that row with %s or give --db another file", path,
				    bad->row, bad->what, bad->value, tool);
	return rc_error_set(err, "%s: %s cannot be read (malformed columns: a newer "
			    "rolecall or a hand edit wrote it); fix it with %s or give "
			    "--db another file", path, bad->row, tool);
}

#include "rolecall/input.h"

#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int word_is(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	if (len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != word[i])
			return 0;
	return 1;
}

enum input_kind input_parse_answer(const char *line, size_t len, unsigned n_options,
				   int *position)
{
	size_t a = 0, b = len;
	char c;

	while (a < b && is_blank(line[a]))
		a++;
	while (b > a && is_blank(line[b - 1]))
		b--;
	/* "2)" and "b." as people copy them from the screen. */
	if (b - a == 2 && (line[a + 1] == ')' || line[a + 1] == '.'))
		b--;
	if (a == b)
		return INPUT_EMPTY;
	if (word_is(line + a, b - a, "q") || word_is(line + a, b - a, "quit") ||
	    word_is(line + a, b - a, "exit"))
		return INPUT_QUIT;
	if (word_is(line + a, b - a, "?") || word_is(line + a, b - a, "help"))
		return INPUT_HELP;
	if (b - a != 1)
		return INPUT_INVALID;
	c = line[a];
	if (c >= '1' && c <= '8' && (unsigned)(c - '1') < n_options)
		*position = c - '1';
	else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'h' && (unsigned)((c | 0x20) - 'a') < n_options)
		*position = (c | 0x20) - 'a';
	else
		return INPUT_INVALID;
	return INPUT_ANSWER;
}

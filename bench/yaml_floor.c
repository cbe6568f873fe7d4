/*
 * bench_yaml_floor — the floor for loading a bank: read the file into
 * memory, as rolecall does, and run libyaml's event parser over it, doing
 * nothing with the events.  No loader built on libyaml can be faster.
 *
 *     bench_yaml_floor FILE      prints the number of events
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned long events = 0;
	unsigned char *data;
	long len;
	FILE *f;
	int done = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	if (!(f = fopen(argv[1], "rb")) || fseek(f, 0, SEEK_END) != 0 ||
	    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(argv[1]);
		return 1;
	}
	data = malloc(len ? (size_t)len : 1);
	if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);
	if (!yaml_parser_initialize(&parser))
		return 1;
	yaml_parser_set_input_string(&parser, data, (size_t)len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s:%lu:%lu: %s\n", argv[1],
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "YAML error");
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(data);
	printf("%lu events\n", events);
	return 0;
}

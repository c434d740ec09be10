/*
 * The floor of `regimen validate`: libyaml parsing every file, and nothing else.
 *
 *     yaml-floor FILE...      (or a list of files, one a line, on standard input with -)
 *
 * Each file is read into memory and run through yaml_parser_parse until the stream ends: the
 * event loop only, no tree, no decoding, no rules. Prints the number of files, events and
 * parse errors. Built by `make bench` with `cc -O2 bench/yaml-floor.c -lyaml`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned long events, errors;

static void parse(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "%s: cannot be read\n", path); errors++; return; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc(size > 0 ? (size_t)size : 1);
    size_t got = fread(bytes, 1, (size_t)size, f);
    fclose(f);

    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, bytes, got);
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) { errors++; break; }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    free(bytes);
}

int main(int argc, char **argv) {
    unsigned long files = 0;
    if (argc == 2 && strcmp(argv[1], "-") == 0) {
        char line[4096];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = 0;
            if (*line) { parse(line); files++; }
        }
    } else {
        for (int i = 1; i < argc; i++) { parse(argv[i]); files++; }
    }
    printf("%lu files, %lu events, %lu errors\n", files, events, errors);
    return errors ? 1 : 0;
}

/*
 * main.c: optiviz's entry point. Parses the command line (cli.c), runs a
 * headless subcommand or opens the window and drives app_frame until quit.
 * Exit codes: 0 success, 1 failure (no display, no GL 3.3), 2 bad input.
 */
#include "app/app.h"
#include "app/cli.h"
#include "app/commands.h"

#include "optiviz_config.h"

#include <stdio.h>
#include <stdlib.h>

static int run_window(const cli_options *o)
{
    app *a = calloc(1, sizeof *a);
    if (!a) {
        fprintf(stderr, "optiviz: out of memory\n");
        return 1;
    }
    char err[512];
    const app_params p = {
        .cli = o,
        .width = o->width,
        .height = o->height,
        .fullscreen = o->fullscreen,
    };
    if (!app_create(a, &p, err, sizeof err)) {
        fprintf(stderr, "optiviz: %s\n", err);
        free(a);
        SDL_Quit();
        return 1;
    }
    while (app_frame(a))
        ;
    app_destroy(a);
    free(a);
    SDL_Quit();
    return 0;
}

int main(int argc, char **argv)
{
    cli_options o;
    char err[512];
    if (!cli_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "optiviz: %s\n", err);
        return 2;
    }
    switch (o.command) {
    case CLI_HELP:
        fputs(cli_usage(), stdout);
        return 0;
    case CLI_VERSION:
        printf("optiviz %s\n", OPTIVIZ_VERSION);
        return 0;
    case CLI_LIST:
        return command_list(stdout);
    case CLI_TRACE:
        return command_trace(&o, stdout, stderr);
    case CLI_SHOT:
        return command_shot(&o);
    case CLI_BENCH:
        return command_bench(&o);
    case CLI_RUN:
        break;
    }
    return run_window(&o);
}

/*
 * main.c: optiviz's entry point. Parses the command line (cli.c), runs a
 * headless subcommand or opens the window and runs its loop (loop.c) until
 * quit.
 * Exit codes: 0 success, 1 failure (no display, no GL 3.3), 2 bad input.
 */
#include "app/app.h"
#include "app/cli.h"
#include "app/i18n.h"
#include "app/commands.h"
#include "app/loop.h"
#include "app/scene.h"

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
        .open_tour = !o->land && !o->has_scene,
    };
    if (!app_create(a, &p, err, sizeof err)) {
        fprintf(stderr, "optiviz: %s\n", err);
        free(a);
        SDL_Quit();
        return 1;
    }
    app_loop(a, 0.0);
    app_destroy(a);
    free(a);
    SDL_Quit();
    return 0;
}

/* The exit code after writing to standard output: 1 with one line when
 * the output could not be written (a full disk, a closed pipe). */
static int stdout_checked(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "optiviz: cannot write to standard output\n");
        return 1;
    }
    return code;
}

int main(int argc, char **argv)
{
    cli_options o;
    char err[2048];       /* room for a refused --expr's formula and caret */
    if (!cli_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "optiviz: %s\n", err);
        return 2;
    }
    int code = 0;
    /* Headless commands keep the default signal actions, so Ctrl+C or
     * SIGTERM end a long shot or bench; the window lets SDL turn them into
     * a quit event. */
    if (o.command != CLI_RUN)
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    switch (o.command) {
    case CLI_HELP:
        fputs(cli_usage(), stdout);
        code = stdout_checked(0);
        break;
    case CLI_VERSION:
        i18n_init();
        printf("optiviz %s\nscenes: %s\nfont: %s\nlocale: %s\n", OPTIVIZ_VERSION, scene_dir(),
               getenv("OPTIVIZ_FONT") && getenv("OPTIVIZ_FONT")[0] ? getenv("OPTIVIZ_FONT")
                                                                   : OPTIVIZ_FONT_PATH,
               i18n_localedir());
        code = stdout_checked(0);
        break;
    case CLI_LIST:
        code = stdout_checked(command_list(stdout));
        break;
    case CLI_TRACE:
        code = command_trace(&o, stdout, stderr);
        break;
    case CLI_CRITICAL:
        code = stdout_checked(command_critical(&o, stdout, stderr));
        break;
    case CLI_SHOT:
        code = command_shot(&o);
        break;
    case CLI_BENCH:
        code = stdout_checked(command_bench(&o));
        break;
    case CLI_RUN:
        code = run_window(&o);
        break;
    }
    cli_free(&o);
    return code;
}

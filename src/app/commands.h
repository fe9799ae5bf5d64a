/*
 * commands.h: the headless subcommands. Each returns the process exit code
 * (0 success, 1 failure of the machine, 2 bad input).
 */
#ifndef OPTIVIZ_APP_COMMANDS_H
#define OPTIVIZ_APP_COMMANDS_H

#include "app/app.h"
#include "app/cli.h"

#include <stdio.h>

/* `optiviz list`: one line per landscape, optimizer and bundled scene on out
 * (a bundled scene that does not load: one line on stderr, exit code 1). */
int command_list(FILE *out);
/* `optiviz trace`: the CSV of DESIGN.md on out, diagnostics on err. */
int command_trace(const cli_options *o, FILE *out, FILE *err);
/* `optiviz critical`: every critical point in the domain (or --domain) as
 * CSV on out, sorted by x then y: x,f,d2f,kind (1D) or
 * x,y,f,lambda1,lambda2,kind (2D), numbers with %.17g (core/critical.h). */
int command_critical(const cli_options *o, FILE *out, FILE *err);
/* The app for shot and bench: headless at def_w x def_h unless --size, or
 * (window) as the window opens it, the tour first when no lesson is given.
 * NULL with one line on stderr when it cannot start. command_app_free ends
 * it and SDL. */
app *command_app_create(const cli_options *o, bool window, int def_w, int def_h);
void command_app_free(app *a);
/* `optiviz shot`: one frame rendered headless to a PNG. */
int command_shot(const cli_options *o);
/* `optiviz bench`: frame timing and peak memory, --startup, --idle; key=value
 * lines on stdout (bench.c). */
int command_bench(const cli_options *o);

#endif

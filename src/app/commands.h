/*
 * commands.h: the headless subcommands. Each returns the process exit code
 * (0 success, 1 failure of the machine, 2 bad input).
 */
#ifndef OPTIVIZ_APP_COMMANDS_H
#define OPTIVIZ_APP_COMMANDS_H

#include "app/cli.h"

#include <stdio.h>

/* `optiviz list`: one line per landscape and optimizer on out. */
int command_list(FILE *out);
/* `optiviz trace`: the CSV of DESIGN.md on out, diagnostics on err. */
int command_trace(const cli_options *o, FILE *out, FILE *err);
/* `optiviz shot`: one frame rendered headless to a PNG. */
int command_shot(const cli_options *o);
/* `optiviz bench`: frame timing headless, one line on stdout. */
int command_bench(const cli_options *o);

#endif

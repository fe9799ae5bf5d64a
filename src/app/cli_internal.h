/*
 * cli_internal.h: what cli.c (reading the options) and cli_check.c (the
 * checks across them) share.
 */
#ifndef OPTIVIZ_APP_CLI_INTERNAL_H
#define OPTIVIZ_APP_CLI_INTERNAL_H

#include "app/cli.h"

/* Checks what needs several options, once all are read: a --scene or
 * --expr, what the subcommand requires, the start point (start_count
 * coordinates given), the hyperparameters against the optimizer. False with
 * one line in err. */
bool cli_check_required(cli_options *o, int start_count, char *err, size_t n);

#endif

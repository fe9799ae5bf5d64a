/*
 * app_formula.c: typed formulas in the live app. E opens a line with the
 * current landscape's formula (a built-in's in expr syntax, or the one typed
 * last) and its domain; Enter parses both and shows the new landscape, or
 * keeps the old one and shows why, with the column of the fault; Esc
 * cancels. The app owns two formula landscapes and swaps between them, so
 * the one on screen stays valid until its successor parsed.
 */
#include "app/app.h"
#include "app/format.h"

#include <stdio.h>
#include <string.h>

bool app_set_formula(app *a, const char *text, const char *domain, char *err, size_t errlen,
                     int *column)
{
    double lo[2] = {-2.0, -2.0}, hi[2] = {2.0, 2.0};
    int count = 0;
    *column = 0;
    if (domain && domain[0]) {
        char why[256];
        if (!cli_parse_domain(domain, lo, hi, &count, why, sizeof why)) {
            snprintf(err, errlen, "%s", strncmp(why, "--", 2) == 0 ? why + 2 : why);
            return false;
        }
    }
    if (!app_set_formula_box(a, text, count, lo, hi, err, errlen, column))
        return false;
    if (a->scenes.has_scene) { /* a scene's runner settings do not carry over */
        app_scene_leave(a);
        app_rebuild(a, NULL);
    }
    return true;
}

bool app_set_formula_box(app *a, const char *text, int count, const double *lo, const double *hi,
                         char *err, size_t errlen, int *column)
{
    *column = 0;
    const int next = 1 - a->lesson.custom_cur;
    expr_error e;
    if (!landscape_custom_init(&a->lesson.custom[next], text, count, count ? lo : NULL,
                               count ? hi : NULL, &e)) {
        *column = e.column;
        char why[480]; /* in the window's language: the format is all %s */
        snprintf(why, sizeof why, e.format ? _(e.format) : "%s", e.format ? e.args[0] : e.message,
                 e.args[1]);
        if (count && strstr(e.message, "unknown name"))
            snprintf(err, errlen, "%s %s", why,
                     count == 1 ? _("(the domain has 1 range, so the formula is in x)")
                                : _("(the domain has 2 ranges, so the formula is in x and y)"));
        else
            snprintf(err, errlen, "%s", why);
        return false;
    }
    const int dim = a->lesson.custom[next].land.dim;
    if (count && count != dim) {
        landscape_custom_free(&a->lesson.custom[next]);
        snprintf(err, errlen, "%s",
                 dim == 1 ? _("domain: 2 ranges for a formula in x")
                          : _("domain: 1 range for a formula in x and y"));
        return false;
    }
    app_set_landscape(a, &a->lesson.custom[next].land);
    landscape_custom_free(&a->lesson.custom[a->lesson.custom_cur]);
    a->lesson.custom_cur = next;
    return true;
}

void app_formula_open(app *a)
{
    const landscape *l = a->lesson.land;
    textline_set(&a->ui.formula, l->formula ? l->formula : "");
    /* each end with the digits that read back exactly, so Enter on an
     * unchanged line keeps the domain (a narrow one is not rounded shut) */
    char dom[128], ends[4][32];
    for (int k = 0; k < l->dim; k++) {
        format_roundtrip(ends[2 * k], sizeof ends[0], l->lo[k]);
        format_roundtrip(ends[2 * k + 1], sizeof ends[0], l->hi[k]);
    }
    if (l->dim == 1)
        snprintf(dom, sizeof dom, "%s:%s", ends[0], ends[1]);
    else
        snprintf(dom, sizeof dom, "%s:%s,%s:%s", ends[0], ends[1], ends[2], ends[3]);
    textline_set(&a->ui.domain, dom);
    snprintf(a->ui.domain_opened, sizeof a->ui.domain_opened, "%s", dom);
    a->ui.formula_field = 0;
    a->ui.formula_error[0] = '\0';
    a->ui.formula_error_col = 0;
    a->ui.formula_open = true;
    SDL_StartTextInput();
}

static void formula_close(app *a)
{
    a->ui.formula_open = false;
    SDL_StopTextInput();
}

static void formula_apply(app *a)
{
    /* a formula in another number of variables than the shown landscape,
     * with the domain left as it opened: the default domain for it */
    const char *domain = a->ui.domain.text;
    expr_error e;
    expr *probe = expr_parse(a->ui.formula.text, 0, &e);
    if (probe && expr_dim(probe) != a->lesson.land->dim && strcmp(domain, a->ui.domain_opened) == 0)
        domain = "";
    expr_free(probe);
    int column;
    if (!app_set_formula(a, a->ui.formula.text, domain, a->ui.formula_error,
                         sizeof a->ui.formula_error, &column)) {
        a->ui.formula_error_col = column;
        a->ui.formula_field = column > 0 || !a->ui.domain.len ? 0 : 1;
        if (column > 0) /* the cursor goes to the fault */
            a->ui.formula.cursor = column - 1 <= a->ui.formula.len ? column - 1 : a->ui.formula.len;
        return;
    }
    textline_remember(&a->ui.formula);
    formula_close(a);
    app_message(a, 3000, "%s", _(a->lesson.land->title));
}

void app_formula_text(app *a, const char *utf8)
{
    if (!a->ui.formula_open)
        return;
    textline *t = a->ui.formula_field == 0 ? &a->ui.formula : &a->ui.domain;
    if (!textline_insert(t, utf8))
        a->ui.formula_error[0] = '\0';
}

void app_formula_action(app *a, action act)
{
    if (!a->ui.formula_open)
        return;
    textline *t = a->ui.formula_field == 0 ? &a->ui.formula : &a->ui.domain;
    switch (act) {
    case ACTION_LINE_APPLY:
        formula_apply(a);
        break;
    case ACTION_LINE_CANCEL:
        formula_close(a);
        break;
    case ACTION_LINE_SWITCH:
        a->ui.formula_field = 1 - a->ui.formula_field;
        break;
    case ACTION_LINE_LEFT:
        textline_edit(t, TEXTLINE_LEFT);
        break;
    case ACTION_LINE_RIGHT:
        textline_edit(t, TEXTLINE_RIGHT);
        break;
    case ACTION_LINE_HOME:
        textline_edit(t, TEXTLINE_HOME);
        break;
    case ACTION_LINE_END:
        textline_edit(t, TEXTLINE_END);
        break;
    case ACTION_LINE_BACKSPACE:
        textline_edit(t, TEXTLINE_BACKSPACE);
        break;
    case ACTION_LINE_CLEAR: /* Ctrl+Backspace, Ctrl+U, Ctrl+A: start the field again */
        textline_set(t, "");
        break;
    case ACTION_LINE_DELETE:
        textline_edit(t, TEXTLINE_DELETE);
        break;
    case ACTION_LINE_RECALL_PREV:
    case ACTION_LINE_RECALL_NEXT:
        if (a->ui.formula_field == 0)
            textline_recall(&a->ui.formula, act == ACTION_LINE_RECALL_PREV ? -1 : +1);
        break;
    default:
        break;
    }
}

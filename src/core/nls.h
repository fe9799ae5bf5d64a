/*
 * nls.h: N_() marks a string of a table (a lesson's title, a marker's
 * label, a status word) for the message catalog without translating it:
 * xgettext collects it into po/optiviz.pot and the window translates it
 * where it draws it (src/app/i18n.h). The core itself stays English and
 * free of libintl; the command line prints these strings as they are.
 * NC_(ctx, s) does the same for a string whose translation depends on ctx.
 */
#ifndef OPTIVIZ_CORE_NLS_H
#define OPTIVIZ_CORE_NLS_H

#define N_(s) s
#define NC_(ctx, s) s

#endif

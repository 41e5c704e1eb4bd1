// PostgreSQL headers for C++ translation units of the PostgreSQL layer.
// Include this first in every src/pg/*.cpp, never from src/core.
#pragma once

extern "C" {
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#include "varatt.h" /* VARDATA_ANY, SET_VARSIZE, ... moved here from postgres.h in 16 */
#endif
}

// port.h redefines these as macros for its own printf family; they break
// <string>, <cstdio> and friends in C++ (pgRouting does the same).
#undef snprintf
#undef vsnprintf
#undef sprintf
#undef vsprintf
#undef fprintf
#undef vfprintf
#undef printf
#undef vprintf
#undef strerror
#undef strerror_r
#undef gettext
#undef dgettext
#undef ngettext
#undef dngettext

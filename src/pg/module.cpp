// Module entry: PG_MODULE_MAGIC and _PG_init (interrupt hooks for the core).
#include "cache.hpp"
#include "guard.hpp"

extern "C" {
PG_MODULE_MAGIC;

PGDLLEXPORT void _PG_init(void);

void _PG_init(void) {
    toon::pg::install_interrupt_hooks();
    toon::pg::init_result_cache();
}
}

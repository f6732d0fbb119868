#ifndef HANDOVER_CLDNS_SHIM_H
#define HANDOVER_CLDNS_SHIM_H
/* stdbool first: otherwise ldns defines bool as signed char and every setter wants Int8. */
#include <stdbool.h>
#include <ldns/ldns.h>
#endif

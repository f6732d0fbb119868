#ifndef HANDOVER_CMALLOC_SHIM_H
#define HANDOVER_CMALLOC_SHIM_H
/* glibc's allocator settings (mallopt, malloc_trim), which the Glibc module does not bring. */
#include <malloc.h>
#endif

#ifndef HANDOVER_CLIBGIT2_SHIM_H
#define HANDOVER_CLIBGIT2_SHIM_H
#include <git2.h>
#endif

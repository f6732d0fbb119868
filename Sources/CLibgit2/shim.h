#ifndef HANDOVER_CLIBGIT2_SHIM_H
#define HANDOVER_CLIBGIT2_SHIM_H
#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per option used. */

/* Whether every object read is re-hashed to check its id. git itself does not on reads; for a history walk it
   doubles the cost of reading a wide tree. */
static inline int handover_git_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

#endif

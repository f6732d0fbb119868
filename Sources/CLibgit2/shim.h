#ifndef HANDOVER_CLIBGIT2_SHIM_H
#define HANDOVER_CLIBGIT2_SHIM_H
#include <git2.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per option used. */

/* Whether every object read is re-hashed to check its id. git itself does not on reads; for a history walk it
   doubles the cost of reading a wide tree. */
static inline int handover_git_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* libgit2's memory (issue 17): its object cache (256 MB by default, trees and commits under 4 KB each) and the pack
   windows it maps (1 GB each, up to 8 GB in all on 64-bit; mapped pages count as the process's memory). */
static inline int handover_git_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}
static inline int handover_git_set_mwindow_size(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes);
}
static inline int handover_git_set_mwindow_mapped_limit(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
}
static inline size_t handover_git_mwindow_mapped_limit(void) {
    size_t bytes = 0;
    git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &bytes);
    return bytes;
}
static inline ssize_t handover_git_cache_max_size(void) {
    ssize_t current = 0, allowed = 0;
    git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &current, &allowed);
    return allowed;
}

/* The largest commit libgit2 keeps in its object cache (libgit2's default: 4096 bytes; 0 caches none). A walk that
   reads each commit once only pays for caching them: inserting, and evicting once the cache is full. */
static inline int handover_git_set_commit_cache_limit(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, bytes);
}

/* Gives glibc's free heap pages back to the system (a no-op elsewhere): see GitMemoryBudget.releaseFreePages. */
static inline void handover_release_free_heap_pages(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

#endif

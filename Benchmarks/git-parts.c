/* What the git collector's libgit2 calls cost by themselves, in one C process: libgit2's initialisation (with Debian's
   build it loads the system's CA certificates through mbedTLS), git_describe_commit (tags, pattern v*), the tag
   references with their objects, the status, and the ownership window (newest first from HEAD, at most 2,000
   commits of the last 90 days, each commit's root tree compared with its first parent's: what OwnershipReader reads).
   Prints the CPU-time medians in ms. Used by git-snapshot.sh. */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int count_tag(const char *name, git_oid *oid, void *payload) {
    git_repository *repo = payload;
    git_object *object, *peeled;
    (void)name;
    if (git_object_lookup(&object, repo, oid, GIT_OBJECT_ANY) == 0) {
        if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0) git_object_free(peeled);
        git_object_free(object);
    }
    return 0;
}

/* The root entries that differ between a commit's tree and its first parent's: the areas the window counts. */
static int changed_areas(git_repository *repo, git_commit *commit) {
    git_tree *tree = NULL, *before = NULL;
    git_commit *parent = NULL;
    int changed = 0;
    if (git_commit_tree(&tree, commit) != 0) return 0;
    if (git_commit_parentcount(commit) > 0 && git_commit_parent(&parent, commit, 0) == 0) git_commit_tree(&before, parent);
    for (size_t i = 0; i < git_tree_entrycount(tree); i++) {
        const git_tree_entry *entry = git_tree_entry_byindex(tree, i);
        const git_tree_entry *old = before ? git_tree_entry_byname(before, git_tree_entry_name(entry)) : NULL;
        if (!old || !git_oid_equal(git_tree_entry_id(entry), git_tree_entry_id(old))) changed++;
    }
    /* and the entries the commit deleted */
    for (size_t i = 0; before && i < git_tree_entrycount(before); i++)
        if (!git_tree_entry_byname(tree, git_tree_entry_name(git_tree_entry_byindex(before, i)))) changed++;
    (void)repo;
    git_tree_free(before);
    git_commit_free(parent);
    git_tree_free(tree);
    return changed;
}

/* Commits already reached (open addressing on the id's first bytes), so a commit two children lead to is read once. */
enum { slots = 1 << 14 };
static git_oid seen[slots];
static unsigned char used[slots];

static int reached(const git_oid *id) {
    unsigned slot = ((unsigned)id->id[0] << 8 | id->id[1]) & (slots - 1);
    for (unsigned probe = 0; probe < slots; probe++, slot = (slot + 1) & (slots - 1)) {
        if (!used[slot]) { used[slot] = 1; git_oid_cpy(&seen[slot], id); return 0; }
        if (git_oid_equal(&seen[slot], id)) return 1;
    }
    return 1;
}

/* Newest first from HEAD by committer time, as OwnershipReader walks (its own frontier: libgit2's time-sorted revwalk
   reads the whole history first), ending at the first commit older than the window. Returns the commits counted. */
static int ownership_window(git_repository *repo, const git_oid *head) {
    enum { most = 4096 };
    static git_commit *frontier[most];
    int size = 0, read = 0;
    memset(used, 0, sizeof used);
    git_commit *top;
    if (git_commit_lookup(&top, repo, head) != 0) return 0;
    git_time_t since = git_commit_time(top) - 90 * 86400;
    reached(head);
    frontier[size++] = top;
    while (size > 0 && read < 2000) {
        int newest = 0;
        for (int i = 1; i < size; i++) if (git_commit_time(frontier[i]) > git_commit_time(frontier[newest])) newest = i;
        git_commit *commit = frontier[newest];
        frontier[newest] = frontier[--size];
        if (git_commit_time(commit) < since) { git_commit_free(commit); break; }
        for (unsigned p = 0; p < git_commit_parentcount(commit) && size < most; p++) {
            git_commit *parent;
            const git_oid *id = git_commit_parent_id(commit, p);
            if (!reached(id) && git_commit_lookup(&parent, repo, id) == 0) frontier[size++] = parent;
        }
        if (git_commit_parentcount(commit) <= 1) {
            if (git_commit_author(commit)) changed_areas(repo, commit);
            read++;
        }
        git_commit_free(commit);
    }
    while (size > 0) git_commit_free(frontier[--size]);
    return read;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 99) runs = 5;
    double t[5][99];
    double start = cpu_ms();
    git_libgit2_init();
    double init = cpu_ms() - start;
    for (int run = 0; run < runs; run++) {
        git_repository *repo;
        if (git_repository_open(&repo, argv[1]) != 0) return 1;
        git_oid head;
        git_reference_name_to_id(&head, repo, "HEAD");
        git_object *commit;
        git_object_lookup(&commit, repo, &head, GIT_OBJECT_COMMIT);
        double a = cpu_ms();
        git_describe_options options;
        git_describe_options_init(&options, GIT_DESCRIBE_OPTIONS_VERSION);
        options.describe_strategy = GIT_DESCRIBE_TAGS;
        options.pattern = "v*";
        git_describe_result *result;
        if (git_describe_commit(&result, commit, &options) == 0) git_describe_result_free(result);
        double b = cpu_ms();
        git_tag_foreach(repo, count_tag, repo);
        double c = cpu_ms();
        git_status_options status;
        git_status_options_init(&status, GIT_STATUS_OPTIONS_VERSION);
        status.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
        git_status_list *list;
        if (git_status_list_new(&list, repo, &status) == 0) git_status_list_free(list);
        double d = cpu_ms();
        /* on a repository opened for it, as handover reads it on a second handle: nothing of describe's walk cached */
        git_repository *second;
        if (git_repository_open(&second, argv[1]) != 0) return 1;
        ownership_window(second, &head);
        git_repository_free(second);
        double e = cpu_ms();
        t[0][run] = b - a; t[1][run] = c - b; t[2][run] = d - c; t[3][run] = e - d; t[4][run] = e - a;
        git_object_free(commit);
        git_repository_free(repo);
    }
    for (int i = 0; i < 5; i++) qsort(t[i], runs, sizeof(double), by_value);
    printf("init %.1f, describe %.1f, tags with their objects %.1f, status %.1f, ownership window %.1f, all but init %.1f\n",
           init, t[0][runs / 2], t[1][runs / 2], t[2][runs / 2], t[3][runs / 2], t[4][runs / 2]);
    return 0;
}

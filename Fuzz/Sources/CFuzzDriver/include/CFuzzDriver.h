#ifndef HANDOVER_CFUZZDRIVER_H
#define HANDOVER_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver, for an executable whose `main` SwiftPM renamed (debug builds link `main` to
   `<Target>_main`, which a -parse-as-library target does not define): that function calls this. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

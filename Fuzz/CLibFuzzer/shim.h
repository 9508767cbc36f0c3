// libFuzzer's driver (in the runtime -sanitize=fuzzer links). SwiftPM links an executable with
// `main` defined as `<module>_main`, so each fuzz target's `<module>_main` hands over to it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

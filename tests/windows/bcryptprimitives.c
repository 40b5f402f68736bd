/* For tests under Wine only, never shipped. Wine 8.0 has no bcryptprimitives.dll, whose
 * ProcessPrng the Rust standard library calls for random bytes at start-up; real Windows (10 and
 * later) has it. This stand-in answers from advapi32's RtlGenRandom (SystemFunction036), which
 * Wine does have. Built by scripts/windows-test.sh with x86_64-w64-mingw32-gcc -shared. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

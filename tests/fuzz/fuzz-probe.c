/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Links only when the compiler has a working libFuzzer runtime. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return size > 0 && data[0] == 0;
}

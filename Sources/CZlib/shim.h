#ifndef CONFLICTMAP_CZLIB_SHIM_H
#define CONFLICTMAP_CZLIB_SHIM_H
#include <zlib.h>
#endif

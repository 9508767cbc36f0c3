#ifndef CONFLICTMAP_CPANGOCAIRO_SHIM_H
#define CONFLICTMAP_CPANGOCAIRO_SHIM_H
#include <cairo.h>
#include <pango/pangocairo.h>
#endif

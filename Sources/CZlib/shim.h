#ifndef HANDOVER_CZLIB_SHIM_H
#define HANDOVER_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit is a macro (it passes zlib's version and the stream's size), which Swift cannot call. */
static inline int handover_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

#endif

// Debian's libcmark-gfm public headers: the core API, the extension API and the core extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

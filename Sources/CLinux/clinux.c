#include "clinux.h"

#ifdef __linux__
#include <sys/eventfd.h>
#include <sys/vfs.h>

long clinux_filesystem_type(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    return (long)info.f_type;
}

int clinux_eventfd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}
#else
#include <errno.h>

long clinux_filesystem_type(const char *path) {
    (void)path;
    errno = ENOSYS;
    return -1;
}

int clinux_eventfd(void) {
    errno = ENOSYS;
    return -1;
}
#endif

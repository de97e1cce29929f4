/*
 * clinux.h — the Linux calls that Swift's Glibc module does not export (statfs, eventfd).
 *
 * Plain C types only; each call is a thin wrapper that sets errno as the system call does.
 */
#ifndef CLINUX_H
#define CLINUX_H

#ifdef __cplusplus
extern "C" {
#endif

/** The type (the f_type magic of statfs(2)) of the file system holding `path`; -1 and errno on failure. */
long clinux_filesystem_type(const char *path);

/** A new eventfd, non-blocking and closed on exec, counting from 0; -1 and errno on failure. */
int clinux_eventfd(void);

#ifdef __cplusplus
}
#endif

#endif

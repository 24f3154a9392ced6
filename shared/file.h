/*
 * file.h: small file helpers every program needs: fsync a directory, read a small file whole, atomic replace.
 */
#ifndef MD_FILE_H
#define MD_FILE_H

#include <stddef.h>

#include "str.h"

/* fsync the directory that holds path (or path itself if a directory). */
int file_fsync_dir(const char *dirpath);
/* Read a whole file of at most max bytes into sp; -1 EFBIG if larger. */
int file_read_all(const char *path, struct str *sp, size_t max);
/*
 * Replace path atomically with data: write path.tmpXXXX in the same
 * directory, fsync, rename over, fsync the directory.
 */
int file_replace(const char *path, const void *data, size_t n, int mode);
/* mkdir -p with mode; existing directories are fine. */
int file_mkdirs(const char *path, int mode);
/* buf = dir "/" name; -1 ENAMETOOLONG if it does not fit in size. */
int file_join(char *buf, size_t size, const char *dir, const char *name);

#endif

/*
 * maildir.h: one Maildir directory (cur/ new/ tmp/): check it, create it,
 * find a folder's directory under the Maildir root, and sweep stale
 * files out of tmp/.  Folder names and the Maildir++ layout live in
 * folder.h; this module only knows directories.
 */
#ifndef MD_MAILDIR_H
#define MD_MAILDIR_H

#include <stddef.h>

#define MAILDIR_MODE	0700

/* 0 if dir holds the directories cur, new and tmp; -1 ENOENT/ENOTDIR. */
int maildir_check(const char *dir);
/*
 * Create dir (not its parents) and cur/ new/ tmp/ with mode 0700;
 * whatever already exists is kept.  The directory entries are fsynced.
 */
int maildir_create(const char *dir);
/*
 * Build the path of a folder directory: root itself for the on-disk
 * name "" (INBOX), root/diskname otherwise.  diskname must be one path
 * component starting with "." (".Sent", ".Lists.debian"); anything else
 * ("/", "..", ".", no leading dot) fails with EINVAL, a path that does
 * not fit in size with ENAMETOOLONG.
 */
int maildir_folder_path(const char *root, const char *diskname, char *path,
    size_t size);
/*
 * Remove the files in dir/tmp whose last change is older than
 * LIM_TMP_AGE (36 hours, as maildir.html advises).  Returns how many
 * were removed, or -1 if tmp/ cannot be read.
 */
int maildir_clean_tmp(const char *dir);

#endif

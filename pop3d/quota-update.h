/* quota-update.h: tell maildirsize (Maildir++ quota) what QUIT freed. */
#ifndef POP3_QUOTA_UPDATE_H
#define POP3_QUOTA_UPDATE_H

/* Add -bytes/-count to dir's maildirsize, if it has one; -1 on error. */
int quota_update_release(const char *dir, long long bytes, long long count);

#endif

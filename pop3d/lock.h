/*
 * lock.h: optional exclusive POP3 session lock (POP3_LOCK_SESSION), as
 * Dovecot's pop3_lock_session: flock(2) on dir/pop3d-session.lock, held
 * until the process exits, so a crash never leaves a stale lock.
 * Without it pop3d is lock-free (see pop3d(8), LOCKING).
 */
#ifndef POP3_LOCK_H
#define POP3_LOCK_H

#define LOCK_SESSION_NAME "pop3d-session.lock"

/* 0 locked, -1 EWOULDBLOCK if another session holds it, -1 other error. */
int lock_session(const char *dir);

/*
 * LOGIN-DELAY (RFC 2449 6.8): 0 if the last login was at least delay
 * seconds ago (and records this one in dir/pop3d-last-login), -1 with
 * EAGAIN if too soon, -1 on other errors.
 */
int lock_login_delay(const char *dir, long delay);

#endif

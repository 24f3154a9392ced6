/*
 * status.h: the one error idiom.  Functions return 0 on success and -1
 * with errno set; where the caller must know whether to retry (delivery,
 * authentication) they return an md_status instead.
 */
#ifndef MD_STATUS_H
#define MD_STATUS_H

enum md_status {
	MD_OK = 0,
	MD_TEMP = -1,	/* try again later: 111, 4xx, NO [UNAVAILABLE] */
	MD_PERM = -2,	/* will not work: 100, 5xx, NO [CANNOT] */
};

#endif

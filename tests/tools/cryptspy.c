/*
 * cryptspy.c: an LD_PRELOAD shim for tests: crypt_r() appends each
 * setting it is given (one line) to the file $CRYPTSPY_FILE, then does
 * the real work.  tests/e2e/auth-dummy.t uses it to see which hash an
 * unknown login is verified against.  Only for tests.
 */
#define _GNU_SOURCE	/* RTLD_NEXT */
#include <crypt.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef char *crypt_r_fn(const char *, const char *, struct crypt_data *);

char *
crypt_r(const char *phrase, const char *setting, struct crypt_data *data)
{
	crypt_r_fn *real = (crypt_r_fn *)dlsym(RTLD_NEXT, "crypt_r");
	const char *file = getenv("CRYPTSPY_FILE");
	int fd;

	if (file && (fd = open(file, O_WRONLY | O_APPEND | O_CREAT |
	    O_CLOEXEC, 0666)) >= 0) {
		if (write(fd, setting, strlen(setting)) < 0 ||
		    write(fd, "\n", 1) < 0)
			abort();
		close(fd);
	}
	return real ? real(phrase, setting, data) : NULL;
}

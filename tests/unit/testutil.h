/* testutil.h: temp Maildirs and message files for the view unit tests. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline void
tu_mkmaildir(char *dir, size_t size)
{
	char p[8400];
	const char *t = getenv("TMPDIR");

	snprintf(dir, size, "%s/test-view.XXXXXX", t ? t : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, (const char *[]){ "cur",
		    "new", "tmp" }[i]);
		if (mkdir(p, 0700) < 0)
			abort();
	}
}

/* Write a file dir/sub/name with body. */
static inline void
tu_put(const char *dir, const char *sub, const char *name, const char *body)
{
	char p[8400];
	int fd;

	snprintf(p, sizeof p, "%s/%s/%s", dir, sub, name);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    write(fd, body, strlen(body)) != (ssize_t)strlen(body) ||
	    close(fd) < 0)
		abort();
}

static inline int
tu_exists(const char *dir, const char *sub, const char *name)
{
	char p[8400];

	snprintf(p, sizeof p, "%s/%s/%s", dir, sub, name);
	return access(p, F_OK) == 0;
}

static inline void
tu_rmrf(const char *dir)
{
	char cmd[4200];
	pid_t pid;

	snprintf(cmd, sizeof cmd, "%s", dir);
	if ((pid = fork()) == 0) {
		execlp("rm", "rm", "-rf", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

#endif

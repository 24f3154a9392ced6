/* pwread.c: read a password without echo (see pwread.h). */
#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pwread.h"

/* One line, byte by byte so nothing after it is consumed. */
static long
read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	int toolong = 0;
	char c;
	ssize_t r;

	while ((r = read(fd, &c, 1)) == 1 && c != '\n') {
		if (n + 1 >= size)
			toolong = 1;
		else
			buf[n++] = c;
	}
	if (r < 0 && errno != EINTR)
		return -1;
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	c = 0;
	if (toolong) {
		explicit_bzero(buf, size);
		errno = EMSGSIZE;
		return -1;
	}
	return (long)n;
}

long
pwread(int fd, const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	long n;
	int saved;

	if (!isatty(fd))
		return read_line(fd, buf, size);
	if (tcgetattr(fd, &old) < 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	/* Echo off before the prompt, so nothing typed after it shows. */
	if (tcsetattr(fd, TCSAFLUSH, &quiet) < 0)
		return -1;
	if (write(2, prompt, strlen(prompt)) < 0) {
		(void)tcsetattr(fd, TCSANOW, &old);
		return -1;
	}
	n = read_line(fd, buf, size);
	saved = errno;
	(void)tcsetattr(fd, TCSANOW, &old);
	if (write(2, "\n", 1) < 0)
		n = -1;
	errno = saved;
	return n;
}

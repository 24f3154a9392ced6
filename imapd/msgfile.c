/* msgfile.c: mapped message files; see msgfile.h. */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "header.h"
#include "limits.h"
#include "msgfile.h"

int
msgfile_open(struct msgfile *m, struct view *v, size_t i)
{
	struct stat st;
	void *p;

	memset(m, 0, sizeof *m);
	if ((m->fd = view_open_msg(v, i)) < 0)
		return -1;
	if (fstat(m->fd, &st) < 0 || st.st_size > LIM_MESSAGE) {
		close(m->fd);
		m->fd = -1;
		errno = EFBIG;
		return -1;
	}
	m->len = (size_t)st.st_size;
	m->data = "";
	if (m->len > 0) {
		p = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, m->fd, 0);
		if (p == MAP_FAILED) {
			close(m->fd);
			m->fd = -1;
			return -1;
		}
		m->data = p;
	}
	m->hdrlen = header_block_len(m->data, m->len);
	return 0;
}

int
msgfile_mime(struct msgfile *m)
{
	if (m->parsed)
		return 0;
	if (mime_parse(&m->mime, m->data, m->len) < 0)
		return -1;
	m->parsed = 1;
	return 0;
}

void
msgfile_close(struct msgfile *m)
{
	if (m->parsed)
		mime_free(&m->mime);
	if (m->len > 0)
		munmap((void *)(uintptr_t)m->data, m->len);
	if (m->fd >= 0)
		close(m->fd);
	memset(m, 0, sizeof *m);
	m->fd = -1;
}

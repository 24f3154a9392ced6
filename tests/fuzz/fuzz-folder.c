/*
 * fuzz-folder.c: libFuzzer target for folder name validation
 * (shared/folder_name.c).  A name that passes must map to one safe
 * directory entry in the Maildir root that maps back to the canonical
 * name; the subscriptions parser gets the same bytes.
 * fuzz-srcs: shared/folder_name.c shared/mutf7.c shared/str.c
 * fuzz-srcs: shared/subscriptions.c shared/file.c shared/io.c
 * fuzz-srcs: shared/dotlock.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folder.h"
#include "limits.h"
#include "subscriptions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_name(const char *name)
{
	char canon[LIM_FOLDER_NAME + 1], disk[LIM_FOLDER_NAME + 1];
	char back[LIM_FOLDER_NAME + 1];
	const char *why = NULL;

	if (folder_name_check(name, &why) < 0) {
		if (why == NULL)
			abort();
		return;
	}
	if (folder_canon(name, canon, sizeof canon, disk, sizeof disk,
	    NULL) < 0)
		abort();
	if (disk[0] == '\0') {
		if (!folder_is_inbox(name))
			abort();
		return;
	}
	/* One entry of the root, never ".", "..", a path or a ".." name. */
	if (disk[0] != '.' || disk[1] == '.' || disk[1] == '\0' ||
	    strchr(disk, '/') != NULL || strlen(disk) > LIM_FOLDER_NAME)
		abort();
	if (strcmp(disk + 1, canon) != 0 || folder_name_check(canon, NULL) < 0)
		abort();
	if (!folder_is_inbox(canon) &&
	    (folder_from_disk(disk, back, sizeof back) < 0 ||
	    strcmp(back, canon) != 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct subs sb;
	char *name;

	if ((name = malloc(size + 1)) == NULL)
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	check_name(name);
	free(name);
	if (subs_parse((const char *)data, size, &sb) == 0)
		subs_free(&sb);
	return 0;
}

# login/: the authentication programs (this block: helper "auth") and the
# pre-authentication login programs (helper "login").  Append-only.
PROGRAMS += login/mkusers
AUTH_COMMON := login/pwscheme.c login/cram.c login/md5.c login/cidr.c
login/mkusers_SRCS := login/mkusers.c login/userparse.c \
	login/userparse_extra.c login/userformat.c login/keyset.c \
	$(AUTH_COMMON)
login/mkusers_LIBS := -lcdb -lcrypt
tests/unit/test-userparse_OBJS := login/userparse.c login/userparse_extra.c \
	login/userformat.c login/cidr.c login/pwscheme.c login/cram.c \
	login/md5.c

# login/: imap-login, pop3-login (and the auth programs).
LOGIN_COMMON := login/attempt.c login/base64.c login/config.c login/conn.c \
	login/env.c login/handoff.c login/monitor.c login/privmsg.c \
	login/privsep.c login/proxyproto.c login/sasl.c login/tls.c
PROGRAMS += login/imap-login login/pop3-login
login/imap-login_SRCS := login/imap-login.c login/imap-parse.c $(LOGIN_COMMON)
login/imap-login_LIBS := -lssl -lcrypto
login/pop3-login_SRCS := login/pop3-login.c login/pop3-parse.c \
	$(LOGIN_COMMON)
login/pop3-login_LIBS := -lssl -lcrypto
MAN8 += man/imap-login.8 man/pop3-login.8
tests/unit/test-base64_OBJS := login/base64.c
tests/unit/test-sasl_OBJS := login/sasl.c
tests/unit/test-proxyproto_OBJS := login/proxyproto.c
tests/unit/test-imap-parse_OBJS := login/imap-parse.c
tests/unit/test-pop3-parse_OBJS := login/pop3-parse.c
tests/unit/test-privmsg_OBJS := login/privmsg.c
tests/unit/test-env_OBJS := login/env.c

# The authentication programs: checkpassword-cdb, mkusers, mailpw.
PROGRAMS += login/checkpassword-cdb login/mkusers login/mailpw
AUTH_COMMON := login/pwscheme.c login/cram.c login/md5.c login/cidr.c \
	login/envname.c
login/checkpassword-cdb_SRCS := login/checkpassword-cdb.c login/cred.c \
	login/authpolicy.c login/privdrop.c $(AUTH_COMMON)
login/checkpassword-cdb_LIBS := -lcdb -lcrypt
login/mkusers_SRCS := login/mkusers.c login/userparse.c \
	login/userparse_extra.c login/userformat.c login/keyset.c \
	login/pwdummy.c \
	$(AUTH_COMMON)
login/mkusers_LIBS := -lcdb -lcrypt
login/mailpw_SRCS := login/mailpw.c login/pwread.c $(AUTH_COMMON)
login/mailpw_LIBS := -lcrypt
tests/unit/test-userparse_OBJS := login/userparse.c login/userparse_extra.c \
	login/userformat.c $(AUTH_COMMON)
tests/unit/test-pwscheme_OBJS := login/pwscheme.c login/cram.c login/md5.c
tests/unit/test-pwdummy_OBJS := login/pwdummy.c login/pwscheme.c \
	login/cram.c login/md5.c
tests/unit/test-authpolicy_OBJS := login/authpolicy.c login/cidr.c \
	login/cred.c login/keyset.c
MAN1 += man/mailpw.1
MAN5 += man/users.5
MAN8 += man/checkpassword-cdb.8 man/mkusers.8

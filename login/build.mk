# login/: imap-login, pop3-login (and the auth programs).
MAN8 += man/imap-login.8 man/pop3-login.8

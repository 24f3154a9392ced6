/* imapd.c: placeholder main until the daemon lands. */
int main(void);

int
main(void)
{
	return 111;
}

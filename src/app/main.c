#include <stdio.h>
int main(void)
{
	fputs("spdk-memtop: under construction\n", stderr);
	return 1;
}

#include <stdio.h>
int main(void)
{
	fputs("spdk-memtop-sim: under construction\n", stderr);
	return 1;
}

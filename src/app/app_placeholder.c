/* Removed once src/app has real modules. */
int memtop_app_placeholder(void);
int memtop_app_placeholder(void) { return 0; }

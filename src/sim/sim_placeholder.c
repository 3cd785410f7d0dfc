/* Removed once src/sim has real modules. */
int memtop_sim_placeholder(void);
int memtop_sim_placeholder(void) { return 0; }

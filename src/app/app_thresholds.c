/* Thresholds from options (contract: app_thresholds.h); 0 keeps the rule's default. */
#include "app_thresholds.h"

void thresholds_from_opts(const struct cli_options *o, struct alert_thresholds *t)
{
	alert_thresholds_default(t);
	if (o->warn_pool_pct > 0) {
		t->pool_pct = o->warn_pool_pct;
		t->reserved_pct = o->warn_pool_pct;
	}
	if (o->warn_hugepages_free_pct > 0)
		t->hugepages_free_pct = o->warn_hugepages_free_pct;
	if (o->warn_imbalance_pct > 0)
		t->imbalance_pct = o->warn_imbalance_pct;
	if (o->leak_minutes > 0)
		t->leak_minutes = o->leak_minutes;
}

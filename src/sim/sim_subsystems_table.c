/*
 * The subsystems of the recorded target and the configuration each one
 * reported, as compact JSON text.  Data from
 * tests/fixtures/transcripts/framework_get_subsystems.response.json and the
 * framework_get_config replies in rpc_py/save_config.wire.conn-7.response.bin.
 * iobuf has no text here: its configuration follows iobuf_set_options.
 * Extracted by script; the conformance test replays that save_config
 * exchange and requires these bytes.
 */
#include "sim_subsystems.h"

#include <stddef.h>

const char sim_subsystems_json[] =
	"[{\"subsystem\":\"vmd\",\"depends_on\":[]},{\"subsystem\":\"keyring\",\"depends_on\":[]},"
	"{\"subsystem\":\"iobuf\",\"depends_on\":[]},{\"subsystem\":\"sock\",\"depends_on\":[]},"
	"{\"subsystem\":\"accel\",\"depends_on\":[\"iobuf\"]},{\"subsystem\":\"bdev\","
	"\"depends_on\":[\"accel\",\"keyring\",\"vmd\",\"sock\",\"iobuf\"]},"
	"{\"subsystem\":\"nbd\",\"depends_on\":[\"bdev\"]},{\"subsystem\":\"scheduler\","
	"\"depends_on\":[]},{\"subsystem\":\"nvmf\",\"depends_on\":[\"bdev\",\"keyring\",\"sock\","
	"\"accel\",\"iobuf\"]},{\"subsystem\":\"scsi\",\"depends_on\":[\"bdev\"]},"
	"{\"subsystem\":\"iscsi\",\"depends_on\":[\"scsi\",\"sock\"]}]";

const struct sim_subsystem sim_subsystems[] = {
	{ "vmd",
	  "[]" },
	{ "keyring",
	  "[]" },
	{ "iobuf", NULL },
	{ "sock",
	  "[{\"method\":\"sock_set_default_impl\",\"params\":{\"impl_name\":\"posix\"}},"
	  "{\"method\":\"sock_impl_set_options\",\"params\":{\"impl_name\":\"ssl\","
	  "\"recv_buf_size\":4096,\"send_buf_size\":4096,\"enable_recv_pipe\":true,"
	  "\"enable_quickack\":false,\"enable_placement_id\":0,"
	  "\"enable_zerocopy_send_server\":true,\"enable_zerocopy_send_client\":false,"
	  "\"zerocopy_threshold\":0,\"tls_version\":0,\"enable_ktls\":false}},"
	  "{\"method\":\"sock_impl_set_options\",\"params\":{\"impl_name\":\"posix\","
	  "\"recv_buf_size\":2097152,\"send_buf_size\":2097152,\"enable_recv_pipe\":true,"
	  "\"enable_quickack\":false,\"enable_placement_id\":0,"
	  "\"enable_zerocopy_send_server\":true,\"enable_zerocopy_send_client\":false,"
	  "\"zerocopy_threshold\":0,\"tls_version\":0,\"enable_ktls\":false}}]" },
	{ "accel",
	  "[{\"method\":\"accel_set_options\",\"params\":{\"small_cache_size\":128,"
	  "\"large_cache_size\":16,\"task_count\":2048,\"sequence_count\":2048,"
	  "\"buf_count\":2048}}]" },
	{ "bdev",
	  "[{\"method\":\"bdev_set_options\",\"params\":{\"bdev_io_pool_size\":65535,"
	  "\"bdev_io_cache_size\":256,\"bdev_auto_examine\":true,\"iobuf_small_cache_size\":128,"
	  "\"iobuf_large_cache_size\":16}},{\"method\":\"bdev_raid_set_options\","
	  "\"params\":{\"process_window_size_kb\":1024,\"process_max_bandwidth_mb_sec\":0}},"
	  "{\"method\":\"bdev_nvme_set_options\",\"params\":{\"action_on_timeout\":\"none\","
	  "\"timeout_us\":0,\"timeout_admin_us\":0,\"keep_alive_timeout_ms\":10000,"
	  "\"arbitration_burst\":0,\"low_priority_weight\":0,\"medium_priority_weight\":0,"
	  "\"high_priority_weight\":0,\"nvme_adminq_poll_period_us\":10000,"
	  "\"nvme_ioq_poll_period_us\":0,\"io_queue_requests\":0,\"delay_cmd_submit\":true,"
	  "\"transport_retry_count\":4,\"bdev_retry_count\":3,\"transport_ack_timeout\":0,"
	  "\"ctrlr_loss_timeout_sec\":0,\"reconnect_delay_sec\":0,\"fast_io_fail_timeout_sec\":0,"
	  "\"disable_auto_failback\":false,\"generate_uuids\":false,\"transport_tos\":0,"
	  "\"nvme_error_stat\":false,\"rdma_srq_size\":0,\"io_path_stat\":false,"
	  "\"allow_accel_sequence\":false,\"rdma_max_cq_size\":0,\"rdma_cm_event_timeout_ms\":0,"
	  "\"dhchap_digests\":[\"sha256\",\"sha384\",\"sha512\"],\"dhchap_dhgroups\":[\"null\","
	  "\"ffdhe2048\",\"ffdhe3072\",\"ffdhe4096\",\"ffdhe6144\",\"ffdhe8192\"],"
	  "\"rdma_umr_per_io\":false,\"tcp_connect_timeout_ms\":0,\"enable_flush\":false,"
	  "\"multipath_opts\":{\"policy\":\"active_passive\"}}},"
	  "{\"method\":\"bdev_nvme_set_hotplug\",\"params\":{\"period_us\":100000,"
	  "\"enable\":false}},{\"method\":\"bdev_wait_for_examine\"}]" },
	{ "nbd",
	  "[]" },
	{ "scheduler",
	  "[{\"method\":\"framework_set_scheduler\",\"params\":{\"name\":\"static\"}}]" },
	{ "nvmf",
	  "[{\"method\":\"nvmf_set_config\",\"params\":{\"discovery_filters\":[],"
	  "\"admin_cmd_passthru\":{\"identify_ctrlr\":false,\"identify_uuid_list\":false,"
	  "\"get_log_page\":false,\"get_set_features\":false,\"sanitize\":false,"
	  "\"security_send_recv\":false,\"fw_update\":false,\"nvme_mi\":false,"
	  "\"vendor_specific\":false},\"dhchap_digests\":[\"sha256\",\"sha384\",\"sha512\"],"
	  "\"dhchap_dhgroups\":[\"null\",\"ffdhe2048\",\"ffdhe3072\",\"ffdhe4096\",\"ffdhe6144\","
	  "\"ffdhe8192\"],\"dup_host_policy\":\"allow\"}},{\"method\":\"nvmf_set_max_subsystems\","
	  "\"params\":{\"max_subsystems\":1024}},{\"method\":\"nvmf_set_crdt\","
	  "\"params\":{\"crdt1\":0,\"crdt2\":0,\"crdt3\":0}}]" },
	{ "scsi",
	  "null" },
	{ "iscsi",
	  "[{\"method\":\"iscsi_set_options\",\"params\":{\"node_base\":\"iqn.2016-06.io.spdk\","
	  "\"max_sessions\":128,\"max_connections_per_session\":2,\"max_queue_depth\":64,"
	  "\"default_time2wait\":2,\"default_time2retain\":20,\"first_burst_length\":8192,"
	  "\"immediate_data\":true,\"allow_duplicated_isid\":false,\"error_recovery_level\":0,"
	  "\"nop_timeout\":60,\"nop_in_interval\":30,\"disable_chap\":false,"
	  "\"require_chap\":false,\"mutual_chap\":false,\"chap_group\":0,"
	  "\"max_large_datain_per_connection\":64,\"max_r2t_per_connection\":4,"
	  "\"pdu_pool_size\":36864,\"immediate_data_pool_size\":16384,"
	  "\"data_out_pool_size\":2048}}]" },
};

const size_t sim_subsystems_count = sizeof(sim_subsystems) / sizeof(sim_subsystems[0]);

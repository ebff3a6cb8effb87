# An example conftest policy for jobform plans: `jobform plan --out plan.json && conftest test plan.json
# -p docs/policy`. It reads `resource_changes`, the part of the plan in the shape of Terraform's JSON plan,
# so the same rules work on Terraform plans of databricks_job resources once the field names are mapped.
# test/plan/resource-changes.test.ts evaluates the same rules on the golden plans.
package main

import rego.v1

max_workers := 4

# Jobs this plan creates or updates, with the settings apply will write.
written contains rc if {
	some rc in input.resource_changes
	rc.type == "databricks_job"
	some action in rc.change.actions
	action in {"create", "update"}
}

# Every cluster a job asks for: its job clusters and its tasks' own clusters.
clusters(after) := result if {
	from_job := [c |
		some jc in object.get(after, "job_clusters", [])
		c := {"where": sprintf("job cluster %s", [jc.job_cluster_key]), "spec": jc.new_cluster}
	]
	from_tasks := [c |
		some t in object.get(after, "tasks", [])
		t.new_cluster
		c := {"where": sprintf("task %s", [t.task_key]), "spec": t.new_cluster}
	]
	result := array.concat(from_job, from_tasks)
}

deny contains msg if {
	some rc in written
	some c in clusters(rc.change.after)
	workers := object.get(c.spec, "num_workers", object.get(object.get(c.spec, "autoscale", {}), "max_workers", 0))
	workers > max_workers
	msg := sprintf("%s: %s asks for %d workers, at most %d", [rc.address, c.where, workers, max_workers])
}

deny contains msg if {
	some rc in input.resource_changes
	rc.type == "databricks_job"
	"delete" in rc.change.actions
	msg := sprintf("%s: deleting a job needs a reviewed exception", [rc.address])
}

deny contains msg if {
	some rc in written
	schedule := object.get(rc.change.after, "schedule", null)
	schedule != null
	object.get(schedule, "pause_status", "UNPAUSED") == "UNPAUSED"
	object.get(object.get(rc.change.before, "schedule", {}), "pause_status", "UNPAUSED") == "PAUSED"
	msg := sprintf("%s: the schedule is un-paused", [rc.address])
}

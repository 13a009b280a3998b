# merit's words for the audit log (issue 40), by id. Each id is in the other language's audit.ftl too.
# The actions and subjects merit stores in English (`merit audit`, an award's history): the
# table for people says them in the language in use, CSV and JSON as stored.

audit-approved = approved
audit-rejected = rejected
audit-approve = approve
audit-reject = reject
audit-disputed = disputed
audit-dispute-accepted = dispute accepted
audit-dispute-rejected = dispute rejected
audit-manual-award = manual award
audit-recalc = recalc
audit-recalculated = recalculated
audit-adjustment = adjustment
audit-adjusted = adjusted
audit-award-withdrawn = award withdrawn
audit-adjustment-withdrawn = adjustment withdrawn
audit-close = close
audit-reopen = reopen
audit-redeem = redeem
audit-approve-redemptions = approve redemptions
audit-reject-redemptions = reject redemptions
audit-expire = expire
audit-reward = reward
audit-reward-limits = reward limits
audit-rules-import = rules import
audit-rule-change = rule change
audit-activity-corrected = activity corrected
audit-import-members = import members
audit-import-activities = import activities
audit-import-targets = import targets
audit-import-rewards = import rewards
audit-demo = demo
audit-migrated = migrated
audit-sealed = sealed
audit-seal-accepted = seal accepted
audit-digest-posted = digest posted
audit-fixed-date = fixed date
audit-subject-award = award { $id }
audit-subject-redemption = redemption { $id }
audit-subject-period = period { $id }
audit-copied = copied

# What HR, analysts and administrators read on the audit log. English only for now:
# other languages fall back to these until they are translated.

audit-audit-log = Audit log
audit-every-time-someone-opened-or = Every time someone opened or exported individual-level data, erased a person, gave an account a role or changed settings. Entries cannot be edited or deleted; they are removed only when the retention period ends, and erasing a person turns their name here into “an erased person”.
audit-since = Since
audit-show = Show
audit-nothing-recorded-in-this-period = Nothing recorded in this period.
audit-when = When
audit-who = Who
audit-what = What
audit-of-what = Of what
audit-pages = Pages
audit-newer = Newer
audit-older = Older
audit-action-wave-insight = Opened a wave's network insight
audit-action-person-page = Opened a person's page
audit-action-newcomer-page = Opened a newcomer's page
audit-action-roster-export = Exported the roster
audit-action-subject-export = Exported everything about a person
audit-action-erasure = Erased a person
audit-action-role-change = Gave an account a role
audit-action-settings-change = Changed settings
audit-action-account-change = Changed an account
audit-action-network-export = Exported a wave's network
audit-action-people-table = Read a wave's people table
audit-action-response-status = Read who has not answered a wave
audit-action-newcomer-list = Read the list of newcomers

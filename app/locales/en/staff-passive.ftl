# What an import of a passive network (Slack, calendars, mail) found and left out.
passive-read-slack = Read { $read } Slack { $read ->
        [one] message
       *[other] messages
    }; those from { $first } to { $last } count.
passive-read-calendar = Read { $read } { $read ->
        [one] meeting
       *[other] meetings
    } (each occurrence of a recurring one); those from { $first } to { $last } count.
passive-read-mbox = Read { $read } { $read ->
        [one] message
       *[other] messages
    }; those from { $first } to { $last } count.
passive-left-out-outside-window = { $count } outside that window: left out.
passive-left-out-undated = { $count } without a date Knit could read: left out.
passive-left-out-broadcast = { $count } to more than { $largest } people (broadcasts): no ties.
passive-left-out-cancelled = { $count } cancelled: left out.
passive-left-out-all-day = { $count } all-day (holidays, absences, events), not meetings: left out.
passive-left-out-no-length = { $count } ending as they start: no hours together, left out.
passive-left-out-thread-not-found = { $count } { $count ->
        [one] reply
       *[other] replies
    } to threads that start outside the export: left out.
passive-left-out-not-a-message = { $count } joins, leaves, bots' posts and messages with no sender: left out.
passive-rules-not-followed = { $count } recurring { $count ->
        [one] meeting follows
       *[other] meetings follow
    } a rule Knit does not read (BYSETPOS, hourly and the like): counted once each.
passive-files-skipped = { $count } { $count ->
        [one] file
       *[other] files
    } could not be read and { $count ->
        [one] was
       *[other] were
    } skipped (`knit network import --dry-run` names each, with its line).
passive-file-skipped = Skipped, could not be read: { $problem }.
passive-read-edge-list = Read { $read } { $read ->
        [one] row
       *[other] rows
    } of the edge list, every one naming people on the roster.
passive-matched = { $ties } { $ties ->
        [one] tie
       *[other] ties
    } between { $people } people on the roster; { $unknown } { $unknown ->
        [one] person
       *[other] people
    } not on the roster (matched by work email) left out.

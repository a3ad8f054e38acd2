# What HR, analysts and administrators read about key players' roles. English
# only for now: other languages fall back to these until they are translated.

role-central-connector = Central connector
role-broker = Broker
role-boundary-spanner = Boundary spanner
role-peripheral = Peripheral
role-overloaded-bottleneck = Overloaded bottleneck
role-energizer = Energizer
list-last = { $rest } and { $last }
role-why-central-connector = { $named-by } { $named-by ->
        [one] colleague goes
       *[other] colleagues go
    } to { $name } for this{ $groups ->
        [0] {""}
        [1] {""}
       *[other] , from { $groups } groups
    }: in the top { $top }% of people by colleagues who go to them.
role-why-broker = { $name } is in the top { $top }% of people by shortest paths between colleagues that run through them, among contacts who mostly do not know each other (constraint { $constraint }).{ $linked ->
        [0] {""}
        [1] {""}
       *[other] {" "}{ $name } links { $groups }.
    }
role-why-boundary-spanner = { $name }'s ties reach { $count } other { $attribute } groups ({ $groups }), more outside their own than inside.
role-why-peripheral = { $named-by ->
        [0] No one names { $name }{ $ties ->
            [0] , and { $name } names no one.
            [one] ; { $name } names 1 colleague.
           *[other] ; { $name } names { $ties } colleagues.
        }
        [one] Only 1 colleague names { $name }, who is tied to { $ties } in all.
       *[other] Only { $named-by } colleagues name { $name }, who is tied to { $ties } in all.
    }
role-why-overloaded-bottleneck = { $named-by } { $named-by ->
        [one] colleague goes
       *[other] colleagues go
    } to { $name } (in the top { $top }% by colleagues who go to them){ $need-more-access ->
        [none] : a lot rests on one person.
       *[other] , and { $need-more-access } say they need more access to { $name }.
    }
role-why-energizer = { $raters } { $raters ->
        [one] colleague says
       *[other] colleagues say
    } time with { $name } leaves them energized (average { $mean } on −2..+2).

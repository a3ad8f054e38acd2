# What HR and managers read about newcomers: the reasons behind a draft's
# suggestions and a newcomer's timeline. English only for now: other
# languages fall back to these until they are translated.

risk-against-cohort = the lower quartile of their hire cohort
risk-against-newcomers = the lower quartile of every newcomer past the at-risk day (their hire cohort is too small to compare with)
risk-against-tenured = the lower quartile of tenured colleagues (too few newcomers to compare with)
ground-team-reliance = Relied on by their team
ground-connector-or-broker = Connector or broker
ground-triadic-closure = Colleague of a colleague
ground-fellow-newcomer = Fellow newcomer
suggested-relied-on = { $teammates ->
        [0] Your manager goes to { $name } for help.
       *[other] { $teammates ->
            [one] 1 person in { $team } goes
           *[other] { $teammates } people in { $team } go
        } to { $name } for help{ $manager ->
            [yes] , and so does your manager.
           *[no] .
        }
    }
suggested-connector = { $named-by } { $named-by ->
        [one] person goes
       *[other] people go
    } to { $name } for help{ $departments ->
        [0] .
        [1] .
       *[other] {" "}across { $departments } departments.
    }
suggested-broker-links = { $name } links { $departments }.
suggested-broker = { $name } connects colleagues who do not otherwise work together.
suggested-closure = { $name } works with { $known }, whom you already know.
suggested-fellow-newcomer = { $name } joined recently too.
seen-wave = Wave { $number }
seen-pulse = Day-{ $day } pulse
marked-met = we met
marked-not-useful = not useful
marked-later = later
happened-joined = Joined{ $group ->
        [none] {""}
       *[other] {" "}{ $group }
    }
happened-wave-closed = Wave { $number } closed: { $named-by } named them as someone they go to for help
happened-pulse-answered = Day-{ $day } pulse sent: goes to { $went-to }; { $came-to-them } came to them
happened-pulse-sent = Day-{ $day } pulse sent: { $answered ->
        [yes] answered, naming no one
       *[no] not answered
    }
happened-introduced = Introduced to { $people }
happened-marked = Marked “{ $status }”: { $name }
happened-tie-showed = A tie with { $name } showed in { $source ->
        [wave] wave { $at }
       *[pulse] the day-{ $at } pulse
    }
happened-first-came = First seen with someone coming to them for help (day { $day })
experiment-none-held-out = No round has gone out with anyone held out yet: set a holdout share in the settings to measure what introductions change.
experiment-too-few = Not enough data yet: each arm needs pairs from at least { $min-group } newcomers, observed in a wave or pulse after their round.
experiment-finding = { $finding ->
        [more] Introduced pairs became ties more often than pairs held out at random: { $points } points more (95% interval { $low } to { $high }).
        [fewer] Introduced pairs became ties less often than pairs held out at random: { $points } points fewer (95% interval { $low } to { $high }).
       *[unclear] No clear difference yet: introduced pairs became ties { $points } points { $direction } often than held-out pairs, but the 95% interval ({ $low } to { $high }) includes no difference at all.
    }

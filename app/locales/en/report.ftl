# The personal report at a respondent's link, once their wave is analysed.

report-not-yet = Your report is not ready yet. It appears at your personal link once the survey has closed and been analysed.
report-eyebrow = { $survey } · closed on { $date }
report-title = Your network
report-hello = Hello { $name }. This page gives back what you told us in { $survey }: your own network, and how it compares with everyone who answered.
report-only-you = Only you can open this page, from your personal link. It shows whom you named; from other people's answers it shows only counts, never who, and a count of fewer than { $k } people only as “fewer than { $k }”. It is deleted with the answers, { $kept } after the survey closed.
report-map-label = Your network: you in the middle, and around you the { $count ->
        [one] colleague
       *[other] { $count } colleagues
    } you named, coloured by department.
report-you = You
report-no-department = no department
report-you-named = { $count ->
        [0] You named no one for this question.
        [one] You named one colleague:
       *[other] You named { $count } colleagues:
    }
report-named-by-exactly = { $count } colleagues named you for this question.
report-named-by-fewer = Fewer than { $k } colleagues named you for this question. Smaller counts are not shown to anyone, you included.
report-reach-title = How far your network reaches
report-reach-colleagues = Colleagues you named: { $count }
report-reach-departments = Departments they work in: { $count } of { $total }
report-reach-organization = Among everyone who answered, half named colleagues in { $median } departments or more; a quarter in { $lower } or fewer, and a quarter in { $upper } or more.
report-reach-too-few = Fewer than { $k } people answered: too few to compare with.
report-suggestions-title = Worth trying
report-bridge = Reach into { $department }. The colleagues you named work in { $reached ->
        [one] one department
       *[other] { $reached } departments
    }; half the people here reach { $median } or more. Someone in { $department } could tell you early what now reaches you late.
report-lighten = Share the load. { $count } colleagues named you, more than three in four people here (they were named by { $upper } or fewer). Writing down what people often ask you, or pointing them to someone else who knows, frees your time and theirs.
report-widen = Widen your circle. You named { $count ->
        [one] one colleague
       *[other] { $count } colleagues
    }; half the people here named { $median } or more. Think of whom you could ask the next time you are stuck, and get to know them before then.
report-keep = Keep these ties alive. The colleagues you named work in { $departments ->
        [one] one department
       *[other] { $departments } departments
    }, as many as most people here (half reach { $median } or more). Ties across groups are how news and help travel.

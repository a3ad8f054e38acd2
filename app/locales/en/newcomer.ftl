# What a newcomer (and their manager) reads: their page, and why each
# colleague is suggested.

welcome-title = People worth meeting
welcome-intro = Colleagues who can help you find your way, and why we suggest them. Tell us how it went: it helps the next newcomers too.
welcome-did-you-meet = Did you meet { $name }?
welcome-met = We met
welcome-not-yet = Not yet
welcome-not-useful = Not useful
welcome-later = Later
welcome-answer-label = { $answer }: { $name }
welcome-status-met = You met
welcome-status-not-useful = Not useful
welcome-status-later = Later
welcome-status-suggested = Not yet

reason-team-goes-to = { $people } people in { $team } go to { $name } for help.
reason-many-go-to = { $departments ->
        [0] { $people } people go to { $name } for help.
        [1] { $people } people go to { $name } for help.
       *[other] { $people } people go to { $name } for help across { $departments } departments.
    }
reason-same-team = { $name } is in your team, { $team }.
reason-same-department = { $name } works in your department, { $department }.
reason-joined-recently = { $name } joined recently too.
reason-same-location = { $name } works in { $location } too.
reason-works-in = { $name } works in { $department }.

# The newcomer pulse: Knit's own two-question survey (as the database holds it).
pulse-name = Newcomer pulse
pulse-introduction = A two-question check-in for people who joined recently. It takes a minute and shows whom you have met so far, so that we can suggest others worth meeting.
pulse-went-to = Since you joined, whom have you gone to for help or information about your work?
pulse-came-to-you = Who has come to you for help or information?

welcome-refused-answer = Choose we met, not useful or later.
welcome-refused-not-yours = This introduction is not one of yours.
welcome-open-from-link = Open this page from the link in your introductions email.

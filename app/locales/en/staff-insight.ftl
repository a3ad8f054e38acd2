# What HR, analysts and administrators read on the insight pages. English only for now:
# other languages fall back to these until they are translated.

insight-each-cell-the-share-of = Each cell: the share of possible ties from the row's group to the column's that exist. Darker is denser.
insight-from-to = From \ to
insight-ties-out-minus-ties-in = Ties out minus ties in, over all the group's ties: −1 closed, +1 all outward
insight-e-i = E-I
insight-about-the-respondents = About the respondents
insight-answer = Answer
insight-people = People
insight-named-by-on-average = Named by, on average
insight-across-waves = Across waves
insight-chart-of-the-figures-in = Chart of the figures in the table below, wave by wave
insight-wave = Wave
insight-colour-by = Colour by
insight-size-by = Size by
insight-find-a-person = Find a person
insight-part-of-a-name = part of a name
insight-only-them-and-their-colleagues = only them and their colleagues
insight-only-the-group = Only the group
insight-a-department-say = a department, say
insight-redraw = Redraw
insight-parts-of-the-insight = Parts of the insight
insight-questions = Questions
insight-key-players = Key players
insight-this-is-the-survey-s = This is the survey's first analysed wave: figures across waves appear once another wave is analysed.
insight-ties = Ties
insight-density = Density
insight-returned-ties = Returned ties
insight-separate-parts = Separate parts
insight-communities = Communities
insight-what-stands-out = What stands out
insight-nothing-stands-out-yet-no = Nothing stands out yet: no one passes the key players' thresholds.
insight-invited-with-no-answers-submitted = Invited, with no answers submitted: only colleagues who named them place them in the network, and they are never called peripheral for it.
insight-groups-by = Groups by
insight-regroup = Regroup
insight-back-to-the-page = Back to the page
insight-full-window = Full window
insight-map = Map
insight-laid-out-with-forceatlas2-people = Laid out with ForceAtlas2: people tied to each other sit together; later waves start from this layout, so people stay where they were.
insight-map-department-people = How many people the department has.
insight-map-department-ties-inside = Ties between people of the department.
insight-take-it-away = Take it away
insight-every-person-s-ties-and = Every person's ties and figures. Ties name both people by id, name and work email; each figure is as the People part shows it: closeness over everyone else (0 to 1), betweenness as a share of the shortest paths between others. Downloads are recorded in the audit log.
insight-no-one-stands-out-by = No one stands out by the role thresholds.
insight-no-one-s-position-changed = No one's position changed.
insight-person = Person
insight-named-by = Named by
insight-ties-gained-lost = Ties gained / lost
insight-roles = Roles
insight-not-analysed-yet-waves-are = Not analysed yet. Waves are analysed when they close; you can also analyse one now.
insight-the-wave-is-still-open = The wave is still open: results change as answers come in.
insight-add-a-network-from-elsewhere = Add a network from elsewhere
insight-an-edge-list-from-an = How people work together, from files your company already has, as an extra relation of this wave: a Slack workspace export (zip), calendars (.ics, one or many), mail archives (mbox), or an edge list (CSV with a header: who and whom by work email, and optionally a weight column). People are matched to the roster by work email; only who, with whom and how much is kept, never a message, title or subject. You see what was found before anything is added; it is then analysed like the survey's questions.
insight-name = Name
insight-email-last-quarter = Email, last quarter
insight-weight-column-optional = Weight column (optional)
insight-messages = messages
insight-edge-list-csv = Edge list (CSV)
insight-ties-between-groups = Ties between groups ({ $attribute })
insight-answers-given-by-fewer-than = Answers given by fewer than { $k } people are hidden, with another when one alone would let them be worked out.
insight-how-many-colleagues-name-them = How many colleagues name them, on average, for: { $relation }
insight-fewer-than-or-hidden = fewer than { $k }, or hidden
insight-notice-confidence = notice confidence-{ $key }
insight-answered-by-of = Answered by { $answered } of { $invited } ({ $rate }) · { $confidence-note }
insight-the-network-falls-into-separate = The network falls into { $weak-components } separate parts that no tie joins.
insight-not-answer-only-colleagues-who = { $did-not-answer } { $did-not-answer ->
        [one] person did
       *[other] people did
    } not answer: only colleagues who named them place them here, and they are never counted as peripheral.
insight-since-wave-changed-most-named = Since wave { $number }, { $name } changed most: named by { $then } then, { $now } now.
insight-most-sought-after = Most sought after: { $reason }
insight-carry-a-load-that-may = { $total } { $total ->
        [one] person may be a bottleneck and carries
       *[other] people may be bottlenecks and carry
    } a load that may slow others down: { $list }.
insight-between-circles-that-do-not = { $total } { $total ->
        [one] broker links
       *[other] brokers link
    } between circles that do not otherwise meet; losing them would cut those paths.
insight-of-pairs-of-groups-have = { $unlinked } of { $pairs } pairs of { $attribute } groups have no tie from one to the other.
insight-did-not-answer = Did not answer ({ $total })
insight-and-more = and { $more } more
insight-network-map-of-each-dot = Network map of { $question }: each dot is a person, sized by { $replace } and coloured by { $colour } (legend in the picture); lines are ties. Every person's figures are in the People part.
insight-network-map-departments = Network map of { $question } by department: each department is a circle sized by its people, with the ties between departments. Pick a department under Group to draw its people.
insight-more = { $len } more
insight-all-in-the-people-table = All { $total } in the people table
insight-group-map = Group map ({ $attribute })
insight-group-map-by-each-circle = Group map by { $attribute }: each circle a group, sized by headcount; the thicker the line, the denser the ties between two groups. The same figures are in the table below.
insight-since-wave = Since wave { $number }
insight-wave-insight = Wave { $wave-number } · insight
insight-computing-step-of = Computing… step { $step } of { $steps }
insight-the-last-computation-failed = The last computation failed: { $e }
insight-the-individual-answers-of-this = The individual answers of this wave were deleted when the retention period ({ $retention-in-words }) ended. The network's own figures are kept; key players and each person's figures went with the answers.
insight-roster = roster: { $a }
insight-added-ties-the-wave-is = Added { $n } ties; the wave is being analysed again.
insight-response-rate = Response rate
insight-ties-across-departments = Ties across departments
insight-modularity = Modularity
insight-summary = Summary
insight-groups = Groups
insight-downloads = Downloads
insight-high-confidence-80-or-more = high confidence: 80% or more answered
insight-moderate-confidence-65-to-80 = moderate confidence: 65% to 80% answered
insight-low-confidence-under-65-answered = low confidence: under 65% answered; read with care
insight-analyse-again = Analyse again
insight-analyse-now = Analyse now
insight-communities-modularity = { $communities } (modularity { $modularity })
insight-keeps-most-to-itself = { $group } keeps most to itself: E-I −{ $ei } (−1 means every tie stays inside the group).
export-gexf = GEXF (Gephi)
export-graphml = GraphML (NetworkX, yEd)
export-ties-csv = Ties (CSV)
export-people-csv = People and figures (CSV)
insight-upload-format = Kind of file
insight-upload-format-slack = Slack workspace export (zip)
insight-upload-format-ics = Calendars (.ics)
insight-upload-format-mbox = Mail archives (mbox)
insight-upload-files = Files
insight-upload-read = Read and preview
insight-upload-found = What "{ $name }" ({ $files }) holds
insight-upload-only-counts = Nothing is added until you say so; only the ties between people on the roster are kept, and this preview goes after a day.
insight-upload-add = Add { $n } { $n ->
        [one] tie
       *[other] ties
    } and analyse
insight-upload-discard = Discard
insight-upload-discarded = The upload was discarded; nothing was added.
insight-compare = Said and done
insight-said-and-done = What people say against what they do
insight-said-and-done-intro = This network laid over another of the wave: pairs of people tied either way in both, or in one only. A survey question against a network read from mail, chat or calendars shows whom people name for help but hardly work with, and whom they work with but do not name.
insight-compare-with = Compare with
insight-compare-show = Compare
insight-compare-all-pairs = All pairs
insight-compare-same-department = Same department
insight-compare-across-departments = Across departments
insight-compare-pairs = Pairs of people
insight-compare-only-in = Only in { $network }
insight-compare-in-both = In both
insight-compare-agreement = In both, of all
insight-compare-summary = { $both } { $both ->
        [one] pair of people is
       *[other] pairs of people are
    } tied in both “{ $first }” and “{ $second }”, { $agreement } of the pairs tied in either.
insight-upload-reading = Reading the files: { $read } of { $total } MB. This page shows what they hold when done.

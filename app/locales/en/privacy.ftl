# What Knit promises respondents, written from the instance's privacy settings.

retention-months = { $count ->
        [one] one month
       *[other] { $count } months
    }
retention-days = { $count ->
        [one] one day
       *[other] { $count } days
    }
privacy-email-promise = Only the people-analytics team sees who named whom; everyone else sees results for groups of at least { $k } people. Answers are deleted { $kept } after the survey closes.
privacy-analysts-only = Who named whom is seen only by the people-analytics team (Knit's analysts and administrators), and each time one of them opens individual results it is recorded in an audit log.
privacy-others-see-groups = Managers, newcomers and colleagues never see anyone's answers or ratings. They see figures only when they come from at least { $k } people, and never two figures whose difference would describe a smaller group.
privacy-named-by-others = Colleagues may name you too. What they said about you is treated the same way: no one but the analysts sees it, and a newcomer may be told, for example, that “people across 4 departments go to you for help” only when at least { $k } people did.
privacy-deleted-after = Answers are deleted { $kept } after the survey closes. You can ask HR for a copy of everything Knit holds about you, or to have it erased.
privacy-voluntary = Taking part is up to you: you can say you prefer not to, and you will get no reminders.

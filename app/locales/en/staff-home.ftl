# What HR, analysts and administrators read on the home page. English only for now:
# other languages fall back to these until they are translated.

home-start-here = Start here
home-loading = Loading…
home-welcome = Welcome, { $name }
home-please-sign-in = Please sign in
home-sign-in = Sign in
home-to-continue = to continue.
home-answered-open-until = answered { $survey }, open until { $closes-on }
home-you-run-this-knit-instance = You run this Knit instance: accounts and settings, and everything analysts do.
home-you-work-with-the-roster = You work with the roster, the surveys and the person-level network results.
home-you-see-your-own-reports = You see your own reports in the roster, and survey response rates for groups large enough to stay anonymous.
home-done = Done:
home-to-do = To do:
home-import-your-roster = Import your roster
home-a-csv-export-from-your = : a CSV export from your HR system, checked row by row before anything is saved.
home-build-a-survey = Build a survey
home-who-do-people-go-to = : who do people go to for help, from templates.
home-preview-it = Preview it
home-the-survey-page-and-the = : the survey page and the invitation as people will get them, and how many will be invited.
home-open-its-wave = Open its wave
home-everyone-gets-a-personal-link = : everyone gets a personal link by email, and you follow who has answered.

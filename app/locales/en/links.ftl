# The small pages a personal link can open besides the survey itself.

link-closed-title = This survey has closed
link-closed-text = Thank you for your interest. The survey is no longer collecting answers, and answers given can no longer be seen or changed here.
link-not-open-title = This survey has not opened yet
link-not-open-text = Please come back once it opens; your invitation says when.
link-invalid-title = This link does not work
link-invalid-text = It may have been replaced by a newer one. Use the link in your most recent invitation, or ask your HR team for a new one.
link-failed-title = Something went wrong
link-failed-text = Please try again in a moment.
newcomer-link-ended-title = This link no longer works
newcomer-link-ended-text = It has expired or was withdrawn. Your HR team can send you a new one.
newcomer-link-invalid-title = This link does not work
newcomer-link-invalid-text = Use the link in your most recent introductions email, or ask your HR team.
less-invalid-title = This link does not work
less-invalid-text = Use the link in the most recent message about a newcomer, or ask your HR team.
less-title = Suggest me less often
less-text = Newcomers are introduced to colleagues who can help them. If you are asked too often, Knit can suggest you less: to one newcomer a quarter at most.
less-done-title = Done
less-done-text = Knit will suggest you to newcomers less often. Thank you for helping the ones you meet.

# Knit's wording of each email, until HR writes their own. Each variable
# becomes the placeholder of that name that HR sees in the wording editor.

mail-invitation-subject = { $organization }: { $survey }
mail-invitation-body =
    Hello { $name },

    { $purpose }

    It takes about five minutes: you name the colleagues you turn to. { $privacy }

    Once the survey has closed and been analysed, the same link shows you your own network: whom you named, how far your ties reach, and a few suggestions. It never shows anyone else's answers.

    Your personal link (please do not forward it):
    { $link }

    You can come back and change your answers until { $closes_on }.

    Thank you,
    { $organization }
mail-reminder-subject = Reminder: { $survey } closes on { $closes_on }
mail-reminder-body =
    Hello { $name },

    A few days ago we asked you to take part in { $survey }. We have not received your answers yet, and every answer makes the picture more accurate.

    Your personal link:
    { $link }

    The survey closes on { $closes_on }.

    Thank you,
    { $organization }
mail-pulse-subject = { $organization }: how are your first weeks going?
mail-pulse-body =
    Hello { $name },

    { $purpose }

    Two questions: whom you have gone to for help since you joined, and who has come to you. { $privacy }

    Your personal link (please do not forward it):
    { $link }

    You can change your answers until { $closes_on }.

    Thank you,
    { $organization }
mail-introductions-subject = { $organization }: people worth meeting
mail-introductions-body =
    Hello { $name },

    Welcome to { $organization }. Colleagues who know their way around can save you weeks, so here are a few people worth meeting, and why:

    { $introductions }

    Your page, where you can say whom you met (please do not forward it):
    { $link }

    Thank you,
    { $organization }
mail-manager-copy-subject = { $organization }: people { $name } should meet
mail-manager-copy-body =
    Hello,

    { $name } joined your team recently. These colleagues were suggested to { $name } as people worth meeting, and why:

    { $introductions }

    A word from you to each of them makes the introduction easier. You can follow { $name }'s first months in Knit (sign in with your account):
    { $link }

    Thank you,
    { $organization }
mail-heads-up-subject = { $organization }: { $newcomer } may reach out
mail-heads-up-body =
    Hello { $name },

    { $newcomer } joined { $organization } recently, and you were suggested as someone worth meeting. { $newcomer } may get in touch: a few minutes of your time helps a newcomer find their way.

    If you are asked too often, one click asks Knit to suggest you less often (no sign-in needed):
    { $link }

    Thank you,
    { $organization }
mail-did-you-meet-subject = { $organization }: did you meet them?
mail-did-you-meet-body =
    Hello { $name },

    A couple of weeks ago we suggested a few colleagues worth meeting. Did you meet them? One click on each link tells us, and helps the next newcomers too:

    { $introductions }

    Your page (please do not forward it):
    { $link }

    Thank you,
    { $organization }
mail-account-welcome-subject = { $organization }: your Knit account
mail-account-welcome-body =
    Hello { $name },

    An account on Knit, where { $organization } maps how people work together, was made for you. Set your password with this link; it works once, for the next 7 days:
    { $link }

    Then sign in with this email address and that password.

    { $organization }
mail-password-reset-subject = { $organization }: set a new password for Knit
mail-password-reset-body =
    Hello { $name },

    Someone asked for a link to set a new password for your Knit account. It works once, for the next 30 minutes:
    { $link }

    If it was not you, ignore this message: your password stays as it is.

    { $organization }
# The button in the HTML part that opens the personal link.
mail-open-link = Open your survey

# The example survey of a preview.
mail-example-survey = Who helps whom, spring

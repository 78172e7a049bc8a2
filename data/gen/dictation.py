"""Dictation: messages, mail, documents, notes, developer text, terminal text.

Everything here is text the speaker wants typed. Prose about everyday topics lives in
``prose.py``.
"""

from __future__ import annotations

import random
from functools import partial

from common import Item, items

D = "dictation"


_items = partial(items, label=D, style="prose")


# --- short chat replies (one to three words, a few four) -------------------------------------

SHORT_REPLIES = [
    "Thanks!", "Thank you!", "Thanks a lot.", "Sounds good.", "Sounds good!", "On my way.",
    "On my way!", "lol", "haha", "Haha, nice.", "LOL", "Nice one!", "Nice!", "Yes please.",
    "No worries.", "No problem.", "See you soon.", "See you soon!", "Good morning!",
    "Good morning.", "Good night.", "Happy birthday!", "Congrats!", "Congratulations!",
    "Love it!", "Sure thing.", "Will do.", "Got it, thanks.", "Miss you!", "Agreed.",
    "Makes sense.", "Not yet.", "Running late.", "Running late, sorry!", "Be right there.",
    "omg", "brb", "ty", "np", "Yep.", "Nope.", "Maybe later.", "Call me.", "Call me later.",
    "Looks great!", "Looks good to me.", "LGTM", "Same here.", "Me too.", "Talk soon.",
    "Cheers!", "Heading out.", "Almost there.", "Just landed.", "Just landed!", "Love you.",
    "Love you too!", "Thanks, you too!", "You too!", "Happy Friday!", "Happy holidays!",
    "Merry Christmas!", "Happy new year!", "Get well soon.", "Safe travels!", "Good luck!",
    "Good luck tomorrow!", "Fingers crossed.", "Oh no!", "Oh nice!", "Wow!", "Amazing!",
    "So cute!", "Yum.", "Sorry!", "So sorry.", "My bad.", "Oops.", "No way!", "Really?",
    "Are you sure?", "Why not?", "What time?", "Where are you?", "Who's coming?",
    "How was it?", "How are you?", "All good.", "All good here.", "Not bad.", "Pretty good.",
    "Totally.", "Absolutely!", "Of course.", "For sure.", "Exactly.", "True.", "Fair enough.",
    "Good point.", "Interesting.", "Noted.", "Noted, thanks.", "Understood.", "Roger.",
    "Sounds like a plan.", "Count me in.", "I'm in!", "I'm out.", "Can't wait!", "Ha!",
    "Hmm.", "Hmm, not sure.", "Let me check.", "Let me think.", "One sec.", "Two minutes.",
    "Five minutes away.", "Ten minutes.", "Be there at six.", "Tomorrow works.",
    "Monday works.", "Either works.", "Whatever you prefer.", "Your call.", "Good idea.",
    "Great idea!", "Brilliant.", "Perfect, thanks!", "Thanks so much!", "Much appreciated.",
    "Appreciate it!", "You're welcome.", "Anytime!", "Happy to help.", "No rush.",
    "Take care.", "Take your time.", "Stay safe.", "Drive safe!", "Enjoy!", "Have fun!",
    "Enjoy your weekend!", "Welcome aboard!", "Welcome!", "Nice to meet you.", "Hi!",
    "Hey!", "Hey there.", "Hello!", "Hi Sam.", "Morning!", "Evening all.", "Bye!",
    "Bye for now.", "Later!", "See ya.", "Ttyl", "gg", "ok cool", "cool cool", "nice",
    "yay", "ugh", "wait what", "same", "mood", "facts", "idk", "tbh yes", "ship it!",
    "Ship it.", "Merged, thanks!", "Approved.", "On it.", "Looking now.", "Fixed!",
    "Deployed.", "Done and dusted.", "Works for me.", "Not for me.", "Still broken.",
    "It works!", "Good catch.", "Nice catch!", "Huge, thanks.", "Happy Monday.",
    "Well done!", "Proud of you!", "Hugs.", "Sweet dreams.", "Kiss kiss.", "Miss you guys.",
    "Dinner's ready.", "Coming down.", "At the door.", "Parking now.", "Boarding now.",
]


def short_reply(rng: random.Random) -> list[Item]:
    return _items(SHORT_REPLIES, ("short-reply",), style="keep",
                  kinds={"chat": 8, "mail": 1, "document": 0.4, "other": 0.3})


# --- longer chat messages ---------------------------------------------------------------------

CHAT_MESSAGES = [
    "Hey, are you free for a quick call after lunch?",
    "I just pushed the fix, can you take another look when you get a chance?",
    "Running about ten minutes late, start without me.",
    "Did anyone else lose their connection to the staging database this morning?",
    "Can we move the standup to ten thirty tomorrow?",
    "I'll grab coffee on the way, does anyone want anything?",
    "The build is green again, thanks for jumping on it so fast.",
    "I'm out sick today but I'll check messages in the afternoon.",
    "Happy to pair on this if you want, I've got time after three.",
    "Quick question, where do we keep the API keys for the test environment?",
    "Just a heads up, the office is closed on Monday for the holiday.",
    "I think the flaky test is timing related, it only fails on the slow runners.",
    "Could you send me the link to the design doc again?",
    "Mom says dinner is at seven and you should bring the salad.",
    "We're at the table by the window, come find us.",
    "Can you pick up milk and bread on your way home?",
    "The kids are finally asleep, want to watch a movie?",
    "I left my keys on the kitchen counter, can you check?",
    "Did you see the game last night? What a finish!",
    "Let's do dinner on Thursday instead, Wednesday is packed for me.",
    "Thanks for organising everything, it was a lovely evening.",
    "I booked the tickets, we're in row twelve.",
    "The train is delayed by twenty minutes, sorry!",
    "Can someone review my pull request before the end of the day?",
    "I'm going to restart the deploy, the first one timed out.",
    "It looks like the memory leak is back after the last release.",
    "I'll write up the incident report tomorrow morning.",
    "Who is on call this weekend?",
    "Nice work on the demo today, the client loved it.",
    "We should probably add a retry around that network call.",
    "I'm heading to the gym, back in an hour.",
    "Does anyone have a spare charger I could borrow?",
    "The recording from today's meeting is in the shared folder.",
    "I disagree a little, I think we should ship the smaller version first.",
    "Let me know if the new numbers look right to you.",
    "I'm stuck on the login flow, the redirect keeps looping.",
    "My flight lands at six fifteen, I'll text you from the taxi.",
    "Can you water the plants while we're away?",
    "Happy birthday! Hope you have a wonderful day.",
    "I'm so proud of you, that interview went really well.",
    "Grandma loved the flowers, thank you for sending them.",
    "Are we still on for hiking on Saturday morning?",
    "The weather looks terrible tomorrow, want to reschedule?",
    "I found a great little ramen place near the station.",
    "Sorry I missed your call, I was driving.",
    "Let me finish this email and I'll call you back.",
    "The package arrived but the box was completely crushed.",
    "I just realised I double booked myself at two, can we push?",
    "Can we talk about the roadmap before the planning meeting?",
    "I added some comments on the doc, mostly small wording things.",
    "The latency spike lines up exactly with the cache eviction.",
    "I'm going to take Friday off, let me know if that's a problem.",
    "Good morning everyone, the release notes are up.",
    "Remember to update your passwords before the end of the month.",
    "Does the new laptop come with a USB C hub?",
    "We ran out of coffee again, I'll order more.",
    "I'll be in the quiet room if anyone needs me.",
    "Is the printer on the third floor working again?",
    "I think you forgot to attach the file.",
    "Let's keep this thread for questions about the migration.",
    "I can't make it tonight, but have fun and send pictures!",
    "The dog chewed through another shoe, I give up.",
    "Could you remind me what time the doctor's appointment is?",
    "The concert was incredible, you should have come.",
    "I made too much soup, want some?",
    "Traffic is awful, I'll be there around eight.",
    "Can you forward me the invoice from last month?",
    "I'm reading the book you recommended and I can't put it down.",
    "We need to decide on a venue by Friday.",
    "The internet is down at home again, working from the cafe.",
    "Do you want to split a taxi to the airport?",
    "I'm going to bed, talk tomorrow.",
    "Please don't forget to lock the back door.",
    "Just finished the first draft, it needs a lot of work.",
    "The new intern starts on Monday, please say hi.",
    "Can we get a second opinion on the database schema?",
    "Tests pass locally but CI keeps failing on the lint step.",
    "I'll take the bug about the audio dropouts.",
    "Heads up, I'm force pushing to my branch in a minute.",
    "Does anybody know why the staging certificate expired?",
    "I bumped the version and tagged the release.",
    "honestly I think we're overthinking this",
    "that makes a lot of sense now that you explain it",
    "can't believe it's already December",
    "i'll bring the board games if someone brings snacks",
    "we should do this more often",
    "wait, which restaurant did we pick",
    "ok I'm here, where are you",
    "the meeting got moved to four",
    "sorry, my mic wasn't working",
    "what do you think about adding a dark mode",
]


def chat_message(rng: random.Random) -> list[Item]:
    return _items(CHAT_MESSAGES, ("message",), kinds={"chat": 8, "mail": 1, "document": 0.5,
                                                      "other": 0.5})


# --- email ------------------------------------------------------------------------------------

EMAIL = [
    "Hi Sarah, thanks for getting back to me so quickly.",
    "Dear Dr. Patel, I am writing to ask about the results of my recent blood test.",
    "Please find the signed contract attached.",
    "I hope this email finds you well.",
    "Following up on our conversation last week, I wanted to share a few next steps.",
    "Could you let me know whether the invoice has been paid?",
    "I am afraid I will not be able to attend the workshop on Thursday.",
    "Thank you for the interview yesterday, I really enjoyed learning about the team.",
    "Please let me know if you have any questions.",
    "Best regards, Alex.",
    "Kind regards, and have a lovely weekend.",
    "Looking forward to hearing from you.",
    "I've copied Maria, who will be handling the billing from now on.",
    "As discussed, the deadline has moved to the fifteenth of March.",
    "Apologies for the delay in responding, it has been a hectic week.",
    "We would be delighted to welcome you to the conference in October.",
    "Attached is the revised budget with the changes we agreed on.",
    "Would Tuesday afternoon work for a short call?",
    "I wanted to flag a small issue with the last shipment.",
    "The meeting room has been booked from two until four.",
    "Please treat this information as confidential.",
    "Many thanks for your patience while we looked into this.",
    "I'm forwarding this to the right person on our side.",
    "Just a gentle reminder that the survey closes on Friday.",
    "Our office will be closed between Christmas and New Year.",
    "I would like to request two days of annual leave in May.",
    "Could you confirm the delivery address before we ship the order?",
    "Thanks again for hosting us, the dinner was wonderful.",
    "I have reviewed the proposal and have a few comments below.",
    "Unfortunately the flight has been cancelled, so I will arrive a day later.",
    "I am pleased to confirm your place on the course.",
    "Let's schedule a follow up once the numbers are in.",
    "Happy to jump on a call if that is easier.",
    "Please send the slides before the meeting so we can review them.",
    "We have received your application and will be in touch shortly.",
    "I think there may be a mistake on the latest statement.",
    "My apologies, I sent the wrong attachment earlier.",
    "Thank you for your order, it will be dispatched within two working days.",
    "The quarterly figures look stronger than we expected.",
    "Could we push our meeting back by half an hour?",
    "I'm out of the office until Monday with limited access to email.",
    "Would you be open to a short introduction call next week?",
    "Please make sure everyone has signed the consent forms.",
    "Hi team, a quick update on the office move.",
    "Dear hiring manager, I am excited to apply for the role of senior engineer.",
    "I'm writing to confirm our reservation for four people on Saturday.",
    "Could you share the agenda for tomorrow's session?",
    "I really appreciate you taking the time to walk me through it.",
    "The parcel was left with a neighbour at number twelve.",
    "Let me know what works best for you and I will send an invite.",
]
EMAIL_OPEN = ["Hi Jordan,", "Hello everyone,", "Dear Ms. Alvarez,", "Hi all,", "Hey Chris,",
              "Good afternoon,", "Dear team,", "Hi Priya,"]
EMAIL_BODY = [
    "thanks for sending over the draft so quickly.",
    "I wanted to check in about the timeline for the new website.",
    "just a quick note to say the report is ready for review.",
    "I'm sorry to hear about the delay with the shipment.",
    "could you take a look at the attached figures before Friday?",
    "we have decided to go ahead with the second option.",
    "I will be travelling next week, so replies may be slow.",
    "please see the notes from this morning's meeting below.",
    "the venue has confirmed our booking for the evening of the ninth.",
    "I've updated the spreadsheet with the latest numbers.",
]


def email(rng: random.Random) -> list[Item]:
    out = _items(EMAIL, ("email",))
    for o in EMAIL_OPEN:
        for b in rng.sample(EMAIL_BODY, 5):
            out.append(Item(f"{o} {b}", D, ("email",), "prose"))
    return out


# --- documents and reports ------------------------------------------------------------------

DOCUMENTS = [
    "The purpose of this document is to describe the design of the intent classifier.",
    "In the first quarter revenue grew by twelve percent compared with last year.",
    "This proposal outlines a three year plan for expanding the community garden.",
    "Our survey of two hundred customers found that most of them valued speed over price.",
    "The following section summarises the main risks and how we plan to mitigate them.",
    "Chapter one begins on a cold morning in a small fishing village.",
    "The results suggest that shorter meetings lead to better decisions.",
    "Participants were asked to rate each statement on a scale from one to five.",
    "In conclusion, the pilot was a success and should be extended to other schools.",
    "The committee recommends that the library opening hours be extended on weekends.",
    "Table three shows the average response time for each region.",
    "We assume that the number of users will double within eighteen months.",
    "The main limitation of this study is the small sample size.",
    "Further work is needed to understand the long term effects.",
    "The model runs entirely on the device and never sends audio to a server.",
    "Each record consists of a transcript, the window context and a label.",
    "Users can switch between command mode and dictation mode at any time.",
    "This guide explains how to set up your development environment in under an hour.",
    "Background: the existing system relies on a list of hand written rules.",
    "Goals for this quarter include reducing churn and improving onboarding.",
    "The budget for the event is four thousand dollars, including catering.",
    "All staff must complete the safety training before the end of June.",
    "The old bridge was closed to traffic in 1998 and reopened as a footpath.",
    "She walked slowly to the window and watched the rain fall on the empty street.",
    "He had never seen the sea before, and it was larger than he had imagined.",
    "The letter arrived three weeks late, its envelope stained with coffee.",
    "Once upon a time there was a baker who could not sleep at night.",
    "The storm had passed, but the river was still rising.",
    "Nobody in the village remembered who had planted the old oak tree.",
    "In the morning the fog lifted and the mountains appeared one by one.",
    "Executive summary: we recommend migrating the service to the new platform.",
    "The new policy takes effect on the first of September.",
    "Appendix B lists the questions used in the interviews.",
    "Our mission is to make voice control practical for every developer.",
    "The data were collected between January and March of this year.",
    "Key findings are presented in the order of their importance.",
    "Section four describes the evaluation and the metrics we report.",
    "The project team met weekly to review progress against milestones.",
    "Feedback from the beta testers was overwhelmingly positive.",
    "We thank the volunteers who gave up their weekends to help.",
    "Dear reader, this newsletter is our way of keeping you in the loop.",
    "The recipe serves four and takes about forty minutes to prepare.",
    "Cover letter: I have spent six years building tools for developers.",
    "Step two: remove the cover and disconnect the battery.",
    "Warning: do not operate the machine without the safety guard in place.",
    "The trail is about eight kilometres long and suitable for beginners.",
    "Tickets are available at the door or online until midnight.",
    "The house has three bedrooms, a small garden and a garage.",
    "This essay argues that cities should be designed for walking.",
    "The painting was restored in 2015 after decades of neglect.",
    "The second draft is shorter and focuses on the main argument.",
    "In this chapter we look at how language models learn from text.",
    "Minutes were taken by the secretary and approved at the next meeting.",
    "Students should submit their essays by noon on Friday.",
    "The population of the town has doubled since the railway arrived.",
    "Our customers told us that setup took too long, so we simplified it.",
    "Introduction",
    "Next steps",
    "Open questions",
    "Action items",
    "Summary of changes",
    "Lessons learned",
]


def documents(rng: random.Random) -> list[Item]:
    return _items(DOCUMENTS, ("document",), kinds={"document": 8, "mail": 1, "editor": 1,
                                                   "browser": 0.5})


# --- notes and meeting notes -----------------------------------------------------------------

NOTES = [
    "Buy eggs, spinach, lemons and a bag of rice.",
    "Call the plumber about the leak under the sink.",
    "Remember to renew the car insurance before the twentieth.",
    "Idea for the blog post: why voice coding is easier than it looks.",
    "Book the dentist for the kids sometime in April.",
    "Gift ideas for Dad: a new wallet, a gardening book, concert tickets.",
    "Pick up dry cleaning on Thursday.",
    "Ask Priya about the conference budget.",
    "Read chapter five before book club.",
    "Pay the electricity bill.",
    "Return the library books by Saturday.",
    "Try the new bakery on Elm Street.",
    "Password hint is the name of the first cat.",
    "Water the tomatoes every second day while it stays hot.",
    "Look into standing desks under three hundred dollars.",
    "Meeting notes, product sync, Tuesday the fourth.",
    "Attendees: Maria, Sam, Priya and me.",
    "Decision: we will ship the beta to fifty users first.",
    "Action item for Sam: write the migration plan by Friday.",
    "Action item for me: follow up with legal about the privacy notice.",
    "Priya raised concerns about the latency on older laptops.",
    "We agreed to revisit the pricing after the beta.",
    "Open question: do we need a separate model for each language?",
    "Next meeting is on the eleventh at two o'clock.",
    "Maria will share the interview recordings with the team.",
    "The team voted to move the retro to Thursday afternoons.",
    "Risks: the audio driver update may break the push to talk feature.",
    "Customer feedback was mostly about the confusing setup screen.",
    "Notes from the call with the vendor, they can deliver in six weeks.",
    "Sam suggested we record metrics for every release.",
    "Budget approved, hiring one more engineer in the autumn.",
    "Everyone agreed the onboarding doc needs a rewrite.",
    "Follow up: send the contract to finance for review.",
    "Blocked on the security review until next week.",
    "Daily note: slept badly, lots of meetings, finished the parser tests.",
    "Today I learned that bees can recognise human faces.",
    "Quote I liked: the best way out is always through.",
    "Things to pack: passport, charger, rain jacket, headphones.",
    "Recipe for the lentil soup is in the blue notebook.",
    "Thoughts on the talk: too many slides, great demo.",
    "Retro: what went well, what didn't, what we'll try next.",
    "Went for a long walk by the river, saw two herons.",
    "Reminder to myself: stop checking email before breakfast.",
    "Weekly goals: finish the report, run three times, call Grandma.",
    "The landlord will fix the heating on Wednesday morning.",
    "Car service booked for the ninth at eight thirty.",
    "Birthday party planning: cake, balloons, invite the neighbours.",
    "Interview notes: strong on systems design, a bit quiet in the pairing session.",
    "Todo: clean the garage, sort the recycling, fix the bike light.",
    "Question for the doctor: is it safe to keep running with this knee?",
]


def notes(rng: random.Random) -> list[Item]:
    return _items(NOTES, ("note",), kinds={"document": 8, "editor": 1, "chat": 0.5, "mail": 0.5,
                                           "other": 0.5})


# --- commit messages ---------------------------------------------------------------------

BUG_VERBS = ["Fix", "Fix the", "Work around the", "Finally fix the", "Fix a", "Handle the"]
FEATURE_VERBS = ["Add", "Improve", "Document the", "Test the", "Revert the", "Update the",
                 "Add tests for the", "Remove the"]
CLEANUP_VERBS = ["Clean up", "Refactor", "Simplify", "Update", "Remove", "Tidy up"]
COMMIT_GROUPS = [
    (BUG_VERBS, [
        "race in the audio callback", "off by one error in the line counter", "flaky parser test",
        "timeout in the websocket handshake", "memory leak in the cache", "login redirect loop",
        "broken link in the docs", "rounding error in the invoice totals", "typo in the README",
        "unicode bug in the transcript cleaner", "crash when the window title is empty",
        "config loading on Windows", "duplicate records in the data set",
        "double typing after a long pause", "wrong label for short replies in Slack",
    ]),
    (FEATURE_VERBS, [
        "retry logic for the upload client", "dark mode colours on the settings page",
        "support for Python 3.12", "CSV export for reports", "benchmark for the ONNX runtime",
        "pagination on the search page", "logging around the model download",
        "error message for missing files", "label smoothing in the loss",
        "confidence threshold option", "window context to the request",
    ]),
    (CLEANUP_VERBS, [
        "unused imports in the training script", "deprecated API calls",
        "the old migration scripts", "dependency pins", "window title parsing",
        "the tokenizer setup", "the CLI argument handling", "the null checks in the user service",
        "the build scripts", "test fixtures",
    ]),
]


def commit_msg(rng: random.Random) -> list[Item]:
    out = []
    for verbs, objects in COMMIT_GROUPS:
        for obj in objects:
            for v in rng.sample(verbs, 3):
                out.append(Item(f"{v} {obj}", D, ("commit-message", "dev-text"), "keep",
                                COMMIT_KINDS))
    out += _items([
        "fix: handle empty window titles", "feat: add confidence threshold to the CLI",
        "chore: bump numpy to 1.26", "docs: explain how to regenerate the data",
        "test: cover the conflict resolution in the loader", "refactor: split the model module",
        "Initial commit", "WIP", "Merge branch main into feature audio",
        "Address review comments", "Fix the build", "Make the linter happy",
        "Revert the last change to the scheduler", "Use a smaller batch size on CPU",
    ], ("commit-message", "dev-text"), style="keep", kinds=COMMIT_KINDS)
    return out


COMMIT_KINDS = {"editor": 4, "terminal": 3, "browser": 1.5, "other": 0.5, "chat": 0.3}
ISSUE_KINDS = {"browser": 4, "other": 4, "editor": 1, "chat": 0.5, "document": 0.5}


# --- code comments -------------------------------------------------------------------------

CODE_COMMENTS = [
    "TODO: handle the case where the context is missing.",
    "This is a workaround for a bug in the accessibility API.",
    "We retry three times because the network is flaky on startup.",
    "Note that the list must be sorted before calling this function.",
    "Returns the index of the first matching token, or minus one.",
    "Keep this in sync with the schema in the client.",
    "The cache is cleared whenever the user switches apps.",
    "Do not change this value without updating the tests.",
    "FIXME: this loop is quadratic in the number of records.",
    "Hack: the window title sometimes contains a trailing space.",
    "Convert the sample rate to sixteen kilohertz before inference.",
    "This function is called from the audio thread, so it must not block.",
    "Check the label before we normalise the transcript.",
    "Use a stable sort so that ties keep their original order.",
    "The model expects lower case text without punctuation.",
    "Fall back to unknown when the bundle id is empty.",
    "Compute the mean over the batch, ignoring padding.",
    "Seed everything so that the results are reproducible.",
    "The threshold was chosen on the validation set.",
    "Legacy code, remove after the next major release.",
    "Parse the header first, then stream the body in chunks.",
    "Only log the first ten duplicates to keep the output short.",
    "Guard against division by zero when the list is empty.",
    "This regular expression matches a line number at the end.",
    "Lock the mutex before touching the shared queue.",
    "Cancel the pending request if the user types again.",
    "The early exit saves about forty percent of the compute.",
    "Warm up the session so the first call is fast.",
    "Explain why we need a second pass here.",
    "Each step refines the answer using the previous latent state.",
    "Pad to the longest sequence in the batch.",
    "Make sure the file handle is closed even on error.",
    "The order of these checks matters, see the issue tracker.",
    "Timestamps are in UTC everywhere in this module.",
    "We deliberately ignore the window title when it is too long.",
    "The default of two seconds works well on older laptops.",
    "Returns true if the user is an administrator.",
    "Bail out early if there is nothing to do.",
    "Translate the key code into a character for the current layout.",
    "Strip the trailing newline before comparing.",
    "temporary debug output, remove before merging",
    "this should never happen",
    "see the design doc for the reasoning",
    "not thread safe",
    "magic number from the original paper",
]


def code_comment(rng: random.Random) -> list[Item]:
    return _items(CODE_COMMENTS, ("code-comment", "dev-text"),
                  kinds={"editor": 9, "terminal": 0.8, "chat": 0.3})


# --- issue titles and tickets -------------------------------------------------------------

ISSUE_SUBJECTS = ["Audio dropouts", "Crash on startup", "Dictation types twice",
                  "Wrong label for short replies", "Settings window", "Login page",
                  "The export button", "Push to talk", "Search results",
                  "Dark mode", "Model download", "The onboarding tour", "Notifications",
                  "Microphone selection", "Keyboard shortcuts"]
ISSUE_PROBLEMS = ["after waking from sleep", "when Bluetooth headphones are connected",
                  "on macOS Sonoma", "in full screen apps", "with a non English keyboard layout",
                  "when the window title is empty", "for users with long names",
                  "on the first launch", "after updating to version 2.3",
                  "when the network is offline", "in Slack threads", "on external monitors"]


def issue_title(rng: random.Random) -> list[Item]:
    out = []
    for s in ISSUE_SUBJECTS:
        for p in rng.sample(ISSUE_PROBLEMS, 4):
            out.append(Item(f"{s} {p}", D, ("issue-title", "dev-text"), "keep", ISSUE_KINDS))
    out += _items([
        "Support for Linux", "Add a setting to disable sounds", "Document the JSON format",
        "Commands are too slow in large files", "Feature request: custom vocabulary",
        "Classifier is too confident on unknown apps", "Allow remapping the wake word",
        "Typo on the pricing page", "Improve error message when the model is missing",
        "Bug: go to line jumps to the wrong file",
    ], ("issue-title", "dev-text"), style="keep", kinds=ISSUE_KINDS)
    return out


# --- search queries ------------------------------------------------------------------------

SEARCH = [
    "weather in Montreal", "weather tomorrow", "pizza near me", "python dataclasses",
    "how to center a div", "best hiking trails near Denver", "rust borrow checker explained",
    "cheap flights to Lisbon", "what time is it in Tokyo", "banana bread recipe",
    "how tall is Mount Everest", "convert 30 celsius to fahrenheit", "git undo last commit",
    "react use effect cleanup", "train times London to Oxford", "symptoms of the flu",
    "how to remove a stripped screw", "best sci fi books 2023", "pandas merge two dataframes",
    "nearest pharmacy open now", "how many ounces in a cup", "who won the world cup in 2018",
    "postgres explain analyze", "macOS accessibility API window title",
    "onnx runtime python example", "tiny recursive model paper", "dog friendly cafes",
    "how to fix a leaking tap", "typescript generic constraints", "history of the printing press",
    "lyrics to here comes the sun", "is it going to rain today", "used bikes for sale",
    "jazz concerts this weekend", "how to say thank you in Japanese", "vs code keyboard shortcuts",
    "population of Canada", "best way to learn piano as an adult", "kubernetes pod pending",
    "birthday gift ideas for mom", "why is the sky blue", "how long to boil an egg",
    "sourdough starter not rising", "python asyncio gather example", "movie times tonight",
    "flights from Berlin to Rome", "how to clean a cast iron pan", "whisper speech to text",
    "talon voice community", "hotel deals in Barcelona", "zip code for Boston",
    "return policy", "opening hours", "stack overflow segmentation fault",
]


def search_query(rng: random.Random) -> list[Item]:
    return _items(SEARCH, ("search-query",), style="shell",
                  kinds={"browser": 8, "finder": 0.7, "other": 0.5, "editor": 0.3, "media": 0.6})


# --- text spoken into a terminal ------------------------------------------------------------

TERMINAL_TEXT = [
    "git status", "git diff", "git log", "git pull", "git push", "git add dot",
    "git commit dash m fix typo", "git checkout main", "git checkout dash b feature audio",
    "git stash", "git stash pop", "git rebase main", "git fetch origin", "git branch",
    "git log dash dash one line", "git reset head", "git remote dash v", "git blame",
    "pip install numpy", "pip install dash r requirements dot txt", "pip list",
    "pip install torch", "python main dot py", "python three dash m pytest",
    "python dash m venv venv", "pytest dash q", "pytest tests", "npm install", "npm run dev",
    "npm test", "npm run build", "yarn add react", "yarn start", "cargo build",
    "cargo run", "cargo test", "go test dot dot dot", "go run main dot go", "make",
    "make test", "make clean", "ls", "ls dash la", "ls dash l", "cd ..", "cd projects",
    "cd source vozctl", "mkdir build", "rm dash rf build", "cat readme", "less log dot txt",
    "tail dash f server dot log", "grep dash r todo", "docker compose up", "docker ps",
    "docker build dot", "kubectl get pods", "brew install ripgrep", "brew update",
    "ssh prod db one", "htop", "echo hello", "export PATH", "source venv bin activate",
    "vim config dot toml", "nvim dot", "code dot", "open dot", "which python",
    "sudo apt update", "curl localhost 8080", "ping google dot com",
    "chmod plus x run dot sh", "touch notes dot md", "ruff check", "mypy src",
    "uv sync", "poetry install", "node index dot js", "psql analytics", "redis cli",
    "select star from users limit ten", "print hello world", "import numpy as np",
    "df dot head",
]


def terminal_text(rng: random.Random) -> list[Item]:
    return _items(TERMINAL_TEXT, ("terminal-text",), style="shell",
                  kinds={"terminal": 9, "editor": 0.8})


# --- prose that contains command words ------------------------------------------------------

COMMAND_WORDS_PROSE = [
    "Please select all the rows and delete the duplicates.",
    "Go home and rest.",
    "Delete this file before you push.",
    "Could you undo that change in the config before you merge?",
    "I copied the numbers from the old spreadsheet.",
    "Can you paste the error message into the thread?",
    "Let's go to the park after lunch.",
    "Save some cake for me!",
    "Don't forget to save your work before the update.",
    "We need to cancel the reservation for Friday.",
    "She decided to switch to a different team.",
    "Scroll down to the third paragraph and you will see what I mean.",
    "The next tab over has the full list of invoices.",
    "Go up the stairs and turn left at the end of the hall.",
    "I'll find all the receipts and send them tonight.",
    "Please comment on the proposal by Friday.",
    "He told me to escape the string before passing it in.",
    "Press enter on the keyboard to start the game, it says.",
    "The page up and page down keys are broken on my laptop.",
    "Go to line fifty in the config and you'll see the typo.",
    "Select the line you want and I'll explain it.",
    "You can undo it later if it doesn't work.",
    "I clicked the button three times and nothing happened.",
    "Could you close the door on your way out?",
    "Let me know when you find the file.",
    "We should go left at the next light.",
    "Turn right after the church and park by the bakery.",
    "The new tab design looks really clean.",
    "Clear the table and then we can play cards.",
    "The sky should clear up by the afternoon.",
    "Next week we will start the new project.",
    "Copy the invitation list and add your cousins.",
    "My phone keeps switching to silent mode on its own.",
    "Cut the onions into thin slices.",
    "Please exit the building by the east stairs during the drill.",
    "Type your name at the top of the form.",
    "I'll type up the notes after the meeting.",
    "Insert the key and turn it twice to the right.",
    "Repeat after me: practice makes perfect.",
    "Focus on the big picture for now.",
    "He moved the cursor around while he was thinking.",
    "Hit me up when you're back in town.",
    "The escape room was so much fun.",
    "Pause for a moment and think about it.",
    "Play with the dog for a bit, he's bored.",
    "Skip the intro, the good part starts later.",
    "Find a seat anywhere, we're almost ready.",
    "Replace the batteries in the smoke alarm.",
    "Zoom in on the map and you'll see the cabin.",
    "The back door sticks when it rains.",
    "Go back to sleep, it's only five.",
    "Undo the knot carefully or the rope will fray.",
    "Paste the wallpaper from the top down.",
    "Enter through the side gate.",
    "Save the date for our wedding in June!",
    "Stop by the office whenever you want.",
    "Click here to unsubscribe from the newsletter.",
    "Delete my number if you want, I don't care.",
    "The tab was two hundred dollars for eight of us.",
    "Space is big, really big.",
    "Her head was spinning after the long flight.",
    "The tail of the comet was visible for weeks.",
    "Slap some paint on it and nobody will notice.",
    "I stomped on the brakes just in time.",
    "Let's scratch that idea and start again tomorrow.",
    "The cat left a scratch on the new sofa.",
    "Open a window, it's stuffy in here.",
    "Reload the dishwasher after dinner please.",
    "Refresh my memory, when is the party?",
    "Run to the shop and grab some bread.",
    "Run the numbers again before the board meeting.",
    "Switch off the lights when you leave.",
    "Move the couch a little to the left.",
    "Jump in the lake, the water is perfect.",
    "Comment out the old code before you delete it, just in case.",
    "Make sure you select line managers as reviewers.",
    "I had to undo three weeks of work after the merge went wrong.",
    "We copied their approach but made it simpler.",
    "Press the button twice to reset the router.",
    "Please find attached the report you asked for.",
    "Enter your password again to confirm.",
    "Go ahead and book the table for six.",
    "The first tab in the workbook has the totals.",
    "Fold the towels and put them in the closet.",
    "Mute the TV, I'm on a call.",
    "The volume of the second album is quieter than the first.",
    "Your next window seat is on the left side of the plane.",
    "She pressed pause on her career to travel the world.",
    "Can you close the loop with the customer?",
    "Let's go down to the beach at sunset.",
    "Go right ahead, I'm listening.",
    "I think the new line of products is brilliant.",
    "Drag the chairs into the garden, it's sunny.",
    "Double click on the icon and wait for it to load, then tell me what you see.",
    "Right click is disabled on that website for some reason.",
    "I tried to go to sleep early but the neighbours were loud.",
    "Wake up call is at six thirty.",
    "The previous window cleaner was much cheaper.",
    "Copy that down in your notebook.",
    "Select your favourite colour and we'll paint the room.",
    "The go to person for billing questions is Maria.",
    "Formatting the document took longer than writing it.",
    "Split the bill four ways.",
    "Terminal five is at the far end of the airport.",
    "The snake in the garden turned out to be a garden hose.",
    "A camel can go a week without water.",
    "Take the next exit and follow the signs.",
    "Swap the tyres before winter.",
    "Pick three apples from the top branch.",
    "Choose two of the following options and explain your answer.",
    "Find the nearest exit and walk calmly.",
    "Tab three of the report is still empty, could you fill it in?",
    "Delete the last two words of the title, they sound clumsy.",
    "Scroll through the photos and pick your favourites.",
    "Every night he would repeat the same story to his daughter.",
    "Please don't undo all my hard work.",
]


def command_words_prose(rng: random.Random) -> list[Item]:
    return _items(COMMAND_WORDS_PROSE, ("command-words-in-prose",), kinds=PROSE_KINDS)


PROSE_KINDS = {"document": 3, "chat": 3, "mail": 2, "editor": 1, "terminal": 0.4, "browser": 0.4,
               "other": 0.4}

# --- prose starting with a formatter word ---------------------------------------------------

FORMATTER_PROSE = [
    "Title of the talk is voice coding.",
    "Lower the volume of the second speaker in the mix.",
    "Title for the blog post: lessons from a year of voice coding.",
    "Upper management wants the report by Friday.",
    "Lower your expectations a little and you'll enjoy it.",
    "Camel rides along the beach are popular with tourists.",
    "Snake plants are almost impossible to kill.",
    "Snake bites are rare in this part of the country.",
    "Pascal was a French mathematician and philosopher.",
    "Pascal's triangle has some beautiful properties.",
    "Kebab shops on this street stay open until three.",
    "Dot the i's and cross the t's before you submit.",
    "Dot and her sister ran the bakery for thirty years.",
    "Slash the prices and the customers will come back.",
    "Constant interruptions make it hard to focus.",
    "Constant practice is the only way to get better.",
    "All caps looks like shouting in an email.",
    "All caps headings are hard to read.",
    "Upper body strength matters more than you think.",
    "Lower back pain is common among programmers.",
    "Title deeds for the house are in the safe.",
    "Say hello to your parents for me.",
    "Say what you mean and mean what you say.",
    "String quartets will play at the reception.",
    "String the lights along the fence before the party.",
    "Hammer the nails in gently so the wood doesn't split.",
    "Smash the garlic with the flat of the knife.",
    "Dotted lines on the map show the hiking trails.",
    "Title case is used for headings in our style guide.",
    "Camel case is what we use for variable names in JavaScript.",
    "Snake case is the convention in Python code.",
    "Upper case letters are required in the password.",
    "Lower case letters look friendlier on the logo.",
    "Kebab case works best for URLs.",
    "Pascal case is used for class names in most languages.",
    "Dot com companies grew very fast in the late nineties.",
    "Slash commands in Slack are really handy.",
    "Upper floors have the best views of the harbour.",
    "Lower the blinds, the sun is in my eyes.",
    "Lower the heat and let the sauce simmer for ten minutes.",
    "Title holder defends the belt next month.",
    "Upper and lower limits are shown in the table.",
    "Camel milk is popular in some desert regions.",
    "Snake oil salesmen promised miracle cures.",
    "Constant temperature is critical for the experiment.",
    "All caps or not, the message was clear.",
    "Say it again, I didn't hear you.",
    "Say cheese!",
    "Title: quarterly results and outlook.",
    "Lower prices are expected after the holidays.",
    "Upper left corner of the screen shows the clock.",
    "Snake around the cones and sprint back to the start.",
    "Dot said she'd be late.",
    "Camel coloured coats are back in fashion.",
    "Pascal will join the call after lunch.",
    "Lower Manhattan was quiet on Sunday morning.",
    "Upper lip stiff, she walked on stage.",
    "Constant vigilance, as the saying goes.",
    "Title page needs the author's name and the date.",
    "Slash and burn farming damages the soil.",
]


def formatter_prose(rng: random.Random) -> list[Item]:
    return _items(FORMATTER_PROSE, ("formatter-prefix-prose",), kinds=PROSE_KINDS)

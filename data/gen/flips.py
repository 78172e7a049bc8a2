"""Context flips and genuinely ambiguous utterances.

- Social replies that are also command words: dictation in chat and mail compose windows,
  commands in editors, terminals, Finder and browsers.
- Clear cases that keep their label wherever they are said: a clear command in Slack, an
  ordinary sentence in a terminal.
- A handful of utterances even a person watching the screen could not decide.
"""

from __future__ import annotations

import random

from common import Item

C, D = "command", "dictation"

# (reply, chat surfaces, command surfaces, command side is shaky)
SOCIAL = [
    ("copy that", ["Copy that.", "Copy that!", "copy that"], ["Copy that.", "copy that"], False),
    ("go home", ["Go home.", "Go home!", "go home"], ["Go home.", "go home"], False),
    ("done", ["Done.", "Done!", "done"], ["Done.", "done"], False),
    ("next", ["Next.", "Next!", "next"], ["Next.", "next"], False),
    ("cancel", ["Cancel.", "Cancel?", "cancel"], ["Cancel.", "cancel"], False),
    ("clear", ["Clear.", "Clear!", "clear"], ["Clear.", "clear"], False),
    ("okay", ["Okay.", "Okay!", "okay"], ["Okay.", "okay"], True),
    ("perfect", ["Perfect.", "Perfect!", "perfect"], ["Perfect.", "perfect"], True),
    (
        "welcome back",
        ["Welcome back.", "Welcome back!", "welcome back"],
        ["Welcome back.", "welcome back"],
        True,
    ),
    ("go to sleep", ["Go to sleep.", "Go to sleep!", "go to sleep"], ["Go to sleep.", "go to sleep"], False),
    ("undo", ["Undo.", "undo"], ["Undo.", "undo"], False),
    ("send it", ["Send it.", "Send it!", "send it"], ["Send it.", "send it"], False),
    ("stop", ["Stop.", "Stop!", "stop"], ["Stop.", "stop"], False),
    ("wake up", ["Wake up.", "Wake up!", "wake up"], ["Wake up.", "wake up"], False),
    ("again", ["Again?", "Again!", "again"], ["Again.", "again"], False),
    ("skip", ["Skip.", "Skip!", "skip"], ["Skip.", "skip"], False),
    ("repeat that", ["Repeat that?", "Repeat that.", "repeat that"], ["Repeat that.", "repeat that"], False),
    ("go back", ["Go back.", "Go back!", "go back"], ["Go back.", "go back"], False),
    ("save it", ["Save it.", "Save it!", "save it"], ["Save it.", "save it"], False),
    ("close it", ["Close it.", "close it"], ["Close it.", "close it"], False),
    ("next one", ["Next one.", "Next one!", "next one"], ["Next one.", "next one"], False),
]
# Command words on the reply list that are not social replies: in a chat or mail window a
# person watching the screen could not tell text from the command, so that side is
# tagged ambiguous (LABELING.md: best judgement, and the model should not be sure).
REPLY_SHAKY = {"undo", "save it", "close it", "repeat that", "skip", "go back", "next one"}
REPLY_KINDS = ["chat", "chat", "chat", "mail"]
COMMAND_KINDS = ["editor", "terminal", "finder", "browser", "editor", "terminal"]


def _social(side: str) -> list[Item]:
    out = []
    for key, chat_forms, cmd_forms, shaky in SOCIAL:
        if side == "reply":
            tags = ("context-flip", "short-reply", "social")
            if key in REPLY_SHAKY:
                tags += ("ambiguous",)
            for i, form in enumerate(chat_forms * 2):
                kind = REPLY_KINDS[i % len(REPLY_KINDS)]
                out.append(Item(form, D, tags, "keep", ctx=kind))
        else:
            tags = ("context-flip", "command-word")
            if shaky:
                tags += ("ambiguous",)
            for i, form in enumerate(cmd_forms * 2):
                kind = COMMAND_KINDS[i % len(COMMAND_KINDS)]
                out.append(Item(form, C, tags, "keep", ctx=kind))
    return out


def flip_social_reply(rng: random.Random) -> list[Item]:
    return _social("reply")


def flip_social_command(rng: random.Random) -> list[Item]:
    return _social("command")


# Clear commands: the same in a chat window as in an editor.
STABLE_COMMANDS = [
    "Go to line 50.",
    "snake user name",
    "New tab.",
    "Select three words left.",
    "Scratch that.",
    "close tab",
    "Delete the last two words.",
    "camel get value",
    "Go three up.",
    "page down",
    "Command mode.",
    "Pain left.",
    "Focus Chrome.",
    "tmux next pane",
    "Format document.",
    "Next track.",
    "alpha bravo charlie",
    "Open paren.",
    "Type hello world.",
    "Shell list files.",
    "Mic off.",
    "Choose two.",
    "Go to definition.",
    "Zoom in.",
    "Scraps that.",
    "Select line.",
    "Move up a couple of lines.",
    "all caps max retries",
    "Question mark.",
    "Switch to Slack.",
    "Volume down.",
    "Could you undo that?",
    "Delete two words.",
    "Go to the end of the line.",
    "kebab main nav",
    "Please move the cursor down three lines and select the next word.",
    "Type see you tomorrow at the usual place.",
]
STABLE_PROSE = [
    "I think the issue is in the parser.",
    "Let's grab lunch after the meeting.",
    "The weather has been lovely all week.",
    "My sister is visiting us next weekend.",
    "We should fix the race in the audio callback before the release.",
    "Honestly I have no idea why the tests are failing.",
    "The bakery on the corner has the best croissants in town.",
    "Remind me to call the dentist tomorrow morning.",
    "She read the whole book in a single afternoon.",
    "The train was packed and nobody could find a seat.",
    "Thanks for your help with the migration yesterday.",
    "The river flooded the fields after the storm.",
    "I'm going to take the dog for a walk.",
    "Please select all the rows and delete the duplicates.",
    "Go home and rest, you look exhausted.",
    "Title of the talk is voice coding.",
    "Lower the volume of the second speaker in the mix.",
    "The meeting has been moved to Thursday at three.",
    "Can you send me the slides from the conference?",
    "Our cat knocked a glass off the table again.",
    "This function returns the number of active users.",
    "We won the game in the last minute.",
    "Copy the invitation list and add your cousins.",
    "Next summer we want to visit Portugal.",
    "The new version is much faster than the old one.",
    "Delete this file before you push.",
    "I'll be a little late, the bus broke down.",
    "Grandma's garden is full of roses this year.",
    "How was your trip to the mountains?",
    "Do you know a good plumber in the area?",
]


def _stable(rng: random.Random, texts: list[str], label: str, home: list[str], away: list[str]) -> list[Item]:
    """Each text in one or two of its usual kinds of window and one or two unusual ones."""
    out = []
    for text in texts:
        places = rng.sample(home, rng.choice([1, 2])) + rng.sample(away, rng.choice([1, 2]))
        for kind in places:
            out.append(Item(text, label, ("context-flip", "stable"), "keep", ctx=kind))
    return out


def flip_stable_command(rng: random.Random) -> list[Item]:
    return _stable(
        rng, STABLE_COMMANDS, C, ["editor", "terminal", "browser", "finder"], ["chat", "mail", "document"]
    )


def flip_stable_prose(rng: random.Random) -> list[Item]:
    return _stable(
        rng, STABLE_PROSE, D, ["document", "chat", "mail"], ["terminal", "editor", "finder", "browser"]
    )


# (text, label, window pool) — best judgement, tagged ambiguous.
AMBIGUOUS = [
    ("Okay.", D, "document"),
    ("Done.", C, "unknown"),
    ("Next.", C, "unknown"),
    ("Copy that.", D, "unknown"),
    ("Go home.", C, "unknown"),
    ("Perfect.", D, "unknown"),
    ("Send it.", C, "unknown"),
    ("Select all.", C, "chat"),
    ("Period.", C, "chat"),
    ("Back.", C, "unknown"),
    ("Save.", C, "chat"),
    ("Stop.", C, "unknown"),
    ("Lower the volume.", C, "media"),
    ("Delete the duplicates.", D, "editor"),
    ("Run the tests.", C, "editor"),
    ("Fix the typo.", D, "editor"),
    ("Open settings.", C, "chat"),
    ("Check the logs.", D, "terminal"),
    ("Next slide.", C, "other"),
    ("Next slide please.", D, "chat"),
    ("Hello world.", D, "editor"),
    ("Comment.", C, "document"),
    ("Find.", C, "chat"),
    ("Escape.", C, "chat"),
    ("Bold.", C, "document"),
    ("Space.", C, "unknown"),
    ("Dot.", C, "unknown"),
    ("Clear the screen.", C, "chat"),
    ("Home.", C, "unknown"),
    ("Right.", D, "chat"),
    ("Left.", C, "unknown"),
    ("Up.", D, "chat"),
    ("Move on.", D, "editor"),
    ("Skip it.", D, "chat"),
    ("Finish.", C, "editor"),
    ("Search.", C, "browser"),
    ("Go.", C, "terminal"),
    ("Confirm.", C, "mail"),
    ("Cancel the meeting.", D, "other"),
    ("Copy.", C, "chat"),
    ("Make it bold.", C, "document"),
    ("Sleep.", C, "unknown"),
    ("Python.", D, "terminal"),
    ("Exit.", C, "chat"),
    ("Close the door.", D, "terminal"),
    ("Play the next one.", C, "media"),
]


def ambiguous(rng: random.Random) -> list[Item]:
    return [Item(t, lab, ("ambiguous",), "keep", ctx=k) for t, lab, k in AMBIGUOUS]


FAMILIES = [
    ("flip-social-reply", 150, flip_social_reply, None),
    ("flip-social-command", 110, flip_social_command, None),
    ("flip-stable-command", 150, flip_stable_command, None),
    ("flip-stable-prose", 150, flip_stable_prose, None),
    ("ambiguous", 60, ambiguous, None),
]

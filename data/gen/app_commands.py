"""App commands: the terse grammar of chat, document, Finder, media, mail and system apps.

A command grammar is not English: "thread close", "sidebar hide", "heading two",
"track next". Such a phrase is a command wherever it is said, a chat window included,
because it makes no sense as text (LABELING.md, "App-specific grammar"). The model must
learn that the reply/command flip is about *reply-like* words, not about short phrases.

Each family sits mostly in its own kind of app and partly everywhere else. A counter
family of short English replies about the same things keeps chat text on the dictation
side. Every phrase here was written for this project.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from common import Item, items

C, D = "command", "dictation"

CHAT_HOME = {"chat": 7, "mail": 1, "browser": 0.6, "editor": 0.4, "other": 0.3}
DOCS_HOME = {"document": 7, "editor": 1, "mail": 0.8, "chat": 0.6, "browser": 0.4}
FINDER_HOME = {"finder": 7, "other": 0.8, "editor": 0.5, "chat": 0.4, "document": 0.3}
MEDIA_HOME = {"media": 7, "browser": 1.5, "chat": 0.5, "document": 0.3, "other": 0.5}
MAIL_HOME = {"mail": 7, "chat": 0.6, "document": 0.4, "browser": 0.5}
SYSTEM_ANY = {"editor": 2, "terminal": 1.2, "browser": 1.5, "chat": 1.5, "mail": 0.8,
              "document": 1.2, "finder": 1, "media": 0.8, "other": 1}
MEETING_HOME = {"other": 4, "chat": 4, "browser": 1, "media": 0.3}

# Noun first, then the verb or the direction: the grammar style of voice-control packs.
CHAT_GRAMMAR = [
    "channel down", "channel up", "channel last", "channel back", "thread show",
    "thread close", "thread open", "thread reply", "threads list", "mentions show",
    "mentions open", "sidebar hide", "sidebar show", "status away", "status active",
    "status clear", "reaction thumbs up", "reaction heart", "reaction add", "mic toggle",
    "mute toggle", "call join", "call leave", "call end", "workspace next",
    "workspace previous", "workspace switch", "server down", "server up", "inbox show",
    "saved show", "pins show", "pinned messages", "member list", "people panel",
    "scroll bottom", "scroll top", "dm open", "dm new", "direct message new", "message edit",
    "message delete", "message copy link", "message pin", "message forward", "link copy",
    "history back", "history forward", "attach file", "file attach", "gif search",
    "voice join", "voice leave", "video toggle", "camera toggle", "screen share",
    "share stop", "huddle join", "huddle leave", "unreads jump", "jump unreads",
    "quick switcher", "switcher open", "notifications pause", "notifications resume",
    "channel mute", "channel unmute", "channel info", "channel browse", "chat search",
    "chat next", "chat previous", "chat archive", "chat pin", "chat unpin",
    "composer focus", "focus composer", "focus message box", "edit last", "last message edit",
]

DOCS_GRAMMAR = [
    "heading one", "heading two", "heading three", "style normal", "style quote",
    "bullet list", "bullets", "numbered list", "checklist", "check item",
    "italic", "italics", "underline", "strike through", "strikethrough", "font bigger",
    "font smaller", "text bigger", "text smaller", "align center", "align left",
    "align right", "justify", "indent more", "indent less", "outdent", "insert table",
    "insert link", "insert image", "insert page break", "page break", "word count",
    "spell check", "spelling check", "track changes", "changes accept", "changes reject",
    "accept change", "reject change", "comment new", "comments show", "outline show",
    "outline hide", "focus mode", "reading view", "preview toggle", "source mode",
    "backlinks show", "daily note", "page new", "block delete", "block up",
    "block down", "block duplicate", "toggle checkbox", "checkbox toggle", "table row add",
    "row below", "row above", "column left", "column right", "clear formatting",
    "format clear", "format painter", "superscript", "subscript", "line spacing double",
    "zoom page width", "page setup", "print preview", "export pdf", "version history",
    "doc outline", "tag add", "link to note", "note pin",
]

FINDER_GRAMMAR = [
    "folder new", "new folder", "go downloads", "go desktop",
    "go documents", "go applications", "go utilities", "get info", "info show",
    "quick look", "hidden files toggle", "show hidden files", "sort by date", "sort by size",
    "sort by kind", "path copy", "copy path",
    "move to trash", "empty trash", "eject", "eject disk", "duplicate",
    "duplicate file", "rename file", "tags show", "preview pane", "path bar",
    "status bar", "enclosing folder", "folder up", "folder back", "open in terminal",
    "terminal here", "compress", "compress file", "airdrop", "connect to server",
    "recent folders", "finder new window", "finder new tab", "finder search",
    "arrange by date", "clean up", "select all files",
]

MEDIA_GRAMMAR = [
    "track next", "track previous", "track back", "track restart", "play pause",
    "pause play", "music pause", "music play", "volume up", "volume down", "volume mute",
    "shuffle toggle", "shuffle on", "shuffle off", "repeat one", "repeat all",
    "repeat off", "song like", "like song", "queue show", "queue add", "add to queue",
    "lyrics show", "speed up", "speed down", "playback faster", "playback slower",
    "captions toggle", "subtitles on", "subtitles off", "fullscreen", "full screen toggle",
    "skip forward", "skip back", "jump ahead", "seek forward", "seek back",
    "playlist next", "playlist new", "radio start", "episode next", "chapter next",
    "chapter previous", "mini player",
]

MAIL_GRAMMAR = [
    "reply all", "mail reply", "mail forward", "forward it", "archive it",
    "message archive", "flag message", "message flag", "unflag", "mark spam",
    "mark junk", "message next", "message up", "message down", "mailbox inbox",
    "mail compose", "compose mail", "mail send", "send mail",
    "attachment add", "mail search", "sent items", "drafts folder",
    "move to folder", "mail refresh", "get mail", "mark read all", "conversation expand",
    "conversation collapse",
]

SYSTEM_GRAMMAR = [
    "window maximize", "window minimize", "window center", "window left half",
    "window right half", "window full", "snap left", "snap right", "space next",
    "space previous", "space left", "space right", "mission control", "app expose",
    "show desktop", "notification center", "do not disturb",
    "lock screen", "screen lock", "screenshot region", "screenshot window",
    "screenshot screen", "dark mode toggle", "brightness up", "brightness down",
    "sleep display", "display sleep", "spotlight", "launcher open", "clipboard history",
    "emoji picker", "character viewer", "dictation off", "microphone off", "mic on",
    "wifi toggle", "bluetooth toggle", "battery status", "app quit", "quit app",
    "app hide", "hide others", "force quit", "window close", "window last", "window new",
]

MEETING_GRAMMAR = [
    "meeting join", "meeting leave", "meeting mute", "meeting unmute", "hand raise",
    "hand lower", "camera on", "camera off", "gallery view", "speaker view",
    "participants show", "chat panel", "record start", "record stop", "reactions open",
    "breakout rooms", "leave call", "mute all",
]

# Short English replies and remarks about the same apps: dictation in any text box.
APP_TALK = [
    "Muted, sorry.", "Can you unmute?", "You're on mute.", "I'm on mute.",
    "Camera's off, sorry.", "Sharing now.", "Can you see my screen?", "Stop sharing please.",
    "Joining in a sec.", "Leaving the call now.", "Dropping off.", "Brb, muting.",
    "Sent you a link.", "Check your DMs.", "Pinned it.", "See the thread.",
    "Replied in thread.", "Moved to the channel.", "It's in the doc.", "Added a comment.",
    "Left you a note.", "Page two, top.", "The second heading.", "Bold the title maybe?",
    "Just the intro.", "Skip the intro.", "Next track is better.", "Turn it up!",
    "Too loud.", "Love this song.", "On repeat all day.", "Queue it up.", "Play it again!",
    "Check the sidebar.", "In the downloads folder.", "On my desktop.", "In the trash.",
    "It's in the shared drive.", "Flagged it.", "Archived, thanks.", "Reply all please.",
    "Forwarding now.", "Attached.", "See attached.", "Inbox zero!", "Screenshot incoming.",
    "Dark mode for life.", "Low battery.", "My wifi died.", "Bluetooth is acting up.",
    "Back in five.", "Heading into a meeting.", "Out of the meeting.", "Still in a call.",
    "Call you back.", "Call me when free.", "Video or voice?", "Voice is fine.",
    "Raise it tomorrow.", "Hands down the best.", "Fullscreen looks better.",
    "The new folder is empty.", "Which folder?", "What channel?", "Wrong channel, sorry.",
    "Wrong thread.", "Sorry, wrong chat.", "Check the pinned message.", "Link is in the topic.",
]


# Ordinary sentences that open with a command word, as a verb about the physical world or
# as a noun: dictation in any window (VOZCTL_COMMANDS.md: "prose that starts with a
# formatter or command word").
COMMAND_WORD_PROSE = [
    "Select the ripest tomatoes for the salad.", "Select a date that works for everyone.",
    "Selecting a venue took us three weeks.", "Select committees meet on Tuesdays.",
    "Show me the photos from your trip when you get a chance.", "Show and tell is on Friday.",
    "Show the guests where the coats go.", "Showing up early made a good impression.",
    "Switch the lights off before you leave the office.", "Switching teams was the best decision I made.",
    "Switch seats with me so you can see the stage.", "Find a seat near the window if you can.",
    "Find out whether the museum is open on Mondays.", "Finding a good plumber is harder than it sounds.",
    "Insert the key and turn it twice to the left.",
    "Inserting the battery the wrong way voids the warranty.",
    "Toggle switches on old radios feel so satisfying.", "Open the windows, it's stuffy in here.",
    "Open late on Thursdays, the sign said.", "Close the gate so the dog stays in the yard.",
    "Closing time at the bakery is six.", "Copy editors caught three mistakes in the draft.",
    "Copy the recipe from grandma's notebook before it falls apart.",
    "Type two diabetes runs in my family.", "Type A personalities love a good spreadsheet.",
    "Typing lessons were mandatory at my school.", "Delete the reservation for Saturday, we're not going.",
    "Go easy on the salt this time.", "Go ahead and start dinner without me.",
    "Move the couch closer to the wall.", "Moving house in winter is a nightmare.",
    "Save some cake for your brother.", "Save the date for our wedding in June.",
    "Saving for a car takes longer than I thought.", "Undo the knot gently or the chain will break.",
    "Paste the wallpaper from the top down.", "Cut the onions into thin rings.",
    "Cut the grass before the rain comes.", "Enter through the side door, the front one is locked.",
    "Escape rooms are my favourite team outing.", "Tab after tab of dresses and none of them fit.",
    "Space is limited, so book early.", "Clear skies are forecast for the whole weekend.",
    "Clear your schedule on Friday afternoon.", "Comment sections are the worst part of the internet.",
    "Title fights always sell out the arena.", "Sentence structure was never my strong point.",
    "Snake plants need almost no water.", "Camel rides along the beach were the highlight of the trip.",
    "Upper management wants a report by Monday.", "Lower the blinds, the sun is in my eyes.",
    "Dot the i's before you hand it in.", "Scratch the itch and it only gets worse.",
    "Scratch cards are a waste of money.", "Page two of the contract has a typo.",
    "Mark my words, it will rain at the picnic.", "Mark and Sarah are coming over for dinner.",
    "Reply to grandma's letter this week.", "Forward thinking is what this team needs.",
    "Archive photos from the fifties are fascinating.", "Track and field starts again in April.",
    "Volume three is the best of the series.", "Record stores are making a comeback downtown.",
    "Play the song from our wedding at the party.", "Pause for a second and listen to the birds.",
    "Skip the small talk and tell me the news.", "Repeat after me, the rain in Spain.",
    "Window seats are always taken first.", "Focus groups loved the new packaging.",
    "Split the bill four ways.", "Zoom out and look at the bigger picture.",
]


def _family(phrases: list[str], tags: tuple[str, ...], kinds: dict[str, float], label: str = C,
            style: str = "cmd") -> Callable[[random.Random], list[Item]]:
    """A family function for generate.py: the same items whatever the rng."""
    return lambda rng: items(phrases, tags, style, kinds, label=label)


PROSE_TALK = {"chat": 7, "mail": 2, "document": 1, "other": 0.5}
PROSE_ANY = {"document": 3, "chat": 3, "mail": 2, "editor": 0.8, "terminal": 0.3, "browser": 0.4,
             "other": 0.4}

FAMILIES = [
    ("command-word-prose", 140, _family(COMMAND_WORD_PROSE, ("command-words-in-prose", "command-word-first"),
                                        PROSE_ANY, D, "prose"), None),
    ("app-chat", 130, _family(CHAT_GRAMMAR, ("app-grammar", "chat-grammar"), CHAT_HOME), None),
    ("app-docs", 120, _family(DOCS_GRAMMAR, ("app-grammar", "docs-grammar"), DOCS_HOME), None),
    ("app-finder", 70, _family(FINDER_GRAMMAR, ("app-grammar", "finder-grammar"), FINDER_HOME), None),
    ("app-media", 70, _family(MEDIA_GRAMMAR, ("app-grammar", "media-grammar"), MEDIA_HOME), None),
    ("app-mail", 50, _family(MAIL_GRAMMAR, ("app-grammar", "mail-grammar"), MAIL_HOME), None),
    ("app-system", 80, _family(SYSTEM_GRAMMAR, ("app-grammar", "system-grammar"), SYSTEM_ANY), None),
    ("app-meeting", 30, _family(MEETING_GRAMMAR, ("app-grammar", "meeting-grammar"), MEETING_HOME), None),
    ("app-talk", 120, _family(APP_TALK, ("app-talk", "short-reply"), PROSE_TALK, D, "prose"), None),
]

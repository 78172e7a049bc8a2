"""Terse voice-coding commands: the long tail that users say in many apps.

Formatters with many different payload identifiers, symbol names and their spoken
nicknames, and terse Talon-community-style jargon (editor, debugger, git UI, windows,
apps, browser, mouse, media, modes, repeats, choices, text navigation, inserts,
messaging apps). Every phrase here was written for this project.
"""

from __future__ import annotations

import random
from functools import partial

from common import Item, count_text, items, number_words

C = "command"

CODE_KINDS = {"editor": 7, "terminal": 2, "browser": 0.5, "document": 0.4, "other": 0.3}
EDITOR_KINDS = {"editor": 9, "terminal": 0.8, "browser": 0.3, "other": 0.2}
ANY_KINDS = {"editor": 3, "terminal": 2, "browser": 2, "finder": 1.2, "media": 0.6,
             "other": 1.2, "document": 0.8}
TEXT_KINDS = {"editor": 6, "document": 3, "terminal": 1, "browser": 0.4}
BROWSER_KINDS = {"browser": 9, "editor": 0.5, "other": 0.3}
MEDIA_KINDS = {"media": 6, "browser": 2, "editor": 1, "other": 0.8, "finder": 0.3}
CHAT_APP_KINDS = {"chat": 8, "mail": 1, "browser": 0.5}


_items = partial(items, label=C)


# --- formatters with many payloads ------------------------------------------------------

FORMATTER_NAMES = [
    "snake", "snake case", "camel", "camel case", "pascal", "pascal case", "kebab",
    "kebab case", "dot", "dotted", "dot case", "slash", "slashed", "path", "title",
    "title case", "upper", "upper case", "lower", "lower case", "constant", "constant case",
    "all caps", "all down", "hammer", "smash", "packed", "spine", "dunder", "score",
    "string", "quoted", "single", "double", "proud", "yell", "yeller", "tree", "dubstring",
    "padded", "word", "sentence", "header", "criff", "crip", "folder", "dash",
]
PAYLOAD_WORDS = [
    # web and backend
    "user profile", "session token", "auth header", "request body", "response code",
    "status code", "route handler", "api client", "base path", "query params", "cookie jar",
    "csrf token", "rate limit", "retry count", "backoff factor", "connection pool",
    "db session", "primary key", "foreign key", "table name", "column index", "row count",
    "migration id", "schema version", "order total", "cart items", "invoice number",
    "customer email", "shipping address", "billing plan", "payment intent", "webhook url",
    # data and ml
    "load model", "save checkpoint", "train loader", "val loss", "num epochs",
    "weight decay", "dropout rate", "embedding dim", "attention mask", "logits",
    "input ids", "label map", "feature matrix", "data frame", "sample rate", "mel bins",
    "hop length", "window size", "random seed", "eval metrics", "confusion matrix",
    "grad norm", "warmup steps", "scheduler step", "optimizer state", "model config",
    # frontend
    "button label", "nav bar", "side panel", "modal open", "on submit", "on change",
    "handle click", "use state", "use memo", "theme color", "font size", "border radius",
    "is loading", "is visible", "has error", "form values", "input ref", "scroll top",
    "dark mode", "menu items", "tool tip", "page title", "hero image", "footer links",
    # systems and tools
    "file handle", "buffer size", "read bytes", "write all", "exit code", "pid file",
    "log level", "log file", "env var", "home dir", "temp path", "socket addr",
    "thread pool", "worker count", "queue length", "lock guard", "mutex", "ring buffer",
    "byte order", "checksum", "build dir", "target triple", "compile flags", "out path",
    # games, mobile, misc
    "player score", "enemy speed", "jump height", "sprite sheet", "frame delta",
    "level index", "spawn point", "health bar", "view controller", "table view cell",
    "push token", "app delegate", "main activity", "fragment tag", "bundle name",
    # business words
    "quarterly report", "first name", "last name", "date of birth", "phone number",
    "zip code", "country code", "currency symbol", "tax rate", "unit price",
    "discount code", "start date", "end date", "time zone", "created at", "updated at",
    "deleted flag", "owner id", "team members", "project slug", "release notes",
    "feature flag", "rollout percent", "max connections", "min value", "next page",
    "prev cursor", "total pages", "sort order", "filter text", "search term",
    "hello world", "foo bar", "my var", "temp value", "result list", "item index",
    "get user by id", "parse config file", "is admin", "should retry", "to json",
    "from dict", "set up", "tear down", "before each", "after all", "mock server",
    "test client", "fixture data", "snapshot path", "coverage report",
]


def formatter_more(rng: random.Random) -> list[Item]:
    out = []
    for f in FORMATTER_NAMES:
        for w in rng.sample(PAYLOAD_WORDS, 12):
            out.append(Item(f"{f} {w}", C, ("formatter", "formatter-more"), kinds=CODE_KINDS))
    for w in rng.sample(PAYLOAD_WORDS, 25):
        f = rng.choice(["snake", "camel", "kebab", "constant", "pascal"])
        out.append(Item(f"format {f} {w}", C, ("formatter", "formatter-more"),
                        kinds=CODE_KINDS))
    for w in rng.sample(PAYLOAD_WORDS, 25):
        f = rng.choice(["snake", "camel", "dotted", "title", "upper", "smash"])
        out.append(Item(f"{f} {w} over", C, ("formatter", "formatter-more"),
                        kinds=CODE_KINDS))
    return out


# --- symbol and punctuation names -------------------------------------------------------

SYMBOLS = [
    "greater than", "less than", "greater than or equal", "less than or equal",
    "square brackets", "square", "rack", "r square", "l square", "angle brackets", "angles",
    "langle", "rangle", "left angle", "right angle", "arrow", "fat arrow", "thin arrow",
    "dash arrow", "left arrow symbol", "pipe", "pipe sign", "vertical bar", "bar sign",
    "tilde", "squiggle", "wave", "backtick", "back tick", "grave", "tick", "ticks",
    "double colon", "colon colon", "scope", "plus equals", "minus equals", "times equals",
    "divide equals", "op plus equals", "op equals", "op minus", "op plus", "op times",
    "op divide", "op modulo", "op power", "op and", "op or", "op not", "op in",
    "op greater", "op less", "at sign", "at", "dollar", "dollar sign", "buck", "percent",
    "percent sign", "mod", "caret", "hat", "ampersand", "amper", "and sign", "star",
    "asterisk", "splat", "hash", "hash sign", "pound", "number sign", "sharp",
    "underscore", "under", "quad quote", "triple quote", "dub quote", "sing quote",
    "quad", "empty dict", "empty list", "empty string", "empty array", "empty object",
    "empty tuple", "empty set", "pad equals", "pad plus", "pad minus", "pad colon",
    "pad arrow", "pad pipe", "pad and", "pad or", "pad dash", "pad star", "spaced equals",
    "equals equals", "not equal", "bang equals", "bang", "exclamation", "question",
    "elvis", "elvis operator", "null coalesce", "double question", "spread", "dot dot",
    "range dot dot", "triple dot", "ellipses", "walrus", "colon equals", "double star",
    "double slash", "slash slash", "block comment symbol", "semi", "semicolon end",
    "coal", "comma and space", "dash dash", "double dash", "plus plus", "minus minus",
    "double ampersand", "and and", "or or", "double bar", "shebang", "hash bang",
    "left shift", "right shift", "bit and", "bit or", "xor", "lambda arrow",
    "paren pair", "brace pair", "bracket pair", "quote pair", "inside parens",
    "inside squares", "inside braces", "inside quotes", "inside ticks", "curly pair",
    "open curly", "close curly", "open square", "close square", "open angle",
    "close angle bracket", "l paren", "r paren", "lparen", "rparen", "lbrace", "rbrace",
    "left bracket", "right bracket", "left curly", "forward slash symbol", "back slash",
    "escape quote", "new line escape", "tab escape", "degree sign", "copyright sign",
    "euro sign", "pound sterling", "yen sign", "bullet", "section sign", "micro sign",
    "em dash symbol", "en dash", "middle dot", "plus minus", "times sign", "division sign",
    "infinity symbol", "check mark", "arrow right symbol", "arrow up symbol",
]


def symbols_more(rng: random.Random) -> list[Item]:
    out = _items(SYMBOLS, ("punctuation", "symbol"),
                 kinds={"editor": 6, "terminal": 1.5, "document": 1.5, "browser": 0.4})
    for s in rng.sample(SYMBOLS, 40):
        verb = rng.choice(["insert", "type", "symbol", "say", "put"])
        out.append(Item(f"{verb} {s}", C, ("punctuation", "symbol"),
                        {"editor": 6, "terminal": 1.5, "document": 1.5}))
    for s in rng.sample(SYMBOLS, 20):
        n = rng.choice([2, 3, 4])
        out.append(Item(f"{s} {count_text(rng, n, 0.3)} times", C, ("punctuation", "symbol"),
                        {"editor": 6, "terminal": 1.5, "document": 1.5}))
    return out


# --- editor / IDE long tail -------------------------------------------------------------

IDE_MORE = [
    # refactors
    "extract method", "extract function", "extract variable", "extract constant",
    "inline variable", "inline function", "rename this", "rename file here",
    "change signature", "move to new file", "convert to arrow function", "add missing imports",
    "remove unused imports", "generate getter", "generate constructor", "implement interface",
    "override method", "surround with try", "wrap in if", "wrap with div", "refactor this",
    "show refactorings", "code actions", "source action", "auto fix", "fix all",
    # debugger
    "step over", "step into", "step out", "step back", "continue", "debug continue",
    "pause debugger", "restart debugger", "debug restart", "stop debug", "debug stop",
    "toggle breakpoint", "breakpoint", "clear breakpoints", "disable breakpoints",
    "conditional breakpoint", "log point", "run to cursor", "debug console", "watch this",
    "add watch", "show call stack", "show variables", "evaluate selection", "debug this file",
    "attach debugger", "debug last", "run without debugging", "next frame", "previous frame",
    # git UI
    "git stage", "git stage all", "git unstage", "git commit panel", "git push now",
    "git pull now", "git fetch now", "git sync", "git discard", "git blame toggle",
    "git open changes", "git view history", "git next hunk", "git previous hunk",
    "git stash now", "git checkout panel", "git branches", "git graph", "open git graph",
    "show commit details", "amend last commit", "undo last commit", "stage this hunk",
    "open diff", "close diff", "inline diff", "side by side diff", "next diff", "previous diff",
    # file tree
    "file tree", "tree toggle", "focus file tree", "reveal file", "collapse folders",
    "tree expand", "tree collapse", "tree next", "tree previous", "tree open",
    "new file here", "new folder here", "rename in tree", "delete in tree", "copy file path",
    "open containing folder", "refresh explorer", "show explorer", "hide explorer",
    "sidebar left", "sidebar right", "toggle activity bar", "toggle status bar",
    "toggle breadcrumbs", "focus breadcrumbs", "focus outline", "focus problems",
    # editors, splits, tabs
    "split editor right", "split editor down", "join editors", "move editor left",
    "move editor right", "move editor to next group", "focus next group",
    "focus previous group", "close group", "close saved editors", "keep editor open",
    "pin editor", "unpin editor", "next editor", "previous editor", "first editor",
    "last editor", "reopen closed editor", "tab close", "tab new", "tab next", "tab previous",
    "tab pin", "tab duplicate", "tab reopen", "tab first", "tab final", "tab left", "tab right",
    "split close", "split next", "split last", "split wider", "split taller", "split reset",
    # misc editor
    "go to line start", "go to matching bracket", "toggle fold here", "fold level two",
    "fold comments", "unfold recursively", "show whitespace", "toggle render whitespace",
    "convert indentation", "indent using spaces", "change end of line", "change encoding",
    "sort lines", "sort lines descending", "reverse lines", "unique lines", "transform upper",
    "transform lower", "transform title", "delete duplicate lines", "join line",
    "trigger parameter hints", "show signature", "peek references", "peek implementation",
    "go to next reference", "go to super", "go to test", "go to source", "open header",
    "run current file", "run selection", "run cell", "run cell and advance",
    "run all cells", "restart kernel", "clear outputs", "new cell below", "new cell above",
    "delete cell", "merge cells", "cell to markdown", "cell to code",
    "zoom editor in", "zoom editor out", "font bigger", "font smaller", "reset font size",
    "open keybindings", "open user settings", "open workspace settings", "reload extensions",
    "install extension", "show extensions", "toggle vim mode", "toggle copilot",
    "copilot next", "copilot accept word", "copilot explain", "ask copilot",
    "accept all changes", "reject all changes", "next edit", "previous edit",
]


def ide_more(rng: random.Random) -> list[Item]:
    out = _items(IDE_MORE, ("ide", "ide-more"), kinds=EDITOR_KINDS)
    for n in range(1, 10):
        w = number_words(n) if rng.random() < 0.6 else str(n)
        out.append(Item(rng.choice(["fold level", "editor group", "tab", "go to tab",
                                    "split", "cell", "breakpoint", "frame"]) + f" {w}",
                        C, ("ide", "ide-more"), kinds=EDITOR_KINDS))
    return out


# --- windows and apps -------------------------------------------------------------------

MORE_APPS = [
    "chrome", "google chrome", "safari", "firefox", "arc", "brave", "edge", "slack",
    "discord", "zoom", "teams", "microsoft teams", "telegram", "whatsapp", "signal",
    "messages", "mail", "outlook", "spark", "calendar", "fantastical", "notes", "reminders",
    "things", "todoist", "notion", "obsidian", "bear", "evernote", "pages", "numbers",
    "keynote", "word", "excel", "powerpoint", "preview", "finder", "terminal", "iterm",
    "warp", "kitty", "alacritty", "wezterm", "ghostty", "code", "vs code", "visual studio code",
    "cursor", "zed", "sublime", "sublime text", "xcode", "android studio", "intellij",
    "pycharm", "webstorm", "goland", "rider", "figma", "sketch", "photoshop", "lightroom",
    "spotify", "music", "apple music", "podcasts", "vlc", "quicktime", "photos", "maps",
    "system settings", "system preferences", "activity monitor", "console", "postman",
    "insomnia", "docker desktop", "tableplus", "dbeaver", "sequel ace", "1password",
    "linear", "jira", "trello", "asana", "miro", "loom", "obs", "app store", "books",
    "calculator", "clock", "weather", "facetime", "contacts", "textedit", "font book",
]
APP_VERBS = ["focus", "switch to", "launch", "open", "quit", "close", "hide", "show",
             "bring up", "go to", "activate", "start", "kill", "restart", "relaunch"]

WINDOW_MORE = [
    "snap left", "snap right", "snap top left", "snap top right", "snap bottom left",
    "snap bottom right", "snap left third", "snap center third", "snap right two thirds",
    "snap maximize", "snap restore", "snap center", "window maximize", "window minimize",
    "window restore", "window center", "window full", "window left half",
    "window right half", "window top half", "window bottom half", "window next display",
    "window previous display", "move window to next screen", "move window to other monitor",
    "move window to left screen", "throw window right", "throw window left",
    "window larger", "window shrink", "window grow", "window close", "window new",
    "window hide", "window cycle", "window last", "window switch", "full screen",
    "full screen off", "leave full screen", "show desktop", "hide desktop",
    "show all apps", "show app windows", "stage manager", "toggle stage manager",
    "desktop next", "desktop previous", "desktop one", "space left", "space right",
    "hide all", "hide this app", "minimize all", "unminimize", "app next", "app previous",
    "app last", "app quit", "app hide", "app restart", "running apps", "running applications",
    "quit everything", "close all windows", "window tile", "window tile left",
    "tile windows", "untile", "float window", "toggle float", "window swap", "swap windows",
    "focus window left", "focus window right", "focus window above", "focus window below",
    "screenshot", "screenshot screen", "screenshot to clipboard", "screen record",
    "stop recording", "lock computer", "sleep display", "log out", "show notifications",
    "clear notifications", "toggle do not disturb", "focus mode on", "focus mode off",
    "toggle wifi", "toggle bluetooth", "toggle dark mode", "night shift on",
    "brightness up", "brightness down", "show clipboard", "clipboard history",
    "open raycast", "open alfred", "open emoji picker", "character viewer",
]


def window_app_more(rng: random.Random) -> list[Item]:
    out = _items(WINDOW_MORE, ("window-app", "window-more"), kinds=ANY_KINDS)
    for a in MORE_APPS:
        for v in rng.sample(APP_VERBS, 2):
            out.append(Item(f"{v} {a}", C, ("window-app", "app-name"), kinds=ANY_KINDS))
        if rng.random() < 0.3:
            out.append(Item(f"{a} {rng.choice(['focus', 'launch', 'quit', 'hide', 'new window'])}",
                            C, ("window-app", "app-name"), kinds=ANY_KINDS))
    return out


# --- browser, mouse, media ------------------------------------------------------------

BROWSER_MORE = [
    "go back", "go back one page", "back a page", "go forward one page", "bookmark this",
    "bookmark this page", "add bookmark", "open private window", "new private window",
    "new incognito window", "open incognito", "address bar", "go to address bar",
    "focus url", "dev tools", "open console", "browser console", "open network tab",
    "elements panel", "close dev tools", "zoom in", "zoom in twice", "zoom out a bit",
    "zoom to fit", "zoom one hundred", "tab mute", "tab unmute", "tab pin", "tab reload",
    "reload all tabs", "reload without cache", "empty cache and reload", "clear history",
    "open history", "open bookmarks manager", "open extensions", "open password manager",
    "save as pdf", "print this page", "share page", "copy page link", "copy page title",
    "open in new window", "open in background tab", "link new tab", "link copy",
    "show link hints", "hints", "hints new tab", "scroll half page down",
    "scroll half page up", "page top please", "jump to top of page", "next page result",
    "previous page result", "search the web", "search google", "search github",
    "search youtube", "search wikipedia", "search docs", "focus search box",
    "translate page", "reader mode on", "reader mode off", "picture in picture",
    "autofill", "fill password", "open settings tab", "tab overview", "show all tabs",
    "close tabs to the right", "close tabs to the left", "move tab to start",
    "move tab to end", "bookmark all tabs", "restore session", "open new tab page",
]

MOUSE_MORE = [
    "click", "left click", "right click", "double click", "triple click", "middle click",
    "click twice", "click again", "right click that", "control click that",
    "command click that", "shift click here", "drag", "drag here", "drag to here",
    "drag and drop", "drop", "drop here", "start drag", "stop drag", "mouse hold",
    "mouse release", "scroll down", "scroll up", "scroll down more", "scroll up more",
    "scroll down slowly", "scroll up fast", "scroll halfway", "wheel up", "wheel down",
    "wheel left", "wheel right", "wheel stop", "wheel gaze", "wheel downer", "wheel upper",
    "wheel tiny down", "wheel tiny up", "scroll stop", "mouse jump", "mouse nudge left",
    "mouse nudge right", "mouse nudge up", "mouse nudge down", "mouse to top left",
    "mouse to corner", "mouse to screen center", "move mouse here", "curse yes", "curse no",
    "mouse show", "mouse hide", "zoom mouse on", "zoom mouse off", "grid reset",
    "grid win", "grid screen", "grid off", "mouse calibrate", "eye tracker off",
    "tracking on", "tracking off", "head tracking on", "head mouse off",
]

MEDIA_MORE = [
    "play", "pause", "play music", "pause music", "resume playback", "stop playback",
    "skip", "skip this", "skip ahead", "skip intro", "skip back", "go back a track",
    "next episode", "previous episode", "volume down", "volume up", "volume down a bit",
    "volume up a lot", "volume max", "volume min", "volume half", "mute", "mute sound",
    "unmute sound", "toggle mute", "sound off", "sound on", "play faster", "play slower",
    "speed one point five", "speed two x", "playback speed normal", "jump back thirty seconds",
    "seek forward", "seek back", "loop this", "loop off", "shuffle off", "repeat all",
    "like track", "dislike track", "add to playlist", "add to queue", "show queue",
    "play liked songs", "play my playlist", "play lo fi", "full screen video",
    "exit video", "captions off", "audio output headphones", "switch audio to speakers",
]


def browser_more(rng: random.Random) -> list[Item]:
    out = _items(BROWSER_MORE, ("browser", "browser-more"), kinds=BROWSER_KINDS)
    for n in (2, 3, 4, 5, 7):
        out.append(Item(f"go back {count_text(rng, n)} pages", C, ("browser",),
                        kinds=BROWSER_KINDS))
    for n in (50, 67, 75, 175, 200):
        out.append(Item(f"zoom {count_text(rng, n, 0.5)} percent", C, ("browser",),
                        kinds=BROWSER_KINDS))
    return out


def mouse_media_more(rng: random.Random) -> list[Item]:
    out = _items(MOUSE_MORE, ("mouse", "mouse-more"), kinds=ANY_KINDS)
    out += _items(MEDIA_MORE, ("media", "media-more"), kinds=MEDIA_KINDS)
    for n in (2, 3, 5, 6, 8, 15):
        out.append(Item(f"wheel down {count_text(rng, n)}", C, ("mouse",), kinds=ANY_KINDS))
        out.append(Item(f"volume {rng.choice(['up', 'down'])} {count_text(rng, n)}", C,
                        ("media",), kinds=MEDIA_KINDS))
    return out


# --- modes, mic, help, repeat, numbered choices -----------------------------------------

CONTROL_MORE = [
    "sleep", "go to sleep please", "wake", "wake up now", "talon wake up", "talon go to sleep",
    "drowsy", "sleep mode on", "sleep mode off", "voice sleep", "voice wake", "mic mute",
    "mic unmute", "microphone mute", "microphone unmute", "toggle mic", "toggle microphone",
    "switch microphone", "microphone airpods", "microphone system default",
    "microphone headset", "mic test", "dictation on", "dictation off", "start dictating",
    "stop dictating", "dictation mode on", "command mode off", "mode mixed", "mode python",
    "mode markdown", "mode sql", "language python", "language javascript", "force python",
    "force markdown", "clear language", "voice help", "help me out", "help search",
    "help formatters please", "help alphabet please", "help punctuation", "help symbols please",
    "help window", "help browser", "help mouse", "help next page", "help previous page",
    "help hide", "show history", "command history", "toggle history", "history hide",
    "what did I say", "repeat last phrase", "again", "twice", "thrice", "do it twice",
    "do it three times", "repeat three", "repeat four", "repeat 2", "repeat 5", "repeat ten",
    "again three times", "once again", "last command again", "redo that command",
    "choose two", "choose three", "choose one", "pick four", "pick two", "pick 3", "pick 7",
    "choose 1", "choose 5", "number four", "number nine", "option two", "option 3",
    "select option four", "hint one", "hint three", "choose the first one",
    "pick the second one", "choose the last one", "pick the third option",
    "take the first suggestion", "accept first", "accept second", "close hints",
]


def control_more(rng: random.Random) -> list[Item]:
    out = _items(CONTROL_MORE, ("mode", "control-more"), kinds=ANY_KINDS)
    for n in range(2, 12):
        out.append(Item(f"{rng.choice(['repeat', 'again', 'do that', 'repeat that'])} "
                        f"{count_text(rng, n, 0.4)} times", C, ("repeat",), kinds=ANY_KINDS))
        out.append(Item(f"{rng.choice(['choose', 'pick', 'option', 'number', 'select'])} "
                        f"{count_text(rng, n, 0.4)}", C, ("menu-help", "choice"),
                        kinds=ANY_KINDS))
    return out


# --- text navigation and selection ------------------------------------------------------

NAV_VERBS = ["select", "go to", "copy", "cut", "delete", "clear", "jump to", "move to"]
NAV_TARGETS = [
    "next word", "previous word", "end of line", "start of line", "end of paragraph",
    "start of paragraph", "next line", "previous line", "end of file", "start of file",
    "next sentence", "previous sentence", "end of word", "next paragraph",
    "matching bracket", "next comma", "next quote", "next paren", "end of block",
]
TEXT_MORE = [
    "clear line", "clear to start", "clear to end", "copy line down", "copy line up",
    "move line down twice", "duplicate line down", "duplicate selection", "select line down",
    "select line up", "extend selection", "select next occurrence", "select word under cursor",
    "select between quotes", "select inside brackets", "select to matching bracket",
    "select whole file", "select none", "deselect", "collapse selection", "go to last edit",
    "go back to last position", "jump back", "jump forward", "mark here", "go to mark",
    "set mark", "swap selection", "insert line above", "insert line below",
    "delete line above", "delete line below", "delete to end of word", "delete rest of line",
    "delete whole line", "delete empty lines", "trim line", "trim trailing space",
    "capitalize word", "upper word", "lower word", "title word", "swap words",
    "transpose characters", "join with next line", "split line here", "break line",
    "wrap line", "unwrap paragraph", "reflow paragraph", "comment line", "uncomment line",
    "comment block", "toggle line comment", "indent block", "outdent block",
]


def text_nav_more(rng: random.Random) -> list[Item]:
    out = _items(TEXT_MORE, ("text-nav", "text-more"), kinds=TEXT_KINDS)
    for v in NAV_VERBS:
        for t in rng.sample(NAV_TARGETS, 8):
            out.append(Item(f"{v} {t}", C, ("text-nav", "text-more"), kinds=TEXT_KINDS))
    for n in (2, 3, 4, 5, 6, 10):
        unit = rng.choice(["lines", "words", "paragraphs", "characters"])
        verb = rng.choice(["select next", "delete next", "copy next", "select last",
                           "delete last", "clear next"])
        out.append(Item(f"{verb} {count_text(rng, n)} {unit}", C, ("text-nav",),
                        kinds=TEXT_KINDS))
    return out


# --- inserts: dates, snippets, emoji, find/replace, markdown, language commands ----------

INSERT_MORE = [
    "insert date", "insert time", "insert date and time", "insert today", "insert tomorrow",
    "insert iso date", "insert timestamp now", "date insert", "time insert", "date today",
    "insert current time", "insert my email", "insert my name", "insert my address",
    "insert uuid now", "insert lorem", "insert random number", "insert emoji",
    "emoji smile", "emoji thumbs up", "emoji heart", "emoji party", "emoji fire",
    "emoji check", "emoji laugh", "emoji rocket", "emoji eyes", "emoji clap",
    "insert thumbs up emoji", "emoji search", "symbol arrow", "symbol check",
    "snip def", "snip class", "snip test", "snip fixture", "snip main", "snip if",
    "snip for", "snip while", "snip try", "snip import", "snip react component",
    "snip use state", "snip go func", "snip rust test", "snip sql select",
    "find and replace all", "replace this", "replace selection", "replace in file",
    "replace word", "find word under cursor", "find next occurrence", "find last",
    "search for selection", "find todo", "find fixme", "replace next one", "replace skip",
    "markdown heading", "heading one", "heading two", "heading three", "make heading two",
    "markdown bold", "markdown italic", "markdown link", "insert link", "insert image",
    "markdown code block", "code block python", "code fence", "inline code", "block quote",
    "task list", "check box", "insert table", "horizontal rule", "markdown list",
    "state def", "state class", "state if", "state else", "state elif", "state for",
    "state while", "state return", "state import", "state from", "state try",
    "state except", "state with", "state async", "state await", "state yield",
    "state pass", "state break", "state continue", "state raise", "state lambda",
    "state const", "state let", "state var", "state function", "state fn", "state struct",
    "state enum", "state impl", "state match", "state switch", "state case", "state default",
    "import as", "from import", "funky name", "funky main", "funky test", "funk define",
    "public funky", "private funky", "async funky", "method name", "class name",
    "op equals", "op not equals", "op assign", "op arrow", "op lambda", "op and equals",
    "is not none", "is none", "self dot", "this dot", "dot self", "arg self",
    "type hint int", "type hint string", "return type", "type list", "type dict",
    "decorator property", "decorator static", "decorator data class", "print statement",
    "log statement", "assert equal", "assert true", "todo insert", "fix me insert",
    "docstring insert", "doc comment", "insert license", "insert shebang",
]


def insert_more(rng: random.Random) -> list[Item]:
    return _items(INSERT_MORE, ("snippet", "insert-more"), kinds=EDITOR_KINDS)


# --- messaging app commands -------------------------------------------------------------

MESSAGING = [
    "next channel", "previous channel", "next unread", "next unread channel",
    "unread messages", "show unread", "all unreads", "mark read", "mark as read",
    "mark all as read", "mark unread", "jump to conversation", "jump to channel",
    "open direct messages", "show threads", "open threads", "show mentions",
    "show activity", "open saved items", "edit last message", "react thumbs up",
    "add reaction", "reply in thread", "close thread", "scroll to latest",
    "jump to latest message", "search messages", "search in channel",
    "open channel details", "mute channel", "leave channel", "star channel",
    "toggle sidebar slack", "slack next channel", "slack unread", "slack search",
    "slack jump", "discord next server", "discord previous server", "discord mute",
    "discord deafen", "discord next channel", "message next", "message previous",
    "conversation next", "conversation previous", "go to inbox", "archive this",
    "archive conversation", "delete conversation", "pin conversation", "new message",
    "compose new message", "start a new chat", "open emoji panel", "send attachment",
    "upload file", "start huddle", "leave huddle", "toggle camera", "toggle video",
    "share screen", "stop sharing", "raise hand", "lower hand", "leave meeting",
]


def messaging(rng: random.Random) -> list[Item]:
    return _items(MESSAGING, ("messaging-cmd",), kinds=CHAT_APP_KINDS)


FAMILIES = [
    ("formatter-more", 230, formatter_more, None),
    ("symbol-names", 160, symbols_more, None),
    ("ide-more", 180, ide_more, None),
    ("window-app-more", 140, window_app_more, None),
    ("browser-more", 60, browser_more, None),
    ("mouse-media-more", 90, mouse_media_more, None),
    ("control-more", 90, control_more, None),
    ("text-nav-more", 100, text_nav_more, None),
    ("insert-more", 130, insert_more, None),
    ("messaging-cmd", 50, messaging, None),
]

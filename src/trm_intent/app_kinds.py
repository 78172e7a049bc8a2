"""The default window tables: which macOS app (bundle id -> app name) is which kind of window.

Read by :meth:`trm_intent.contract.ContextRules.default` when a model is trained; the rules a
model was trained with are saved in its ``trm_intent.json``, so changing these tables never
changes an exported model. The data generator and the data report read them too.
"""

from __future__ import annotations

EDITORS = {
    "com.microsoft.vscode": "Code",
    "com.todesktop.230313mzl4w4u92": "Cursor",
    "com.apple.dt.xcode": "Xcode",
    "com.jetbrains.pycharm": "PyCharm",
    "com.jetbrains.pycharm.ce": "PyCharm CE",
    "com.jetbrains.intellij": "IntelliJ IDEA",
    "com.jetbrains.intellij.ce": "IntelliJ IDEA CE",
    "com.jetbrains.webstorm": "WebStorm",
    "com.jetbrains.goland": "GoLand",
    "com.jetbrains.rustrover": "RustRover",
    "com.jetbrains.clion": "CLion",
    "com.google.android.studio": "Android Studio",
    "com.sublimetext.4": "Sublime Text",
    "com.sublimetext.3": "Sublime Text",
    "dev.zed.zed": "Zed",
    "org.vim.macvim": "MacVim",
    "org.gnu.emacs": "Emacs",
    "com.panic.nova": "Nova",
    "com.barebones.bbedit": "BBEdit",
    "com.vscodium": "VSCodium",
    "com.exafunction.windsurf": "Windsurf",
    "com.rstudio.desktop": "RStudio",
}
TERMINALS = {
    "com.apple.terminal": "Terminal",
    "com.googlecode.iterm2": "iTerm2",
    "dev.warp.warp-stable": "Warp",
    "com.mitchellh.ghostty": "Ghostty",
    "net.kovidgoyal.kitty": "kitty",
    "org.alacritty": "Alacritty",
    "com.github.wez.wezterm": "WezTerm",
    "co.zeit.hyper": "Hyper",
}
BROWSERS = {
    "com.google.chrome": "Google Chrome",
    "com.apple.safari": "Safari",
    "org.mozilla.firefox": "Firefox",
    "company.thebrowser.browser": "Arc",
    "com.brave.browser": "Brave Browser",
    "com.microsoft.edgemac": "Microsoft Edge",
    "com.operasoftware.opera": "Opera",
    "com.vivaldi.vivaldi": "Vivaldi",
}
CHAT = {
    "com.tinyspeck.slackmacgap": "Slack",
    "com.apple.mobilesms": "Messages",
    "com.hnc.discord": "Discord",
    "com.microsoft.teams2": "Microsoft Teams",
    "com.microsoft.teams": "Microsoft Teams",
    "net.whatsapp.whatsapp": "WhatsApp",
    "ru.keepcoder.telegram": "Telegram",
    "org.whispersystems.signal-desktop": "Signal",
    "com.facebook.archon": "Messenger",
    "us.zoom.xos": "zoom.us",
}
MAIL = {
    "com.apple.mail": "Mail",
    "com.microsoft.outlook": "Microsoft Outlook",
    "com.readdle.smartemail-mac": "Spark",
    "com.superhuman.electron": "Superhuman",
    "com.mimestream.mimestream": "Mimestream",
    "org.mozilla.thunderbird": "Thunderbird",
}
DOCUMENTS = {
    "com.microsoft.word": "Microsoft Word",
    "com.apple.iwork.pages": "Pages",
    "notion.id": "Notion",
    "md.obsidian": "Obsidian",
    "com.apple.notes": "Notes",
    "com.apple.textedit": "TextEdit",
    "net.shinyfrog.bear": "Bear",
    "com.microsoft.onenote.mac": "Microsoft OneNote",
    "com.ulyssesapp.mac": "Ulysses",
    "com.apple.iwork.keynote": "Keynote",
    "com.microsoft.powerpoint": "Microsoft PowerPoint",
    "com.microsoft.excel": "Microsoft Excel",
    "com.apple.iwork.numbers": "Numbers",
    "com.linear": "Linear",
    "com.figma.desktop": "Figma",
    "com.apple.ical": "Calendar",
    "com.apple.reminders": "Reminders",
    "com.culturedcode.thingsmac": "Things",
    "com.agiletortoise.drafts-osx": "Drafts",
}
FINDERS = {
    "com.apple.finder": "Finder",
    "com.binarynights.forklift-mac": "ForkLift",
    "com.cocoatech.pathfinder": "Path Finder",
}
MEDIA = {
    "com.spotify.client": "Spotify",
    "com.apple.music": "Music",
    "org.videolan.vlc": "VLC",
    "com.apple.quicktimeplayerx": "QuickTime Player",
    "com.apple.podcasts": "Podcasts",
    "com.colliderli.iina": "IINA",
    "com.apple.tv": "TV",
}

APPS_BY_KIND: dict[str, dict[str, str]] = {
    "editor": EDITORS,
    "terminal": TERMINALS,
    "browser": BROWSERS,
    "chat": CHAT,
    "mail": MAIL,
    "document": DOCUMENTS,
    "finder": FINDERS,
    "media": MEDIA,
}

BROWSER_TITLES: list[tuple[str, str]] = [
    ("gmail", "mail"),
    ("inbox", "mail"),
    ("outlook", "mail"),
    ("slack", "chat"),
    ("discord", "chat"),
    ("whatsapp", "chat"),
    ("messenger", "chat"),
    ("google docs", "document"),
    ("notion", "document"),
    ("confluence", "document"),
    ("github.dev", "editor"),
    ("codespaces", "editor"),
    ("youtube", "media"),
]

# App names that are no app's display name above but are said or reported for these kinds.
EXTRA_APP_NAMES = {
    "vim": "editor",
    "neovim": "editor",
    "code": "editor",
    "visual studio code": "editor",
    "chrome": "browser",
    "gmail": "mail",
}

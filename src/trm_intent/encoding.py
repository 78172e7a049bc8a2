"""How an utterance and its window become the model's input text.

The window context becomes one prefix token naming the kind of app (``[ctx_editor]``,
``[ctx_chat]`` ...), the TRM's puzzle-embedding slot. The kind comes from three plain
lookup tables saved in the model's ``trm_intent.json``, so a client in another language
reproduces it with a few string comparisons:

1. ``bundle_ids``: lower-cased ``bundle_id`` (first 256 characters) -> kind;
2. else ``app_names``: lower-cased ``app_name`` (first 256 characters) -> kind;
3. else ``unknown`` when both are empty or ``"unknown"``, otherwise ``other``;
4. then, for a browser only, the first ``browser_titles`` substring found in the first
   512 characters of the lower-cased ``window_title`` names the web app's kind (Gmail -> mail, ...).

The token ids are that context token's id followed by the tokenizer's ids of the
transcript, cut to ``max_chars`` characters first and truncated to ``max_tokens - 1``
tokens (see :class:`InputEncoder`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from tokenizers import Tokenizer

from .schema import WindowContext

CONTEXT_KINDS: tuple[str, ...] = (
    "unknown", "other", "editor", "terminal", "browser", "chat", "mail", "document",
    "finder", "media",
)


def context_token(kind: str) -> str:
    """The special token that stands for a context kind."""
    return f"[ctx_{kind}]"


_EDITORS = {
    "com.microsoft.vscode": "Code", "com.todesktop.230313mzl4w4u92": "Cursor",
    "com.apple.dt.xcode": "Xcode", "com.jetbrains.pycharm": "PyCharm",
    "com.jetbrains.pycharm.ce": "PyCharm CE", "com.jetbrains.intellij": "IntelliJ IDEA",
    "com.jetbrains.intellij.ce": "IntelliJ IDEA CE", "com.jetbrains.webstorm": "WebStorm",
    "com.jetbrains.goland": "GoLand", "com.jetbrains.rustrover": "RustRover",
    "com.jetbrains.clion": "CLion", "com.google.android.studio": "Android Studio",
    "com.sublimetext.4": "Sublime Text", "com.sublimetext.3": "Sublime Text",
    "dev.zed.zed": "Zed", "org.vim.macvim": "MacVim", "org.gnu.emacs": "Emacs",
    "com.panic.nova": "Nova", "com.barebones.bbedit": "BBEdit", "com.vscodium": "VSCodium",
    "com.exafunction.windsurf": "Windsurf", "com.rstudio.desktop": "RStudio",
}
_TERMINALS = {
    "com.apple.terminal": "Terminal", "com.googlecode.iterm2": "iTerm2", "dev.warp.warp-stable":
    "Warp", "com.mitchellh.ghostty": "Ghostty", "net.kovidgoyal.kitty": "kitty",
    "org.alacritty": "Alacritty", "com.github.wez.wezterm": "WezTerm", "co.zeit.hyper": "Hyper",
}
_BROWSERS = {
    "com.google.chrome": "Google Chrome", "com.apple.safari": "Safari",
    "org.mozilla.firefox": "Firefox", "company.thebrowser.browser": "Arc",
    "com.brave.browser": "Brave Browser", "com.microsoft.edgemac": "Microsoft Edge",
    "com.operasoftware.opera": "Opera", "com.vivaldi.vivaldi": "Vivaldi",
}
_CHAT = {
    "com.tinyspeck.slackmacgap": "Slack", "com.apple.mobilesms": "Messages",
    "com.hnc.discord": "Discord", "com.microsoft.teams2": "Microsoft Teams",
    "com.microsoft.teams": "Microsoft Teams", "net.whatsapp.whatsapp": "WhatsApp",
    "ru.keepcoder.telegram": "Telegram", "org.whispersystems.signal-desktop": "Signal",
    "com.facebook.archon": "Messenger", "us.zoom.xos": "zoom.us",
}
_MAIL = {
    "com.apple.mail": "Mail", "com.microsoft.outlook": "Microsoft Outlook",
    "com.readdle.smartemail-mac": "Spark", "com.superhuman.electron": "Superhuman",
    "com.mimestream.mimestream": "Mimestream", "org.mozilla.thunderbird": "Thunderbird",
}
_DOCUMENTS = {
    "com.microsoft.word": "Microsoft Word", "com.apple.iwork.pages": "Pages",
    "notion.id": "Notion", "md.obsidian": "Obsidian", "com.apple.notes": "Notes",
    "com.apple.textedit": "TextEdit", "net.shinyfrog.bear": "Bear",
    "com.microsoft.onenote.mac": "Microsoft OneNote", "com.ulyssesapp.mac": "Ulysses",
    "com.apple.iwork.keynote": "Keynote", "com.microsoft.powerpoint": "Microsoft PowerPoint",
    "com.microsoft.excel": "Microsoft Excel", "com.apple.iwork.numbers": "Numbers",
    "com.linear": "Linear", "com.figma.desktop": "Figma", "com.apple.ical": "Calendar",
    "com.apple.reminders": "Reminders", "com.culturedcode.thingsmac": "Things",
    "com.agiletortoise.drafts-osx": "Drafts",
}
_FINDERS = {"com.apple.finder": "Finder", "com.binarynights.forklift-mac": "ForkLift",
            "com.cocoatech.pathfinder": "Path Finder"}
_MEDIA = {
    "com.spotify.client": "Spotify", "com.apple.music": "Music", "org.videolan.vlc": "VLC",
    "com.apple.quicktimeplayerx": "QuickTime Player", "com.apple.podcasts": "Podcasts",
    "com.colliderli.iina": "IINA", "com.apple.tv": "TV",
}

_GROUPS = {"editor": _EDITORS, "terminal": _TERMINALS, "browser": _BROWSERS, "chat": _CHAT,
           "mail": _MAIL, "document": _DOCUMENTS, "finder": _FINDERS, "media": _MEDIA}

_BROWSER_TITLES = [
    ("gmail", "mail"), ("inbox", "mail"), ("outlook", "mail"), ("slack", "chat"),
    ("discord", "chat"), ("whatsapp", "chat"), ("messenger", "chat"), ("google docs", "document"),
    ("notion", "document"), ("confluence", "document"), ("github.dev", "editor"),
    ("codespaces", "editor"), ("youtube", "media"),
]


class ContextRules(BaseModel):
    """The lookup tables that name a window's kind (saved in the model's JSON)."""

    model_config = ConfigDict(frozen=True)

    enabled: bool = Field(default=True, description="False maps every window to unknown (ablation).")
    bundle_ids: dict[str, str] = Field(default_factory=dict)
    app_names: dict[str, str] = Field(default_factory=dict)
    browser_titles: list[tuple[str, str]] = Field(default_factory=list)

    @classmethod
    def default(cls, enabled: bool = True) -> ContextRules:
        bundle_ids = {b: kind for kind, table in _GROUPS.items() for b in table}
        app_names = {name.lower(): kind for kind, table in _GROUPS.items()
                     for name in table.values()}
        app_names.update({"vim": "editor", "neovim": "editor", "code": "editor",
                          "visual studio code": "editor", "chrome": "browser", "gmail": "mail"})
        return cls(enabled=enabled, bundle_ids=bundle_ids, app_names=app_names,
                   browser_titles=_BROWSER_TITLES)

    def kind(self, context: WindowContext) -> str:
        """The kind of app the window belongs to (one of CONTEXT_KINDS)."""
        if not self.enabled:
            return "unknown"
        bundle = context.bundle_id[:256].strip().lower()
        app = context.app_name[:256].strip().lower()
        kind = self.bundle_ids.get(bundle) or self.app_names.get(app)
        if kind is None:
            kind = "unknown" if {bundle, app} <= {"", "unknown"} else "other"
        if kind == "browser" and context.window_title:
            title = context.window_title[:512].lower()
            for needle, title_kind in self.browser_titles:
                if needle in title:
                    return title_kind
        return kind


class InputEncoder:
    """Transcript + window -> token ids: ``[ctx id] + tokenizer(transcript[:max_chars])``.

    The transcript is tokenized alone (no special tokens, truncated to ``max_tokens - 1``)
    and the context token's id is put in front.
    """

    def __init__(self, tokenizer: Tokenizer, rules: ContextRules, max_chars: int,
                 max_tokens: int) -> None:
        self.tokenizer, self.rules, self.max_chars = tokenizer, rules, max_chars
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=max_tokens - 1)
        self.context_ids = {}
        for kind in CONTEXT_KINDS:
            token_id = tokenizer.token_to_id(context_token(kind))
            if token_id is None:
                raise ValueError(f"the tokenizer has no {context_token(kind)} token")
            self.context_ids[kind] = token_id

    def encode(self, transcript: str, context: WindowContext) -> list[int]:
        ids = self.tokenizer.encode(transcript[: self.max_chars], add_special_tokens=False).ids
        return [self.context_ids[self.rules.kind(context)], *ids]

    def encode_batch(self, transcripts: list[str], contexts: list[WindowContext]) -> list[list[int]]:
        encoded = self.tokenizer.encode_batch([t[: self.max_chars] for t in transcripts],
                                              add_special_tokens=False)
        return [[self.context_ids[self.rules.kind(c)], *e.ids] for e, c in zip(encoded, contexts)]

"""Windows whose title, or an app outside every table, decides: seeded families.

Every record of these families is placed in an exact window (``Item.windows``): an app name,
a bundle id and a window title, one drawn per record. The families:

- ``win-shell-line``: command lines for a broad vocabulary of tools (infrastructure,
  containers, package managers, build and test tools, system tools, databases, git and gh,
  editors started from a shell), spoken at a shell prompt, as dictation (``LABELING.md``: at
  a prompt every command line is text to type). Flags are written as typed (``-n staging``)
  or as spoken (``dash n staging``).
- ``win-shell-command``: the tool's own closed set said in the same shell windows ("clear",
  "control c", "new tab", "scratch that", explicit ``shell``/``type`` commands), so the
  window is evidence and not a switch.
- ``win-terminal-tui``: terminals whose title names what runs: vim, nvim, helix or emacs
  editing a file (editor commands are commands, comments and prose are dictation); htop,
  btop, k9s, lazydocker, less and man pages (navigation words are commands).
- ``win-terminal-chat``: terminal chat and mail clients (WeeChat, irssi, gomuks, aerc,
  neomutt): messages and replies are dictation.
- ``win-browser-app``: browsers showing web apps of every kind: chat and mail (messages are
  dictation), video and slides (player and deck controls are commands), documents (prose is
  dictation), search pages (queries are dictation).
- ``win-unlisted-app``: apps outside every table of ``trm_intent/app_kinds.py`` (chat and
  mail clients, writing apps, developer tools, media players, utilities): vozctl commands
  and the app's own commands are commands, text said where the title shows a text field (a
  thread, a draft, a note, a commit box, a query editor) is dictation.
- ``win-title-flip``: short words that are both a reply and a command ("Done.", "Skip.",
  "Play."), said in a chat or mail window known only by its title as dictation and in a
  window whose title shows a video, deck, file browser, code file or shell as a command;
  both sides are tagged ``context-flip``.

Where the words alone decide (a shell line, a sentence, a clear vozctl command), about one
record in nine is said in the client's fallback window instead (``unknown``, no title), as in
the other families.

Every phrase, command line and window title here was written for this project, without
looking at any evaluation or holdout set.
"""

from __future__ import annotations

import itertools
import random
import re

from common import Item

C, D = "command", "dictation"
Window = tuple[str, str, str]

# --- windows: terminals at a shell prompt ---------------------------------------------------

TERMINAL_APPS: dict[str, str] = {
    "Terminal": "com.apple.Terminal",
    "iTerm2": "com.googlecode.iterm2",
    "Warp": "dev.warp.Warp-Stable",
    "Ghostty": "com.mitchellh.ghostty",
    "kitty": "net.kovidgoyal.kitty",
    "Alacritty": "org.alacritty",
    "WezTerm": "com.github.wez.wezterm",
    "Hyper": "co.zeit.hyper",
}

SHELL_TITLES: dict[str, list[str]] = {
    "Terminal": [
        "-zsh",
        "bash — 80×24",
        "lwu — -zsh — 80×24",
        "~/src/infra — -zsh — 120×40",
        "api — -zsh — 100×30",
        "ana@mbp: ~/dev/shop",
        "ssh deploy@prod-web-3",
        "tmux: main",
        "root@build-runner-2: /srv/ci",
    ],
    "iTerm2": [
        "1. zsh",
        "2. -zsh",
        "~/src/api (zsh)",
        "lwu@mbp: ~/src/api",
        "tmux: main",
        "ssh deploy@prod-web-3",
        "3. bash",
        "~/work/terraform-live (-zsh)",
    ],
    "Warp": ["~/src/api", "~/work/infra/k8s", "zsh", "~/code/mobile-app", "ubuntu@ip-10-0-3-17: ~"],
    "Ghostty": ["zsh", "~/dotfiles", "ana@mbp:~/code/shop", "fish /Users/ana/dev", "-zsh"],
    "kitty": ["zsh", "fish /Users/ana/dev", "~/src/blog", "bash", "ssh bastion"],
    "Alacritty": ["Alacritty", "zsh", "tmux: work", "~/projects/ml-pipeline"],
    "WezTerm": ["zsh", "[1/2] zsh", "~/src/api", "bash — deploy@db-2"],
    "Hyper": ["zsh", "~/Desktop", "bash", "~/sites/portfolio"],
}

# Integrated terminals of editors: the title names the shell and the project.
IDE_SHELL_WINDOWS: list[Window] = [
    ("Code", "com.microsoft.VSCode", "zsh — infra"),
    ("Code", "com.microsoft.VSCode", "bash — api-server — Terminal"),
    ("PyCharm", "com.jetbrains.pycharm", "billing – Terminal: Local"),
    ("IntelliJ IDEA", "com.jetbrains.intellij", "kafka-tools – Terminal: Local"),
]

SHELL_WINDOWS: tuple[Window, ...] = tuple(
    [(app, TERMINAL_APPS[app], title) for app, titles in SHELL_TITLES.items() for title in titles]
    + IDE_SHELL_WINDOWS
)


# Where the words alone decide (a shell line, a sentence), about one record in nine is said
# in the client's fallback window, as in the other families: with no title, the words decide.
UNKNOWN_WINDOW: Window = ("unknown", "unknown", "")


def _plus_unknown(windows: tuple[Window, ...]) -> tuple[Window, ...]:
    return windows + (UNKNOWN_WINDOW,) * max(1, round(len(windows) / 8))


def _term(app: str, title: str) -> Window:
    return (app, TERMINAL_APPS[app], title)


# --- shell lines ------------------------------------------------------------------------------
# Templates: ``{a|b|c}`` picks one alternative (an empty one drops the slot). Each template
# gives a few lines drawn from its combinations.

SHELL_TEMPLATES: list[str] = [
    # infrastructure
    "kubectl {get|describe} {pods|deployments|services} {-n staging|-n payments|--all-namespaces|-A|}",
    "kubectl {get|describe} {nodes|ingress|configmaps} {-n staging|-n payments|--all-namespaces|-A|}",
    "kubectl logs {-f|--tail=200} {deploy/api|worker-0|api-7d9f8c6b5-x2kqp} {-n prod|-n staging|}",
    "kubectl apply -f {k8s/|deploy.yaml|manifests/ingress.yaml|.}",
    "kubectl delete {pod|job} {api-7d9f8c6b5-x2kqp|migrate-db|cron-cleanup-2891} {-n staging|}",
    "kubectl rollout {restart|status|undo|history} deployment/{api|web|worker}",
    "kubectl config {use-context|set-context --current --namespace} {prod-eu|staging|minikube}",
    "kubectl config get-contexts",
    "kubectl port-forward {svc/grafana 3000:80|svc/postgres 5432:5432} {-n monitoring|}",
    "kubectl port-forward svc/prometheus 9090:9090 {-n monitoring|}",
    "kubectl exec -it {api-0|redis-master-0|web-5f7c} -- {sh|bash}",
    "kubectl scale deployment {web|worker|api} --replicas={0|3|5}",
    "kubectl top {pods|nodes} {-n prod|}",
    "kubectl create {namespace|ns} {observability|preview-412}",
    "kubectl get events --sort-by=.metadata.creationTimestamp {-n staging|}",
    "helm {list|ls} {-A|-n monitoring|}",
    "helm {install|upgrade --install} {grafana grafana/grafana|ingress-nginx ingress-nginx/ingress-nginx}",
    "helm {install|upgrade --install} {redis bitnami/redis|api ./charts/api} {-n prod|-f values-prod.yaml|}",
    "helm repo {update|list|add bitnami https://charts.bitnami.com/bitnami}",
    "helm {uninstall|rollback|history} {api|grafana|redis} {-n prod|}",
    "helm template {./charts/api|./charts/web} {-f values-prod.yaml|}",
    "terraform {init|plan|validate|fmt -recursive|output|providers|graph}",
    "terraform {plan|apply} {-out=tfplan|-auto-approve|-target=module.vpc|-var-file=prod.tfvars}",
    "terraform state {list|show aws_s3_bucket.logs}",
    "terraform state {rm module.legacy_dns|mv aws_instance.web aws_instance.app}",
    "terraform workspace {select prod|list|new staging|show}",
    "terraform import aws_iam_role.{ci|deployer} {ci-role|deploy-role}",
    "pulumi {up|preview|destroy|refresh} {--yes|-s dev|-s prod|}",
    "pulumi stack {ls|select staging|output|init feature-x}",
    "pulumi config set {aws:region eu-west-1|aws:region us-east-1|dbPassword --secret}",
    "aws s3 ls s3://{acme-logs|acme-backups|static-site-prod}{/2024/|}",
    "aws s3 cp {report.csv|build.zip|dump.sql.gz} s3://{acme-artifacts|acme-backups}/",
    "aws s3 sync {dist|./public|build} s3://{www-acme|docs-site} {--delete|}",
    "aws sts get-caller-identity {--profile staging|}",
    "aws ec2 describe-instances {--region us-west-2|--output table|--filters Name=tag:env,Values=prod}",
    "aws lambda {list-functions|invoke --function-name resize-images out.json}",
    "aws lambda get-function --function-name ingest",
    "aws logs tail /aws/lambda/{resize-images|ingest|auth} {--follow|--since 1h}",
    "aws configure {--profile staging|list|sso}",
    "aws ecr get-login-password {--region eu-west-1|}",
    "gcloud {auth login|config list|projects list|compute instances list|components update}",
    "gcloud config set project {acme-prod|acme-dev-3141}",
    "gcloud container clusters get-credentials {prod|dev} --region {us-central1|europe-west1}",
    "gcloud run deploy {api|frontend} --source . {--region us-east1|}",
    "gcloud {functions logs read thumbnailer|sql instances list|storage ls gs://acme-ml}",
    "az {login|account show|group list|vm list -o table|acr login --name acmeregistry}",
    "az aks get-credentials -g {rg-prod|rg-dev} -n {aks-prod|aks-dev}",
    "az webapp {log tail|restart} --name {acme-web|acme-api} -g rg-prod",
    "doctl {compute droplet list|kubernetes cluster list|apps list|auth init|registry login}",
    "{flyctl|fly} {deploy|logs|status|launch|ssh console|secrets list|scale count 2|apps list}",
    "vault {status|login -method=oidc|kv get secret/api|token lookup|secrets list}",
    "vault kv put secret/{db|smtp} {password=changeme|user=app}",
    "consul {members|catalog services|kv get config/api|kv put config/api/timeout 30s}",
    "nomad {job status|node status|job run api.nomad|alloc logs -f 3f2a91c0|job stop web}",
    "ansible-playbook {site.yml|deploy.yml} -i {inventory/prod|hosts.ini} {--check|--limit web}",
    "ansible-playbook {site.yml|deploy.yml} -i {inventory/prod|hosts.ini} {--tags nginx|}",
    "ansible-playbook bootstrap.yml -i {inventory/prod|hosts.ini} {--check|--limit web|--tags nginx|}",
    "ansible {all|webservers} -m {ping|setup} -i {inventory/staging|hosts.ini}",
    "ansible-vault {edit|encrypt|view} group_vars/{prod|all}/vault.yml",
    # containers
    "docker {ps -a|images|system prune -af|volume ls|network ls|stats|info|system df}",
    "docker run {--rm -it|-it} {ubuntu:24.04|alpine|python:3.12-slim|node:20} {bash|sh}",
    "docker run -d -p {5432:5432 --name pg postgres:16|6379:6379 --name cache redis:7}",
    "docker run -d -p 8080:80 --name web nginx",
    "docker build -t {api:dev|acme/web:latest|worker:test} {.|-f Dockerfile.prod .}",
    "docker exec -it {web sh|web bash|db psql -U postgres|cache redis-cli|worker python manage.py shell}",
    "docker logs {-f|--tail 100|--since 10m} {api|worker|nginx}",
    "docker {stop|rm -f|restart|inspect} {api|db|web-1}",
    "docker {pull|push} {acme/api:1.8.2|ghcr.io/acme/web:main|redis:7}",
    "docker compose {up -d|down|down -v|ps|build --no-cache|pull|config}",
    "docker compose {logs -f|restart|exec} {api|worker|db}",
    "docker-compose {up --build|down --remove-orphans|run --rm web rake db:migrate}",
    "podman {ps -a|images|machine start|machine stop|pod ls|system prune}",
    "podman run --rm -it {fedora|registry.access.redhat.com/ubi9} bash",
    "podman build -t {app|localhost/app:dev} .",
    "buildah {bud -t app .|images|from alpine|containers}",
    # package managers
    "brew {install|uninstall|upgrade|info} {jq|ripgrep|fd|node@20|postgresql@16|fzf|gh|tmux|neovim}",
    "brew services {start|restart|stop} {postgresql@16|redis|nginx}",
    "brew {doctor|cleanup|outdated|services list|autoremove}",
    "brew install --cask {firefox|iterm2|visual-studio-code|rectangle|obs}",
    "sudo apt {install|remove} {-y|} {build-essential|nginx|htop|curl|libpq-dev}",
    "sudo apt {upgrade -y|autoremove|full-upgrade}",
    "apt {search|show} {libssl|postgresql|ffmpeg}",
    "sudo dnf {install|remove} {-y|} {git|gcc|podman|vim-enhanced}",
    "dnf {search|info} {nodejs|golang|python3-devel}",
    "sudo pacman {-S|-Rns} {neovim|base-devel|docker|firefox}",
    "sudo pacman -Syu",
    "pacman -Qs {python|rust|qt}",
    "sudo port install {wget|gnupg2|coreutils}",
    "port {installed|outdated|search ffmpeg}",
    "nix {develop|build|flake update|flake check|run nixpkgs#hello|shell nixpkgs#nodejs}",
    "nix-env -iA nixpkgs.{ripgrep|jq|direnv}",
    "{home-manager switch|darwin-rebuild switch --flake .|nix-collect-garbage -d}",
    "npm {install|i} {-D|--save-dev|} {typescript|eslint|vitest|@types/node|zod|tsx}",
    "npm run {lint|test:watch|typecheck|start|format|storybook|db:migrate}",
    "npm {ci|audit fix|outdated|version patch|ls react|cache clean --force|login}",
    "npx {prisma migrate dev|create-next-app@latest my-app|tsc --noEmit|prettier --write .|playwright test}",
    "pnpm {add|remove} {-D|} {react-query|dayjs|tailwindcss|@biomejs/biome}",
    "pnpm {install|dev|build|-r test|dlx create-vite|--filter web dev|why lodash}",
    "yarn {add|remove} {-D|} {lodash|axios|prettier|@testing-library/react}",
    "yarn {install --frozen-lockfile|dev|lint|build|workspace web test|why react-dom}",
    "bun {install|run dev|test|add hono|x prettier --check .|build ./index.ts --outdir dist}",
    "pip install {-U|} {requests|pandas|fastapi|uvicorn|polars|-e .|'uvicorn[standard]'}",
    "pip {freeze > requirements.txt|show torch|uninstall -y numpy|check|download wheel}",
    "pipx {install|upgrade|uninstall} {ruff|black|httpie|poetry|pre-commit}",
    "pipx {list|upgrade-all|ensurepath}",
    "poetry {add|remove} {httpx|pydantic|--group dev pytest|sqlalchemy}",
    "poetry {lock|shell|build|publish|run pytest|env info|version minor}",
    "uv {add|remove} {polars|rich|typer|--dev pytest-cov}",
    "uv {run pytest -q|lock --upgrade|venv|pip install -r requirements.txt}",
    "uv {tool install ruff|python install 3.12|sync --all-extras}",
    "conda {create -n ml python=3.11|activate ml|deactivate}",
    "conda {env list|install -c conda-forge gdal|env export > environment.yml}",
    "gem {install|uninstall} {bundler|rails|rubocop|cocoapods}",
    "bundle {install|exec rspec|exec rails s|update nokogiri|exec rake db:migrate|outdated}",
    "cargo {add|remove} {serde|anyhow|clap|'tokio --features full'|thiserror}",
    "cargo {check|clippy|fmt|doc --open|bench|run --release|build --release|update|tree}",
    "cargo {test -- --nocapture|install cargo-watch|watch -x test}",
    "cargo {build --target wasm32-unknown-unknown|publish --dry-run}",
    "go {mod tidy|build ./...|vet ./...|test -race ./...|generate ./...|work sync|mod download}",
    "go get {github.com/spf13/cobra|github.com/stretchr/testify|golang.org/x/sync}@latest",
    "go install {golang.org/x/tools/gopls|github.com/go-delve/delve/cmd/dlv}@latest",
    "rustup {update|default stable|target add aarch64-apple-darwin}",
    "rustup {component add rust-analyzer|toolchain install nightly}",
    "mvn {clean install|test|package -DskipTests}",
    "mvn {dependency:tree|spring-boot:run|versions:display-dependency-updates}",
    "./gradlew {build|test|clean|bootRun|assembleDebug|dependencies|spotlessApply}",
    "sbt {compile|test|run|console|~testQuick|assembly}",
    "mix {deps.get|test|phx.server|ecto.migrate|format|compile --warnings-as-errors}",
    "iex -S mix {phx.server|}",
    "cabal {build|run|update|repl|test}",
    "stack {build|test|ghci|setup|exec -- my-app}",
    "composer {install|update|dump-autoload|require guzzlehttp/guzzle|require --dev phpunit/phpunit}",
    "dotnet {build|run|test|restore|watch run|ef database update|new console -o demo|add package Serilog}",
    "swift {build|test|run|package resolve|package init --type executable|build -c release}",
    "deno {run main.ts|task dev|fmt|lint|test --allow-net}",
    "php artisan {migrate|serve|tinker|queue:work|make:model Invoice}",
    "bin/rails {console|db:migrate|routes|generate model Order total:decimal}",
    # build and test
    "make {build|install|lint|fmt|release|docker|deploy|help|-j8|check}",
    "cmake {-S . -B build|--build build|--build build --parallel}",
    "cmake {-DCMAKE_BUILD_TYPE=Release ..|--install build}",
    "ninja {-C build|-C build clean|-t targets|-C out/Debug}",
    "bazel {build //...|test //server:all|run //cmd/api|clean --expunge|query 'deps(//app)'}",
    "just {test|build|deploy staging|--list|fmt|bench}",
    "tox {-e py312|-e lint|-p|-r}",
    "nox {-s tests|-s lint|--list|-s docs}",
    "pytest {-k test_parse|-x -q|--lf|-vv tests/test_api.py|--cov=src|-n auto|-m 'not slow'|--pdb}",
    "npx jest {--watch|--coverage|src/utils|-t 'renders header'}",
    "npx vitest {run|--ui|related src/api.ts|bench}",
    "{ruff check --fix|ruff format .|mypy --strict src|black .|isort .|pre-commit run --all-files}",
    "{eslint --fix src|prettier --check .|tsc -b|biome check --write .}",
    # system tools
    "sudo systemctl {restart|status|enable|stop|reload} {nginx|docker|postgresql|sshd|caddy}",
    "systemctl --user {daemon-reload|restart syncthing|status pipewire}",
    "journalctl {-u nginx -f|-xe|--since today|-u api --since '1 hour ago'|--disk-usage|-b -p err}",
    "launchctl {list|load|unload} {~/Library/LaunchAgents/com.acme.sync.plist|}",
    "launchctl kickstart -k gui/501/com.acme.{agent|updater}",
    "ps {aux|-ef} | grep {node|python|postgres|java}",
    "kill {-9|-TERM|} {4821|12345|9911}",
    "{killall|pkill -f} {node|Dock|Finder|gunicorn|webpack}",
    "lsof -i {:3000|:8080|tcp:5432|:5173}",
    "sudo lsof -nP -iTCP -sTCP:LISTEN",
    "du -sh {*|node_modules|~/Library/Caches|.git|/var/log}",
    "du -h -d 1 {.|~} | sort -h",
    "df -h {/|/System/Volumes/Data|}",
    "top -o {cpu|mem} {-n 20|}",
    "tar {-czf backup.tar.gz src|-xzf release.tar.gz|-tvf archive.tar|-xf data.tar -C /tmp}",
    "zip -r {site.zip dist|logs.zip logs|submission.zip report.pdf src}",
    "unzip {fonts.zip|export.zip -d export|-l bundle.zip}",
    "rsync -avz {--progress|--delete|--dry-run} {dist/|./build/|photos/} deploy@web-1:/var/www/site",
    "rsync -avz {--progress|--delete|--dry-run} {dist/|./build/|photos/} backup:/srv/app",
    "rsync -avz {--progress|--delete|--dry-run} {dist/|./build/|photos/} nas.local:/volume1/photos",
    "scp {dump.sql|id_ed25519.pub|report.pdf} {deploy@db-2:/tmp|ana@nas.local:~|bastion:}",
    "scp {-r|} deploy@web-1:/var/log/nginx {./logs|.}",
    "ssh {deploy@prod-web-3|ubuntu@10.0.0.12|bastion}",
    "ssh {-i ~/.ssh/aws.pem ec2-user@ci-runner|pi@raspberrypi.local}",
    "ssh -L {5432:localhost:5432|8080:localhost:80} {bastion|deploy@db-2}",
    "ssh-keygen -t ed25519 -C {ana@acme.dev|lwu@work}",
    "ssh-add {~/.ssh/id_ed25519|-l|-D}",
    "curl {-I|-sS|-v|-fsSL} {https://api.acme.dev/health|localhost:8000/metrics}",
    "curl {-I|-sS|-v|-fsSL} http://localhost:3000/api/users",
    "curl -X {POST|PUT} localhost:{3000|8080}/api/{login|users/42|orders} -d @body.json",
    "curl -X DELETE localhost:{3000|8080}/api/{users/42|orders/17|sessions}",
    "curl -H 'Content-Type: application/json' -d @order.json localhost:8080/api/orders",
    "wget {-O data.zip https://example.com/data.zip|-r -np https://docs.example.com}",
    "wget -c https://example.com/ubuntu.iso",
    "jq {.items[].name|length|-r .token|.dependencies|keys} {response.json|package.json|out.json}",
    "cat package.json | jq .scripts",
    "cat composer.json | jq .require",
    "cat events.json | jq '.[0]'",
    "yq {.spec.replicas|'.image.tag'|-i '.replicaCount = 3'} {values.yaml|deploy.yaml}",
    "sed -i '' 's/{foo/bar|v1/v2|localhost/127.0.0.1}/g' {config.yml|README.md|.env.example}",
    "sed -n '{10,20p|1,5p|/ERROR/p}' {app.log|server.log}",
    "awk '{print $1}' {access.log|hosts.txt} | sort | uniq -c",
    "awk -F, '{print $3}' {users.csv|orders.csv}",
    "grep -rn {TODO|FIXME|api_key|console.log} {src|.|lib}",
    "grep -i {error|timeout|panic} {app.log|/var/log/syslog|worker.log}",
    "grep -v '^#' {nginx.conf|sshd_config|.env}",
    "rg {useEffect|'fn main'|deprecated|unwrap} {-t py|-t rust|--hidden|-l|-i|}",
    "fd {-e py|-H .env|test_ src|-e log -x rm|Dockerfile}",
    "find . -name {'*.pyc'|node_modules|'*.log'|.DS_Store} {-delete|-type d|-mtime +7|-type f}",
    "find {.|~/Downloads} -size +{100M|1G} {-type f|}",
    "fd -e orig | xargs rm",
    "git branch --merged | grep -v main | xargs git branch -d",
    "{ls *.png|find . -name '*.heic'} | xargs -n 1 {echo|basename}",
    "chmod {+x|755|600|-R g+w} {deploy.sh|scripts/build.sh|~/.ssh/id_ed25519|shared}",
    "sudo chown -R {www-data:www-data|$USER|ana:staff} {/var/www|/usr/local/lib/node_modules|./data}",
    "ln -s {~/dotfiles/zshrc ~/.zshrc|../shared/config.yaml config.yaml}",
    "ln -s /opt/homebrew/bin/python3 ~/bin/python",
    "mkdir -p {~/src/acme/tools|infra/modules/vpc|.github/workflows|data/processed}",
    "openssl {rand -hex 32|rand -base64 24}",
    "openssl {x509 -in cert.pem -noout -dates|s_client -connect api.acme.dev:443}",
    "openssl req -new -newkey rsa:{2048|4096} -nodes -keyout {key.pem|server.key} -out {csr.pem|server.csr}",
    "dig {+short|MX|TXT|@1.1.1.1} {api.acme.dev|acme.dev|example.com}",
    "nc -zv {db-1|localhost|redis.internal} {5432|6379|443}",
    "nc -l {9000|4444}",
    "{watch -n 2 kubectl get pods|watch -n 5 df -h|watch docker ps}",
    "tmux {new -s work|attach -t work|ls|kill-session -t old|new -s deploy}",
    "export {AWS_PROFILE=staging|NODE_ENV=production|KUBECONFIG=~/.kube/prod|RUST_LOG=debug}",
    "source {.venv/bin/activate|~/.zshrc|.env|venv/bin/activate.fish}",
    "cd {~/src/infra|../web|~/Downloads|-|/tmp|~/work/terraform-live/prod}",
    "ls {-lah|-1|-lt|-R} {src|~/Downloads|/etc/nginx|}",
    "history | grep {deploy|kubectl|ssh}",
    "alias {k=kubectl|g=git|tf=terraform}",
    "which {node|python3|psql|terraform}",
    "env | grep {AWS|KUBE|PATH}",
    "python3 -m {http.server 8000|venv .venv|pip install --upgrade pip|json.tool data.json}",
    "{node|python3|go|rustc|java} --version",
    "{direnv allow|tldr tar|man rsync|fzf|lazygit|tig|ncdu ~}",
    # databases
    "psql {-h localhost -U postgres|-d analytics|postgres://app@db-1/app|-U app -d orders}",
    "psql -d {analytics|app} -c '{select count(*) from events|\\dt|select now()}'",
    "psql -f migrations/{004_add_index.sql|012_backfill_users.sql}",
    "{pg_dump|pg_restore} {-Fc app > app.dump|-d app app.dump}",
    "mysql -u root -p {shop|wordpress|}",
    "mysqldump -u root {shop|blog} > {shop.sql|backup.sql}",
    "sqlite3 {app.db|data/cache.sqlite|db.sqlite3} {.tables|'.schema users'|}",
    "redis-cli {ping|monitor|flushall|info memory|keys 'session:*'|-h cache-1 dbsize}",
    "mongosh {mongodb://localhost:27017/app|--eval 'db.users.countDocuments()'|mongodb://mongo-1/reports}",
    # git and gh
    "git {switch|switch -c} {main|feature/login|fix/flaky-test|release/2.4}",
    "git rebase -i {HEAD~3|origin/main|HEAD~5}",
    "git rebase {--continue|--abort|--skip|origin/main}",
    "git cherry-pick {a1b2c3d|4f9e2aa|--continue}",
    "git restore {--staged|} {src/app.ts|.|package-lock.json}",
    "git commit {--amend|--amend --no-edit|-am 'bump version'|--fixup HEAD~1}",
    "git push {-u origin feature/login|--force-with-lease|origin --tags|origin HEAD}",
    "git log {--oneline --graph|-p src/parser.py|--since yesterday|--author ana|-n 5}",
    "git {bisect start|bisect good|bisect bad|bisect reset|reflog|diff --staged|stash list|show HEAD}",
    "git {worktree add ../hotfix hotfix|submodule update --init --recursive|clean -fdx}",
    "git {tag v1.4.0|gc --prune=now}",
    "git diff {main...HEAD|HEAD~1 --stat|origin/main -- src}",
    "git remote {add upstream git@github.com:acme/api.git|set-url origin git@github.com:ana/shop.git}",
    "git remote prune origin",
    "gh pr {create --fill|checkout 482|list|view --web|merge --squash|diff|status|review --approve}",
    "gh issue {list --label bug|create|view 1193|close 1187}",
    "gh {run watch|run list|repo clone acme/api|release create v2.0.0|auth login|workflow run deploy.yml}",
    # editors started from the shell
    "{code|cursor|zed|subl} {.|src/main.ts|-r .|~/dotfiles}",
    "{vim|nvim|hx} {notes.md|init.lua|Cargo.toml|.|~/.config/nvim/init.lua}",
    "{emacs -nw|nano} {todo.org|/etc/hosts|crontab.txt}",
    "open -a {Xcode Package.swift|Safari index.html|Preview diagram.png}",
    "{open .|open -R report.pdf|xed .}",
]

# Turn typed flags and dots into the words a recogniser writes when they are spoken.
WORD_FLAGS = {"in", "it", "out", "am", "new", "key", "rf", "nodes", "noout"}
_FILE_TOKEN = re.compile(r"^([A-Za-z0-9_-]+)\.([a-z]{1,5})$")


def _spoken(line: str) -> str:
    out = []
    for tok in line.replace("'", "").split():
        if tok.startswith("--") and len(tok) > 2:
            out.append("dash dash " + tok[2:].replace("-", " ").replace("=", " equals "))
        elif tok.startswith("-") and tok[1:] in WORD_FLAGS:
            out.append("dash " + tok[1:])
        elif tok.startswith("-") and 1 < len(tok) <= 4 and tok[1:].isalpha():
            out.append("dash " + " ".join(tok[1:].lower()))
        elif tok == ".":
            out.append("dot")
        elif tok == "..":
            out.append("dot dot")
        elif tok == "|":
            out.append("pipe")
        elif tok == ">":
            out.append("greater than")
        elif tok.startswith("./") and len(tok) > 2:
            out.append("dot slash " + tok[2:])
        elif m := _FILE_TOKEN.match(tok):
            out.append(f"{m.group(1)} dot {m.group(2)}")
        else:
            out.append(tok)
    return " ".join(out)


_SLOT = re.compile(r"\{([^{}]*\|[^{}]*)\}")


def _expand(template: str) -> list[str]:
    """All lines of a template: each ``{a|b}`` slot takes every alternative."""
    parts = _SLOT.split(template)
    fixed, slots = parts[0::2], [p.split("|") for p in parts[1::2]]
    lines = []
    for combo in itertools.product(*slots):
        text = fixed[0] + "".join(c + f for c, f in zip(combo, fixed[1:]))
        lines.append(" ".join(text.split()))
    return lines


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", " ", text.lower()).split())


def _existing_terminal_text() -> set[str]:
    """The shell lines of the older terminal-text families, which these must not repeat."""
    import commandlike_text
    import dictation

    done = {_fold(t) for t in dictation.TERMINAL_TEXT}
    done |= {_fold(f"{tool} {arg}") for tool, args in commandlike_text.SHELL_TOOLS for arg in args}
    return done


def shell_line(rng: random.Random) -> list[Item]:
    seen = _existing_terminal_text()
    windows = _plus_unknown(SHELL_WINDOWS)
    out: list[Item] = []
    for template in SHELL_TEMPLATES:
        lines = _expand(template)
        for line in rng.sample(lines, min(3, len(lines))):
            text = _spoken(line) if rng.random() < 0.4 else line
            if _fold(text) in seen:
                continue
            seen.add(_fold(text))
            # a line that ends in a bare dot ("docker build .") keeps its case: no final period
            style = "keep" if text.endswith(".") else "shell"
            out.append(Item(text, D, ("terminal-text", "shell-line"), style, windows=windows))
    return out


# --- the tool's closed set at a shell prompt ----------------------------------------------------

SHELL_VOZ = [
    "clear",
    "cancel",
    "exit",
    "control c",
    "control d",
    "suspend",
    "scratch that",
    "scratch",
    "new tab",
    "close tab",
    "next tab",
    "previous tab",
    "go up",
    "go down",
    "page up",
    "page down",
    "enter",
    "slap",
    "stomp",
    "tab",
    "escape",
    "backspace",
    "delete word",
    "delete that",
    "option delete",
    "paste",
    "select all",
    "pane left",
    "pane right",
    "focus up",
    "focus down",
    "next window",
    "switch app",
    "command mode",
    "dictation mode",
    "head",
    "tail",
    "go end",
]
SHELL_NATURAL = [
    "clear the screen please",
    "clear the terminal",
    "cancel that command",
    "press control c",
    "hit control c",
    "send control c",
    "stop the running process",
    "hit enter",
    "press enter",
    "press return",
    "exit the shell",
    "close this shell",
    "go three up",
    "go two down",
    "scroll up a page",
    "open a new tab",
    "close this tab",
    "switch to the next tab",
    "delete the last two words",
    "delete three words",
    "go to the end of the line",
    "go to the beginning of the line",
    "start of line",
    "select line",
    "undo that",
    "paste it here",
    "tab complete",
    "bring up the previous command",
    "split the pane to the right",
    "focus the left pane",
]
SHELL_MISHEARD = ["scraps that", "control see", "pain left", "pain right", "got three up", "got two down"]
SHELL_EXPLICIT = [
    "shell show listening ports",
    "shell count lines of python",
    "shell find big log files",
    "shell show free memory",
    "shell list docker containers",
    "shell show my public key",
    "shell kill whatever is on port eight thousand",
    "shell show the current kube context",
]
SHELL_TYPE = [
    "type git status",
    "type kubectl get pods",
    "type ls dash la",
    "type make test",
    "type docker compose up",
    "type cd dot dot",
    "insert npm run dev",
]


def shell_command(rng: random.Random) -> list[Item]:
    w = SHELL_WINDOWS
    out = [Item(t, C, ("vozctl", "terminal-cmd"), "cmd", windows=w) for t in SHELL_VOZ] * 2
    out += [Item(t, C, ("terminal-cmd", "natural"), "cmd", windows=w) for t in SHELL_NATURAL]
    out += [Item(t, C, ("vozctl", "misheard"), "cmd", windows=w) for t in SHELL_MISHEARD] * 2
    out += [Item(t, C, ("terminal-cmd", "shell"), "cmd", windows=w) for t in SHELL_EXPLICIT]
    out += [Item(t, C, ("vozctl", "type-payload"), "cmd", windows=w) for t in SHELL_TYPE]
    return out


# --- terminals whose title names what runs: editors, pagers and monitors ----------------------

EDITOR_TUI_TITLES = {
    "Terminal": ["vim ~/.zshrc", "nvim src/main.rs", "vi /etc/nginx/nginx.conf", "emacs -nw notes.org"],
    "iTerm2": ["nvim src/main.rs", "2. nvim", "NVIM — ~/src/api/handlers.go", "vim README.md"],
    "Warp": ["nvim app/models/user.rb", "hx src/lib.rs"],
    "Ghostty": ["nvim ~/.config/ghostty/config", "hx Cargo.toml", "nvim notes/2024-06-03.md"],
    "kitty": ["nvim lua/plugins/lsp.lua", "hx README.md", "emacs -nw journal.org"],
    "Alacritty": ["nvim .", "vim todo.txt"],
    "WezTerm": ["nvim wezterm.lua", "vim Makefile"],
    "Hyper": ["vim index.js"],
}
EDITOR_TUI_WINDOWS: tuple[Window, ...] = tuple(
    _term(app, title) for app, titles in EDITOR_TUI_TITLES.items() for title in titles
)

PAGER_TITLES = {
    "Terminal": ["htop", "top", "man git-rebase", "less server.log"],
    "iTerm2": ["btop", "k9s", "lazydocker", "man rsync"],
    "Warp": ["k9s — prod-eu", "less /var/log/system.log"],
    "Ghostty": ["btop", "man 1 ssh"],
    "kitty": ["htop", "tig", "less README"],
    "Alacritty": ["k9s", "htop"],
    "WezTerm": ["lazydocker", "man tar"],
    "Hyper": ["top"],
}
PAGER_WINDOWS: tuple[Window, ...] = tuple(
    _term(app, title) for app, titles in PAGER_TITLES.items() for title in titles
)

EDITOR_TUI_COMMANDS = [
    "save",
    "save the file",
    "write quit",
    "save and quit",
    "quit without saving",
    "undo",
    "redo",
    "go to line forty two",
    "go to line 120",
    "go to line seven",
    "top of file",
    "go to the bottom of the file",
    "next buffer",
    "previous buffer",
    "close buffer",
    "split window",
    "vertical split",
    "select line",
    "delete line",
    "delete two lines",
    "yank line",
    "paste below",
    "comment",
    "comment that line",
    "find",
    "find next",
    "next match",
    "previous match",
    "go to definition",
    "page down",
    "page up",
    "go five down",
    "go three up",
    "insert mode",
    "normal mode",
    "escape",
    "visual line",
    "indent",
    "dedent",
    "format file",
    "go to file",
    "file explorer",
    "scratch that",
    "word right",
    "select three words right",
    "delete word",
    "go end",
    "go home",
    "new line below",
    "join lines",
]
EDITOR_TUI_TEXT = [
    "TODO handle the case where the config file is missing",
    "This retries the request three times before it gives up.",
    "Returns None when the cache has no entry for the key.",
    "FIXME the timeout is too short on slow networks",
    "Keep this list sorted so the diff stays small.",
    "Parse the header first, then stream the body.",
    "The worker exits once the queue has been empty for a minute.",
    "NOTE the order of these middlewares matters",
    "Call this only from the main thread.",
    "Buy oat milk and coffee filters on the way home.",
    "Ideas for the talk: live demo first, slides after.",
    "Meeting with Priya moved to Thursday afternoon.",
    "The migration has to run before the new release goes out.",
    "Remember to rotate the staging keys next week.",
    "Chapter two needs a stronger opening paragraph.",
    "Ask the team whether we still need the legacy endpoint.",
    "Default to UTC everywhere and convert only for display.",
    "Workaround for the upstream bug, remove after version three.",
    "This alias saves me about fifty keystrokes a day.",
    "Use the faster JSON parser when it is installed.",
    "Skip files larger than ten megabytes.",
    "The plugin loads lazily so startup stays fast.",
    "Clean up the temporary directory when the job fails.",
    "Tests for the tokenizer live in a separate module.",
    "Bump the minimum supported version after the summer.",
    "The first argument is the path, the second the mode.",
    "Reading list: the paper on retrieval, then the one on distillation.",
    "Fix the flaky login test before Friday's release.",
    "We only support Postgres fourteen and newer.",
    "Shopping for the trip: sunscreen, adapters, a warm jacket.",
]
PAGER_COMMANDS = [
    "page down",
    "page up",
    "quit",
    "search",
    "search for error",
    "next",
    "next match",
    "previous match",
    "go to top",
    "go to the end",
    "go down",
    "go up",
    "go five down",
    "go ten up",
    "escape",
    "enter",
    "back",
    "help",
    "refresh",
    "scroll down",
    "scroll up",
    "head",
    "tail",
    "press q",
    "hit space",
    "control c",
    "clear",
    "new tab",
    "next tab",
    "focus right",
    "scratch that",
]


# commands of one kind of program, said only in its windows (title prefix -> commands)
PAGER_APP_COMMANDS = {
    ("htop", "btop", "top"): ["sort by memory", "sort by cpu", "kill process", "filter", "tree view"],
    ("k9s",): ["show logs", "describe pod", "delete pod", "switch namespace"],
    ("lazydocker",): ["show logs", "restart container", "stop container"],
    ("less",): ["follow", "stop following", "go to line two hundred", "search backwards"],
}


def terminal_tui(rng: random.Random) -> list[Item]:
    editor_text = _plus_unknown(EDITOR_TUI_WINDOWS)
    out = [
        Item(t, C, ("terminal-app", "editor-cmd"), "cmd", windows=EDITOR_TUI_WINDOWS)
        for t in EDITOR_TUI_COMMANDS
    ] * 2
    out += [
        Item(t, D, ("terminal-app", "dev-text"), "prose", windows=editor_text) for t in EDITOR_TUI_TEXT
    ] * 3
    out += [
        Item(t, C, ("terminal-app", "pager-cmd"), "cmd", windows=PAGER_WINDOWS) for t in PAGER_COMMANDS
    ] * 2
    for prefixes, cmds in PAGER_APP_COMMANDS.items():
        wins = tuple(w for w in PAGER_WINDOWS if w[2].startswith(prefixes))
        out += [Item(t, C, ("terminal-app", "pager-cmd"), "cmd", windows=wins) for t in cmds] * 2
    return out


# --- terminal chat and mail clients --------------------------------------------------------------

CHAT_TUI_WINDOWS: tuple[Window, ...] = (
    _term("iTerm2", "#rust — WeeChat 4.1"),
    _term("Terminal", "weechat"),
    _term("kitty", "irssi — libera #python"),
    _term("Alacritty", "gomuks — #matrix-dev"),
    _term("Ghostty", "aerc — inbox"),
    _term("WezTerm", "neomutt"),
    _term("Terminal", "mutt — Re: flaky build on main"),
    _term("iTerm2", "senpai — #go-nuts"),
    _term("Warp", "aerc — compose: Re: deploy window"),
    _term("kitty", "#nixos — WeeChat 4.2"),
)

CHAT_MESSAGES = [
    "anyone seen this borrow checker error before?",
    "thanks, that fixed it",
    "brb, grabbing coffee",
    "which version of the compiler are you on?",
    "I pushed a patch, could someone take a look?",
    "the docs are out of date on that flag",
    "sounds like a caching issue to me",
    "try clearing the build directory and running it again",
    "good morning everyone",
    "that link is broken for me",
    "can you paste the full stack trace?",
    "I'll open an issue upstream tonight",
    "works on my machine, weirdly",
    "is the meeting still at four?",
    "nice, congrats on the release!",
    "no worries, take your time",
    "I think the mirror is down again",
    "you need to enable the feature flag first",
    "what does the error say exactly?",
    "ok, back in ten minutes",
    "Thanks for the quick review.",
    "Happy to pair on it tomorrow morning.",
    "I can reproduce it on Linux but not on the Mac.",
    "Let me know when the build is green.",
    "See you all next week.",
    "has anyone packaged this for nix yet?",
    "the release notes mention a breaking change in the config format",
    "I'm around if you want to debug it together",
    "lol, classic off by one",
    "reply sent from a train, excuse the typos",
    "can we move this discussion to the issue tracker?",
    "the talk recording is up, link in the topic",
    "going to bed, good night folks",
    "Please run the tests again with the verbose flag.",
    "Thanks, I will forward this to the rest of the team.",
]
CHAT_TUI_COMMANDS = ["page up", "page down", "next window", "scratch that", "new tab", "focus left"]


def terminal_chat(rng: random.Random) -> list[Item]:
    chat_text = _plus_unknown(CHAT_TUI_WINDOWS)
    out = [Item(t, D, ("terminal-app", "message"), "prose", windows=chat_text) for t in CHAT_MESSAGES] * 3
    out += [
        Item(t, C, ("terminal-app", "vozctl"), "cmd", windows=CHAT_TUI_WINDOWS) for t in CHAT_TUI_COMMANDS
    ] * 2
    return out


# --- browsers showing web apps ---------------------------------------------------------------------

BROWSER_APPS: dict[str, str] = {
    "Google Chrome": "com.google.Chrome",
    "Safari": "com.apple.Safari",
    "Firefox": "org.mozilla.firefox",
    "Arc": "company.thebrowser.Browser",
    "Microsoft Edge": "com.microsoft.edgemac",
    "Brave Browser": "com.brave.Browser",
    "Opera": "com.operasoftware.Opera",
    "Vivaldi": "com.vivaldi.Vivaldi",
}


def _in_browsers(titles: list[str]) -> tuple[Window, ...]:
    """Each title in every browser."""
    return tuple((app, bundle, title) for title in titles for app, bundle in BROWSER_APPS.items())


WEB_CHAT_TITLES = [
    "general | Acme - Slack",
    "deploys (Channel) - Acme - Slack",
    "Priya Shah (DM) - Acme - Slack",
    "Chat | Microsoft Teams",
    "Chat | Marco Rossi | Microsoft Teams",
    "Inbox (3) - ana@gmail.com - Gmail",
    "Re: Offsite dates - ana@gmail.com - Gmail",
    "Mail - Ana Ruiz - Outlook",
    "Discord | #help | Rust Community",
    "(2) WhatsApp",
    "WhatsApp",
    "Messenger | Facebook",
    "Google Chat",
]
WEB_MEDIA_TITLES = [
    "How transformers work - YouTube",
    "(14) Lo-fi beats to code to - YouTube",
    "Netflix",
    "Severance | Netflix",
    "Vimeo",
    "Conference keynote on Vimeo",
    "Q3 review - Google Slides",
    "Pitch deck - Keynote",
    "All-hands deck - Google Slides",
    "Onboarding flow – Figma",
    "shroud - Twitch",
    "Recording of design sync | Loom",
]
WEB_DOC_TITLES = [
    "Design doc - Google Docs",
    "Q3 planning notes - Google Docs",
    "Team offsite | Notion",
    "Runbook: database failover - Platform - Confluence",
    "thesis - Online LaTeX Editor Overleaf",
    "Meeting minutes - Dropbox Paper",
    "Release notes draft - HackMD",
    "Product brief - Coda",
]
WEB_SEARCH_TITLES = [
    "Google",
    "DuckDuckGo — Privacy, simplified.",
    "Bing",
    "rust borrow checker - Google Search",
    "best ramen near me at DuckDuckGo",
    "Kagi Search",
    "Wikipedia, the free encyclopedia",
    "Amazon.com. Spend less. Smile more.",
]

WEB_MAIL_TEXT = [
    "Hi Marco, thanks for sending the contract over.",
    "I'm out of office on Friday but back on Monday.",
    "Could we move our call to Wednesday morning?",
    "Attached is the invoice for May.",
    "Looking forward to meeting the whole team next week.",
    "Let me check with finance and get back to you.",
    "Best regards, Ana",
    "The numbers look good, just one question about the travel budget.",
    "Happy to help with the onboarding of the new hires.",
    "Please find the updated slides in the shared folder.",
]
WEB_REPLIES = [
    "sounds good to me",
    "on my way",
    "haha yes exactly",
    "thanks so much!",
    "I'll be there in five",
    "Congrats, well deserved!",
    "Can we talk after lunch?",
    "Just merged it.",
    "Lunch at noon?",
    "Nice work on the demo yesterday.",
    "Running a bit late, sorry.",
    "Love this idea.",
    "Can you send me the link again?",
    "The client loved the new mockups.",
    "happy friday everyone",
    "I'm stuck in traffic, start without me",
    "Agreed, let's ship it on Monday.",
    "Who is bringing the cake tomorrow?",
    "thanks for covering for me today",
    "Is the office open on the holiday?",
]
WEB_CHAT_COMMANDS = ["new tab", "close tab", "next tab", "reload the page", "scratch that", "switch app"]
WEB_MEDIA_COMMANDS = [
    "pause",
    "play",
    "next slide",
    "previous slide",
    "full screen",
    "exit full screen",
    "skip ad",
    "skip intro",
    "mute",
    "unmute",
    "volume up",
    "volume down",
    "rewind ten seconds",
    "skip ahead thirty seconds",
    "speed up",
    "slow down",
    "captions on",
    "captions off",
    "start presenting",
    "stop presenting",
    "next episode",
    "theater mode",
    "like this video",
    "go to the first slide",
    "zoom to fit",
    "new tab",
    "close tab",
    "scratch that",
    "page down",
]
WEB_DOC_TEXT = [
    "The goal of this design is to keep latency under fifty milliseconds.",
    "We considered two options and chose the simpler one.",
    "Open questions are listed at the end of this section.",
    "The rollout happens in three stages, starting with internal users.",
    "Attendees: Priya, Marco, Lena and Sam.",
    "Action item: Sam drafts the announcement by Thursday.",
    "This chapter describes the data we collected and how we cleaned it.",
    "Related work falls into two broad families.",
    "If the primary database fails, promote the replica in the other region.",
    "Expect a short downtime of about five minutes.",
    "We will revisit the pricing model after the pilot.",
    "Customers asked for a simpler export to spreadsheets.",
    "The offsite will be in Lisbon, the second week of October.",
    "Budget is tight, so we keep travel to one trip per quarter.",
    "Our results improve on the baseline by four points.",
]
WEB_SEARCH_TEXT = [
    "weather in Lisbon tomorrow",
    "how to undo a git rebase",
    "train times Montreal to Quebec City",
    "difference between a mutex and a semaphore",
    "best noise cancelling headphones under two hundred",
    "postgres jsonb index performance",
    "banana bread recipe without eggs",
    "when does daylight saving time end",
    "cheap flights to Tokyo in March",
    "kubernetes liveness probe example",
    "pharmacy open late near me",
    "how many teaspoons in a tablespoon",
    "rust lifetime elision rules",
    "used standing desk",
    "python dataclass default factory",
    "how long to boil an egg",
    "museum opening hours Sunday",
    "convert fifty euros to dollars",
    "how to center a div vertically",
    "symptoms of a sprained ankle",
]


def browser_app(rng: random.Random) -> list[Item]:
    chat = _in_browsers(WEB_CHAT_TITLES)
    media = _in_browsers(WEB_MEDIA_TITLES)
    docs = _plus_unknown(_in_browsers(WEB_DOC_TITLES))
    search = _plus_unknown(_in_browsers(WEB_SEARCH_TITLES))
    text_chat = _plus_unknown(chat)
    out = [Item(t, D, ("web-app", "message"), "prose", windows=text_chat) for t in WEB_REPLIES] * 3
    out += [Item(t, D, ("web-app", "email"), "prose", windows=text_chat) for t in WEB_MAIL_TEXT] * 3
    out += [Item(t, C, ("web-app", "browser"), "cmd", windows=chat) for t in WEB_CHAT_COMMANDS] * 2
    out += [Item(t, C, ("web-app", "media"), "cmd", windows=media) for t in WEB_MEDIA_COMMANDS] * 4
    out += [Item(t, D, ("web-app", "document"), "prose", windows=docs) for t in WEB_DOC_TEXT] * 4
    out += [Item(t, D, ("web-app", "search-query"), "prose", windows=search) for t in WEB_SEARCH_TEXT] * 3
    return out


# --- apps outside every table ------------------------------------------------------------------
# (app name, bundle id, titles): none of these is in trm_intent/app_kinds.py, so the model
# sees them as ``other`` and only the words (and the title, for a person) decide.

UNLISTED_CHAT = [
    ("Element", "im.riot.app", ["Ana Ruiz | Element", "#rust:matrix.org | Element", "Element"]),
    (
        "Mattermost",
        "Mattermost.Desktop",
        ["Town Square - Acme - Mattermost", "Off-Topic - Acme - Mattermost"],
    ),
    ("Zulip", "org.zulip.zulip-electron", ["#design > new logo - Acme - Zulip", "Direct messages - Zulip"]),
    ("Rocket.Chat", "chat.rocket", ["general - Rocket.Chat", "support - Rocket.Chat"]),
    ("Beeper", "com.automattic.beeper.desktop", ["Jordan Lee", "Family group"]),
    ("Wire", "com.wearezeta.zclient.mac", ["Wire", "Project Atlas"]),
    ("Threema", "ch.threema.threema-desktop", ["Threema", "Lena"]),
    ("Keybase", "keybase.Electron", ["acme#general - Keybase", "Keybase"]),
]
UNLISTED_MAIL = [
    ("Airmail 5", "it.bloop.airmail2", ["New Message", "Re: Venue for the workshop"]),
    ("Canary Mail", "io.canarymail.mac", ["Compose", "Re: Invoice 2024-117"]),
    ("Postbox", "com.postbox-inc.postbox", ["Write: Quarterly update", "Inbox - Postbox"]),
    ("HEY", "com.hey.app.desktop", ["HEY — New message", "Imbox"]),
]
UNLISTED_WRITING = [
    ("iA Writer", "pro.writer.mac", ["essay-draft.md", "Talk outline.txt"]),
    ("Typora", "abnerworks.Typora", ["notes.md", "README.md — Typora"]),
    ("Craft", "com.lukilabs.lukiapp", ["Weekly plan", "Trip to Porto"]),
    ("Logseq", "com.electron.logseq", ["Jun 3rd, 2024", "Reading notes"]),
    ("Tot", "com.iconfactory.Tot", ["Tot — Dot 3", "Tot"]),
    ("Scrivener", "com.literatureandlatte.scrivener3", ["Chapter 4 — Novel.scriv", "Synopsis — Novel.scriv"]),
]
UNLISTED_DEV = [
    ("Postman", "com.postmanlabs.mac", ["Create order - Acme API - Postman", "Postman"]),
    ("Insomnia", "com.insomnia.app", ["Auth / Login — Insomnia"]),
    (
        "TablePlus",
        "com.tinyapp.TablePlus",
        ["analytics — prod-replica — TablePlus", "Query 1 — local — TablePlus"],
    ),
    ("DBeaver", "org.jkiss.dbeaver.core.product", ["<postgres> Script-3 - DBeaver"]),
    ("Docker Desktop", "com.docker.docker", ["Containers - Docker Desktop"]),
    ("Proxyman", "com.proxyman.NSProxy", ["Proxyman"]),
    ("Tower", "com.fournova.Tower3", ["api — main — Tower", "shop — feature/cart — Tower"]),
    ("Fork", "com.DanPristupov.Fork", ["web — Fork"]),
]
UNLISTED_MEDIA = [
    ("Infuse", "com.firecore.infuse", ["Infuse", "The Last of Us S01E03"]),
    ("Plex", "tv.plex.desktop", ["Plex", "Movies - Plex"]),
    ("Pocket Casts", "au.com.shiftyjelly.PocketCasts", ["Pocket Casts", "Up Next"]),
    ("Elmedia Player", "com.Eltima.ElmediaPlayer", ["lecture-07.mkv"]),
]
UNLISTED_UTILS = [
    ("Raycast", "com.raycast.macos", ["Raycast"]),
    ("Alfred", "com.runningwithcrayons.Alfred", ["Alfred"]),
    ("1Password", "com.1password.1password", ["All Items — 1Password", "1Password"]),
    ("Commander One", "com.eltima.cmd1", ["Downloads — Commander One"]),
]


def _windows(apps: list[tuple[str, str, list[str]]]) -> tuple[Window, ...]:
    return tuple((app, bundle, title) for app, bundle, titles in apps for title in titles)


TEXT_FIELD_TITLES = {
    # the titles that show a text field: a thread, a draft, a note, a commit box, a query
    "Ana Ruiz | Element",
    "#rust:matrix.org | Element",
    "Town Square - Acme - Mattermost",
    "Off-Topic - Acme - Mattermost",
    "#design > new logo - Acme - Zulip",
    "general - Rocket.Chat",
    "support - Rocket.Chat",
    "Jordan Lee",
    "Family group",
    "Project Atlas",
    "Lena",
    "acme#general - Keybase",
}

UNLISTED_CHAT_TEXT = [
    "Can someone review my merge request before lunch?",
    "The staging deploy is done, go ahead and test.",
    "I'll be offline for an hour, dentist appointment.",
    "Who has the key to the storage room?",
    "Love the new logo, the blue works much better.",
    "Dinner at seven, I'll bring dessert.",
    "We lost the match but it was a great game.",
    "Has anyone tried the new coffee place downstairs?",
    "Please update the ticket when you start on it.",
    "happy birthday Lena!",
    "see you at the station",
    "the build is red again, looking into it",
    "I moved the standup to ten thirty tomorrow.",
    "Does anyone have a spare charger for a laptop?",
    "Great talk today, the demo was really clear.",
    "Let's keep the discussion in this thread please.",
]
UNLISTED_MAIL_TEXT = [
    "Dear Ms Novak, thank you for the invitation to speak at the workshop.",
    "The venue holds about sixty people, which should be enough.",
    "Please confirm the dates by the end of the week.",
    "I have attached the signed agreement.",
    "Our quarterly update is below, with the highlights first.",
    "Kind regards, and see you in September.",
    "Sorry for the slow reply, I was travelling last week.",
    "Could you send the final version of the budget?",
]
UNLISTED_WRITING_TEXT = [
    "The city wakes up slowly on Sunday mornings.",
    "Open with the story of the broken deploy, then explain the fix.",
    "She had never seen the sea before that summer.",
    "Three things to finish this week: taxes, the talk, the garden.",
    "A good outline makes the first draft almost easy.",
    "Day two in Porto: the bridge, the port cellars and a long lunch.",
    "Key idea of the paper: smaller models, trained longer.",
    "He closed the notebook and stared out of the window.",
    "Groceries: lemons, rice, olive oil and basil.",
    "The second act drags, cut the scene at the harbour.",
]
UNLISTED_DEV_TEXT = [
    # commit messages in Tower and Fork, SQL in TablePlus and DBeaver
    ("Fix the retry loop in the uploader", ("Tower", "Fork")),
    ("Add pagination to the orders endpoint", ("Tower", "Fork")),
    ("Remove the unused feature flags", ("Tower", "Fork")),
    ("Bump the database driver to the latest patch release", ("Tower", "Fork")),
    ("Handle empty carts at checkout", ("Tower", "Fork")),
    ("select star from orders where status equals pending", ("TablePlus", "DBeaver")),
    ("select count star from users group by country", ("TablePlus", "DBeaver")),
    ("update invoices set paid equals true where id equals forty two", ("TablePlus", "DBeaver")),
]
UNLISTED_COMMANDS = {
    # app-specific commands, placed in their own app only
    "Postman": ["send request", "new request", "save request", "next tab", "close tab"],
    "Insomnia": ["send request", "new request"],
    "TablePlus": ["run query", "run current statement", "new query tab", "refresh"],
    "DBeaver": ["run query", "execute script"],
    "Docker Desktop": ["stop container", "restart container", "show logs"],
    "Proxyman": ["clear session", "start recording", "stop recording"],
    "Tower": ["commit", "push", "pull", "fetch", "stage all"],
    "Fork": ["fetch", "push", "stage all"],
    "Infuse": ["pause", "play", "skip ahead thirty seconds", "next episode", "subtitles off", "full screen"],
    "Plex": ["pause", "play", "next episode", "volume up"],
    "Pocket Casts": ["pause", "play", "skip forward", "skip back", "faster playback"],
    "Elmedia Player": ["pause", "play", "full screen", "volume down"],
    "Raycast": ["escape", "enter", "go down", "go up", "tab"],
    "Alfred": ["escape", "enter", "go down", "next result"],
    "1Password": ["copy password", "copy username", "lock vault", "new item", "go down"],
    "Commander One": ["go up", "go down", "open folder", "enter", "new folder", "select all"],
}
# vozctl commands, said in any of these apps; the one-word ones that could be a reply
# ("Undo.") only where no thread or draft is open
UNLISTED_VOZ_ONE_WORD = ["undo", "paste", "escape", "redo", "save"]
UNLISTED_VOZ = [
    "scratch that",
    "select all",
    "new line",
    "delete the last two words",
    "go to the end of the line",
    "next window",
    "switch app",
    "command mode",
    "dictation mode",
    "snake user name",
    "camel get value",
    "page up",
    "page down",
    "close tab",
    "delete three words",
    "select three words left",
    "question mark",
]


def unlisted_app(rng: random.Random) -> list[Item]:
    chat_text_windows = _plus_unknown(tuple(w for w in _windows(UNLISTED_CHAT) if w[2] in TEXT_FIELD_TITLES))
    mail_text_windows = _plus_unknown(
        tuple(w for w in _windows(UNLISTED_MAIL) if w[2] not in {"Imbox", "Inbox - Postbox"})
    )
    writing = _plus_unknown(_windows(UNLISTED_WRITING))
    everything = _windows(
        UNLISTED_CHAT + UNLISTED_MAIL + UNLISTED_WRITING + UNLISTED_DEV + UNLISTED_MEDIA + UNLISTED_UTILS
    )
    by_app = {
        app: tuple((app, bundle, t) for t in titles)
        for app, bundle, titles in UNLISTED_DEV + UNLISTED_MEDIA + UNLISTED_UTILS
    }
    out = [
        Item(t, D, ("unlisted-app", "message"), "prose", windows=chat_text_windows)
        for t in UNLISTED_CHAT_TEXT
    ] * 4
    out += [
        Item(t, D, ("unlisted-app", "email"), "prose", windows=mail_text_windows) for t in UNLISTED_MAIL_TEXT
    ] * 3
    out += [Item(t, D, ("unlisted-app", "note"), "prose", windows=writing) for t in UNLISTED_WRITING_TEXT] * 4
    for text, apps in UNLISTED_DEV_TEXT:
        wins = tuple(w for a in apps for w in by_app[a])
        style = "shell" if text.startswith(("select", "update")) else "prose"
        tag = "sql" if style == "shell" else "commit-message"
        out += [Item(text, D, ("unlisted-app", tag, "dev-text"), style, windows=wins)] * 2
    for app, cmds in UNLISTED_COMMANDS.items():
        out += [Item(t, C, ("unlisted-app", "app-grammar"), "cmd", windows=by_app[app]) for t in cmds] * 2
    anywhere = _plus_unknown(everything)
    out += [Item(t, C, ("unlisted-app", "vozctl"), "cmd", windows=anywhere) for t in UNLISTED_VOZ] * 3
    no_thread = _windows(UNLISTED_WRITING + UNLISTED_DEV + UNLISTED_MEDIA + UNLISTED_UTILS)
    out += [Item(t, C, ("unlisted-app", "vozctl"), "cmd", windows=no_thread) for t in UNLISTED_VOZ_ONE_WORD]
    return out


# --- same words, where only the title decides ---------------------------------------------------

FLIP_CHAT_WINDOWS: tuple[Window, ...] = (
    ("Google Chrome", "com.google.Chrome", "deploys (Channel) - Acme - Slack"),
    ("Safari", "com.apple.Safari", "Inbox (4) - ana.ruiz@gmail.com - Gmail"),
    ("Microsoft Edge", "com.microsoft.edgemac", "Chat | Microsoft Teams"),
    ("Firefox", "org.mozilla.firefox", "Discord | #help | Rust Community"),
    ("Arc", "company.thebrowser.Browser", "(3) WhatsApp"),
    ("Brave Browser", "com.brave.Browser", "Re: Friday plans - Mail - Outlook"),
    _term("iTerm2", "#rust — WeeChat 4.1"),
    _term("kitty", "irssi — libera #python"),
    _term("Alacritty", "gomuks — #matrix-dev"),
    ("Element", "im.riot.app", "Ana Ruiz | Element"),
    ("Mattermost", "Mattermost.Desktop", "Off-Topic - Acme - Mattermost"),
    ("Zulip", "org.zulip.zulip-electron", "#design > new logo - Acme - Zulip"),
    ("Beeper", "com.automattic.beeper.desktop", "Jordan Lee"),
)
FLIP_VIDEO: tuple[Window, ...] = (
    ("Google Chrome", "com.google.Chrome", "How transformers work - YouTube"),
    ("Safari", "com.apple.Safari", "Severance | Netflix"),
    ("Vivaldi", "com.vivaldi.Vivaldi", "Conference keynote on Vimeo"),
    ("Infuse", "com.firecore.infuse", "The Last of Us S01E03"),
)
FLIP_SLIDES: tuple[Window, ...] = (
    ("Firefox", "org.mozilla.firefox", "Q3 review - Google Slides"),
    ("Opera", "com.operasoftware.Opera", "Pitch deck - Keynote"),
)
FLIP_FILES: tuple[Window, ...] = (
    ("Finder", "com.apple.finder", "Downloads"),
    ("Commander One", "com.eltima.cmd1", "Downloads — Commander One"),
    ("Google Chrome", "com.google.Chrome", "My Drive - Google Drive"),
)
FLIP_CODE: tuple[Window, ...] = (
    _term("Ghostty", "nvim src/main.rs"),
    ("Arc", "company.thebrowser.Browser", "parser.ts - acme/web - github.dev"),
    _term("Terminal", "vim ~/.zshrc"),
)
FLIP_SHELL: tuple[Window, ...] = (
    _term("Terminal", "~/src/infra — -zsh — 120×40"),
    _term("iTerm2", "1. zsh"),
    _term("WezTerm", "[1/2] zsh"),
)
FLIP_PAGER: tuple[Window, ...] = (_term("Terminal", "less server.log"), _term("kitty", "man rsync"))

# (chat surfaces, command surfaces, command windows, chat side ambiguous, command side ambiguous)
FLIP_WORDS = [
    (["Done.", "Done!", "done"], ["Done.", "done"], FLIP_CODE + FLIP_SHELL, False, False),
    (["Next.", "Next!", "next"], ["Next.", "next"], FLIP_VIDEO + FLIP_SLIDES + FLIP_PAGER, False, False),
    (["Perfect.", "Perfect!", "perfect"], ["Perfect.", "perfect"], FLIP_CODE + FLIP_SHELL, False, True),
    (
        ["Copy that.", "Copy that!", "copy that"],
        ["Copy that.", "copy that"],
        FLIP_CODE + FLIP_FILES,
        False,
        False,
    ),
    (["Go home.", "Go home!", "go home"], ["Go home.", "go home"], FLIP_CODE + FLIP_FILES, False, False),
    (["Cancel.", "Cancel?", "cancel"], ["Cancel.", "cancel"], FLIP_SHELL + FLIP_FILES, False, False),
    (["Close.", "Close!", "close"], ["Close.", "close"], FLIP_FILES + FLIP_VIDEO + FLIP_CODE, True, False),
    (["Send it.", "Send it!", "send it"], ["Send it.", "send it"], FLIP_SHELL + FLIP_CODE, False, False),
    (["Skip.", "Skip!", "skip"], ["Skip.", "skip"], FLIP_VIDEO, True, False),
    (["Stop.", "Stop!", "stop"], ["Stop.", "stop"], FLIP_VIDEO + FLIP_SHELL, False, False),
    (["Play.", "Play!", "play"], ["Play.", "play"], FLIP_VIDEO + FLIP_SLIDES, True, False),
    (["Clear.", "Clear!", "clear"], ["Clear.", "clear"], FLIP_SHELL, False, False),
]


def title_flip(rng: random.Random) -> list[Item]:
    out = []
    for chat_forms, cmd_forms, cmd_windows, chat_shaky, cmd_shaky in FLIP_WORDS:
        tags = ("context-flip", "short-reply", "social")
        if chat_shaky:
            tags += ("ambiguous",)
        out += [Item(f, D, tags, "keep", windows=FLIP_CHAT_WINDOWS) for f in chat_forms * 2]
        tags = ("context-flip", "command-word")
        if cmd_shaky:
            tags += ("ambiguous",)
        out += [Item(f, C, tags, "keep", windows=cmd_windows) for f in cmd_forms * 3]
    return out


FAMILIES = [
    ("win-shell-line", 400, shell_line, None),
    ("win-shell-command", 130, shell_command, None),
    ("win-terminal-tui", 230, terminal_tui, None),
    ("win-terminal-chat", 100, terminal_chat, None),
    ("win-browser-app", 330, browser_app, None),
    ("win-unlisted-app", 300, unlisted_app, None),
    ("win-title-flip", 144, title_flip, None),
]

# Helpers for entrypoint.sh.
create_user() {
  if ! id app >/dev/null 2>&1; then
    useradd --uid "${APP_UID:-1000}" app
  fi
}

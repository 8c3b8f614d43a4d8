#!/bin/bash
# An installer in the manner of netmaker's scripts/nm-quick.sh: it downloads the compose file
# into the installation directory, puts what it mounts beside it and starts it there.
BASE_URL="https://raw.githubusercontent.com/example/app/$BRANCH"

install_app() {
	local COMPOSE_URL="$BASE_URL/compose/docker-compose.yml"
	mkdir -p "$INSTALL_DIR"
	wget -qO "$INSTALL_DIR"/docker-compose.yml $COMPOSE_URL
	wget -qO "$INSTALL_DIR"/Caddyfile "$BASE_URL/docker/Caddyfile"
	save_config
	ln -fs "$INSTALL_DIR/app.env" "$INSTALL_DIR/.env"
	cd "${INSTALL_DIR}"
	docker compose up -d
}

install_app

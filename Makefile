# Folio — the two commands a fresh machine needs are `make serve` and `make test`.
APT_PACKAGES := libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
DATABASE ?= data/folio.sqlite
SWIFT_BUILD_FLAGS ?=

.PHONY: deps build test release seed serve bench clean

## deps: install the Debian packages Folio needs, only those missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# graphql-core checks our introspection the way client tooling does (tests skip, saying so, without it).
	@python3 -c "import graphql" 2>/dev/null || python3 -m pip install --quiet graphql-core==3.2.8 || \
	  echo "note: graphql-core could not be installed; the introspection round-trip test will be skipped"

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

test: deps
	swift test $(SWIFT_BUILD_FLAGS)

release: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

## seed: create, migrate and seed the database on first run (does nothing when it already exists).
seed: build
	@if [ ! -f "$(DATABASE)" ]; then \
	  mkdir -p "$$(dirname "$(DATABASE)")"; \
	  swift run folio-admin init --database "$(DATABASE)" && \
	  swift run folio-admin seed --database "$(DATABASE)" --seeds seeds; \
	fi

## serve: the HTTP server arrives with issue #4; until then this prepares the seeded database.
serve: seed
	@echo "Database ready at $(DATABASE). The HTTP server (folio serve) is issue #4 and not built yet."

bench: deps
	Benchmarks/import.sh

clean:
	rm -rf .build

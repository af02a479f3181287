# Folio — the two commands a fresh machine needs are `make serve` and `make test`.
APT_PACKAGES := libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libtcmalloc-minimal4 libdeflate-dev
# The explorer's browser test drives headless Chromium, the README's examples run curl; the HTTP
# benchmark uses wrk.
TEST_APT_PACKAGES := chromium curl
BENCH_APT_PACKAGES := wrk
DATABASE ?= data/folio.sqlite
SWIFT_BUILD_FLAGS ?=
# The test build keeps line tables only, not full debug information: backtraces still name files
# and lines, and the build takes about 100 MB less disk (CI once ran out of it linking the tests).
TEST_BUILD_FLAGS ?= -Xswiftc -gline-tables-only -Xcc -gline-tables-only

.PHONY: deps test-deps bench-deps build test release serve bench clean

# $(call apt_install,PACKAGES): install those of PACKAGES that are missing (apt-get update first).
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

## deps: install the Debian packages Folio needs, only those missing.
deps:
	$(call apt_install,$(APT_PACKAGES))

## test-deps: what the tests need beyond that.
test-deps: deps
	$(call apt_install,$(TEST_APT_PACKAGES))
	@# graphql-core checks our introspection the way client tooling does (tests skip, saying so, without it).
	@python3 -c "import graphql" 2>/dev/null || python3 -m pip install --quiet graphql-core==3.2.8 || \
	  echo "note: graphql-core could not be installed; the introspection round-trip test will be skipped"

bench-deps: deps
	$(call apt_install,$(BENCH_APT_PACKAGES))

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

test: test-deps
	swift test $(SWIFT_BUILD_FLAGS) $(TEST_BUILD_FLAGS)

release: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

## serve: build, then serve http://127.0.0.1:8080/graphql; the database is created, migrated and
## seeded from seeds/ on first start.
serve: deps
	swift build $(SWIFT_BUILD_FLAGS) --product folio
	swift run $(SWIFT_BUILD_FLAGS) folio serve --database "$(DATABASE)" --seeds seeds

bench: bench-deps
	Benchmarks/import.sh
	Benchmarks/graphql.sh
	Benchmarks/http.sh

clean:
	rm -rf .build

# Build and install handover as a binary that runs on its own (the Swift runtime and Foundation linked in
# statically; libgit2 and ldns from the system), with shell completions and a man page.
#   make install PREFIX=/usr/local        (or PREFIX=$HOME/.local; DESTDIR for packaging)
# Needs what scripts/setup installs (Swift 6, libgit2-dev, libldns-dev) on the build machine, and libgit2 and
# libldns (Debian: libgit2-1.5, libldns3) where it runs.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
# release for a real install; the test command runs `make install CONFIG=debug` on the build it already has.
CONFIG ?= release
# The Swift runtime and Foundation linked into the binary. The test command's debug install leaves it out: a static
# link recompiles modules against the static SDK, and the next dynamic build of the same folder would not link.
STATIC ?= --static-swift-stdlib
BIN := .build/$(CONFIG)/handover
OUT := .build/install-$(CONFIG)

.PHONY: all build man completions install uninstall test demo clean-install

all: build man completions

# The man page comes from ArgumentParser's generate-manual plugin, which builds the tool without static linking:
# run it first, then link the binary that is installed.
man: $(OUT)/handover.1
$(OUT)/handover.1:
	mkdir -p $(OUT)
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration $(CONFIG) --output-directory $(OUT)
	cp .build/plugins/GenerateManual/outputs/handover/handover.1 $(OUT)/handover.1 2>/dev/null || test -f $(OUT)/handover.1

build: man
	$(SWIFT) build -c $(CONFIG) --product handover $(STATIC)

completions: build
	mkdir -p $(OUT)
	$(BIN) --generate-completion-script bash > $(OUT)/handover.bash
	$(BIN) --generate-completion-script zsh > $(OUT)/_handover
	$(BIN) --generate-completion-script fish > $(OUT)/handover.fish

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 -s $(BIN) $(DESTDIR)$(PREFIX)/bin/handover
	install -m 644 $(OUT)/handover.1 $(DESTDIR)$(PREFIX)/share/man/man1/handover.1
	install -m 644 $(OUT)/handover.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/handover
	install -m 644 $(OUT)/_handover $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_handover
	install -m 644 $(OUT)/handover.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/handover.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/handover $(DESTDIR)$(PREFIX)/share/man/man1/handover.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/handover $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_handover \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/handover.fish

clean-install:
	rm -rf $(OUT)

test:
	bash scripts/test

demo:
	bash scripts/demo

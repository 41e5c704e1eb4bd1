# The `toon` command-line tool (src/cli/*.cpp + the core, no
# PostgreSQL; docs/cli.md). Built by `make` (all depends on it) as build/toon;
# `make install` installs the extension only, as PGXS users expect;
# `make install-cli` installs the tool as $(DESTDIR)$(CLI_BINDIR)/toon.
CLI_SRCS   = $(sort $(wildcard src/cli/*.cpp))
CLI_OBJS   = $(CLI_SRCS:.cpp=.o)
CLI_BIN    = build/toon
PREFIX     ?= /usr/local
CLI_BINDIR ?= $(PREFIX)/bin
CLI_MANDIR ?= $(PREFIX)/share/man/man1
EXTRA_CLEAN += $(CLI_OBJS)
.PHONY: cli install-cli uninstall-cli
all: cli
cli: $(CLI_BIN)
src/cli/main.o: override CPPFLAGS += -DTOON_VERSION='"$(EXTVERSION)"'
$(CLI_BIN): $(CLI_OBJS) $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -o $@ $^ $(ICU_LIBS)
install-cli: $(CLI_BIN)
	install -d '$(DESTDIR)$(CLI_BINDIR)' '$(DESTDIR)$(CLI_MANDIR)'
	install -m 755 $(CLI_BIN) '$(DESTDIR)$(CLI_BINDIR)/toon'
	install -m 644 docs/toon.1 '$(DESTDIR)$(CLI_MANDIR)/toon.1'
uninstall-cli:
	rm -f '$(DESTDIR)$(CLI_BINDIR)/toon' '$(DESTDIR)$(CLI_MANDIR)/toon.1'

# ---- portability and packaging (docs/portability.md) ------------------------
# test-matrix: build and test in PostgreSQL 15 (this machine), 17 (Debian 13
# chroot) and 18 (Debian sid chroot); TOON_MATRIX="15 17" picks versions.
# deb: binary packages postgresql-NN-toon for each installed server version,
# built by dpkg-buildpackage in a clean copy under build/deb/.
# dist: the PGXN archive toon-<version>.zip from git archive (committed HEAD).
.PHONY: test-matrix deb dist
test-matrix:
	test/matrix/run

deb:
	test/matrix/deb "$(CURDIR)/build/deb"

dist:
	@test "$$(sed -n 's/^   "version": "\(.*\)",$$/\1/p' META.json)" = "$(EXTVERSION)" || \
	    { echo "META.json version differs from $(EXTVERSION) (toon.control)"; exit 1; }
	git archive --format=zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(EXTENSION)-$(EXTVERSION).zip HEAD
	@echo "wrote $(EXTENSION)-$(EXTVERSION).zip"
EXTRA_CLEAN += $(EXTENSION)-$(EXTVERSION).zip

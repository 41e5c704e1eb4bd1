# Shared by test/matrix/run and test/matrix/deb (sourced).

# copy_sources SRC DEST: the files of the checkout SRC (committed or not, minus
# what .gitignore excludes: objects, node_modules, generated files) into DEST.
# Without git (an unpacked release), everything but build outputs.
copy_sources() {
    local src=$1 dest=$2
    mkdir -p "$dest"
    if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
        (cd "$src" && git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do
            [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | tar -xf - -C "$dest"
    else
        (cd "$src" && tar --exclude=./build --exclude=node_modules --exclude='*.o' --exclude='*.so' \
            --exclude=./tmp_install --exclude=./results -cf - .) | tar -xf - -C "$dest"
    fi
}

# The extension version (toon.control is its only home).
toon_version() {
    sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$1/toon.control"
}

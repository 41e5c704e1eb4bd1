// Reading inputs and writing outputs. Inputs are read whole (the core works on
// one contiguous document); outputs go through a temporary file renamed into
// place, so an error never leaves a truncated X.md or -o file behind (a
// symbolic link is followed; a device, FIFO or hard-linked file is written
// in place).
// SIGPIPE is ignored (main.cpp): a closed pipe shows up here as EPIPE.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli.hpp"

namespace toon::cli {

namespace {

std::string errno_text(int err) { return std::strerror(err); }

// Reads a whole file descriptor into `out`.
bool read_fd(int fd, std::string& out) {
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
}

}  // namespace

std::string display_name(const std::string& operand) { return operand == "-" ? "<stdin>" : operand; }

std::string read_input(const std::string& operand) {
    std::string data;
    if (operand == "-") {
        if (!read_fd(STDIN_FILENO, data)) throw IoError{"cannot read <stdin>: " + errno_text(errno)};
        return data;
    }
    const int fd = ::open(operand.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError{"cannot read " + operand + ": " + errno_text(errno)};
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw IoError{"cannot read " + operand + ": " + errno_text(EISDIR)};
    }
    const bool ok = read_fd(fd, data);
    const int err = errno;
    ::close(fd);
    if (!ok) throw IoError{"cannot read " + operand + ": " + errno_text(err)};
    return data;
}

void write_all(std::FILE* f, std::string_view bytes, const std::string& name) {
    if ((!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) || std::fflush(f) != 0) {
        if (errno == EPIPE) throw IoError{};
        throw IoError{"cannot write " + name + ": " + errno_text(errno)};
    }
}

namespace {

// All of `bytes` to the open descriptor `fd`; false (errno set) on failure.
bool write_fd(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Writes `bytes` to the existing `path` itself (a device such as /dev/null, a
// FIFO, a file with other hard links): opened, truncated, written.
void write_in_place(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw IoError{"cannot write " + path + ": " + errno_text(errno)};
    if (!write_fd(fd, bytes)) {
        const int err = errno;
        ::close(fd);
        throw IoError{"cannot write " + path + ": " + errno_text(err)};
    }
    if (::close(fd) != 0) throw IoError{"cannot write " + path + ": " + errno_text(errno)};
}

// The descriptor a path names: /dev/stdout, /dev/stderr, /dev/fd/N or
// /proc/self/fd/N; -1 for any other path. Such a path is written through the
// descriptor as the shell opened it (appending stays appending): resolved
// and replaced, it was the file behind it that got replaced.
int named_descriptor(const std::string& path) {
    if (path == "/dev/stdout") return STDOUT_FILENO;
    if (path == "/dev/stderr") return STDERR_FILENO;
    for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (path.compare(0, prefix.size(), prefix) != 0) continue;
        const char* const end = path.data() + path.size();
        int fd = -1;
        const auto [at, err] = std::from_chars(path.data() + prefix.size(), end, fd);
        return err == std::errc() && at == end && fd >= 0 ? fd : -1;
    }
    return -1;
}

}  // namespace

void write_output(const std::string& path, std::string_view bytes) {
    if (path.empty() || path == "-") {
        write_all(stdout, bytes, "<stdout>");
        return;
    }
    if (const int fd = named_descriptor(path); fd >= 0) {
        if (fd == STDOUT_FILENO) {
            write_all(stdout, bytes, path);
        } else if (!write_fd(fd, bytes)) {
            throw IoError{"cannot write " + path + ": " + errno_text(errno)};
        }
        return;
    }
    // A symbolic link is written through, as other tools do: the file it
    // names is replaced, the link stays. A link to nothing yet creates that file.
    std::string target = path;
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        if (char* real = ::realpath(path.c_str(), nullptr)) {
            target = real;
            std::free(real);
        } else {
            write_in_place(path, bytes);
            return;
        }
    }
    const bool exists = ::stat(target.c_str(), &st) == 0;
    // Only a regular file with one name can be replaced by a rename: a device
    // (/dev/null), a FIFO or a file with other hard links is written itself.
    if (exists && (!S_ISREG(st.st_mode) || st.st_nlink > 1)) {
        write_in_place(target, bytes);
        return;
    }
    // The temporary file sits next to the target so that rename() is atomic;
    // its name is short, so that any legal target name leaves room for it.
    const std::size_t slash = target.rfind('/');
    std::string tmp = (slash == std::string::npos ? std::string() : target.substr(0, slash + 1)) + ".toon-XXXXXX";
    const int fd = mkstemp(tmp.data());
    if (fd < 0) throw IoError{"cannot write " + path + ": " + errno_text(errno)};
    std::FILE* f = fdopen(fd, "wb");
    if (!f) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        throw IoError{"cannot write " + path + ": " + errno_text(err)};
    }
    bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    int err = errno;
    if (std::fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    // New files get the usual permissions (0666 & ~umask), not mkstemp's 0600;
    // an existing file keeps its own, and its owner where we may set it.
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
        if (ok && (st.st_uid != ::geteuid() || st.st_gid != ::getegid())) {
            // Fails for anyone but root: the file is then the writer's, as
            // after an editor's save.
            const int given = ::chown(tmp.c_str(), st.st_uid, st.st_gid);
            (void)given;
        }
    } else {
        const mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (ok && ::chmod(tmp.c_str(), mode) != 0) {
        ok = false;
        err = errno;
    }
    if (ok && ::rename(tmp.c_str(), target.c_str()) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        throw IoError{"cannot write " + path + ": " + errno_text(err)};
    }
}

void flush_stdout() { write_all(stdout, {}, "<stdout>"); }

bool write_if_changed(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        std::string current;
        const bool ok = read_fd(fd, current);
        ::close(fd);
        if (ok && current == bytes) return false;
    }
    write_output(path, bytes);
    return true;
}

}  // namespace toon::cli

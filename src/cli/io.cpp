// Reading inputs and writing outputs. Inputs are read whole (the core works on
// one contiguous document); outputs go through a temporary file renamed into
// place, so an error never leaves a truncated X.md or -o file behind.
// SIGPIPE is ignored (main.cpp): a closed pipe shows up here as EPIPE.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

void write_output(const std::string& path, std::string_view bytes) {
    if (path.empty() || path == "-") {
        write_all(stdout, bytes, "<stdout>");
        return;
    }
    // The temporary file sits next to the target so that rename() is atomic.
    std::string tmp = path + ".toon-XXXXXX";
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
    // an existing file keeps its own.
    struct stat st;
    mode_t mode;
    if (::stat(path.c_str(), &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        const mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (ok && ::chmod(tmp.c_str(), mode) != 0) {
        ok = false;
        err = errno;
    }
    if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        throw IoError{"cannot write " + path + ": " + errno_text(err)};
    }
}

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

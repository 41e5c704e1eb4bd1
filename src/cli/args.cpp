// Option parsing for the subcommands: --name, --name=value, --name value,
// short aliases (-o FILE), "--" to end options, "-" as an operand (stdin).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "cli.hpp"

namespace toon::cli {

void Args::flag(const std::string& name, bool* out, const std::string& alias) {
    specs_.push_back(Spec{name, alias, out, nullptr});
}

void Args::option(const std::string& name, std::string* out, const std::string& alias) {
    specs_.push_back(Spec{name, alias, nullptr, out});
}

bool Args::parse(const char* help) {
    bool options_done = false;
    for (std::size_t i = 0; i < argv_.size(); ++i) {
        const std::string& a = argv_[i];
        if (options_done || a == "-" || a.empty() || a[0] != '-') {
            operands_.push_back(a);
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        if (a == "--help" || a == "-h") {
            std::fputs(help, stdout);
            return false;
        }
        std::string name = a, value;
        bool has_value = false;
        if (a.compare(0, 2, "--") == 0) {
            const std::size_t eq = a.find('=');
            if (eq != std::string::npos) {
                name = a.substr(0, eq);
                value = a.substr(eq + 1);
                has_value = true;
            }
        }
        const Spec* spec = nullptr;
        for (const Spec& s : specs_)
            if (name == "--" + s.name || (!s.alias.empty() && name == "-" + s.alias)) spec = &s;
        if (!spec) throw UsageError{"unknown option \"" + name + "\""};
        if (spec->flag) {
            if (has_value) throw UsageError{"option \"" + name + "\" takes no value"};
            *spec->flag = true;
            continue;
        }
        if (!has_value) {
            if (i + 1 >= argv_.size()) throw UsageError{"option \"" + name + "\" needs a value"};
            value = argv_[++i];
        }
        *spec->value = value;
    }
    return true;
}

int Args::to_int(const std::string& option, const std::string& value) {
    errno = 0;
    char* end = nullptr;
    const long v = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || errno == ERANGE || v < std::numeric_limits<int>::min() ||
        v > std::numeric_limits<int>::max())
        throw UsageError{"option \"--" + option + "\" needs an integer, not \"" + value + "\""};
    return static_cast<int>(v);
}

}  // namespace toon::cli

// `cmake --install`: the command, its rules, the library and its headers
// land under the prefix, and the installed command finds its rules there,
// from any directory, with no source or build path compiled in.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("install: the installed sach cleans a sample from anywhere with the installed rules, embed.cc builds on it") {
  fs::path prefix = fs::temp_directory_path() / ("sach-install-test-" + std::to_string(::getpid()));
  fs::remove_all(prefix);
  std::string log = (prefix.string() + ".log");
  std::string install = "cmake --install '" SACH_BUILD_DIR "' --prefix '" + prefix.string() + "' > '" + log + "' 2>&1";
  int status = std::system(install.c_str());
  INFO(Slurp(log));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(fs::is_regular_file(prefix / "bin" / "sach"));
  CHECK(fs::is_regular_file(prefix / "share" / "sach" / "rules" / "default.toml"));
  CHECK(fs::is_directory(prefix / "share" / "sach" / "rules" / "sites"));
  CHECK(fs::is_regular_file(prefix / "include" / "sach" / "clean.h"));
  bool lib = false;
  for (auto& e : fs::recursive_directory_iterator(prefix)) lib |= e.path().filename() == "libsach.a";
  CHECK(lib);
  CHECK(fs::is_regular_file(prefix / "share" / "man" / "man1" / "sach.1.gz"));
  CHECK(fs::is_regular_file(prefix / "lib" / "systemd" / "system" / "sach-crawl.timer"));
  CHECK(fs::is_regular_file(prefix / "etc" / "sach" / "sites.toml"));
  // Nothing outside the prefix.
  std::string manifest = Slurp(SACH_BUILD_DIR "/install_manifest.txt");
  CHECK(!manifest.empty());
  for (std::size_t at = 0; at < manifest.size();) {
    std::size_t end = manifest.find('\n', at);
    if (end == std::string::npos) end = manifest.size();
    const std::string line = manifest.substr(at, end - at);
    CHECK_MESSAGE(line.rfind(prefix.string() + "/", 0) == 0, line << " is outside the prefix");
    at = end + 1;
  }

  // No path into the source tree's rules is compiled in.
  std::string binary = Slurp(prefix / "bin" / "sach");
  CHECK(binary.find(SACH_SOURCE_DIR "/rules") == std::string::npos);

  // From the root directory, without $SACH_RULES: the installed rules.
  const std::string sample = SACH_SOURCE_DIR "/samples/dumps/000_17fa29c206418ba5";
  fs::path out = prefix / "out.txt";
  std::string run = "cd / && env -u SACH_RULES '" + (prefix / "bin" / "sach").string() + "' clean '" + sample +
                    "/input.txt' > '" + out.string() + "' 2>> '" + log + "' && env -u SACH_RULES '" +
                    (prefix / "bin" / "sach").string() + "' rules lint >> '" + log + "' 2>&1";
  status = std::system(run.c_str());
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Slurp(out) == Slurp(sample + "/expected.txt"));
  CHECK(Slurp(log).find((prefix / "share" / "sach" / "rules").string() + ": ok") != std::string::npos);

  // The Python module (when this build made one), from the root directory:
  // it finds the rules installed beside it.
  if (fs::is_directory(SACH_BUILD_DIR "/python")) {
    const fs::path site = prefix / "lib" / "python3" / "dist-packages";
    CHECK(fs::is_directory(site));
    const fs::path title = prefix / "title.txt";
    const std::string py = "cd / && env -u SACH_RULES PYTHONPATH='" + site.string() +
                           "' /usr/bin/python3 -c \"import sach; print(sach.clean(open('" + sample +
                           "/input.txt','rb').read())['paragraphs'][0])\" > '" + title.string() + "' 2>> '" + log + "'";
    CHECK(std::system(py.c_str()) == 0);
    const std::string expected = Slurp(sample + "/expected.txt");
    const std::size_t body = expected.find_first_not_of('\n', expected.find("\n---\n", 3) + 5);
    CHECK(Slurp(title) == expected.substr(body, expected.find('\n', body) - body + 1));
  }

  // examples/embed.cc against the installed CMake package cleans as sach does.
  fs::path embed = prefix / "embed";
  std::string build = "cmake -S '" SACH_SOURCE_DIR "/examples' -B '" + embed.string() + "' -DCMAKE_PREFIX_PATH='" +
                      prefix.string() + "' -DCMAKE_EXE_LINKER_FLAGS='" SACH_SANITIZER_LINK_FLAGS "' >> '" + log + "' 2>&1 && cmake --build '" + embed.string() + "' >> '" + log +
                      "' 2>&1 && cd / && '" + (embed / "embed").string() + "' '" + sample + "/input.txt' > '" +
                      (prefix / "embed.txt").string() + "' 2>> '" + log + "'";
  status = std::system(build.c_str());
  INFO(Slurp(log));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Slurp(prefix / "embed.txt") == Slurp(out));
  fs::remove_all(prefix);
  fs::remove(log);
}

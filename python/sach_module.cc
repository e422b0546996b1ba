// The Python module `sach` (pybind11): clean a page or a dump, load rules
// once and share them, iterate over a web archive's cleaned records. The GIL
// is released while cleaning, so Python threads clean on every core.
//   import sach
//   a = sach.clean(open("page.html", "rb").read(), url="https://…")
//   print(a["title"], a["text"])
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "sach/clean.h"
#include "sach/rules.h"
#include "tunables.h"
#include "warc.h"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace {

// Raised when an input gives no article (the message says why, as the
// command line's error line does).
PyObject* g_clean_error = nullptr;

// The rules an installed module reads: PREFIX/share/sach/rules beside
// PREFIX/lib/python3/dist-packages/sach*.so; else where the command looks
// ($SACH_RULES, beside the running program, the install's own folder).
std::string ModuleRulesDir(const std::string& module_file) {
  if (const char* env = std::getenv("SACH_RULES"); env && *env) return env;
  std::error_code ec;
  const fs::path installed = fs::path(module_file).parent_path() / ".." / ".." / ".." / "share" / "sach" / "rules";
  if (fs::is_regular_file(installed / "default.toml", ec)) return installed.lexically_normal().string();
  return sach::DefaultRulesDir();
}

// Found on first use (a module's __file__ is set after its init); the GIL
// is held then.
const std::string& DefaultDir() {
  static const std::string dir = ModuleRulesDir(py::module_::import("sach").attr("__file__").cast<std::string>());
  return dir;
}

class PyRules {
 public:
  explicit PyRules(const std::string& dir) : dir_(dir.empty() ? DefaultDir() : dir) {
    sach::Result<sach::Rules> r = sach::Rules::Load(dir_);
    if (!r) throw py::value_error(dir_ + ": " + r.error().message);
    rules_ = std::make_shared<const sach::Rules>(std::move(*r));
  }
  const sach::Rules& get() const { return *rules_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::shared_ptr<const sach::Rules> rules_;
};

// The default rules, loaded on first use and shared by every call after.
const PyRules& DefaultRules() {
  static std::once_flag once;
  static std::unique_ptr<PyRules> rules;
  std::call_once(once, [] { rules = std::make_unique<PyRules>(DefaultDir()); });
  return *rules;
}

py::dict ArticleDict(const sach::Article& a) {
  py::dict d;
  const sach::Metadata& m = a.meta;
  for (auto [key, value] : {std::pair{"title", &m.title}, {"date", &m.date}, {"author", &m.author},
                            {"source", &m.source}, {"url", &m.url}, {"site", &m.site}})
    d[key] = *value;
  std::string text;
  for (const std::string& p : a.paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  d["text"] = text;
  d["paragraphs"] = a.paragraphs;
  return d;
}

// Cleans with the GIL released; raises CleanError on failure.
py::dict CleanDocument(const sach::Document& doc, const sach::Rules& rules, bool captions) {
  sach::CleanOptions options;
  options.captions = captions;
  sach::Result<sach::Cleaned> c = sach::Error{};
  {
    py::gil_scoped_release release;
    c = sach::Clean(doc, rules, nullptr, options);
  }
  if (!c) {
    PyErr_SetString(g_clean_error, c.error().message.c_str());
    throw py::error_already_set();
  }
  return ArticleDict(c->article);
}

py::dict CleanPy(const py::object& input, const std::optional<std::string>& url, const PyRules* rules,
                 bool captions) {
  sach::Document doc;
  doc.name = url.value_or("<input>");
  if (py::isinstance<py::bytes>(input)) doc.bytes = input.cast<std::string>();
  else if (py::isinstance<py::str>(input)) doc.bytes = input.cast<std::string>();  // UTF-8
  else throw py::type_error("sach.clean takes bytes or str");
  doc.url = url.value_or("");
  return CleanDocument(doc, rules ? rules->get() : DefaultRules().get(), captions);
}

// for a in sach.iter_warc(path): each record that holds a page, cleaned;
// records that are no page are counted in `skipped`, those that fail (and
// broken records) listed in `errors` as (input, reason).
class WarcIterator {
 public:
  WarcIterator(const std::string& path, const PyRules* rules, bool captions)
      : path_(path), rules_(rules ? rules : &DefaultRules()), captions_(captions) {
    auto r = sach::WarcReader::Open(path, sach::tunables::kMaxInputBytes);
    if (!r) throw py::value_error(path + ": " + r.error().message);
    reader_ = std::move(*r);
  }

  py::dict Next() {
    for (;;) {
      sach::WarcRecord rec;
      std::vector<sach::WarcProblem> problems;
      bool more;
      {
        py::gil_scoped_release release;
        more = reader_->Next(rec, problems);
      }
      for (const auto& p : problems) errors_.append(py::make_tuple(Name(p.offset), p.reason));
      if (!more) throw py::stop_iteration();
      std::string why;
      auto doc = sach::WarcDocument(rec, sach::tunables::kMaxInputBytes, why);
      if (!doc) {
        errors_.append(py::make_tuple(Name(rec.offset), doc.error().message));
        continue;
      }
      if (!*doc) {
        ++skipped_;
        continue;
      }
      (*doc)->name = Name(rec.offset);
      try {
        py::dict d = CleanDocument(**doc, rules_->get(), captions_);
        d["input"] = (*doc)->name;
        d["warc_record_id"] = rec.record_id;
        d["warc_date"] = rec.date;
        return d;
      } catch (py::error_already_set& e) {
        if (!e.matches(g_clean_error)) throw;
        errors_.append(py::make_tuple((*doc)->name, py::str(e.value())));
      }
    }
  }

  std::size_t skipped() const { return skipped_; }
  py::list errors() const { return errors_; }

 private:
  std::string Name(std::uint64_t offset) const { return path_ + "@" + std::to_string(offset); }

  std::string path_;
  const PyRules* rules_;
  bool captions_;
  std::unique_ptr<sach::WarcReader> reader_;
  std::size_t skipped_ = 0;
  py::list errors_;
};

}  // namespace

PYBIND11_MODULE(sach, m) {
  m.doc() = "sach: clean articles out of news pages, text dumps and web archives";
  static py::exception<std::runtime_error> clean_error(m, "CleanError", PyExc_ValueError);
  g_clean_error = clean_error.ptr();

  py::class_<PyRules>(m, "Rules", "Rules loaded once from a folder (default: the installed rules); share them.")
      .def(py::init<const std::string&>(), py::arg("path") = "")
      .def_property_readonly("path", &PyRules::dir);

  m.def("clean", &CleanPy, py::arg("input"), py::arg("url") = py::none(), py::arg("rules") = nullptr,
        py::arg("captions") = true,
        "Cleans a page (HTML) or a text dump, bytes or str. Returns a dict: title, date, author, source, url, "
        "site, text, paragraphs. Raises sach.CleanError when the input holds no article.");

  py::class_<WarcIterator>(m, "WarcIterator")
      .def("__iter__", [](WarcIterator& it) -> WarcIterator& { return it; })
      .def("__next__", &WarcIterator::Next)
      .def_property_readonly("skipped", &WarcIterator::skipped, "records that hold no page")
      .def_property_readonly("errors", &WarcIterator::errors, "(input, reason) of records that failed");
  m.def(
      "iter_warc",
      [](const std::string& path, const PyRules* rules, bool captions) { return WarcIterator(path, rules, captions); },
      py::arg("path"), py::arg("rules") = nullptr, py::arg("captions") = true, py::keep_alive<0, 2>(),
      "Iterates over a WARC or WET file's records that hold a page, cleaned: the dicts of sach.clean with "
      "input, warc_record_id and warc_date.");
  m.attr("__version__") = SACH_VERSION;
}

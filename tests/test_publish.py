"""The whole-or-nothing replacement of a folder (site/publish.py), without MkDocs."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from explainer.site import publish
from explainer.site.publish import PublishError, begin, leftovers, replaced_whole, swap


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "index.html").write_text("old home")
    (site / "events" / "gone.html").write_text("an old page the new site no longer has")
    return site


@pytest.fixture(params=["exchange", "two renames"])
def swap_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with the atomic exchange and with the two-rename fallback."""
    if request.param == "two renames":
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    elif publish._renameat2() is None:
        pytest.skip("this system has no renameat2")
    return str(request.param)


def test_the_new_folder_replaces_the_old_one_whole(tmp_path: Path, swap_kind: str) -> None:
    site = old_site(tmp_path)
    with replaced_whole(site) as staging:
        assert staging.parent == tmp_path and staging.name.startswith(".site.building-")
        assert contents(site)["index.html"] == b"old home"  # untouched while building
        (staging / "index.html").write_text("new home")
    assert contents(site) == {"index.html": b"new home"}
    assert leftovers(site) == []


def test_a_failed_build_leaves_the_old_folder_and_no_staging(
    tmp_path: Path, swap_kind: str
) -> None:
    site = old_site(tmp_path)
    before = contents(site)
    with pytest.raises(ValueError), replaced_whole(site) as staging:
        (staging / "index.html").write_text("half")
        raise ValueError("the build failed")
    assert contents(site) == before
    assert leftovers(site) == []


def test_a_first_build_creates_the_folder(tmp_path: Path) -> None:
    with replaced_whole(tmp_path / "deep" / "site") as staging:
        (staging / "a.html").write_text("a")
    assert contents(tmp_path / "deep" / "site") == {"a.html": b"a"}


def test_the_next_build_removes_what_killed_builds_left(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    for stale in (".site.building-999999", ".site.old-999998"):
        (tmp_path / stale).mkdir()
        (tmp_path / stale / "x.html").write_text("half")
    keep = tmp_path / ".site.building-notes"  # not a build's: no process id
    keep.mkdir()
    staged = begin(site)
    assert leftovers(site) == [staged.folder]
    staged.abandon()
    assert keep.is_dir() and leftovers(site) == []


def test_a_build_killed_between_the_two_renames_gets_its_old_site_back(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    before = contents(site)
    # What a kill between rename 1 and rename 2 leaves: no site/, the old one parked.
    site.rename(tmp_path / ".site.old-999999")
    (tmp_path / ".site.building-999999").mkdir()
    begin(site).abandon()
    assert contents(site) == before
    assert leftovers(site) == []


def test_the_fallback_window_is_the_two_renames_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    site = old_site(tmp_path)
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new")
    renames: list[tuple[str, str]] = []
    real_rename = os.rename

    def rename(a: str | Path, b: str | Path) -> None:
        renames.append((Path(a).name, Path(b).name))
        real_rename(a, b)

    monkeypatch.setattr(publish.os, "rename", rename)
    swap(new, site)
    assert renames == [("site", f".site.old-{os.getpid()}"), ("new", "site")]
    assert contents(site) == {"index.html": b"new"}


def test_a_second_build_stops_naming_the_first(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    first = begin(site)
    with pytest.raises(PublishError) as caught:
        begin(site)
    message = str(caught.value)
    assert f"another build into {site}/ is running (pid {os.getpid()}, started " in message
    assert ".site.lock" in message
    first.abandon()
    begin(site).abandon()  # free again


def test_a_killed_lock_holder_never_blocks_the_next_build(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""\
                import sys, time
                from pathlib import Path
                from explainer.site.publish import begin
                held = begin(Path({str(site)!r}))  # kept: the lock lives with it
                print("locked", flush=True)
                time.sleep(60)
            """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(PublishError, match=f"pid {holder.pid}"):
            begin(site)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with replaced_whole(site) as staging:
        (staging / "index.html").write_text("new")
    assert contents(site) == {"index.html": b"new"}
    assert leftovers(site) == []


def test_a_write_error_says_which_file_and_keeps_the_old_folder(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    before = contents(site)

    def write_full_disk(path: Path) -> None:
        with open(path, "wb") as file:
            # What write() raises on a full disk: no file name in the error.
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            file.write(b"never")

    with pytest.raises(PublishError) as caught, replaced_whole(site) as staging:
        (staging / "events").mkdir()
        write_full_disk(staging / "events" / "new.html")
    assert str(caught.value) == (
        f"cannot write {site}/events/new.html: No space left on device (the disk is full: "
        f"free some space and build again). Nothing was replaced: {site}/ is as it was."
    )
    assert contents(site) == before
    assert leftovers(site) == []


def test_a_folder_that_is_not_ours_is_never_replaced(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: Mine\n")
    mine = publish.only_if_marked("mkdocs.yml", "# Written by us", "us")
    with pytest.raises(PublishError, match="is not empty and was not written by us"):
        begin(project, mine)
    assert (project / "mkdocs.yml").read_text() == "site_name: Mine\n"
    assert leftovers(project) == []
    (project / "mkdocs.yml").write_text("# Written by us\n")
    begin(project, mine).abandon()


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(PublishError, match="is a file, not a folder"):
        begin(tmp_path / "site")

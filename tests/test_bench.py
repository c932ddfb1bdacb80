"""The benchmark's own plumbing (the benchmark itself runs in scripts/bench, not here)."""

from __future__ import annotations

import pytest
from devtools.bench import arguments


@pytest.mark.parametrize(
    ("argv", "sizes"),
    [([], ["S", "M", "L"]), (["L"], ["L"]), (["S", "M"], ["S", "M"])],
)
def test_the_sizes_to_run(argv: list[str], sizes: list[str]) -> None:
    # `./scripts/bench` with no argument once failed in argparse before measuring anything.
    assert arguments(argv).sizes == sizes


def test_an_unknown_size_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        arguments(["XL"])
    assert exit.value.code == 2
    assert "unknown size 'XL': choose from S, M, L" in capsys.readouterr().err


def test_timeline_pages_are_measured_in_the_order_of_time(tmp_path) -> None:
    from devtools.paint import timeline_pages_to_paint

    for name in ["2024-03-part-10", "bce-0044", "2024-03-part-2", "2024-03", "1999"]:
        (tmp_path / "timeline" / name).mkdir(parents=True)
        (tmp_path / "timeline" / name / "index.html").write_text("x" * len(name))
    (tmp_path / "timeline" / "index.html").write_text("index")
    chosen = timeline_pages_to_paint(tmp_path)
    # The index, then the first, middle and last pages in time (then the heaviest).
    assert chosen[:4] == [
        "timeline/index.html",
        "timeline/bce-0044/index.html",
        "timeline/2024-03/index.html",
        "timeline/2024-03-part-10/index.html",
    ]

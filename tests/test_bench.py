"""The benchmark's own plumbing (the benchmark itself runs in scripts/bench, not here)."""

from __future__ import annotations

import pytest

from explainer.bench import arguments


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

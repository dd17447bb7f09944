"""What a clear refusal looks like: one `Error:` line, exit 1, no traceback, no defect."""

from __future__ import annotations


def one_error_line(result, internal: bool = False) -> str:
    """Assert ``result`` is one clear `Error:` line (further problems of the same input may
    follow it as a list) and return the output.

    "internal error" is deckgen's word for its own defect: a bad input must never reach it.
    ``internal=True`` is only for tests that plant a defect in deckgen on purpose.
    """
    assert result.exit_code == 1, result.output
    output = result.output
    assert output.startswith("Error: ") and "Traceback" not in output, output
    lines = output.strip().splitlines()
    if len(lines) > 1:  # further problems of the same input, listed after the first
        assert lines[1].endswith("more problem(s):"), output
        assert all(line.startswith("  ") for line in lines[2:]), output
    assert ("internal error" in output) is internal, output
    return output

"""Progress reporting for long management commands."""

from collections.abc import Callable

BAR_WIDTH = 30


def progress_writer(stdout, unit: str = "items") -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback writing to a command's ``stdout``.

    On a terminal it redraws one bar; otherwise (CI, cron, pipes) it writes a
    line at every tenth of the work, so logs stay short.
    """
    interactive = hasattr(stdout, "isatty") and stdout.isatty()
    state = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        total = max(total, 1)
        if interactive:
            filled = BAR_WIDTH * done // total
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            stdout.write(f"\r[{bar}] {done}/{total} {unit}", ending="\n" if done >= total else "")
            stdout.flush()
            return
        tenth = 10 * done // total
        if tenth != state["tenth"]:
            state["tenth"] = tenth
            stdout.write(f"{done}/{total} {unit} ({100 * done // total}%)")

    return progress

"""A Dagster run of one partition reads the states of its three reporting stages in one query:
the assets of a run share the ``vsme_guru`` resource (``in_process_executor``), which reads them
ahead for the run (``VsmeGuruResource.states_ahead``). Counted from the driver's command
monitoring, never timed."""

from collections import Counter

import dagster as dg
from pymongo import monitoring

from tests.pipeline.conftest import materialize_sync, materialize_year
from vsme_pipeline.pipeline.change_detection import STATE


class _StateCommands(monitoring.CommandListener):
    """Commands on ``stage_state`` while active (clients opened after registration)."""

    def __init__(self) -> None:
        self.active = False
        self.sent: Counter[str] = Counter()

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if self.active and event.command.get(event.command_name) == STATE:
            self.sent[event.command_name] += 1

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


COMMANDS = _StateCommands()
monitoring.register(COMMANDS)


def _modes(result: dg.ExecuteInProcessResult) -> dict[str, str]:
    return {e.asset_key.to_user_string(): str(e.materialization.metadata["mode"].value)
            for e in result.get_asset_materialization_events()}


def test_a_reporting_run_reads_its_stage_states_once(seeded, instance) -> None:
    materialize_sync(instance)
    COMMANDS.active = True
    first = materialize_year(instance, "2024")
    assert COMMANDS.sent["find"] == 1  # three stages, none stored yet: one read
    assert COMMANDS.sent["update"] == 3  # each stage stored its own
    assert set(_modes(first).values()) == {"full"}
    COMMANDS.sent.clear()
    again = materialize_year(instance, "2024")  # a new run reads again, and the states it reads are current
    COMMANDS.active = False
    assert COMMANDS.sent["find"] == 1
    assert set(_modes(again).values()) == {"incremental"}

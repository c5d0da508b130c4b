#!/usr/bin/env python3
"""Export Gymnasium's toy-text transition tables as exact finite MDPs.

For FrozenLake 4x4 and 8x8 (slippery), CliffWalking and Taxi, reads the table
`env.unwrapped.P` (P[s][a] is a list of (probability, next state, reward, terminated))
and the initial-state distribution, and writes Theorems/data/<name>.json with every
probability as an exact fraction.

Gymnasium stores probabilities as binary64 (1/3 as 0.333...), so each one is replaced
by Fraction(p).limit_denominator(1000). The exporter rejects the table unless that
fraction is within 1e-12 of the stored double and every (state, action) row sums to
exactly 1 after duplicate next states are merged.

Usage (in a venv with gymnasium installed):
  pip install gymnasium==1.4.0
  python scripts/export_gymnasium_mdps.py [--out-dir Theorems/data]
"""

import argparse
import importlib.metadata
import json
import os
import sys
from fractions import Fraction

import gymnasium
import numpy

MAX_DENOMINATOR = 1000
TOLERANCE = Fraction(1, 10**12)
EXPORTER = "scripts/export_gymnasium_mdps.py"

TERMINAL_CONVENTION = (
    "A transition with \"terminated\": true ends the episode in gymnasium after paying its reward. "
    "\"next\" is the landing state exactly as gymnasium stores it. "
    "A model of the infinite-horizon MDP should send every terminated transition to an extra "
    "absorbing state with reward 0 instead of to \"next\". "
)


class ExportError(Exception):
    pass


def exact_probability(value, where):
    """Return the fraction with denominator at most MAX_DENOMINATOR that the binary64 `value` approximates."""
    stored = Fraction(float(value))
    fraction = stored.limit_denominator(MAX_DENOMINATOR)
    if abs(fraction - stored) > TOLERANCE:
        raise ExportError(f"{where}: probability {float(value)!r} is not within 1e-12 of a fraction "
                          f"with denominator at most {MAX_DENOMINATOR} (nearest {fraction})")
    if not 0 < fraction <= 1:
        raise ExportError(f"{where}: probability {fraction} is outside (0, 1]")
    return fraction


def exact_reward(value, where):
    """Return the reward as a decimal string, an integer when the value is integral."""
    if isinstance(value, (bool, numpy.bool_)):
        raise ExportError(f"{where}: reward {value!r} is a boolean, expected a number")
    if isinstance(value, (int, numpy.integer)):
        return str(int(value))
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return repr(number)


def format_fraction(value):
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def export_row(outcomes, where, num_states):
    """Merge duplicate next states in one (state, action) row and check it sums to 1."""
    merged = {}
    for probability, next_state, reward, terminated in outcomes:
        next_state = int(next_state)
        if not 0 <= next_state < num_states:
            raise ExportError(f"{where}: next state {next_state} is outside 0..{num_states - 1}")
        entry = (exact_reward(reward, where), bool(terminated))
        fraction = exact_probability(probability, where)
        if next_state in merged:
            if merged[next_state][1:] != entry:
                raise ExportError(f"{where}: next state {next_state} appears with reward/terminated "
                                  f"{merged[next_state][1:]} and {entry}, so the outcomes cannot be merged")
            fraction += merged[next_state][0]
        merged[next_state] = (fraction, *entry)

    total = sum(value[0] for value in merged.values())
    if total != 1:
        raise ExportError(f"{where}: probabilities sum to {total}, expected exactly 1")

    return [
        {"probability": format_fraction(fraction), "next": next_state, "reward": reward, "terminated": terminated}
        for next_state, (fraction, reward, terminated) in sorted(merged.items())
    ]


def export_initial_distribution(env_id, distribution):
    fractions = [exact_probability(p, f"{env_id} initial state {s}") if p != 0 else Fraction(0)
                 for s, p in enumerate(distribution)]
    if sum(fractions) != 1:
        raise ExportError(f"{env_id}: initial-state distribution sums to {sum(fractions)}, expected exactly 1")
    return fractions


def registered_id(candidates):
    """Return the first of `candidates` that the installed gymnasium registers."""
    for env_id in candidates:
        if env_id in gymnasium.registry:
            return env_id
    raise ExportError(f"gymnasium {gymnasium.__version__} registers none of {candidates}")


def absorbing_terminated_states(transitions):
    """List the states whose every action is a terminated self-loop of probability 1 and reward 0."""
    states = []
    for state, row in enumerate(transitions):
        loop = [{"probability": "1", "next": state, "reward": "0", "terminated": True}]
        if all(outcomes == loop for outcomes in row):
            states.append(state)
    return states


def check_frozen_lake(env, transitions):
    """Check FrozenLake's terminal flags and rewards against its map, and return the extra JSON fields."""
    letters = [letter.decode() for letter in env.desc.ravel()]
    holes_and_goal = [s for s, letter in enumerate(letters) if letter in "HG"]
    if absorbing_terminated_states(transitions) != holes_and_goal:
        raise ExportError("FrozenLake: the absorbing terminated states are not exactly the H and G cells")
    for state, row in enumerate(transitions):
        for outcomes in row:
            for outcome in outcomes:
                landing = letters[outcome["next"]]
                if state not in holes_and_goal and outcome["terminated"] != (landing in "HG"):
                    raise ExportError(f"FrozenLake: move from {state} to {outcome['next']} has the wrong terminated flag")
                if state not in holes_and_goal and outcome["reward"] != ("1" if landing == "G" else "0"):
                    raise ExportError(f"FrozenLake: move from {state} to {outcome['next']} has reward {outcome['reward']}, expected 1 into G and 0 elsewhere")
    return {"map": ["".join(letters[r * env.ncol:(r + 1) * env.ncol]) for r in range(env.nrow)],
            "state_encoding": f"state = row * {env.ncol} + column, row 0 at the top of the map",
            "absorbing_terminated_states": holes_and_goal}


def check_cliff_walking(env, transitions):
    """Check that only entering the goal terminates and the cliff resets to the start, and return the extra JSON fields."""
    rows, columns = env.shape
    start = int(env.start_state_index)
    goal = rows * columns - 1
    for state, row in enumerate(transitions):
        for outcomes in row:
            for outcome in outcomes:
                if outcome["terminated"] != (outcome["next"] == goal):
                    raise ExportError(f"CliffWalking: move from {state} to {outcome['next']} has the wrong terminated flag")
                if outcome["reward"] not in ("-1", "-100"):
                    raise ExportError(f"CliffWalking: move from {state} has reward {outcome['reward']}, expected -1 or -100")
                if outcome["reward"] == "-100" and outcome["next"] != start:
                    raise ExportError(f"CliffWalking: a cliff move from {state} lands on {outcome['next']}, not the start")
    cliff = [int(s) for s in numpy.flatnonzero(env._cliff.ravel())]
    return {"state_encoding": f"state = row * {columns} + column on a {rows}x{columns} grid, row 0 at the top; "
                              f"start {start}, goal {goal}, cliff {cliff[0]}..{cliff[-1]}",
            "absorbing_terminated_states": absorbing_terminated_states(transitions)}


def check_taxi(env, transitions):
    """Check the state encoding and that only a dropoff at the destination terminates, and return the extra JSON fields."""
    for state in range(len(transitions)):
        if env.encode(*env.decode(state)) != state:
            raise ExportError(f"Taxi: encode(decode({state})) != {state}")
    for state, row in enumerate(transitions):
        for action, outcomes in enumerate(row):
            for outcome in outcomes:
                taxi_row, taxi_column, passenger, destination = env.decode(outcome["next"])
                success = outcome["terminated"]
                if success != (action == 5 and outcome["reward"] == "20"):
                    raise ExportError(f"Taxi: state {state} action {action} has terminated={success} "
                                      f"with reward {outcome['reward']}")
                if success and passenger != destination:
                    raise ExportError(f"Taxi: a successful dropoff from {state} leaves the passenger away from the destination")
    return {"map": [line for line in (bytes(r).decode() for r in env.desc)],
            "state_encoding": "state = ((taxi_row * 5 + taxi_column) * 5 + passenger_location) * 4 + destination, "
                              "passenger_location 0..3 = R, G, Y, B and 4 = in the taxi, destination 0..3 = R, G, Y, B",
            "absorbing_terminated_states": absorbing_terminated_states(transitions)}


ENVIRONMENTS = [
    {"file": "frozenlake_4x4.json", "ids": ["FrozenLake-v1"], "kwargs": {"map_name": "4x4", "is_slippery": True},
     "action_names": ["left", "down", "right", "up"], "check": check_frozen_lake,
     "terminal_note": "Holes (H) and the goal (G) are stored as terminated self-loops of probability 1 and reward 0 "
                      "under every action, and a move into G pays 1 while a move into H pays 0, both terminated."},
    {"file": "frozenlake_8x8.json", "ids": ["FrozenLake-v1"], "kwargs": {"map_name": "8x8", "is_slippery": True},
     "action_names": ["left", "down", "right", "up"], "check": check_frozen_lake,
     "terminal_note": "Holes (H) and the goal (G) are stored as terminated self-loops of probability 1 and reward 0 "
                      "under every action, and a move into G pays 1 while a move into H pays 0, both terminated."},
    {"file": "cliffwalking.json", "ids": ["CliffWalking-v0", "CliffWalking-v1"], "kwargs": {},
     "action_names": ["up", "right", "down", "left"], "check": check_cliff_walking,
     "terminal_note": "Only a move into the goal (bottom right) is terminated, with reward -1. A move into the cliff "
                      "is not terminated: it lands on the start with reward -100. The rows of the goal and of the "
                      "cliff cells are computed like any other cell, but gymnasium never uses them, because an "
                      "episode ends on reaching the goal and never rests on a cliff cell."},
    {"file": "taxi.json", "ids": ["Taxi-v3", "Taxi-v4"], "kwargs": {},
     "action_names": ["south", "north", "east", "west", "pickup", "dropoff"], "check": check_taxi,
     "terminal_note": "Only a dropoff at the passenger's destination is terminated, with reward 20. It lands on a "
                      "state whose passenger location equals the destination, which has initial probability 0. "
                      "Rows of those states are computed like any other."},
]


def export_environment(spec):
    env_id = registered_id(spec["ids"])
    env = gymnasium.make(env_id, **spec["kwargs"]).unwrapped
    num_states = int(env.observation_space.n)
    num_actions = int(env.action_space.n)
    if num_actions != len(spec["action_names"]):
        raise ExportError(f"{env_id}: {num_actions} actions, expected {len(spec['action_names'])}")
    if sorted(env.P) != list(range(num_states)):
        raise ExportError(f"{env_id}: P does not have exactly the states 0..{num_states - 1}")

    transitions = []
    for state in range(num_states):
        if sorted(env.P[state]) != list(range(num_actions)):
            raise ExportError(f"{env_id}: P[{state}] does not have exactly the actions 0..{num_actions - 1}")
        transitions.append([export_row(env.P[state][action], f"{env_id} P[{state}][{action}]", num_states)
                            for action in range(num_actions)])

    extra = spec["check"](env, transitions)
    initial = export_initial_distribution(env_id, env.initial_state_distrib)
    document = {
        "provenance": {"package": "gymnasium", "version": importlib.metadata.version("gymnasium"),
                       "environment": env_id, "kwargs": spec["kwargs"], "exporter": EXPORTER},
        "states": num_states,
        "actions": num_actions,
        "action_names": spec["action_names"],
        **{key: value for key, value in extra.items() if key != "absorbing_terminated_states"},
        "initial_state_distribution": [format_fraction(p) for p in initial],
        "terminal_handling": TERMINAL_CONVENTION + spec["terminal_note"],
        "absorbing_terminated_states": extra["absorbing_terminated_states"],
        "transitions": None,
    }
    return document, transitions, initial


def write_json(path, document, transitions):
    """Write one top-level field per line, except one line per state for the transitions."""
    lines = []
    for key, value in document.items():
        if key == "transitions":
            rows = ",\n".join("    " + json.dumps(row, separators=(",", ":")) for row in transitions)
            lines.append(f'  "transitions": [\n{rows}\n  ]')
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}")
    with open(path, "w", encoding="utf-8") as file:
        file.write("{\n" + ",\n".join(lines) + "\n}\n")


def summarize(document, transitions, initial):
    outcomes = [outcome for row in transitions for action_outcomes in row for outcome in action_outcomes]
    denominators = sorted({Fraction(outcome["probability"]).denominator for outcome in outcomes})
    rewards = sorted({outcome["reward"] for outcome in outcomes}, key=Fraction)
    terminated = sum(outcome["terminated"] for outcome in outcomes)
    support = sum(1 for p in initial if p != 0)
    return (f"{document['provenance']['environment']} {document['provenance']['kwargs']}: "
            f"{document['states']} states, {document['actions']} actions, "
            f"{len(transitions) * document['actions']} rows sum to exactly 1, {len(outcomes)} outcomes, "
            f"{terminated} terminated, denominators {denominators}, rewards {rewards}, "
            f"initial support {support}, absorbing terminated states {len(document['absorbing_terminated_states'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default="Theorems/data", help="directory for the JSON files")
    args = parser.parse_args()

    os.makedirs(args.out_dir, exist_ok=True)
    for spec in ENVIRONMENTS:
        document, transitions, initial = export_environment(spec)
        path = os.path.join(args.out_dir, spec["file"])
        write_json(path, document, transitions)
        print(summarize(document, transitions, initial))
        print(f"wrote {path}")


if __name__ == "__main__":
    try:
        main()
    except ExportError as error:
        sys.exit(f"error: {error}")

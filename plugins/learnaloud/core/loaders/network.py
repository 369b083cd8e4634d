"""The network file, network.yml: the network's name, description and key questions."""

from __future__ import annotations

from ..files import QUESTION_PLACES_FOLDER
from ..model import Network
from .reader import Reader


def load_network(reader: Reader) -> Network | None:
    path = reader.root / "network.yml"
    if not path.exists():
        reader.report.error(
            "network.yml",
            0,
            "the network file is missing",
            "create content/network.yml with at least 'name: …'",
        )
        return None
    parsed = reader.read_yaml(path, "network", "'name: …'")
    if parsed is None:
        return None
    network = reader.validate(Network, parsed.value, "network.yml", parsed.lines, "network")
    seen: set[str] = set()
    for index, question in enumerate(network.questions if network else ()):
        reader.reserved("network.yml", parsed.lines.line("questions", index, "id"), question.id, "question")
        if question.id == QUESTION_PLACES_FOLDER:  # questions/places/<place>/ is each place's answers
            reader.report.error(
                "network.yml",
                parsed.lines.line("questions", index, "id"),
                f"'{question.id}' cannot be the id of a question: the site uses questions/{question.id}/ "
                "for each place's answers",
                "choose another id, a few words about the question, e.g. 'our-places'",
            )
        if question.id in seen:
            reader.report.error(
                "network.yml",
                parsed.lines.line("questions", index, "id"),
                f"the question id '{question.id}' is used twice",
                "give each question its own id",
            )
        seen.add(question.id)
    return network

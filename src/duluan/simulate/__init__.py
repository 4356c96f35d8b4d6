"""A deterministic simulated Vietnamese stream (news, posts, comments, legacy files)
with its ground truth, for testing and evaluating duluan end to end."""

from .options import NoiseOptions, PlantedEvent, SimulationOptions, SimulationResult
from .simulator import simulate
from .truth import ItemTruth, PlaceTruth, RejectTruth, Truth, load_truth

__all__ = [
    "ItemTruth",
    "NoiseOptions",
    "PlaceTruth",
    "PlantedEvent",
    "RejectTruth",
    "SimulationOptions",
    "SimulationResult",
    "Truth",
    "load_truth",
    "simulate",
]

"""What a steps table may hold: roles, lanes, values, frames and the evidence behind emotions."""

from .lanes.moment import KINDS as MOMENT_KINDS
from .schema import LANE_KINDS, Lane, Roles

__all__ = ["LANE_KINDS", "MOMENT_KINDS", "Lane", "Roles"]
